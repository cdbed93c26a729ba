// The PostgreSQL search text helpers: the same words as text/words.ts, and tsquery/tsvector text that is safe.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldedWords, wordSpans } from '../../text/words.js';
import {
  lexeme,
  mappedPositions,
  phraseQuery,
  renderVector,
  tierVector,
  tsConfigFor,
  vectorPositions,
  wordVector,
  wordVectorOf,
} from './text.js';

describe('postgres search text', () => {
  it('folds the very words wordSpans gives, in every script', () => {
    const texts = [
      'The #BRICS summit in Kazan gathered leaders.',
      "Le sommet à Kazan: la coopération économique et l'élargissement. ÉTÉ Être",
      'Саммит #БРИКС в Казани. Ещё одна встреча, всё готово. Йод ЁЛКА',
      'قمة بريكس في قَازَان: التَّعَاوُن الاقتصادي ـــ',
      '金砖国家峰会在喀山举行 カタカナ ひらがな 한국어',
      'नमस्ते दुनिया ĞÜŞİÖÇ straße ǅ x²³ ①②',
      'e\u0301te\u0301 covid19 2024-09-09 t.me/mid_russia example.com',
      '🇷🇺 emoji 👍🏽 \uE000private\uE001 \u0000 \t\n',
      '',
    ];
    for (const t of texts)
      assert.deepEqual(
        foldedWords(t),
        wordSpans(t).map((s) => s.key),
        t,
      );
    // The second pass goes through the cache and must not differ.
    for (const t of texts)
      assert.deepEqual(
        foldedWords(t),
        wordSpans(t).map((s) => s.key),
        t,
      );
  });

  it('builds tsvector text with positions, and phrase/prefix tsquery text', () => {
    assert.equal(wordVector('Kazan, kazan! Summit'), "'kazan':1,2 'summit':3");
    assert.equal(wordVector(''), '');
    // Past PostgreSQL's limits: positions stop at 16383 and at 256 per word; the vector stays under 1 MB.
    const many = wordVector(Array.from({ length: 20000 }, () => 'w'));
    assert.equal(many.split(',').length, 256);
    assert.ok(many.endsWith(',256'));
    const late = wordVector([...Array.from({ length: 16390 }, () => 'a'), 'b', 'c']);
    assert.ok(late.endsWith("'b':16383 'c':16383"));
    const huge = wordVector(Array.from({ length: 200000 }, (_, i) => `word${i}`));
    assert.ok(huge.length < 1_000_000 && huge.startsWith("'word0':1 'word1':2"));
    assert.equal(wordVector('喀山'), "'喀':1 '山':2");
    assert.equal(phraseQuery('Coopération'), "'cooperation'");
    assert.equal(phraseQuery("l'élarg", true), "'l' <-> 'elarg':*");
    assert.equal(phraseQuery('!!!'), null);
    assert.equal(lexeme("it's a \\ test"), "'it''s a \\\\ test'");
  });

  it('marks the count tiers a lexeme reaches in either vector, once each', () => {
    const words = 'a a a b c c c c c c'.split(' ');
    const tsv = vectorPositions(words.length, (i) => [words[i]!]);
    const stem = vectorPositions(3, () => ['b']);
    assert.equal(tierVector(tsv, stem), "'a~2' 'a~3' 'c~2' 'c~3' 'c~4' 'c~6' 'b~2' 'b~3'");
    assert.equal(tierVector(vectorPositions(1, () => ["o'k"])), '');
  });
  it('picks the stemming configuration by language, simple otherwise', () => {
    const table: [string | null | undefined, string][] = [
      ['en', 'english'],
      ['FR', 'french'],
      ['ru', 'russian'],
      ['de', 'simple'],
      [null, 'simple'],
      [undefined, 'simple'],
    ];
    for (const [lang, want] of table) assert.equal(tsConfigFor(lang), want, String(lang));
  });

  it('maps a word vector to lexemes as the word-by-word pass does, or declines where the limits differ', () => {
    // Stems shared by several words merge their positions; a word with two lexemes, or none of its own (itself).
    const stems: Record<string, string | string[]> = {
      summits: 'summit',
      summit: 'summit',
      kazan: ['kaz', 'an'],
    };
    const lexemesOf = (w: string) => stems[w] ?? w;
    const asArray = (w: string) => [lexemesOf(w)].flat();
    const texts = [
      'summits in kazan summit the summit kazan summits',
      Array.from({ length: 300 }, (_, i) => (i % 2 ? 'summit' : 'summits')).join(' '), // past 256 positions
      [...Array.from({ length: 16390 }, () => 'a'), 'summits', 'summit'].join(' '), // past position 16383
      '',
    ];
    for (const t of texts) {
      const words = t.split(' ').filter((w) => w !== '');
      const vector = wordVectorOf(words);
      assert.ok(vector.whole);
      const want = renderVector(vectorPositions(words.length, (i) => asArray(words[i]!)));
      assert.equal(renderVector(mappedPositions(vector.positions, lexemesOf)!), want, t.slice(0, 30));
    }
    // Over 1 MB the words' order decides what is kept: declined. A word too long to index leaves the vector not whole.
    const huge = Array.from({ length: 200000 }, (_, i) => `word${i}`);
    assert.equal(wordVectorOf(huge).whole, false);
    const many = Array.from({ length: 60000 }, (_, i) => `w${i}`);
    assert.equal(
      mappedPositions(wordVectorOf(many).positions, (w) => [w, `${w}-stem-of-some-length`]),
      null,
    );
    assert.equal(wordVectorOf(['x'.repeat(3000)]).whole, false);
  });
});
