// Pure functions of the story model and of language lists: one-line "why", post keys, ISO 639-1 codes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLanguageList } from './languages.js';
import { parsePostKey } from './post.js';
import { storyWhy } from './story.js';

describe('storyWhy', () => {
  const cases: [Parameters<typeof storyWhy>[0], string][] = [
    [{ reason: 'canonical', evidence: null }, 'canonical'],
    [{ reason: 'forward' }, 'forward'],
    [{ reason: 'forward', evidence: { matched: ['mfa/12'], score: 1, items: [] } }, 'forward of mfa/12'],
    [
      {
        reason: 'translation',
        evidence: { matched: ['a/1', 'b/2'], score: 0.714, items: ['d', 'n', 'x', 'y', 'z'] },
      },
      'translation of a/1, b/2 (0.71): d, n, x +2 more',
    ],
    [
      { reason: 'merged', evidence: { matched: ['a/1'], score: 1, items: ['merged by a reader'] } },
      'merged with a/1: merged by a reader',
    ],
  ];
  for (const [member, want] of cases) it(`${want}`, () => assert.equal(storyWhy(member), want));
});

describe('parsePostKey', () => {
  it('reads channel/id, an @ allowed; refuses the rest', () => {
    assert.deepEqual(parsePostKey('mfa_russia/123'), { channel: 'mfa_russia', id: 123 });
    assert.deepEqual(parsePostKey('@Demo/5'), { channel: 'Demo', id: 5 });
    for (const bad of ['', 'demo', 'demo/', '/5', 'demo/-1', 'demo/1.5', 'demo/1234567890123456'])
      assert.equal(parsePostKey(bad), null, bad);
  });
});

describe('parseLanguageList', () => {
  it('lower-cases, splits at commas and spaces, keeps each once in order', () => {
    assert.deepEqual(parseLanguageList('ru'), ['ru']);
    assert.deepEqual(parseLanguageList('RU, en,ru  uk'), ['ru', 'en', 'uk']);
  });
  it("'' and auto clear the pin", () => {
    for (const none of ['', '  ', 'auto', 'AUTO']) assert.equal(parseLanguageList(none), null);
  });
  it('refuses anything not ISO 639-1, naming it', () => {
    for (const [input, bad] of [
      ['xx', 'xx'],
      ['ru,rus', 'rus'],
      ['english', 'english'],
      ['sh', 'sh'],
    ])
      assert.throws(() => parseLanguageList(input!), new RegExp(`"${bad}" is not an ISO 639-1`));
  });
});
