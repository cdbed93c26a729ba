// The one definition of a word: folding, segmentation, hashtags and their parts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, foldWord, unmixScripts } from './fold.js';
import { hashtagParts, hashtagsIn, postHashtags, tagKey, wordTag } from './tags.js';
import { foldedWords, wordSpans } from './words.js';
import { emptyPost } from '../model/post.js';

const folds: [string, string][] = [
  ['Sergueï ÉLYSÉE Ёлка Йошкар-Ола ﬁn', 'serguei elysee елка йошкар-ола fin'],
  ['Straße STRASSE', 'strasse strasse'],
  ['Łódź', 'lodz'],
  ['Ｔｅｌｅｇｒａｍ', 'telegram'],
  ['ﬁnance', 'finance'],
  ['Їжак ґанок', 'іжак ґанок'],
  ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
  ['مُحَمَّد', 'محمد'],
  ['Tiếng Việt', 'tieng viet'],
  ['हिन्दी', 'हिन्दी'],
];
for (const [raw, want] of folds) {
  test(`foldText("${raw}") = "${want}"`, () => {
    assert.equal(foldText(raw), want);
    // A word folds the same alone as inside a text.
    for (const w of raw.split(' ')) assert.equal(foldWord(w), foldText(w));
  });
}

const words: [string, string[]][] = [
  ['L’entretien: #BRICSsummit, 2024!', ['l', 'entretien', 'brics', 'summit', '2024']],
  ['telegram中文', ['telegram', '中', '文']],
  ['加入telegram群组', ['加', '入', 'telegram', '群', '组']],
  ['コーヒー', ['コ', 'ー', 'ヒ', 'ー']],
  ['G20 саммит2024', ['g20', 'саммит2024']],
  ['Moscowмосква', ['moscow', 'москва']],
  ['🕰️Marriage', ['marriage']],
  ['ภาษาไทยง่าย', ['ภาษา', 'ไทย', 'ง่าย']],
  ['CO₂', ['co2']],
  ['a#b #123 #_x', ['a', 'b', '123', 'x']],
  // Modifier letters stay inside the word and fold away; the apostrophe ʼ separates as ’ does.
  ['duʿāʾ of Kaʿb, Hawaiʻi', ['dua', 'of', 'kab', 'hawaii']],
  ['كـتاب', ['كتاب']],
  ['обʼєднання об’єднання', ['об', 'єднання', 'об', 'єднання']],
  ['ʿ ʼ', []],
];
for (const [text, want] of words) {
  test(`foldedWords("${text}") = ${want.join(' ')}`, () => {
    assert.deepEqual(foldedWords(text), want);
    assert.deepEqual(
      wordSpans(text).map((s) => s.key),
      want,
    );
  });
}

test('a word with a modifier letter is highlighted whole', () => {
  assert.deepEqual(
    wordSpans('the duʿāʾ ends').map((s) => [s.start, s.end, s.key]),
    [
      [0, 3, 'the'],
      [4, 9, 'dua'],
      [10, 14, 'ends'],
    ],
  );
});

test('word spans point at the words as written, hashtag parts with their tag', () => {
  const text = 'Le #BRICSsummit 图书馆';
  const spans = wordSpans(text);
  assert.deepEqual(
    spans.map((s) => [text.slice(s.start, s.end), s.key, s.tag]),
    [
      ['Le', 'le', undefined],
      ['BRICS', 'brics', 'bricssummit'],
      ['summit', 'summit', 'bricssummit'],
      ['图', '图', undefined],
      ['书', '书', undefined],
      ['馆', '馆', undefined],
    ],
  );
});

const splits: [string, string[]][] = [
  ['BRICSsummit', ['BRICS', 'summit']],
  ['RussiaIndia', ['Russia', 'India']],
  ['KievRegimeCrimes', ['Kiev', 'Regime', 'Crimes']],
  ['HTMLParser', ['HTML', 'Parser']],
  ['UNGA79', ['UNGA', '79']],
  ['druzhba_dosti', ['druzhba', 'dosti']],
  ['брикс2024', ['брикс', '2024']],
  ['bricssummit', ['bricssummit']],
];
for (const [tag, want] of splits) {
  test(`hashtagParts splits #${tag} into ${want.join(' + ')}`, () => {
    assert.deepEqual(
      hashtagParts(tag).map(([s, e]) => tag.slice(s, e)),
      want,
    );
  });
}

test('one definition of a hashtag: in text, in a post, as a key', () => {
  assert.deepEqual(hashtagsIn('#a1 x#y &#39; #2024 #Россия, #中文'), ['#a1', '#Россия', '#中文']);
  assert.deepEqual(postHashtags({ ...emptyPost('c', 1, 'text'), text: 'News #BRICS #brics #Kazan' }), [
    'brics',
    'kazan',
  ]);
  assert.equal(tagKey('#BRICS_Summit'), 'brics\uE020summit');
  assert.equal(tagKey('Straße'), 'strasse');
  // The hashtag a bare query word finds whole: only a word that could be written as one.
  assert.equal(wordTag('KnowledgeDay'), 'knowledgeday');
  assert.equal(wordTag('кинострим'), 'кинострим');
  assert.equal(wordTag('brics_summit'), 'brics\uE020summit');
  assert.equal(wordTag('u.s.'), null);
  assert.equal(wordTag('2024'), null);
});

test('a word typed with the other script’s look-alike letters is one word of that script', () => {
  // Latin e, c, a, o, i, y inside Ukrainian words (a real channel's way past filters).
  const mixed = 'Зeлeнcький 23 ceрпня yзяв yчacть в цeрeмoнiї';
  const plain = 'Зеленський 23 серпня узяв участь в церемонії';
  assert.equal(unmixScripts(mixed), plain);
  assert.equal(unmixScripts(mixed).length, mixed.length, 'offsets stay');
  assert.deepEqual(foldedWords(mixed), foldedWords(plain));
  assert.equal(foldText(mixed), foldText(plain));
  assert.equal(foldWord('Зeлeнcький'), 'зеленський');
  // The span is the whole word as written, so a highlight covers it.
  assert.deepEqual(
    wordSpans('Зeлeнcький').map((w) => [w.start, w.end, w.key]),
    [[0, 10, 'зеленський']],
  );
  // And back: a Latin word with Cyrillic а and о.
  assert.equal(unmixScripts('Ukrаinе'), 'Ukraine');
  // Letters with no look-alike keep the word as it is; words of one script, and scripts apart, are left alone.
  assert.equal(unmixScripts('Путинd'), 'Путинd');
  assert.equal(unmixScripts('Sergueï Лавров Kyiv Київ'), 'Sergueï Лавров Kyiv Київ');
  assert.deepEqual(foldedWords('Путинd'), ['путин', 'd']);
});
