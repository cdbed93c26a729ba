import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity, SourceKind } from './post.js';
import { comparableText, sameFormatting, sameText, sameVersion } from './edits.js';

const e = (type: Entity['type'], offset: number, length: number, extra: Partial<Entity> = {}): Entity => ({
  type,
  offset,
  length,
  ...extra,
});
const r = (text: string, entities: Entity[], source: SourceKind = 'tme-html') => ({ text, entities, source });

describe('comparable text', () => {
  it('a line break the embed page writes where the channel page writes a space is the same text', () => {
    assert.ok(sameText('doing good. History shows', 'doing good.\nHistory shows'));
    assert.ok(sameText('a  b\n\n', ' a b'));
    assert.equal(comparableText(' a\u00a0\n b '), 'a b');
  });
  it('changed words, or words joined, are a different text', () => {
    assert.ok(!sameText('doing good', 'doing well'));
    assert.ok(!sameText('a b', 'ab'));
  });
});

describe('comparable formatting', () => {
  it('compares entities by the characters they cover, whitespace aside', () => {
    // "bold\n\n" as an export run vs "bold" on a page, the page's text having one line break less.
    const a = r('Hi bold\n\nend', [e('bold', 3, 6)], 'tme-html');
    const b = r('Hi bold\nend', [e('bold', 3, 4)], 'tme-html');
    assert.ok(sameVersion(a, b));
  });
  it('one run or two adjacent runs of the same style are the same formatting', () => {
    assert.ok(sameFormatting(r('ab cd', [e('bold', 0, 5)]), r('ab cd', [e('bold', 0, 3), e('bold', 3, 2)])));
  });
  it('a style moved to other words is an edit between two readings of one kind of source', () => {
    assert.ok(!sameFormatting(r('ab cd', [e('bold', 0, 2)]), r('ab cd', [e('bold', 3, 2)])));
    assert.ok(!sameFormatting(r('ab cd', [e('bold', 0, 2)]), r('ab cd', [])));
    assert.ok(
      !sameFormatting(
        r('go here', [e('text_link', 3, 4, { url: 'https://a' })]),
        r('go here', [e('text_link', 3, 4, { url: 'https://b' })]),
      ),
    );
  });
  it('derived kinds (links, #tags, @mentions) follow the text and never make an edit alone', () => {
    assert.ok(
      sameFormatting(r('see #tag @bob', [e('hashtag', 4, 4), e('mention', 9, 4)]), r('see #tag @bob', [])),
    );
  });
  it('kinds one source cannot show do not count: custom emoji on a t.me page, anything in a text dump', () => {
    const json = r('hi 👀', [e('custom_emoji', 3, 2, { customEmojiId: 'stickers/a.webp' })], 'export-json');
    assert.ok(sameFormatting(json, r('hi 👀', [], 'tme-html')));
    assert.ok(sameFormatting(r('ab', [e('bold', 0, 2)], 'export-json'), r('ab', [], 'text')));
    assert.ok(
      !sameFormatting(
        json,
        r(
          'hi 👀',
          [e('custom_emoji', 3, 2, { customEmojiId: 'stickers/a.webp' }), e('bold', 0, 2)],
          'export-json',
        ),
      ),
    );
  });
  it('against a flat export, nested formatting the export could not keep is not an edit', () => {
    // t.me: <b>ab <i>cd</i></b>; the export keeps one entity per run.
    const page = r('ab cd', [e('bold', 0, 5), e('italic', 3, 2)], 'tme-html');
    assert.ok(sameFormatting(page, r('ab cd', [e('bold', 0, 5)], 'export-json')));
    assert.ok(sameFormatting(page, r('ab cd', [e('bold', 0, 3), e('italic', 3, 2)], 'export-html')));
    // …but formatting where the export has none at all is still compared.
    assert.ok(!sameFormatting(page, r('ab cd', [e('bold', 0, 2)], 'export-json')));
  });
});
