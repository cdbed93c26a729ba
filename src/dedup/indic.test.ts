import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indicToLatin } from './indic.js';

const cases: [string, string][] = [
  ['पेशावर', 'peshavar'], // Devanagari: inherent a between consonants, none at the end
  ['भारत', 'bharat'],
  ['अरिंदम', 'arindam'], // anusvara
  ['ज़ेलेंस्की', 'zelenski'], // nukta: ज़ is z; virama: no vowel
  ['फ़्रांस', 'frans'],
  ['পাকিস্তান', 'pakistan'], // Bengali
  ['ਪੰਜਾਬ', 'panjab'], // Gurmukhi tippi
  ['ગુજરાત', 'gujarat'], // Gujarati
  ['പാകിസ്ഥാൻ', 'pakisthan'], // Malayalam chillu n
  ['இந்தியா', 'intiya'], // Tamil writes t and d alike
];

for (const [word, latin] of cases)
  test(`indicToLatin(${word}) = ${latin}`, () => assert.equal(indicToLatin(word), latin));

test('a word with a letter of another script is not read', () => {
  assert.equal(indicToLatin('पेशावरx'), null);
  assert.equal(indicToLatin('Peshawar'), null);
});
