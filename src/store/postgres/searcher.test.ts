// The parts a compiled tsquery needs, read to decide whether its count is cheap (searcher.ts skipCount): every word
// of an AND or a phrase in any of its forms; nothing under NOT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requiredParts } from './searcher.js';

test('requiredParts splits a compiled query at its top-level AND and phrase operators', () => {
  assert.deepEqual(requiredParts("(('sanctions') | ('sanction')) & (('energy') | ('energi'))"), [
    ['sanctions', 'sanction'],
    ['energy', 'energi'],
  ]);
  assert.deepEqual(requiredParts("'kazan' <-> 'summit'"), [['kazan'], ['summit']]);
  assert.deepEqual(requiredParts("'a' <2> 'b'"), [['a'], ['b']]);
  // An OR of phrases is one part: any of its forms makes it common.
  assert.deepEqual(requiredParts("('vene' <-> 'toka') | ('ven' <-> 'tok')"), [
    ['vene', 'toka', 'ven', 'tok'],
  ]);
  // A negated word is needed by no match; a quote inside a lexeme is not its end, nor is an & or ( within it.
  assert.deepEqual(requiredParts("'a' & !'b' & 'it''s & (x'"), [['a'], ["it's & (x"]]);
  assert.deepEqual(requiredParts("'solo'"), [['solo']]);
});
