// The RUM search plan (migration 15): chosen when the extension is there, GIN when asked; its pages exactly the
// order of RUM's rank (then newest first) over every match, and of the date, ties at a page's edge included.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../../model/post.js';
import { mulberry32 } from '../../util/random.js';
import { PG_URL, admin, schemaPool } from '../../../test/pg.js';
import { openPostgresStore } from './index.js';
import type { PostgresStore } from './postgres-store.js';

const schemas = schemaPool('rum');
const hasRum = async (): Promise<boolean> =>
  admin(
    async (c) => (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")).rowCount === 1,
  );

if (!PG_URL) {
  describe('RUM search', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  const url = PG_URL;
  after(() => schemas.dropAll());

  const setting = (schema: string): Promise<string[]> =>
    admin(async (c) => [
      (await c.query(`SELECT value FROM ${schema}.search_settings WHERE name = 'index'`)).rows[0]?.value,
      ...(
        await c.query(
          // From the catalog alone: pg_indexes would read the definition of indexes other tests are dropping.
          `SELECT c.relname AS indexname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_am a ON a.oid = c.relam
           WHERE n.nspname = $1 AND c.relkind = 'i' AND c.relname LIKE 'posts_%' AND a.amname = 'rum' ORDER BY 1`,
          [schema],
        )
      ).rows.map((r: { indexname: string }) => r.indexname),
    ]);

  describe('RUM search', () => {
    it('uses RUM when the extension is available, GIN when asked (and keeps that choice)', async (t) => {
      if (!(await hasRum())) return t.skip('the rum extension is not installed on this server');
      const rum = schemas.fresh();
      await (await openPostgresStore(url, { schema: rum, searchIndex: 'rum' })).close();
      assert.deepEqual(await setting(rum), ['rum', 'posts_search_date', 'posts_search_rank']);
      const gin = schemas.fresh();
      await (await openPostgresStore(url, { schema: gin })).close();
      assert.deepEqual(await setting(gin), ['gin'], 'GIN by default');
      await (await openPostgresStore(url, { schema: gin, searchIndex: 'rum' })).close();
      assert.deepEqual(await setting(gin), ['gin'], 'an existing archive keeps its index');
    });

    it('upgrading a GIN-era archive (v14) fills the one column and builds the RUM indexes', async (t) => {
      if (!(await hasRum())) return t.skip('the rum extension is not installed on this server');
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      await store.savePosts([
        {
          ...emptyPost('c', 1, 'text'),
          text: 'Sanctions on banks #BRICS',
          lang: 'en',
          date: '2024-01-01T00:00:00.000Z',
        },
        {
          ...emptyPost('c', 2, 'text'),
          text: 'Санкции против банков',
          lang: 'ru',
          date: '2024-01-02T00:00:00.000Z',
        },
      ]);
      await store.close();
      await admin(async (c) => {
        await c.query(`DROP TABLE ${schema}.search_settings`);
        await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 15`);
      });
      const again = await openPostgresStore(url, { schema, searchIndex: 'rum' });
      try {
        assert.deepEqual(await setting(schema), ['rum', 'posts_search_date', 'posts_search_rank']);
        const ids = async (q: string): Promise<number[]> =>
          (await again.search(q)).hits.map((h) => h.post.id).sort();
        assert.deepEqual(await ids('sanction'), [1]);
        assert.deepEqual(await ids('банк'), [2]);
        assert.deepEqual(await ids('#brics'), [1]);
        assert.deepEqual(await ids('bank*'), [1]);
      } finally {
        await again.close();
      }
    });

    it("pages are exactly RUM's rank order over every match, then newest first; date pages exact at ties", async (t) => {
      if (!(await hasRum())) return t.skip('the rum extension is not installed on this server');
      const schema = schemas.fresh();
      const store: PostgresStore = await openPostgresStore(url, { schema, searchIndex: 'rum' });
      assert.notEqual(store.rumSchema, null);
      const ns = store.rumSchema!;
      const rand = mulberry32(5);
      const n = 3000;
      const words = (w: string, k: number): string[] => Array.from({ length: k }, () => w);
      // Many equal dates (ten posts a minute, two channels) and many equal ranks (most posts hold each word once).
      const posts = Array.from({ length: n }, (_, i): Post => {
        const id = i + 1;
        const text = [
          ...words('common', 1 + Math.floor(rand() ** 6 * 5)),
          ...(rand() < 0.3 ? words('commons', 1 + Math.floor(rand() * 3)) : []),
          ...(rand() < 0.5 ? words('alpha', 1 + Math.floor(rand() ** 4 * 4)) : []),
          `filler${id % 97}`,
        ].join(' ');
        return {
          ...emptyPost(id % 2 ? 'a' : 'b', id, 'text'),
          date:
            id % 50 === 0
              ? null
              : new Date(Date.UTC(2024, 0, 1) + Math.floor(id / 10) * 60_000).toISOString(),
          text,
          lang: id % 3 === 0 ? 'en' : null,
        };
      });
      await store.transaction(async () => {
        for (let i = 0; i < n; i += 500) await store.savePosts(posts.slice(i, i + 500));
      });
      // The reference: every match ranked by the heap's `<=>` (RUM's rank), all sorted by the database.
      const op = `OPERATOR("${ns}".<=>)`;
      const ref = async (
        where: string,
        rq: string | null,
        offset: number,
        limit: number,
      ): Promise<string[]> =>
        admin(async (c) =>
          (
            await c.query<{ k: string }>(
              `SELECT channel || '/' || id AS k FROM ${schema}.posts p WHERE ${where}
               ORDER BY ${rq ? `tsv_all ${op} $q$${rq}$q$::tsquery, ` : ''}sort_date DESC, channel DESC, id DESC
               LIMIT ${limit} OFFSET ${offset}`,
            )
          ).rows.map((r) => r.k),
        );
      const page = async (q: string, offset: number, limit: number, sort?: 'date'): Promise<string[]> =>
        (await store.search(q, { offset, limit, ...(sort ? { sort } : {}) })).hits.map(
          (h) => `${h.post.channel}/${h.post.id}`,
        );
      const s = (w: string): string =>
        ['\uE010', '\uE011', '\uE012', '\uE013'].map((p) => `'${p}${w}'`).join(' | ');
      const common = `tsv_all @@ 'common'`;
      const alpha = `tsv_all @@ 'alpha'`;
      for (const [offset, limit] of [
        [0, 20],
        [0, 7],
        [20, 20],
        [333, 50],
        [2990, 20],
      ] as const) {
        assert.deepEqual(
          await page('common', offset, limit),
          await ref(common, s('common'), offset, limit),
          `common @${offset}`,
        );
        assert.deepEqual(
          await page('common alpha', offset, limit),
          await ref(`${common} AND ${alpha}`, `(${s('common')}) | (${s('alpha')})`, offset, limit),
          `common alpha @${offset}`,
        );
        assert.deepEqual(
          await page('common', offset, limit, 'date'),
          await ref(common, null, offset, limit),
          `date @${offset}`,
        );
        assert.deepEqual(
          await page('alpha -filler5', offset, limit),
          await ref(`${alpha} AND NOT tsv_all @@ 'filler5'`, s('alpha'), offset, limit),
          `alpha -filler5 @${offset}`,
        );
      }
      const top = (await store.search('common', { limit: 3 })).hits;
      assert.ok(top[0]!.score >= top[1]!.score && top[1]!.score > 0);
      await store.close();
    });
  });
}
