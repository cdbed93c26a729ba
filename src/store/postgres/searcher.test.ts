// What searcher.ts reads from a compiled query without asking the server: the parts a tsquery needs, to decide
// whether its count is cheap (skipCount): every word of an AND or a phrase in any of its forms, nothing under NOT;
// and whether the index alone decides each match, so that a date-ordered page may read many matches whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readsExactly, requiredParts } from './searcher.js';

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

test('readsExactly: words alone and plain column filters, not phrases, prefixes, NOT or per-row subqueries', () => {
  const words = "('brics' | '\uE010bric') & ('summit' | '\uE010summit')";
  const text = ['p.tsv_all @@ $1::tsquery'];
  assert.equal(readsExactly(text, [words]), true);
  assert.equal(
    readsExactly([...text, 'p.channel = ANY($2::text[])', 'p.date >= $3'], [words, ['a'], '2024']),
    true,
  );
  assert.equal(readsExactly(text, ["'kazan' <-> 'summit'"]), false);
  assert.equal(readsExactly(text, ["'a' <2> 'b'"]), false);
  assert.equal(readsExactly(text, ["'kaz':*"]), false);
  assert.equal(readsExactly(text, ["'a' & !'b'"]), false);
  // Two word conditions (an AND with a field between them): each is looked at.
  assert.equal(
    readsExactly(['(p.tsv_all @@ $1::tsquery AND p.tsv_all @@ $2::tsquery)'], ["'a'", "'b' <-> 'c'"]),
    false,
  );
  const topic =
    'EXISTS (SELECT 1 FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id AND t.topic = $2)';
  assert.equal(readsExactly([...text, topic], [words, 'brics']), false);
  // Nothing to read through the index: browsing the newest posts counts as before.
  assert.equal(readsExactly([], []), false);
  assert.equal(readsExactly(['p.lang = $1'], ['en']), false);
});
