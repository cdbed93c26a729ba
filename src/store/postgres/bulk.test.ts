// The bulk save (COPY into a staging table) against the statement path on the same input: the same rows, history,
// tombstones, hashtags and change events; and a failure half-way through leaves nothing.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../../model/post.js';
import { mulberry32 } from '../../util/random.js';
import { admin, dropSchema, PG_URL, schemaPool } from '../../../test/pg.js';
import type { SaveResult } from '../store.js';
import { openPostgresStore, type PostgresStore } from './index.js';

const schemas = schemaPool('bulk');

const SEEN = ['2024-09-01T00:00:00.000Z', '2024-09-02T00:00:00.000Z', '2024-09-03T00:00:00.000Z'];

// Texts with what COPY's text format must escape or could misread (tab, newline, backslash, \N), quotes for the
// tsvector text, several scripts and hashtags.
const TEXTS = [
  'The ministers met in Kazan #BRICS #summit',
  "Le sommet à Kazan: l'élargissement, c'est fait #BRICS",
  'Саммит в Казани\tзавершился\nновым заявлением #БРИКС',
  'a backslash \\ and \\N and \\t, "quotes" and \'apostrophes\'',
  '金砖国家峰会 #金砖',
  'line\r\nbreaks\r\nof Windows',
  '',
];

function generated(n: number, seed: number, idFrom = 1): Post[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const p = emptyPost(`chan_${i % 3}`, idFrom + i, i % 2 ? 'tme-html' : 'export-json');
    p.text = `${TEXTS[i % TEXTS.length]} ${Math.floor(rand() * 1e6)}`;
    p.date = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    p.lang = ['en', 'fr', 'ru', null, 'zh'][i % 5] ?? null;
    p.views = i % 4 ? Math.floor(rand() * 1000) : null;
    if (i % 6 === 0) p.forwardedFrom = { name: 'MFA Russia', username: 'MFARussia', postId: i, author: null };
    if (i % 7 === 0) p.media = [{ type: 'photo', url: `https://cdn.example/${i}.jpg`, supported: true }];
    p.entities = [...p.text.matchAll(/#\S+/gu)].map((m) => ({
      type: 'hashtag' as const,
      offset: m.index,
      length: m[0].length,
    }));
    if (i % 9 === 0) p.entities.unshift({ type: 'bold', offset: 0, length: 3 });
    return p;
  });
}

const ORDER = 'ORDER BY channel, id';

/** The posts table's indexes (name and definition, the schema left out), in name order. */
async function indexes(schema: string): Promise<string[]> {
  const { rows } = await admin((c) =>
    c.query<{ d: string }>(
      `SELECT replace(indexdef, '${schema}.', '') AS d FROM pg_indexes WHERE schemaname = $1 AND tablename = 'posts'
       ORDER BY indexname`,
      [schema],
    ),
  );
  return rows.map((r) => r.d);
}

const QUERIES = ['kazan', 'brics', '#BRICS', 'sommet kazan', 'саммит', 'edited', '金砖', 'ministers met'];

/** Hits of a few searches, newest first and by relevance. */
async function searches(store: PostgresStore): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES)
    for (const sort of ['date', 'relevance'] as const) {
      const r = await store.search(q, { sort, limit: 50 });
      out.push([q, sort, r.total, r.hits.map((h) => [h.post.channel, h.post.id, h.score])]);
    }
  return out;
}

/** Everything savePosts writes, as text, from one schema. */
async function dump(schema: string): Promise<Record<string, unknown[]>> {
  return admin(async (c) => {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return {
      posts:
        await q(`SELECT channel, id, date, sort_date, edited, edit_date, author, text, entities, forwarded_from,
          fwd_username, fwd_name, fwd_name_lc, fwd_post_id, reply_to, group_id, media, has_media, views, reactions,
          service, source, lang, hashtags, ts_config, tsv::text, tsv_stem::text, tsv_tags::text, tsv_tf::text, tsv_all::text,
          deleted_at, first_seen_at, text_seen_at, updated_at FROM ${schema}.posts ${ORDER}`),
      versions: await q(`SELECT * FROM ${schema}.post_versions ORDER BY channel, id, pos`),
      events: await q(
        `SELECT seq, type, channel, post_id, previous, story, at FROM ${schema}.post_events ORDER BY seq`,
      ),
    };
  });
}

/** Applies the same steps to a store: bulk of new posts, then new, edited, older, deleted and revived ones. */
async function scenario(store: PostgresStore): Promise<SaveResult[]> {
  await store.webhooks().add({
    url: 'https://hooks.example.org/in',
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    topics: [],
    channels: [],
    searches: [],
    events: ['post.created', 'post.edited', 'post.deleted'],
    allowPrivate: false,
    createdAt: '2024-09-01T00:00:00.000Z',
  });
  const results: SaveResult[] = [];
  const first = generated(1200, 1);
  results.push(await store.savePosts(first, { seenAt: SEEN[0] }));
  await store.markDeleted('chan_0', [1, 4, 7], SEEN[1]);
  // Posts 1..900 again: every tenth edited, every tenth + 1 older text, every tenth + 2 more views; the deleted ones
  // come back from an export (stay deleted) except one seen live (revived); then 600 new posts.
  const again = first.slice(0, 900).map((p, i): Post => {
    if (i % 10 === 0) return { ...p, text: `${p.text} (edited)`, edited: true, editDate: SEEN[1]! };
    if (i % 10 === 1) return { ...p, text: 'an earlier text', editDate: '2023-01-01T00:00:00.000Z' };
    if (i % 10 === 2) return { ...p, views: (p.views ?? 0) + 5 };
    return p;
  });
  again[3] = { ...again[3]!, source: 'tme-live' }; // chan_0/4, deleted: revived
  results.push(await store.savePosts([...again, ...generated(600, 2, 2000)], { seenAt: SEEN[2] }));
  // A second edit of the same posts: a history of two versions.
  results.push(
    await store.savePosts(
      again.filter((_, i) => i % 10 === 0).map((p) => ({ ...p, text: `${p.text} twice` })),
      { seenAt: SEEN[2] },
    ),
  );
  return results;
}

if (!PG_URL) {
  describe('postgres bulk save', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  const url = PG_URL;
  after(async () => {
    await schemas.dropAll();
  });

  describe('postgres bulk save', () => {
    it('COPY and the statements give the same rows, versions, tombstones, hashtags and events', async () => {
      const results: SaveResult[][] = [];
      const dumps: Record<string, unknown[]>[] = [];
      for (const copyMin of [Infinity, 1]) {
        const schema = schemas.fresh();
        const store = await openPostgresStore(url, { schema, copyMin });
        try {
          results.push(await scenario(store));
        } finally {
          await store.close();
        }
        dumps.push(await dump(schema));
      }
      const [rows, copied] = dumps as [Record<string, unknown[]>, Record<string, unknown[]>];
      assert.deepEqual(results[1], results[0]);
      assert.deepEqual(results[0]![0], { added: 1200, updated: 0, unchanged: 0, edited: 0 });
      // The scenario did what it says, so the comparison covers it.
      assert.equal(rows.posts!.length, 1800);
      assert.ok(rows.versions!.length > 200, 'edits and older texts kept as versions');
      const deleted = (rows.posts as { channel: string; id: number; deleted_at: string | null }[])
        .filter((p) => p.deleted_at)
        .map((p) => `${p.channel}/${p.id}`);
      assert.deepEqual(deleted, ['chan_0/1', 'chan_0/7']);
      const types = new Set((rows.events as { type: string }[]).map((e) => e.type));
      // chan_0/4 seen live again after its deletion: post.restored.
      assert.deepEqual([...types].sort(), ['post.created', 'post.deleted', 'post.edited', 'post.restored']);
      assert.ok((rows.posts as { hashtags: string }[]).some((p) => /брикс/i.test(p.hashtags)));
      for (const table of ['posts', 'versions', 'events'])
        assert.deepEqual(copied[table], rows[table], table);
    });

    it('a bulk load gives the same rows, history, events and search hits, and its indexes come back', async () => {
      const dumps: Record<string, unknown[]>[] = [];
      const hits: unknown[][] = [];
      const results: SaveResult[][] = [];
      let before: string[] = [];
      for (const bulk of [false, true]) {
        const schema = schemas.fresh();
        const store = await openPostgresStore(url, { schema });
        try {
          if (bulk) {
            before = await indexes(schema);
            let during: string[] = [];
            results.push(
              await store.bulkLoad(async () => {
                const r = await scenario(store);
                during = await indexes(schema);
                return r;
              }),
            );
            // Only the primary key stayed during the load; everything is back after it.
            assert.deepEqual(during, [`CREATE UNIQUE INDEX posts_pkey ON posts USING btree (channel, id)`]);
            assert.deepEqual(await indexes(schema), before);
            assert.deepEqual(store.bulk.last?.rebuilt.length, before.length - 1);
          } else results.push(await scenario(store));
          await admin((c) => c.query(`VACUUM ANALYZE ${schema}.posts`));
          hits.push(await searches(store));
        } finally {
          await store.close();
        }
        dumps.push(await dump(schema));
      }
      assert.ok(before.length >= 10, 'the posts table has its secondary indexes');
      assert.deepEqual(results[1], results[0]);
      for (const table of ['posts', 'versions', 'events'])
        assert.deepEqual(dumps[1]![table], dumps[0]![table], table);
      assert.ok((hits[0] as [string, string, number][]).every(([, , total]) => typeof total === 'number'));
      assert.ok((hits[0] as [string, string, number][]).filter(([, , total]) => total > 0).length >= 12);
      assert.deepEqual(hits[1], hits[0]);
    });

    it('an archive whose bulk load was killed opens with its indexes', async () => {
      const schema = schemas.fresh();
      const first = await openPostgresStore(url, { schema });
      const before = await indexes(schema);
      await first.close();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('./bulk-load.child.ts', import.meta.url)), url, schema],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      const loading = new Promise<void>((r) =>
        child.stdout!.on('data', (d: Buffer) => d.includes('loading') && r()),
      );
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await loading;
      child.kill('SIGKILL');
      await exited;
      clearTimeout(guard);
      assert.deepEqual(await indexes(schema), [
        'CREATE UNIQUE INDEX posts_pkey ON posts USING btree (channel, id)',
      ]);
      // The killed session's lock goes with its server process, a moment after the client died.
      await admin(async (c) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query(
            "SELECT 1 FROM pg_stat_activity WHERE application_name = 'tgwire bulk load' AND datname = current_database()",
          );
          if (rows.length === 0) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      });
      const store = await openPostgresStore(url, { schema });
      try {
        assert.deepEqual(await indexes(schema), before);
        const left = await admin((c) =>
          c.query(`SELECT count(*)::int AS n FROM ${schema}.bulk_load_indexes`),
        );
        assert.equal(left.rows[0].n, 0);
        const r = await store.search('bulk', { sort: 'date', limit: 5 });
        assert.ok(r.total >= 500 && r.hits.length === 5, 'the committed batches are searchable');
      } finally {
        await store.close();
      }
    });

    it('a failure half-way through a bulk save leaves nothing of it, also inside a larger transaction', async () => {
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, { schema, copyMin: 1 });
      try {
        await store.savePosts(generated(5, 3, 90_000));
        const good = generated(800, 4);
        // A post seen twice starts a second batch, and a NUL byte is no PostgreSQL text: the first batch went in.
        const bad = { ...good[10]!, text: 'broken \u0000 text' };
        const count = async () =>
          Number((await admin((c) => c.query(`SELECT count(*) AS n FROM ${schema}.posts`))).rows[0].n);
        await assert.rejects(store.savePosts([...good, bad]));
        assert.equal(await count(), 5);
        await assert.rejects(
          store.transaction(async () => {
            await store.savePosts(generated(700, 5, 50_000));
            await store.savePosts([...good, bad]);
          }),
        );
        assert.equal(await count(), 5);
        // The store goes on working after the failure, through COPY again.
        assert.deepEqual(await store.savePosts(good), { added: 800, updated: 0, unchanged: 0, edited: 0 });
        assert.equal(await count(), 805);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    });
  });
}
