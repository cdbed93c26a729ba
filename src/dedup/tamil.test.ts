import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indicToLatin } from './indic.js';
import { tamilReadings } from './tamil.js';

const cases: [string, string[]][] = [
  ['குமார', ['kumara', 'gumara']], // the a at the end is said
  ['திசாநாயக்க', ['tisanayakka', 'disanayakka']], // ச is s; the doubled k stays
  ['மஹிந்த', ['mahinta', 'mahinda']], // voiced after a nasal
  ['பொங்கல்', ['ponkal', 'bongal']], // voiced at the start too (p and b are one sound to the name keys)
  ['சிறிசேன', ['sirisena']], // no stop to voice
];

for (const [word, readings] of cases)
  test(`tamilReadings(${word}) = ${readings.join(', ')}`, () =>
    assert.deepEqual(tamilReadings(indicToLatin(word)!), readings));
