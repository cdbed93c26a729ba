// Property: any text made of the feed format's kinds of lines reads without crashing and renders back exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MEDIA_LABELS } from '../../model/labels.js';
import type { Post } from '../../model/post.js';
import { ImportFormatError } from '../../util/errors.js';
import { renderTextFeed } from '../../feeds/text.js';
import { readTextDump, textDumpKind } from './index.js';

const NBSP = '\u00A0';

// Whole sentences so that the language heuristic actually fires (and misfires) inside generated files.
const SENTENCES = [
  'The ministers discussed cooperation in trade, energy and transport, and agreed to meet again before the end of the year.',
  'Both sides stressed the importance of regular consultations and welcomed the growing number of student exchanges.',
  "Les ministres ont examiné la coopération dans les domaines du commerce, de l'énergie et des transports cette année.",
  "Les deux parties ont souligné l'importance de consultations régulières entre leurs ministères des affaires étrangères.",
  'Министры обсудили сотрудничество в области торговли, энергетики и транспорта и договорились встретиться снова.',
  'Стороны подчеркнули важность регулярных консультаций между министерствами иностранных дел обеих стран.',
];

const noBreak = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\n/g, ' '));

const line = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.constantFrom(...MEDIA_LABELS) },
  { weight: 2, arbitrary: noBreak.map((s) => `Forwarded from${NBSP}${s}`) },
  { weight: 1, arbitrary: fc.constantFrom(`Forwarded from${NBSP}`, 'Forwarded from X', ' ', '\t', '\r') },
  { weight: 1, arbitrary: fc.constantFrom('#one #two', '#BRICS', '#123', 'a #tag_1 inside') },
  { weight: 3, arbitrary: fc.constantFrom(...SENTENCES) },
  { weight: 3, arbitrary: noBreak },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/[\n\0]/g, '')) },
);

const file = fc
  .record({
    lines: fc.array(line, { minLength: 1, maxLength: 25 }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lines, crlf, finalNewline, bom }) => {
    const eol = crlf ? '\r\n' : '\n';
    return (bom ? '\uFEFF' : '') + lines.join(eol) + (finalNewline ? eol : '');
  });

test('any feed-shaped text round-trips byte for byte, or is refused as blank', () => {
  fc.assert(
    fc.property(file, (input) => {
      fc.pre(textDumpKind(input) === 'feed');
      let posts: Post[];
      try {
        posts = readTextDump(input, { channel: 'c' }).flatMap((e) => (e.type === 'post' ? [e.post] : []));
      } catch (e) {
        assert.ok(e instanceof ImportFormatError && input.replace(/^\uFEFF/, '').trim() === '', String(e));
        return;
      }
      assert.equal(renderTextFeed(posts), input);
      assert.deepEqual(
        posts.map((p) => p.id),
        posts.map((_, i) => i + 1),
      );
      for (const p of posts) {
        for (const l of p.text.split('\n')) {
          assert.ok(!MEDIA_LABELS.includes(l), `label in the text of post ${p.id}`);
          assert.ok(!l.startsWith(`Forwarded from${NBSP}`), `header in the text of post ${p.id}`);
        }
        for (const e of p.entities) assert.ok(e.offset >= 0 && e.offset + e.length <= p.text.length);
      }
    }),
    { numRuns: 600 },
  );
});
