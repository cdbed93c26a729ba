import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupRareLanguages } from './stats.js';

test('the dashboard keeps common languages, sums rare ones as "other" and keeps undetermined posts and posts without text apart', () => {
  const list = [
    { lang: 'ru', posts: 900 },
    { lang: 'en', posts: 80 },
    { lang: 'sr', posts: 3 },
    { lang: 'bg', posts: 2 },
    { lang: 'und', posts: 10 },
    { lang: null, posts: 5 },
  ];
  assert.deepEqual(groupRareLanguages(list), [
    { lang: 'ru', posts: 900 },
    { lang: 'en', posts: 80 },
    { lang: 'other', posts: 5 },
    { lang: 'und', posts: 10 },
    { lang: null, posts: 5 },
  ]);
});

test('at most eight languages are named, however even the mix', () => {
  const list = 'abcdefghij'.split('').map((c) => ({ lang: `${c}${c}`, posts: 10 }));
  const out = groupRareLanguages(list);
  assert.equal(out.length, 9);
  assert.deepEqual(out.at(-1), { lang: 'other', posts: 20 });
});
