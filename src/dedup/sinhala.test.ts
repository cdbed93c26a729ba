import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sinhalaToLatin } from './sinhala.js';

const cases: [string, string][] = [
  ['පෙරේරා', 'perera'], // vowel signs
  ['දිසානායක', 'disanayaka'], // the inherent a, at the end too
  ['රනිල්', 'ranil'], // virama: no vowel
  ['ලංකා', 'lanka'], // anusvara
  ['කොළඹ', 'kolamba'], // prenasalised mb
  ['වික්‍රමසිංහ', 'vikramasinha'], // a joiner inside the conjunct
  ['ශ්රී', 'shri'], // the same conjunct as a page copies it, without one
  ['පෙරේරා'.normalize('NFD'), 'perera'], // the two-part vowel decomposed
];

for (const [word, latin] of cases)
  test(`sinhalaToLatin(${word}) = ${latin}`, () => assert.equal(sinhalaToLatin(word), latin));

test('a word with a letter of another script is not read', () => {
  assert.equal(sinhalaToLatin('ලංකාx'), null);
  assert.equal(sinhalaToLatin('भारत'), null);
});
