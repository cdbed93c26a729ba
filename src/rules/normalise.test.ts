import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldText, splitHashtag, StemKeys, stem, tokenize } from './normalise.js';

test('foldText folds case and diacritics but keeps й and turns ё into е', () => {
  assert.equal(foldText('Sergueï ÉLYSÉE Ёлка Йошкар-Ола ﬁn'), 'serguei elysee елка йошкар-ола fin');
});

const splits: [string, string[]][] = [
  ['BRICSsummit', ['brics', 'summit']],
  ['RussiaIndia', ['russia', 'india']],
  ['KievRegimeCrimes', ['kiev', 'regime', 'crimes']],
  ['HTMLParser', ['html', 'parser']],
  ['UNGA79', ['unga', '79']],
  ['druzhba_dosti', ['druzhba', 'dosti']],
  ['брикс2024', ['брикс', '2024']],
];
for (const [tag, want] of splits) {
  test(`splitHashtag splits #${tag} into ${want.join(' + ')}`, () => {
    assert.deepEqual(splitHashtag(tag), want);
  });
}

test('tokenize keeps hashtags as their words and splits on non-letters', () => {
  assert.deepEqual(tokenize('L’entretien: #BRICSsummit, 2024!'), [
    { word: 'l' },
    { word: 'entretien' },
    { word: 'brics', hashtag: 'bricssummit' },
    { word: 'summit', hashtag: 'bricssummit' },
    { word: '2024' },
  ]);
});

test('stem uses the language stemmer, and the word itself for a language without one', () => {
  assert.equal(stem('санкций', 'ru'), stem('санкции', 'ru'));
  assert.equal(stem('sanctions', 'en'), 'sanction');
  assert.equal(stem('sanctions', 'xx'), 'sanctions');
});

test('StemKeys share a key between inflections in any configured language of the script', () => {
  const sk = new StemKeys();
  const shares = (a: string, b: string): boolean =>
    sk.keys(foldText(a)).some((k) => sk.keys(foldText(b)).includes(k));
  assert.ok(shares('санкции', 'санкций'));
  assert.ok(shares('sanctions', 'sanction'));
  assert.ok(shares('négociations', 'negociation'));
  assert.ok(shares('брикс', 'брикса'));
  assert.ok(!shares('sanctions', 'санкции'));
  assert.ok(!shares('un', 'une'));
});
