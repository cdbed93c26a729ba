import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery } from '../../search/parse.js';
import { withoutWord } from '../rank-classes.js';
import { LEVELS, classQuery, rankClasses, rankWords, repeatedQuery } from './search-rank.js';
import { Lexicon } from './stem.js';

/** Stems as PostgreSQL's configurations would give them, for the words these tests ask. */
const stems = new Lexicon(
  new Map(
    ['english', 'french', 'russian'].map((config) => [
      config,
      new Map([
        ['banks', [config === 'english' ? 'bank' : 'banks']],
        ['bank', ['bank']],
        ['energy', [config === 'english' ? 'energi' : 'energy']],
      ]),
    ]),
  ),
);

/** f(n) as ts_rank gives it (no weights): 0.1 * sum of 1/i^2 up to n, over pi^2/6. */
const f = (n: number): number => {
  let s = 0;
  for (let i = 1; i <= n; i++) s += 1 / (i * i);
  return (0.1 * s) / 1.64493406685;
};

describe('relevance classes', () => {
  it('takes an AND of plain words, with NOT parts and fields beside them; nothing else', () => {
    const words = rankWords(parseQuery('banks energy -oil channel:x'), stems)!;
    assert.deepEqual(words.forms, [
      ['banks', 'bank'],
      ['energy', 'energi'],
    ]);
    for (const q of ['"banks energy"', 'banks OR energy', 'bank*', '#banks'])
      assert.equal(rankWords(parseQuery(q), stems), null, q);
  });

  it("tests a word's count marks against the other words, or the fields alone when none is left", () => {
    const q = parseQuery('Banks energy -oil channel:x');
    assert.deepEqual(withoutWord(q, 'banks'), parseQuery('energy -oil channel:x'));
    assert.deepEqual(withoutWord(q, 'energy'), parseQuery('Banks -oil channel:x'));
    // A NOT part alone would read the whole index: without a word it goes, and the test sees more posts, not fewer.
    assert.deepEqual(withoutWord(parseQuery('banks -oil channel:x'), 'banks'), parseQuery('channel:x'));
    assert.equal(withoutWord(parseQuery('banks -oil'), 'banks'), null);
    assert.equal(withoutWord(parseQuery('banks'), 'banks'), null);
  });

  it('bounds each class by the most its words can count, highest bound first; words counted once score f(1)', () => {
    const words = rankWords(parseQuery('banks energy'), stems)!;
    const classes = rankClasses(words, f);
    assert.equal(classes.length, LEVELS.length ** 2);
    for (let i = 1; i < classes.length; i++) assert.ok(classes[i - 1]!.bound >= classes[i]!.bound);
    const once = classes.find((c) => c.levels.every((l) => l === 0))!;
    assert.ok(Math.abs(once.top - f(1)) < 1e-12);
    assert.equal(once.exact, true);
    // 'banks' 4 or 5 times, 'energy' twice: the mean of f(5) and f(2), not exact.
    const mixed = classes.find((c) => c.levels[0] === 3 && c.levels[1] === 1)!;
    assert.ok(Math.abs(mixed.top - (f(5) + f(2)) / 2) < 1e-12);
    assert.equal(mixed.exact, false);
    // Only the levels found among the matches are listed.
    assert.deepEqual(
      rankClasses(words, f, [1, 0]).map((c) => c.levels),
      [
        [1, 0],
        [0, 0],
      ],
    );
  });

  it('counts a lexeme two words share once, at the lesser of their bounds', () => {
    // 'banks' and 'bank' are one English stem: ts_rank of the English stems is f(count of 'bank') alone.
    const words = rankWords(parseQuery('banks bank'), stems)!;
    assert.deepEqual(words.means[1], [[0, 1]]);
    const c = rankClasses(words, f).find((x) => x.levels[0] === 7 && x.levels[1] === 0)!;
    // As written, f(256) and f(1) averaged; by the English stem, f(1): 'bank' at level 0 caps the shared lexeme.
    assert.ok(Math.abs(c.top - (f(256) + f(1)) / 2) < 1e-12);
  });

  it('finds a class by its marks: each word at its level and not the next', () => {
    const words = rankWords(parseQuery('banks energy'), stems)!;
    assert.equal(
      classQuery(words, [3, 0]),
      "('banks~4' | 'bank~4') & !('banks~6' | 'bank~6') & !('energy~2' | 'energi~2')",
    );
    assert.equal(
      classQuery(words, [7, 1]),
      "('banks~16' | 'bank~16') & ('energy~2' | 'energi~2') & !('energy~3' | 'energi~3')",
    );
    assert.equal(classQuery(words, [0, 0]), null);
    assert.equal(repeatedQuery(words), "'banks~2' | 'bank~2' | 'energy~2' | 'energi~2'");
  });
});
