import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactKey, intersectSize, shingleSample, statementWords } from './text.js';

test('statementWords drops emoji, hashtags, links and mentions and folds the rest', () => {
  assert.deepEqual(statementWords('🇷🇺💬 Sergueï LAVROV: https://t.me/x #BRICS @mfa_russia 2024!'), [
    'serguei',
    'lavrov',
    '2024',
  ]);
});

test('exactKey is the same for a copy that only adds emoji, hashtags, links or spacing', () => {
  const a = 'On September 3, the BRICS Customs Heads meeting took place in Moscow.';
  const b =
    '🛃  On September 3, the BRICS Customs Heads meeting took place in Moscow. #BRICS https://customs.gov.ru';
  assert.equal(exactKey(statementWords(a)), exactKey(statementWords(b)));
  assert.notEqual(exactKey(statementWords(a)), exactKey(statementWords(a.replace('3', '4'))));
});

test('exactKey refuses statements too short to tell a copy from a coincidence', () => {
  assert.equal(exactKey(statementWords('📰 Read 📺 Watch')), null);
});

test('every shingle of a cut-shorter copy is in the original too', () => {
  const long = statementWords(
    'The Ministers had an in-depth exchange of views on a broad range of international issues, including items on the agenda of the session. Discussions focused on peace and security, global economic stability, and sustainable development.',
  );
  const cut = long.slice(10, 30);
  const a = shingleSample(long);
  const b = shingleSample(cut);
  assert.ok(b.length >= 3, `sample of the cut copy too small: ${b.length}`);
  assert.equal(intersectSize(a, b), b.length);
});
