import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractEvidence } from './evidence.js';
import { thaanaToLatin } from './thaana.js';
import { uncasedSpellings } from './uncased-names.js';

const cases: [string, string][] = [
  ['ޕާޓިލް', 'patil'], // long vowels as short ones, the sukun no vowel
  ['ޕްރަތީބާ', 'prathiba'],
  ['ދިއްލީ', 'dhili'], // the alifu with the sukun doubles the next consonant
  ['އިންޑިއާ', 'india'], // the alifu carries a vowel of its own
  ['މުޙަންމަދު', 'muhammadhu'], // ން before މ is m
  ['ޙުސައިން', 'husain'],
];

for (const [word, latin] of cases)
  test(`thaanaToLatin(${word}) = ${latin}`, () => assert.equal(thaanaToLatin(word), latin));

test('a word with a letter of another script is not read', () => {
  assert.equal(thaanaToLatin('ޕާޓިލްx'), null);
  assert.equal(thaanaToLatin('ලංකා'), null);
});

test('a name keeps its reading without the ending written onto it', () => {
  assert.deepEqual(uncasedSpellings('އިންޑިއާގެ'), ['indiage', 'india']); // "of India"
  assert.deepEqual(uncasedSpellings('ޕާޓިލާ'), ['patila', 'patil']); // "with Patil"
});

test('a Dhivehi release and its English version name the same people and places', () => {
  const dv = extractEvidence(
    'ރައީސުލްޖުމްހޫރިއްޔާ ޑޮކްޓަރ މުޙަންމަދު ވަޙީދާއި، އިންޑިއާގެ ރައީސާ މިސިޒް ޕްރަތީބާ ޕާޓިލާ މިއަދު ހަވީރު ބައްދަލުކުރައްވައިފިއެވެ.',
    2012,
    'dv',
    null,
  );
  const en = extractEvidence(
    'President Dr Mohamed Waheed has met with President Pratibha Patil of India this evening.',
    2012,
    'en',
    null,
  );
  const shared = [...dv.tokens.keys()].filter((t) => en.tokens.has(t) && dv.tokens.get(t) === 'name');
  const written = shared.map((t) => en.surface.get(t)).sort();
  assert.deepEqual(written, ['India', 'Mohamed', 'Patil', 'Pratibha', 'Waheed']);
});
