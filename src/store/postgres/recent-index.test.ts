// The recent index (recent-index.ts): built over the newest share of a GIN archive, kept until new posts double it,
// built again after; and newest-first searches that read it first give exactly the pages and totals they gave
// without it.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../../model/post.js';
import { PG_URL, admin, schemaPool } from '../../../test/pg.js';
import { openPostgresStore } from './index.js';

const schemas = schemaPool('recent');

if (!PG_URL) {
  describe('recent index', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  const url = PG_URL;
  after(() => schemas.dropAll());

  /** Post i of a channel pair, one a minute; which words it holds depends on i (see the searches below). */
  const post = (i: number): Post => ({
    ...emptyPost(i % 2 ? 'a' : 'b', i + 1, 'text'),
    date: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    text: [
      'common',
      i % 7 === 0 ? 'weekly' : '',
      i % 400 === 0 ? 'sparse' : '',
      i < 2000 ? 'old' : '',
      // 'edge': 5 posts among the newest half, many before them: the newest posts hold fewer than a page.
      (i >= 2700 && i < 2705) || (i >= 1000 && i < 1500) ? 'edge' : '',
      i >= 2990 ? 'latest' : '',
    ].join(' '),
  });

  const recentIndex = (schema: string) =>
    admin(async (c) => {
      const { rows } = await c.query<{ def: string; valid: boolean }>(
        `SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisvalid AS valid FROM pg_index i
         JOIN pg_class r ON r.oid = i.indexrelid JOIN pg_namespace n ON n.oid = r.relnamespace
         WHERE n.nspname = $1 AND r.relname LIKE 'posts_recent%'`,
        [schema],
      );
      return rows;
    });

  /** The post dates of the newest `n`, as SQL orders them. */
  const nthNewest = (schema: string, n: number) =>
    admin(
      async (c) =>
        (
          await c.query<{ d: string }>(
            `SELECT sort_date AS d FROM ${schema}.posts ORDER BY sort_date DESC LIMIT 1 OFFSET ${n - 1}`,
          )
        ).rows[0]!.d,
    );

  const newestOf = (schema: string, word: string, limit: number) =>
    admin(async (c) =>
      (
        await c.query<{ k: string }>(
          `SELECT channel || '/' || id AS k FROM ${schema}.posts WHERE text ~ $1
           ORDER BY sort_date DESC, channel DESC, id DESC LIMIT ${limit}`,
          [`\\m${word}\\M`],
        )
      ).rows.map((r) => r.k),
    );

  // Their pages come from the newest posts read whole (common, weekly, old), from date windows over them (comm*: a
  // prefix is tested on each row, so only the count's cap is read whole), or from every match (the others).
  const SEARCHES = ['common', 'comm*', 'weekly', 'sparse', 'old', 'edge', 'latest', 'weekly edge', 'nowhere'];
  const DEEP: [string, number][] = [
    ['comm*', 1600],
    ['common', 1490],
    ['weekly', 200],
  ];

  describe('recent index', () => {
    it('is built over the newest share, kept, built again when doubled, and changes no page or total', async () => {
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, {
        schema,
        searchIndex: 'gin',
        recentIndex: { minPosts: 1000, share: 0.5 },
      });
      try {
        const n = 3000;
        const posts = Array.from({ length: n }, (_, i) => post(i));
        for (let i = 0; i < n; i += 500) await store.savePosts(posts.slice(i, i + 500));
        await admin((c) => c.query(`ANALYZE ${schema}.posts`));

        const pages = async () => {
          const out: Record<string, { total: number; hits: string[] }> = {};
          for (const q of SEARCHES) {
            const r = await store.search(q, { limit: 20, sort: 'date' });
            out[q] = { total: r.total, hits: r.hits.map((h) => `${h.post.channel}/${h.post.id}`) };
          }
          // Deeper than the newest posts' matches: the page is among the older ones.
          for (const [q, offset] of DEEP) {
            const r = await store.search(q, { offset, limit: 20, sort: 'date' });
            out[`${q} @${offset}`] = {
              total: r.total,
              hits: r.hits.map((h) => `${h.post.channel}/${h.post.id}`),
            };
          }
          return out;
        };
        const before = await pages();
        assert.deepEqual(await recentIndex(schema), []);

        const built = await store.refreshRecentIndex();
        assert.equal(built.action, 'built');
        assert.equal(built.from, await nthNewest(schema, 1500));
        const [index] = await recentIndex(schema);
        assert.ok(index?.valid, 'a valid index');
        assert.ok(
          index.def.endsWith(`USING gin (tsv_all) WHERE (sort_date >= '${built.from}'::text)`),
          index.def,
        );
        assert.equal((await store.refreshRecentIndex()).action, 'kept');

        // Searched afresh (the store reads the index's range with the table's statistics, once a minute).
        const fresh = await openPostgresStore(url, { schema });
        const scans = () =>
          admin(
            async (c) =>
              (
                await c.query<{ n: number }>(
                  'SELECT idx_scan::int AS n FROM pg_stat_user_indexes WHERE schemaname = $1 AND indexrelname = $2',
                  [schema, 'posts_recent'],
                )
              ).rows[0]!.n,
          );
        const scansBefore = await scans();
        try {
          for (const q of SEARCHES) {
            const r = await fresh.search(q, { limit: 20, sort: 'date' });
            assert.deepEqual(
              { total: r.total, hits: r.hits.map((h) => `${h.post.channel}/${h.post.id}`) },
              before[q],
              q,
            );
            if (/^\w+$/.test(q)) assert.deepEqual(before[q]!.hits, await newestOf(schema, q, 20), q);
          }
          for (const [q, offset] of DEEP) {
            const r = await fresh.search(q, { offset, limit: 20, sort: 'date' });
            const hits = r.hits.map((h) => `${h.post.channel}/${h.post.id}`);
            assert.deepEqual({ total: r.total, hits }, before[`${q} @${offset}`], `${q} @${offset}`);
            assert.equal(hits.length, 20, `${q} @${offset}`);
          }
        } finally {
          await fresh.close();
        }
        // The searches went through it: a server process reports its index scans when its connection ends.
        let scansAfter = await scans();
        for (let i = 0; i < 30 && scansAfter === scansBefore; i++) {
          await new Promise((r) => setTimeout(r, 100));
          scansAfter = await scans();
        }
        assert.ok(scansAfter > scansBefore, `posts_recent scanned ${scansAfter - scansBefore} times`);

        // 700 new posts; asked for a tenth, the index's 2,200 posts are more than twice the 370 of 3,700.
        await store.savePosts(Array.from({ length: 700 }, (_, i) => post(n + i)));
        await admin((c) => c.query(`ANALYZE ${schema}.posts`));
        const tenth = await openPostgresStore(url, { schema, recentIndex: { minPosts: 1000, share: 0.1 } });
        try {
          const again = await tenth.refreshRecentIndex();
          assert.equal(again.action, 'built');
          assert.equal(again.from, await nthNewest(schema, 370));
          assert.equal((await recentIndex(schema)).length, 1, 'the old index is gone');
        } finally {
          await tenth.close();
        }
      } finally {
        await store.close();
      }
    });

    it('is dropped when the archive is below its size, and never made for a RUM archive', async () => {
      const schema = schemas.fresh();
      const big = await openPostgresStore(url, {
        schema,
        searchIndex: 'gin',
        recentIndex: { minPosts: 100 },
      });
      try {
        await big.savePosts(Array.from({ length: 200 }, (_, i) => post(i)));
        await admin((c) => c.query(`ANALYZE ${schema}.posts`));
        assert.equal((await big.refreshRecentIndex()).action, 'built');
      } finally {
        await big.close();
      }
      const small = await openPostgresStore(url, { schema, recentIndex: { minPosts: 1000 } });
      try {
        assert.equal((await small.refreshRecentIndex()).action, 'dropped');
        assert.deepEqual(await recentIndex(schema), []);
        assert.equal((await small.refreshRecentIndex()).action, 'none');
      } finally {
        await small.close();
      }

      const rum = schemas.fresh();
      const store = await openPostgresStore(url, {
        schema: rum,
        searchIndex: 'rum',
        recentIndex: { minPosts: 1 },
      });
      try {
        await store.savePosts(Array.from({ length: 50 }, (_, i) => post(i)));
        await admin((c) => c.query(`ANALYZE ${rum}.posts`));
        assert.equal((await store.refreshRecentIndex()).action, 'none');
      } finally {
        await store.close();
      }
    });

    it('is built at the end of a bulk load', async () => {
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, {
        schema,
        searchIndex: 'gin',
        recentIndex: { minPosts: 1000, share: 0.1 },
      });
      try {
        await store.bulkLoad(async () => {
          const posts = Array.from({ length: 2000 }, (_, i) => post(i));
          for (let i = 0; i < posts.length; i += 500) await store.savePosts(posts.slice(i, i + 500));
        });
        assert.ok(store.bulk.last?.rebuilt.includes('posts_recent'));
        const [index] = await recentIndex(schema);
        assert.ok(index?.valid);
        assert.ok(index.def.includes(`'${await nthNewest(schema, 200)}'`), index.def);
      } finally {
        await store.close();
      }
    });
  });
}
