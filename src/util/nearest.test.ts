import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, nearestNames } from './nearest.js';

test('editDistance counts insertions, deletions, substitutions and swaps of code points', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['abc', '', 3],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['mfa_russia', 'mfa_rusia', 1],
    ['brics', 'brisc', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
    ['БРИКС', 'БРИК', 1],
    ['😀a', '😁a', 1],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(editDistance(a, b), want, `${a} / ${b}`);
    assert.equal(editDistance(b, a), want, `${b} / ${a}`);
  }
});

const NAMES = ['mfa_russia', 'mfarussia_fr', 'demo', 'durov', 'lexfridman', 'brics_news', 'sample'];

const cases: { name: string; input: string; want: string[] }[] = [
  { name: 'one letter missing', input: 'mfa_rusia', want: ['mfa_russia'] },
  { name: 'case does not count', input: 'DEMO', want: ['demo'] },
  { name: 'a swapped pair is one edit', input: 'dmeo', want: ['demo'] },
  { name: 'one letter wrong in a short name', input: 'demp', want: ['demo'] },
  { name: 'two letters wrong in a short name is too far', input: 'dexp', want: [] },
  { name: 'a prefix typed', input: 'lexfrid', want: ['lexfridman'] },
  { name: 'a letter missing at the end', input: 'duro', want: ['durov'] },
  { name: 'nothing close', input: 'zzzzzzzz', want: [] },
  { name: 'empty input suggests nothing', input: '', want: [] },
];
for (const c of cases)
  test(`nearestNames: ${c.name}`, () => {
    assert.deepEqual(nearestNames(c.input, NAMES), c.want);
  });

test('nearestNames returns at most the limit, closest first', () => {
  const names = ['abcf', 'abce', 'abxx', 'abcdz', 'abcd'];
  assert.deepEqual(nearestNames('abcd', names, 2), ['abcd', 'abcdz']);
  assert.deepEqual(nearestNames('abcd', names), ['abcd', 'abcdz', 'abce']);
  assert.deepEqual(nearestNames('abcd', names, 5), ['abcd', 'abcdz', 'abce', 'abcf']);
});

test('nearestNames compares a bounded prefix of a pasted paragraph', () => {
  const long = 'x'.repeat(10_000);
  assert.deepEqual(nearestNames(long, ['x'.repeat(64), 'y']), ['x'.repeat(64)]);
});
