// The stem index's rules, which both stores follow (the lexemes themselves are checked against PostgreSQL's own
// configurations in test/migrate-store.test.ts when a server is at hand).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery } from './parse.js';
import { hitSnippet, queryMatchers } from './snippet.js';
import { stemmedQueryWords } from './terms.js';
import { foldedWords } from '../text/words.js';
import {
  hasRefinedRussianLexeme,
  indexedText,
  isStemmable,
  stemConfigFor,
  stemLexeme,
  stemLexemes,
} from '../text/stems.js';

describe('stem index rules', () => {
  it('stems words of letters with Snowball in the configuration of the post language', () => {
    assert.equal(stemLexeme('english', 'summits'), 'summit');
    assert.equal(stemLexeme('english', 'banks'), 'bank');
    assert.equal(stemLexeme('french', 'économiques'), 'économ');
    assert.equal(stemLexeme('russian', 'санкций'), 'санкц');
    assert.equal(stemLexeme('russian', 'санкции'), 'санкц');
    assert.deepEqual(stemLexemes('english', ['the', 'summits']), ['the', 'summit']);
  });
  it("a Russian noun whose nominative Snowball cuts short keeps one lexeme in every case; verbs keep Snowball's", () => {
    const one = (words: string[]): string[] => [...new Set(words.map((w) => stemLexeme('russian', w)))];
    assert.deepEqual(one(['визит', 'визита', 'визите', 'визитом', 'визиты', 'визитов']), ['виз']);
    assert.deepEqual(one(['саммит', 'саммита', 'саммите', 'саммитах']), ['самм']);
    assert.deepEqual(one(['лавров', 'лаврова', 'лаврову']), ['лавр']);
    assert.deepEqual(one(['иран', 'ирана', 'ирану', 'ираном', 'иране']), ['ира']);
    assert.deepEqual(one(['казахстан', 'казахстана', 'казахстане', 'казахстаном']), ['казахста']);
    assert.deepEqual(one(['канал', 'каналы', 'каналом', 'канале']), ['кана']);
    assert.deepEqual(one(['режим', 'режима', 'режиме']), ['реж']);
    assert.deepEqual(one(['говорит', 'говорил', 'говорят', 'говорить']), ['говор']);
    // Adjectives in -овой keep their stem (газовой is not газ), and a cut never leaves a stop word (имени, им).
    assert.equal(stemLexeme('russian', 'газовой'), 'газов');
    assert.equal(stemLexeme('russian', 'имени'), 'имен');
    assert.equal(stemLexeme('russian', 'политика'), 'политик');
    assert.equal(hasRefinedRussianLexeme('Итоги визита министра'), true);
    assert.equal(hasRefinedRussianLexeme('Министр говорит о политике'), false);
  });
  it('a stop word keeps its own form; a word with digits or marks is not stemmed', () => {
    assert.equal(stemLexeme('english', 'does'), 'does', 'Snowball alone would give "doe"');
    assert.equal(stemLexeme('russian', 'всё'), 'всё');
    assert.equal(stemLexeme('english', 'g20s'), 'g20s');
    assert.equal(stemLexeme('english', 'issue¹'), 'issue¹');
    assert.equal(isStemmable('summits'), true);
    assert.equal(isStemmable('co2'), false);
  });
  it('the russian configuration stems ASCII words as English (as PostgreSQL maps asciiword)', () => {
    assert.equal(stemLexeme('russian', 'sanctions'), 'sanction');
    assert.equal(stemLexeme('russian', 'the'), 'the');
  });
  it('languages without a configuration are not stemmed', () => {
    assert.equal(stemConfigFor('EN'), 'english');
    assert.equal(stemConfigFor('de'), null);
    assert.equal(stemConfigFor(null), null);
  });
  it('a query stems its words and phrases, not its prefixes, hashtags or fields', () => {
    assert.deepEqual(
      [...stemmedQueryWords(parseQuery('Summits "in Kazan" bank* #brics lang:en -sanctions'))].sort(),
      ['in', 'kazan', 'sanctions', 'summits'],
    );
  });
  it('a hit found by its stem alone marks the words sharing a stem with the query', () => {
    const node = parseQuery('санкций');
    const text = 'Новые санкции против банков';
    const snippet = hitSnippet(text, 'russian', queryMatchers(node), stemmedQueryWords(node));
    assert.equal(snippet, 'Новые \uE000санкции\uE001 против банков');
    assert.equal(hitSnippet(text, null, queryMatchers(node), stemmedQueryWords(node)), text);
  });
  it('a phrase found through the stem of one of its words marks that word too, not only those written alike', () => {
    for (const [query, text, marked] of [
      [
        '"brics summits"',
        'Lavrov on the upcoming #BRICS Summit in Kazan',
        'upcoming #\uE000BRICS\uE001 \uE000Summit\uE001 in',
      ],
      [
        '"foreign ministers"',
        'Foreign Minister Sergey Lavrov met with Foreign Minister Wang Yi',
        '\uE000Foreign\uE001 \uE000Minister\uE001 Sergey Lavrov met with \uE000Foreign\uE001 \uE000Minister\uE001',
      ],
      ['summits', 'The summits and the Summit', 'The \uE000summits\uE001 and the \uE000Summit\uE001'],
    ] as const) {
      const node = parseQuery(query);
      const snippet = hitSnippet(text, 'english', queryMatchers(node), stemmedQueryWords(node));
      assert.ok(snippet.includes(marked), `${query}: ${snippet}`);
    }
  });
  it('indexedText is foldedWords and stemLexemes joined, also when its cache answers', () => {
    const texts = [
      'The #BRICS summits in Kazan gathered leaders. Sanctions!',
      "Le sommet à Kazan: la coopération économique et l'élargissement. ÉTÉ",
      'Саммит #БРИКС в Казани. Ещё одна встреча, всё готово. запустил🪭собрал',
      '金砖国家峰会在喀山举行 🕰️Marriage e\u0301te\u0301 x²³ covid19 t.me/mid_russia',
      '',
    ];
    for (let round = 0; round < 2; round++)
      for (const t of texts)
        for (const config of ['english', 'french', 'russian', null] as const) {
          const words = foldedWords(t);
          assert.deepEqual(indexedText(t, config), {
            words: words.join(' '),
            stems: config ? stemLexemes(config, words).join(' ') : '',
          });
        }
  });
});
