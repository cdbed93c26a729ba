// Splitting and entity conversion: limits in UTF-16 units, paragraph cuts, entities split across parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { botEntities, splitMessage, toBotEntity } from './format.js';

test('entity kinds become Bot API entities; unsendable ones are dropped', () => {
  const text = 'see https://x.org and link +1 555';
  const cases: [Parameters<typeof toBotEntity>[0], ReturnType<typeof toBotEntity>][] = [
    [
      { type: 'link', offset: 4, length: 13 },
      { type: 'url', offset: 4, length: 13 },
    ],
    [
      { type: 'link', offset: 22, length: 4, url: 'https://y.org' },
      { type: 'text_link', offset: 22, length: 4, url: 'https://y.org' },
    ],
    [
      { type: 'phone', offset: 27, length: 6 },
      { type: 'phone_number', offset: 27, length: 6 },
    ],
    [
      { type: 'blockquote', offset: 0, length: 3, collapsed: true },
      { type: 'expandable_blockquote', offset: 0, length: 3 },
    ],
    [{ type: 'custom_emoji', offset: 0, length: 2, customEmojiId: '1' }, null],
    [{ type: 'text_link', offset: 0, length: 3, url: 'tg://user?id=1' }, null],
  ];
  for (const [e, want] of cases) assert.deepEqual(toBotEntity(e, text), want, e.type);
  assert.deepEqual(botEntities('ab', [{ type: 'bold', offset: 1, length: 10 }]), [
    { type: 'bold', offset: 1, length: 1 },
  ]);
});

test('a short text is one part; a long one is cut at paragraphs, each part within the limit', () => {
  const text = ['aaaa aaaa', 'bbbb bbbb', 'cccc'].join('\n\n');
  assert.deepEqual(splitMessage({ text, entities: [] }, 100).length, 1);
  const parts = splitMessage({ text, entities: [{ type: 'bold', offset: 5, length: 10 }] }, 12);
  assert.deepEqual(
    parts.map((p) => p.text),
    ['aaaa aaaa', 'bbbb bbbb', 'cccc'],
  );
  // "aaaa|\n\n|bbb" bold: its first part ends at the cut, its second starts the next part.
  assert.deepEqual(parts[0]!.entities, [{ type: 'bold', offset: 5, length: 4 }]);
  assert.deepEqual(parts[1]!.entities, [{ type: 'bold', offset: 0, length: 4 }]);
});

test('a hard cut never splits a surrogate pair; the first part may have its own (caption) limit', () => {
  const text = '😀'.repeat(10); // 20 UTF-16 units, no spaces
  const parts = splitMessage({ text, entities: [] }, 7, 5);
  for (const p of parts) assert.doesNotMatch(p.text, /^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  assert.equal(parts[0]!.text.length, 4);
  assert.ok(parts.slice(1).every((p) => p.text.length <= 7));
  assert.equal(parts.map((p) => p.text).join(''), text);
});

test('a long text with many unsplittable entities is cut only outside them, every part within the limit', () => {
  const text = '#ab '.repeat(25_000).trimEnd();
  const entities = [];
  for (let i = 0; i < 25_000; i++) entities.push({ type: 'hashtag', offset: 4 * i, length: 3 });
  // Links over the first 2,000 units, given after the tags, block every cut there.
  for (let i = 0; i < 5_000; i++) entities.push({ type: 'url', offset: 0, length: 2_000 });
  const parts = splitMessage({ text, entities }, 4096);
  assert.ok(parts.length >= 25);
  assert.equal(parts.map((p) => p.text).join(' '), text);
  assert.ok(parts[0]!.text.length >= 2_000, 'the first cut comes after the links');
  for (const p of parts) {
    assert.ok(p.text.length <= 4096);
    assert.match(p.text, /^#ab( #ab)*$/, 'no tag is cut in two');
  }
});
