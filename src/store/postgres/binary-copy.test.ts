// COPY's binary format against the text input: the same tsvectors (lexeme order, repeated lexemes and positions
// merged, limits) and the same text, numbers and booleans.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { PG_URL } from '../../../test/pg.js';
import { copyBinary, type BinaryVector } from './binary-copy.js';
import { lexeme } from './text.js';

/** Vectors as lexemes with positions, and the tsvector text the same lexemes give. */
const CASES: [BinaryVector, string][] = [
  [[], ''],
  [
    new Map([
      ['kazan', [1, 5]],
      ['brics', [2]],
    ]),
    "'kazan':1,5 'brics':2",
  ],
  [['a~2', "o'k~2", 'back\\slash~3'], `'a~2' ${lexeme("o'k~2")} ${lexeme('back\\slash~3')}`],
  // Astral and private-use characters (JS's UTF-16 order is not PostgreSQL's), out of order.
  [
    [
      ['\uE010sommet', [3]],
      ['\u{1D400}bold', [1]],
      ['金砖', [2]],
      ['\uE020brics', [4]],
    ],
    `${lexeme('\uE010sommet')}:3 ${lexeme('\u{1D400}bold')}:1 '金砖':2 ${lexeme('\uE020brics')}:4`,
  ],
  // A lexeme given twice, positions out of order, repeated and past the limit: merged and cut as the text input does.
  [
    [
      ['tag', [16383, 16383]],
      ['tag', [7]],
      ['many', Array.from({ length: 300 }, (_, i) => 300 - i)],
    ],
    `'tag':16383,16383 'tag':7 'many':${Array.from({ length: 300 }, (_, i) => 300 - i).join(',')}`,
  ],
];

if (!PG_URL) {
  describe('binary COPY', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  describe('binary COPY', () => {
    it('writes the values the text input gives', async () => {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
      const db = await pool.connect();
      try {
        await db.query('BEGIN');
        await db.query(
          'CREATE TEMP TABLE t (n bigint, s text, b bigint, f boolean, v tsvector) ON COMMIT DROP',
        );
        const big = [0, -1, 2 ** 40 + 3, -(2 ** 53 - 1), 9_007_199_254_740_991];
        await copyBinary(
          db,
          't',
          [
            ['n', 'bigint'],
            ['s', 'text'],
            ['b', 'bigint'],
            ['f', 'boolean'],
            ['v', 'tsvector'],
          ],
          CASES.map(([v], i) => [i, i % 2 ? 'tab\there, "quotes", \\N, été' : null, big[i], i % 2 === 0, v]),
        );
        const { rows } = await db.query<{
          n: number;
          s: string | null;
          b: string;
          f: boolean;
          v: string;
          same: boolean;
          want: string;
        }>(
          `SELECT t.n, t.s, t.b::text AS b, t.f, t.v::text AS v, t.v = w.v::tsvector AS same, w.v::tsvector::text AS want
           FROM t JOIN unnest($1::text[]) WITH ORDINALITY AS w(v, i) ON w.i = t.n + 1 ORDER BY t.n`,
          [CASES.map(([, text]) => text)],
        );
        assert.equal(rows.length, CASES.length);
        for (const r of rows) {
          assert.equal(r.v, r.want, `case ${r.n}`);
          assert.ok(r.same, `case ${r.n}`);
          assert.equal(r.s, r.n % 2 ? 'tab\there, "quotes", \\N, été' : null);
          assert.equal(r.b, String(big[r.n]));
          assert.equal(r.f, r.n % 2 === 0);
        }
        assert.match(rows[4]!.v, /'tag':7,16383/);
        await db.query('ROLLBACK');
      } finally {
        db.release();
        await pool.end();
      }
    });
  });
}
