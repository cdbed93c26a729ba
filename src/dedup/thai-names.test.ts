import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvidence } from './evidence.js';
import { consonantSpellings, thaiNames } from './thai-names.js';

const names = (text: string, lang: string): Set<string> =>
  new Set([...extractEvidence(text, null, lang).tokens.keys()].filter((t) => t.startsWith('name:')));

test('a Thai post and its English version share the people and places they name', () => {
  const th = names(
    'นายมาริษ เสงี่ยมพงษ์ รัฐมนตรีว่าการกระทรวงการต่างประเทศ แสดงความเสียใจต่อคนไทยในอิสราเอล ใกล้ชายแดนเลบานอน',
    'th',
  );
  const en = names(
    'Foreign Minister Maris Sangiampongsa expressed condolences over Thais killed in Israel near the border with Lebanon.',
    'en',
  );
  const shared = [...en].filter((t) => th.has(t)).sort();
  assert.deepEqual(shared, ['name:lbn', 'name:mrs', 'name:sngm', 'name:srl']);
});

test('a Thai title before a name makes it a name; words that begin like a title do not', () => {
  assert.deepEqual(thaiNames('นายมาริษ', 'เสงี่ยมพงษ์', false), {
    names: [['มาริษ เสงี่ยมพงษ์', ['maras', 'sngaympng']]],
    tookNext: true,
  });
  // นายกรัฐมนตรี is "prime minister", not Mr. Kratthamontri.
  assert.deepEqual(thaiNames('นายกรัฐมนตรี', 'ญี่ปุ่น', false), { names: [], tookNext: false });
  // After ดร. (written as a word of its own) the next word is the name.
  assert.equal(thaiNames('ทักษิณ', undefined, true).names.length, 1);
  // A word the lists know is a name without a title; the word after is not taken.
  assert.deepEqual(thaiNames('ชายแดนอิสราเอล', 'และ', false), {
    names: [['อิสราเอล', ['Israel']]],
    tookNext: false,
  });
});

test('Thai consonants spell a name: silent letters dropped, ก read both as k and as g', () => {
  assert.deepEqual(consonantSpellings('กาซา'), ['kasa', 'gasa']);
  // ์ silences the ษ of พงษ์.
  assert.ok(!consonantSpellings('พงษ์')[0]!.endsWith('s'));
});
