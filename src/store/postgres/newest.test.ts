// Newest-first pages (newest.ts), on both search plans: exactly the date order over every match, whether the count's
// rows give the page, the date index is walked, the first window holds the page, a wider one does, or the whole
// table is sorted.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../../model/post.js';
import type { PostRow } from './rows.js';
import { PG_URL, admin, schemaPool } from '../../../test/pg.js';
import { openPostgresStore } from './index.js';
import { NewestPages } from './newest.js';

const schemas = schemaPool('newest');

if (!PG_URL) {
  describe('newest-first pages', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  const url = PG_URL;
  after(() => schemas.dropAll());

  /** The posts of `schema` holding `word`, newest first, as SQL orders them: what every page is compared with. */
  const newestOf = (schema: string, word: string, offset: number, limit: number): Promise<string[]> =>
    admin(async (c) =>
      (
        await c.query<{ k: string }>(
          `SELECT channel || '/' || id AS k FROM ${schema}.posts WHERE text ~ $1
           ORDER BY sort_date DESC, channel DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
          [`\\m${word}\\M`],
        )
      ).rows.map((r) => r.k),
    );

  /** A newest-first page of the store, checked against newestOf; the result, for its total. */
  const checkedPage = async (
    store: Awaited<ReturnType<typeof openPostgresStore>>,
    schema: string,
    word: string,
    offset: number,
    limit: number,
  ) => {
    const r = await store.search(word, { offset, limit, sort: 'date' });
    assert.deepEqual(
      r.hits.map((h) => `${h.post.channel}/${h.post.id}`),
      await newestOf(schema, word, offset, limit),
      `${word} @${offset}`,
    );
    return r;
  };

  describe('newest-first pages', () => {
    for (const searchIndex of ['gin', 'rum'] as const)
      it(`pages are exactly sort_date, channel, id newest first over every match (${searchIndex})`, async () => {
        const schema = schemas.fresh();
        const store = await openPostgresStore(url, { schema, searchIndex });
        const n = 3000;
        // Ten posts a minute in two channels (equal dates at every window's edge); 'old' only in the oldest third,
        // so a window sized by its count holds none of them and a wider one is needed.
        const posts = Array.from({ length: n }, (_, i): Post => ({
          ...emptyPost(i % 2 ? 'a' : 'b', i + 1, 'text'),
          date: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 10) * 60_000).toISOString(),
          text: ['common', i % 2 ? 'alpha' : '', i % 5 === 0 ? 'rare' : '', i < 1000 ? 'old' : ''].join(' '),
          lang: i % 3 === 0 ? 'en' : null,
        }));
        await store.transaction(async () => {
          for (let i = 0; i < n; i += 500) await store.savePosts(posts.slice(i, i + 500));
        });
        // The window needs the date histogram, as autovacuum's ANALYZE leaves it.
        await admin((c) => c.query(`ANALYZE ${schema}.posts`));
        const ref = (word: string, offset: number, limit: number) => newestOf(schema, word, offset, limit);
        // The pages through date windows, asked directly: in an archive this small the store counts or walks.
        // `claimed`: the match count the page is told (an overestimate makes the first window hold too few).
        const windows = async (word: string, n: number, claimed = 1001): Promise<string[]> =>
          admin(async (c) => {
            await c.query(`SET search_path = ${schema}`);
            const pages = new NewestPages(
              async (_, text, values) => (await c.query(text, values)).rows,
              1,
              0,
            );
            const rows = await pages.page<PostRow>(
              'SELECT p.channel, p.id, p.sort_date',
              ['p.tsv_all @@ $1::tsquery'],
              [`'${word}'`],
              n,
              claimed,
            );
            return rows.map((r) => `${r.channel}/${r.id}`);
          });
        try {
          for (const word of ['common', 'alpha', 'old'])
            for (const n of [20, 7, 65, 620])
              assert.deepEqual(
                await windows(word, n),
                await ref(word, 0, n),
                `${word}: ${n} through windows`,
              );
          // 'rare' is in one post of five: told 2,000 matches (600 in truth), each window holds a part of the page
          // and the next is sized by what it held.
          for (const n of [20, 7, 65])
            assert.deepEqual(
              await windows('rare', n, 2000),
              await ref('rare', 0, n),
              `rare: ${n}, overestimated`,
            );
          for (const word of ['common', 'alpha', 'rare', 'old'])
            for (const [offset, limit] of [
              [0, 20],
              [0, 7],
              [45, 20],
              [590, 30],
              [2990, 20],
            ] as const)
              await checkedPage(store, schema, word, offset, limit);
        } finally {
          await store.close();
        }
      });

    it('a match past the count cap but under the walk share is paged from all its matches read whole', async () => {
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, { schema });
      // 60,000 posts: the date index is walked from 1,200 matches (2%), so 'mid' (1,100) is read whole and sorted,
      // past the count's cap of 1,000; 'few' (896) is within the count; 'many' (6,000) is past the walk share.
      const n = 60_000;
      const posts = Array.from({ length: n }, (_, i): Post => ({
        ...emptyPost(i % 3 ? 'a' : 'b', i + 1, 'text'),
        date: new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 4) * 1000).toISOString(),
        text: [
          'post',
          i % 10 === 3 ? 'many' : '',
          (i * 7919) % n < 1100 ? 'mid' : '',
          i % 67 === 5 ? 'few' : '',
        ]
          .join(' ')
          .trim(),
      }));
      try {
        await store.bulkLoad(async () => {
          for (let i = 0; i < n; i += 10_000) await store.savePosts(posts.slice(i, i + 10_000));
        });
        // The table's size without the planner's word statistics (VACUUM, not ANALYZE, and no autovacuum meanwhile):
        // with them, a query of words all among the most common ones is not counted, and goes to windows or the walk.
        await admin(async (c) => {
          await c.query(`ALTER TABLE ${schema}.posts SET (autovacuum_enabled = false)`);
          await c.query(`VACUUM ${schema}.posts`);
        });
        const whole = await admin(async (c) => {
          await c.query(`SET search_path = ${schema}`);
          return new NewestPages(async (_, text, values) => (await c.query(text, values)).rows).readWhole(
            1000,
          );
        });
        assert.equal(whole, 1200, 'the table is in shared buffers: matches read whole up to its 2%');
        for (const [word, total] of [
          ['mid', 1100],
          ['few', 896],
          ['many', 6000],
        ] as const)
          for (const [offset, limit] of [
            [0, 20],
            [37, 9],
            [1080, 30],
          ] as const) {
            const r = await checkedPage(store, schema, word, offset, limit);
            assert.equal(r.total, Math.min(total, 1000), `${word}: total`);
            assert.equal(r.totalIsLowerBound === true, total > 1000, `${word}: past the cap`);
          }
      } finally {
        await store.close();
      }
    });
  });
}
