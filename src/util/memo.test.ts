import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Memo } from './memo.js';

test('Memo computes a key once, keeps null results, and starts over when full', () => {
  const calls: string[] = [];
  const m = new Memo<string | null>(2, (k) => {
    calls.push(k);
    return k === 'none' ? null : k.toUpperCase();
  });
  assert.equal(m.get('a'), 'A');
  assert.equal(m.get('a'), 'A');
  assert.equal(m.get('none'), null);
  assert.equal(m.get('none'), null);
  assert.deepEqual(calls, ['a', 'none']);
  // Full (2 entries): the third key drops the table, so 'a' is computed again.
  assert.equal(m.get('b'), 'B');
  assert.equal(m.get('a'), 'A');
  assert.deepEqual(calls, ['a', 'none', 'b', 'a']);
  m.clear();
  m.get('b');
  assert.deepEqual(calls, ['a', 'none', 'b', 'a', 'b']);
});
