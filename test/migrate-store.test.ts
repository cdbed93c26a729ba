// migrate-store and backend parity: SQLite and PostgreSQL archives of the same inputs export the same, and a copy
// from one to the other keeps every version, deletion, topic, story (evidence and readers' corrections included),
// follow, sync state and pinned language, resumably.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fixtureFiles, projectRoot, sharedDir, SKIP_NO_SHARED } from './shared.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import type { Store } from '../src/store/store.js';
import { importFile } from '../src/pipeline/import.js';
import { copyArchive } from '../src/pipeline/workers/index.js';
import { jsonlLine } from '../src/feeds/jsonl.js';
import { renderTextFeed } from '../src/feeds/text.js';
import { initialSyncState } from '../src/pipeline/collect/index.js';
import type { Post } from '../src/model/post.js';
import { PG_URL, admin, schemaPool } from './pg.js';
import type { SearchResult } from '../src/store/store.js';
import { foldedWords } from '../src/text/words.js';
import { STEM_CONFIGS, isStemmable, russianLexeme, stemLexeme } from '../src/text/stems.js';
import { CLI_ENTRY } from './cli.testkit.js';
import { leaveCutOffImport } from '../src/pipeline/cut-off.testkit.js';

/**
 * Queries over the archive's own vocabulary: one word in 12 of every distinct word (sorted, so the choice is
 * stable), the words with their first letters as a prefix, and two-word phrases of the posts.
 */
function parityQueries(posts: Post[]): string[] {
  const words = [...new Set(posts.flatMap((p) => foldedWords(p.text)))].filter((w) => w.length > 2).sort();
  const picked = words.filter((_, i) => i % 12 === 0);
  const phrases = posts
    .filter((_, i) => i % 7 === 0)
    .map((p) => foldedWords(p.text).slice(2, 4))
    .filter((ws) => ws.length === 2)
    .map((ws) => `"${ws.join(' ')}"`);
  return [...picked, ...picked.filter((_, i) => i % 5 === 0).map((w) => `${w.slice(0, 3)}*`), ...phrases];
}

const URL_ = PG_URL;
const SKIP = 'TGWIRE_TEST_PG not set: PostgreSQL migrate-store tests skipped';
const SAMPLE = join(projectRoot, 'demo', 'sample-brics.txt');

const schemas = schemaPool('m');
const freshSchema = (): string => schemas.fresh();
const dirs: string[] = [];
const tempDb = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tgwire-migrate-'));
  dirs.push(d);
  return join(d, 'archive.db');
};

/** The real lexfridman page (../shared) and a copy with post 280 edited; null without the shared fixtures. */
function lexfridmanPages(): { lex: string; edited: string } | null {
  const lex = fixtureFiles('tme_s_html').find((f) => f.endsWith('lexfridman.html'));
  if (!lex) return null;
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-migrate-'));
  dirs.push(dir);
  const edited = join(dir, 'lex-edited.html');
  writeFileSync(
    edited,
    readFileSync(lex, 'utf8').replace('my conversation with George Hotz', 'my EDITED talk with George Hotz'),
  );
  return { lex, edited };
}

/** Real inputs: the demo file and every fixture of a few real formats (a new fixture file is covered). */
function inputs(): string[] {
  return [
    SAMPLE,
    ...fixtureFiles('tme_s_html'),
    ...fixtureFiles('export_json'),
    ...fixtureFiles('text_dump'),
  ];
}

/** Imports each input; the outcome per file ("ok" or the error's class and message) must agree across backends. */
async function importAll(store: Store, files: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    try {
      const r = await importFile(store, f);
      out.push(`${f}: ok ${r.added}`);
    } catch (e) {
      out.push(`${f}: ${e instanceof Error ? `${e.name} ${e.message}` : String(e)}`);
    }
  }
  return out;
}

async function exportsOf(store: Store): Promise<{ jsonl: string; text: string; posts: Post[] }> {
  const posts: Post[] = [];
  for await (const p of store.iteratePosts({})) posts.push(p);
  return { jsonl: posts.map((p) => jsonlLine(p)).join(''), text: renderTextFeed(posts), posts };
}

/** Everything migrate-store promises to carry over, read through the Store interface. */
async function snapshot(store: Store) {
  const ex = await exportsOf(store);
  const versions: Record<string, unknown> = {};
  for (const p of ex.posts) versions[`${p.channel}/${p.id}`] = await store.getVersions(p.channel, p.id);
  const stories = [...new Set(ex.posts.map((p) => p.story).filter((s): s is string => !!s))].sort();
  const members = await Promise.all(stories.map((s) => store.getStoryMembers(s)));
  const follows = (await store.listFollows()).map((f) => ({ channel: f.channel, depth: f.depth }));
  const states: Record<string, unknown> = {};
  for (const c of [...(await store.listChannels()).map((c) => c.key), ...follows.map((f) => f.channel)])
    states[c] = await store.getSyncState(c);
  return {
    jsonl: ex.jsonl,
    text: ex.text,
    versions,
    members,
    follows,
    states,
    topics: await store.listTopics(),
    channels: await store.listChannels(),
    corrections: await store.listStoryCorrections(),
    searches: await store.listSavedSearches(),
    media: await store.listMediaFiles(null, 100),
    stats: await store.stats(),
  };
}

/** A SQLite archive with what a copy must not lose: edits, deletions, topics, stories, follows, sync state. */
async function richSqlite(): Promise<{ path: string; store: SqliteStore }> {
  const path = tempDb();
  const store = await openSqliteStore(path);
  await importFile(store, SAMPLE);
  for (const f of fixtureFiles('tme_s_html').slice(0, 3)) await importFile(store, f);
  const posts = await store.queryPosts({ limit: 40 });
  const [a, b, c] = posts;
  for (const [p, n] of [
    [a!, 1],
    [a!, 2],
    [b!, 1],
  ] as const)
    await store.savePosts([{ ...p, text: `${p.text}\n[edit ${n}]`, edited: true }], {
      seenAt: `2025-01-0${n}T10:00:00.000Z`,
    });
  await store.markDeleted(c!.channel, [c!.id], '2025-02-01T00:00:00.000Z');
  await store.markDeleted(posts[5]!.channel, [posts[5]!.id, posts[6]!.id], '2025-02-02T00:00:00.000Z');
  await store.saveTopic({ name: 'brics', query: 'brics OR брикс', aliases: [['BRICS', 'БРИКС']] });
  await store.saveTopic({ name: 'misc', query: 'news', aliases: [] });
  await store.setPostTopics([
    { channel: a!.channel, id: a!.id, topics: ['brics', 'misc'] },
    { channel: posts[9]!.channel, id: posts[9]!.id, topics: ['misc'] },
  ]);
  await store.setStories([
    { channel: posts[10]!.channel, id: posts[10]!.id, storyId: 'story-1', reason: 'canonical' },
    {
      channel: posts[11]!.channel,
      id: posts[11]!.id,
      storyId: 'story-1',
      reason: 'translation',
      evidence: {
        matched: [`${posts[10]!.channel}/${posts[10]!.id}`],
        score: 0.71,
        items: ['date:2024-09-10', 'name:лавров'],
      },
    },
  ]);
  await store.addStoryCorrection({
    kind: 'split',
    post: `${posts[12]!.channel}/${posts[12]!.id}`,
    createdAt: '2025-03-02T00:00:00.000Z',
  });
  await store.addStoryCorrection({
    kind: 'merge',
    post: `${posts[13]!.channel}/${posts[13]!.id}`,
    into: `${posts[10]!.channel}/${posts[10]!.id}`,
    createdAt: '2025-03-03T00:00:00.000Z',
  });
  await store.setChannelLanguages(a!.channel, ['ru', 'en']);
  await store.saveSearch({ name: 'kazan', query: 'kazan summit', createdAt: '2025-03-04T00:00:00.000Z' });
  // Two kept files, one with the preview made of it: the index must follow the posts that refer to them.
  const none = { maxTotalBytes: Number.MAX_SAFE_INTEGER, maxChannelBytes: Number.MAX_SAFE_INTEGER };
  const at = '2025-03-05T00:00:00.000Z';
  const file = (c: string, kind: 'photo' | 'preview') =>
    ({ sha256: c.repeat(64), size: 100, contentType: 'image/jpeg', kind, channel: a!.channel }) as const;
  await store.reserveMediaFile(file('a', 'photo'), none, at);
  await store.reserveMediaFile(file('b', 'preview'), none, at);
  await store.setMediaPreview('a'.repeat(64), 'b'.repeat(64));
  await store.follow(a!.channel, 100);
  await store.follow('elsewhere', '2024-01-01');
  await store.saveSyncState(a!.channel, {
    ...initialSyncState(),
    status: 'ok',
    topId: 900,
    bottomId: 12,
    bottomDate: '2024-03-01T00:00:00.000Z',
    misses: { '17': 1 },
    lastSyncAt: '2025-03-01T00:00:00.000Z',
  });
  return { path, store };
}

const versionRows = async (schema: string): Promise<number> =>
  admin(async (c) => (await c.query(`SELECT count(*)::int AS n FROM ${schema}.post_versions`)).rows[0].n);

if (!URL_) {
  describe('migrate-store and backend parity', () => {
    it('runs against a PostgreSQL server', (t) => t.skip(SKIP));
  });
} else {
  const url = URL_;
  after(async () => {
    await schemas.dropAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  describe('backend parity', () => {
    it('the same inputs imported into SQLite and PostgreSQL give identical JSONL and text exports', async (t) => {
      if (!sharedDir()) t.diagnostic(SKIP_NO_SHARED);
      const files = inputs();
      const sqlite = await openSqliteStore(tempDb());
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        const a = await importAll(sqlite, files);
        const b = await importAll(postgres, files);
        assert.deepEqual(b, a);
        const ea = await exportsOf(sqlite);
        const eb = await exportsOf(postgres);
        assert.ok(ea.posts.length > 50, `posts: ${ea.posts.length}`);
        assert.equal(eb.jsonl, ea.jsonl);
        assert.equal(eb.text, ea.text);
        // The same search hits, in date order (ties by channel and id in both), with the same snippets: words,
        // phrases and prefixes taken across the whole vocabulary, so both the words as written and their stems in
        // every language of the inputs are compared.
        const queries = parityQueries(ea.posts);
        assert.ok(queries.length > 300, `queries: ${queries.length}`);
        let byStem = 0;
        for (const q of queries) {
          const [ra, rb] = await Promise.all([
            sqlite.search(q, { sort: 'date', limit: 500 }),
            postgres.search(q, { sort: 'date', limit: 500 }),
          ]);
          const hits = (r: SearchResult): string[] =>
            r.hits.map((h) => `${h.post.channel}/${h.post.id} ${h.snippet}`);
          assert.equal(rb.total, ra.total, q);
          assert.deepEqual(hits(rb), hits(ra), q);
          // A one-word query that found a post without that word as written found it by its stem.
          if (/^[^"*]+$/.test(q) && ra.hits.some((h) => !foldedWords(h.post.text).includes(q))) byStem++;
        }
        t.diagnostic(
          `${queries.length} queries agree; ${byStem} one-word queries found posts by another form`,
        );
        assert.ok(byStem > 20, 'the queries exercise the stem index');
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });
    it('the stems SQLite computes are the ones PostgreSQL gives, for every word of the inputs', async (t) => {
      if (!sharedDir()) t.diagnostic(SKIP_NO_SHARED);
      const words = [
        ...new Set(inputs().flatMap((f) => foldedWords(readFileSync(f, 'utf8').replace(/<[^>]*>/g, ' ')))),
      ].filter(isStemmable);
      assert.ok(words.length > 1000, `words: ${words.length}`);
      for (const config of STEM_CONFIGS) {
        const { rows } = await admin((c) =>
          c.query<{ w: string; l: string[] }>(
            `SELECT x.w, ARRAY(SELECT u.lexeme FROM unnest(to_tsvector($1::regconfig, x.w)) AS u) AS l
             FROM unnest($2::text[]) AS x(w)`,
            [config, words],
          ),
        );
        // PostgreSQL gives no lexeme for a stop word; both stores then keep the word itself. Both refine the
        // server's Russian lexemes alike (stems.ts russianLexeme; store/postgres/stem.ts).
        const server = (w: string, l: string[]): string[] =>
          config === 'russian' ? l.map((x) => russianLexeme(w, x)) : l;
        const differ = rows
          .filter((r) => (r.l.length ? server(r.w, r.l) : [r.w]).join(' ') !== stemLexeme(config, r.w))
          .map((r) => `${r.w}: ${r.l.join(' ')} / ${stemLexeme(config, r.w)}`);
        assert.deepEqual(differ.slice(0, 20), [], `${config}: ${differ.length} of ${words.length} differ`);
      }
    });
  });

  describe('migrate-store', () => {
    it('copies a SQLite archive to PostgreSQL: exports, versions, marks, topics, stories, follows, sync state equal', async () => {
      const { store: sqlite } = await richSqlite();
      const schema = freshSchema();
      const postgres = await openPostgresStore(url, { schema });
      try {
        const r = await copyArchive(sqlite, postgres, { marker: 'test', batchSize: 64 });
        const want = await snapshot(sqlite);
        assert.equal(r.posts, want.stats.posts);
        assert.equal(r.versions, 3);
        assert.equal(r.follows, 2);
        assert.equal(r.corrections, 2);
        assert.equal(r.savedSearches, 1);
        assert.equal(r.mediaFiles, 2);
        assert.equal(want.media[0]?.preview, 'b'.repeat(64));
        assert.deepEqual(
          want.members.flat().map((m) => m.evidence?.score ?? null),
          [null, 0.71],
        );
        assert.deepEqual(want.channels.find((c) => c.languages)?.languages, ['ru', 'en']);
        const got = await snapshot(postgres);
        assert.deepEqual(got, want);
        assert.equal(await versionRows(schema), 3);
        assert.equal(want.stats.deleted, 3);
        assert.equal(Object.values(want.versions).filter((v) => (v as unknown[]).length === 3).length, 1);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('copies the publishing outbox, route status and webhooks: a sent message is not sent again from the copy', async () => {
      const { store: sqlite } = await richSqlite();
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        const [p, q, r] = await sqlite.queryPosts({ limit: 3 });
        const plan = (post: Post, route: string) => ({
          route,
          chat: '@mirror',
          postKey: `${post.channel}/${post.id}`,
          part: 0,
          story: null,
          method: 'sendMessage' as const,
          payload: JSON.stringify({ text: post.text }),
          payloadHash: `h-${post.id}`,
          sourceHash: `s-${post.id}`,
          state: 'planned' as const,
        });
        const out = sqlite.outbox();
        await out.plan([plan(p!, 'a'), plan(q!, 'a'), plan(r!, 'b')], []);
        const [sent] = await out.rowsFor('a', '@mirror');
        await out.attemptSend(
          sent!.seq,
          () => Promise.resolve(4242),
          () => true,
        );
        await out.setRouteStatus({
          route: 'b',
          chat: '@mirror',
          state: 'stopped',
          code: 403,
          error: 'kicked',
        });
        const hook = await sqlite.webhooks().add({
          url: 'http://127.0.0.1:9/hook',
          secret: 'whsec_c2VjcmV0LW5vdC1zaG93bi1hZ2Fpbg==',
          topics: ['brics'],
          channels: [],
          searches: [],
          events: ['post.created', 'post.edited'],
          allowPrivate: true,
          createdAt: '2025-03-06T00:00:00.000Z',
        });
        const r1 = await copyArchive(sqlite, postgres, { marker: 'test', batchSize: 64 });
        assert.deepEqual([r1.outboxMessages, r1.routes, r1.webhooks], [3, 1, 1]);
        const rows = async (s: Store) =>
          [...(await s.outbox().rowsFor('a', '@mirror')), ...(await s.outbox().rowsFor('b', '@mirror'))].map(
            ({ seq: _seq, ...row }) => row,
          );
        const want = await rows(sqlite);
        assert.equal(want[0]?.messageId, 4242);
        assert.deepEqual(await rows(postgres), want);
        assert.deepEqual(await postgres.outbox().routeStatuses(), await out.routeStatuses());
        assert.equal(await postgres.outbox().lastMessageId('@mirror'), 4242);
        // The one message sent is not sent again; the planned one still is (route b is stopped).
        assert.equal((await postgres.outbox().next('@mirror'))?.postKey, `${q!.channel}/${q!.id}`);
        const hooks = await postgres.webhooks().list();
        assert.deepEqual(
          hooks.map(({ id: _id, sinceSeq: _s, ...w }) => w),
          [hook].map(({ id: _id, sinceSeq: _s, ...w }) => w),
        );
        // Copying again adds nothing twice, and tells the copied webhook of no change (a copy changes no post).
        await copyArchive(sqlite, postgres, { marker: 'test', batchSize: 64, restart: true });
        assert.deepEqual(await rows(postgres), want);
        assert.equal((await postgres.webhooks().list()).length, 1);
        assert.deepEqual(await postgres.webhooks().pendingEvents(10), []);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('copies import batches: imports list is the same, and imports undo gives the same archive on both', async (t) => {
      const pages = lexfridmanPages();
      if (!pages) return t.skip(SKIP_NO_SHARED);
      const { lex, edited } = pages;
      const sqlite = await openSqliteStore(tempDb());
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        await importFile(sqlite, SAMPLE);
        await importFile(sqlite, lex);
        await importFile(sqlite, edited);
        const r = await copyArchive(sqlite, postgres, { marker: 'test' });
        assert.equal(r.importBatches, 3);
        const batches = await sqlite.listImportBatches();
        assert.deepEqual(
          batches.map((b) => [b.id, b.added, b.updated, b.versions]),
          [
            [1, 21, 0, 0],
            [2, batches[1]!.added, 0, 0],
            [3, 0, 1, 1],
          ],
        );
        assert.deepEqual(await postgres.listImportBatches(), batches);
        // A copy run again adds no batch twice.
        await copyArchive(sqlite, postgres, { marker: 'test', restart: true });
        assert.deepEqual(await postgres.listImportBatches(), batches);
        // Undo the edit, then the page: the same answers and the same archive, searchable by the restored text.
        for (const id of [3, 2]) {
          const [a, b] = [await sqlite.undoImportBatch(id, 'x'), await postgres.undoImportBatch(id, 'x')];
          assert.deepEqual(b, a, `undo ${id}`);
          assert.equal((await exportsOf(postgres)).jsonl, (await exportsOf(sqlite)).jsonl, `undo ${id}`);
          if (id === 3) assert.equal((await postgres.search('conversation Hotz', { limit: 5 })).total, 1);
        }
        assert.deepEqual(await postgres.listImportBatches(), await sqlite.listImportBatches());
        await assert.rejects(postgres.undoImportBatch(2, 'x'), /already undone/);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('into an archive that already holds the posts: undoing a copied batch leaves the target its own posts', async () => {
      const sqlite = await openSqliteStore(tempDb());
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        await importFile(sqlite, SAMPLE);
        const own = await importFile(postgres, SAMPLE);
        const posts = await postgres.countPosts({});
        const channels = (await postgres.listChannels()).map((c) => c.key);
        const r = await copyArchive(sqlite, postgres, { marker: 'test' });
        // The copied batch found every post there: it added none, and its undo removes none (nor their channel).
        const copied = (await postgres.listImportBatches()).at(-1)!;
        assert.notEqual(copied.id, own.batch);
        assert.equal(copied.added, 0);
        const undone = await postgres.undoImportBatch(copied.id, 'x');
        assert.equal(undone.removed, 0);
        assert.deepEqual(undone.channels, []);
        assert.equal(await postgres.countPosts({}), posts);
        assert.deepEqual(
          (await postgres.listChannels()).map((c) => c.key),
          channels,
        );
        // Said: the target already held every copied post.
        assert.equal(r.merged, posts);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it("into an archive holding an older text: undoing the copied batch restores the target's post", async (t) => {
      const pages = lexfridmanPages();
      if (!pages) return t.skip(SKIP_NO_SHARED);
      const { lex, edited } = pages;
      const sqlite = await openSqliteStore(tempDb());
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        await importFile(postgres, lex);
        await importFile(sqlite, edited);
        const posts = await postgres.countPosts({});
        await copyArchive(sqlite, postgres, { marker: 'test' });
        const text = async () => (await postgres.getPost('lexfridman', 280))!.text.slice(0, 20);
        assert.equal(await text(), "Here's my EDITED tal");
        const copied = (await postgres.listImportBatches()).at(-1)!;
        assert.deepEqual([copied.added, copied.updated], [0, 1]);
        const undone = await postgres.undoImportBatch(copied.id, 'x');
        assert.deepEqual([undone.removed, undone.restored], [0, 1]);
        assert.equal(await postgres.countPosts({}), posts);
        assert.equal(await text(), "Here's my conversati");
        assert.deepEqual(
          (await postgres.getVersions('lexfridman', 280)).map((v) => v.text.slice(0, 20)),
          ["Here's my conversati"],
        );
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('--restart keeps what the target received since the first copy: a newer version stays current', async (t) => {
      const lex = fixtureFiles('tme_s_html').find((f) => f.endsWith('lexfridman.html'));
      if (!lex) return t.skip(SKIP_NO_SHARED);
      const dir = mkdtempSync(join(tmpdir(), 'tgwire-migrate-'));
      dirs.push(dir);
      const page = (words: string): string => {
        const f = join(dir, `${words.replace(/\W/g, '')}.html`);
        writeFileSync(f, readFileSync(lex, 'utf8').replace('my conversation with George Hotz', words));
        return f;
      };
      const sqlite = await openSqliteStore(tempDb());
      const postgres = await openPostgresStore(url, { schema: freshSchema() });
      try {
        await importFile(sqlite, lex);
        await importFile(sqlite, page('my EDITED talk with George Hotz'));
        await copyArchive(sqlite, postgres, { marker: 'test' });
        const third = await importFile(postgres, page('my THIRD take with George Hotz'));
        assert.equal(third.updated, 1);
        const texts = async () =>
          (await postgres.getVersions('lexfridman', 280)).map((v) => v.text.slice(0, 20));
        const want = ["Here's my conversati", "Here's my EDITED tal", "Here's my THIRD take"];
        assert.deepEqual(await texts(), want);
        await copyArchive(sqlite, postgres, { marker: 'test', restart: true });
        assert.deepEqual(await texts(), want);
        assert.equal((await postgres.search('THIRD', { limit: 5 })).total, 1);
        // The target's own import can still be undone: the copy left its post as that import did.
        const own = (await postgres.listImportBatches()).at(-1)!;
        assert.equal((await postgres.undoImportBatch(own.id, 'x')).restored, 1);
        assert.deepEqual(await texts(), want.slice(0, 2));
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('a copy that fails after two batches resumes after them on re-run, with nothing duplicated', async () => {
      const { store: sqlite } = await richSqlite();
      const schema = freshSchema();
      const postgres = await openPostgresStore(url, { schema });
      try {
        const boom = new Error('simulated failure');
        await assert.rejects(
          copyArchive(sqlite, postgres, {
            marker: 'test',
            batchSize: 10,
            onBatch: ({ batch }) => {
              if (batch === 2) throw boom;
            },
          }),
          boom,
        );
        assert.equal(await postgres.countPosts({}), 20);
        const marker = JSON.parse((await postgres.getMarker('test'))!) as {
          after: { channel: string; id: number };
        };
        const second = await copyArchive(sqlite, postgres, { marker: 'test', batchSize: 10 });
        assert.deepEqual(second.resumedFrom, marker.after);
        const total = (await sqlite.stats()).posts;
        assert.ok(total > 30, `posts: ${total}`);
        assert.equal(second.posts, total - 20);
        assert.deepEqual(await snapshot(postgres), await snapshot(sqlite));
        assert.equal(await versionRows(schema), 3);
        // Once complete, a third run copies nothing; --restart copies everything again, still without duplicates.
        assert.equal((await copyArchive(sqlite, postgres, { marker: 'test' })).alreadyDone, true);
        const again = await copyArchive(sqlite, postgres, { marker: 'test', restart: true, batchSize: 15 });
        assert.equal(again.posts, total);
        assert.deepEqual(await snapshot(postgres), await snapshot(sqlite));
        assert.equal(await versionRows(schema), 3);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('stats and search on a copy stopped part-way say it is unfinished and how to finish it', async () => {
      const { path, store: sqlite } = await richSqlite();
      const schema = freshSchema();
      const db = `${url}?schema=${schema}`;
      const postgres = await openPostgresStore(url, { schema });
      const marker = `migrate-store:sqlite://${path}`;
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, [...CLI_ENTRY, '--db', db, ...args], {
          cwd: projectRoot,
          encoding: 'utf8',
        });
      try {
        const boom = new Error('simulated kill');
        await assert.rejects(
          copyArchive(sqlite, postgres, {
            marker,
            batchSize: 10,
            onBatch: () => {
              throw boom;
            },
          }),
          boom,
        );
        for (const args of [['stats'], ['search', 'BRICS'], ['stats', '--json']]) {
          const r = cli(...args);
          assert.equal(r.status, 0, r.stderr);
          assert.match(
            r.stderr,
            /this archive is an unfinished copy of sqlite:\/\/\S+ \(migrate-store stopped after /,
          );
          assert.ok(r.stderr.includes(`tgwire migrate-store --from sqlite://${path} --to ${db}`), r.stderr);
        }
        assert.doesNotThrow(() => JSON.parse(cli('stats', '--json').stdout) as unknown);
        await copyArchive(sqlite, postgres, { marker, batchSize: 10 });
        assert.doesNotMatch(cli('stats').stderr, /unfinished/);
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('tgwire migrate-store --from sqlite://FILE --to postgres://…?schema= copies, and a re-run says it is done', async () => {
      const { path, store: sqlite } = await richSqlite();
      const want = await snapshot(sqlite);
      await sqlite.close();
      const schema = freshSchema();
      const run = async (): Promise<Record<string, unknown>> => {
        const args = ['migrate-store', '--from', `sqlite://${path}`, '--to', `${url}?schema=${schema}`];
        const r = spawnSync(process.execPath, [...CLI_ENTRY, ...args, '--batch', '40', '--json'], {
          cwd: projectRoot,
          encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stderr);
        return JSON.parse(r.stdout) as Record<string, unknown>;
      };
      const first = await run();
      assert.equal(first.posts, want.stats.posts);
      assert.equal((await run()).alreadyDone, true);
      const postgres = await openPostgresStore(url, { schema });
      try {
        assert.deepEqual(await snapshot(postgres), want);
      } finally {
        await postgres.close();
      }
    });

    it('tgwire migrate-store into an archive that already holds the posts says how many it held', async () => {
      const path = tempDb();
      const sqlite = await openSqliteStore(path);
      await importFile(sqlite, SAMPLE);
      await sqlite.close();
      const schema = freshSchema();
      const postgres = await openPostgresStore(url, { schema });
      const posts = (await importFile(postgres, SAMPLE)).added;
      await postgres.close();
      const r = spawnSync(
        process.execPath,
        [...CLI_ENTRY, 'migrate-store', '--from', `sqlite://${path}`, '--to', `${url}?schema=${schema}`],
        { cwd: projectRoot, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, new RegExp(`notice: the target already held ${posts} of the copied posts`));
    });

    it('migrate-store takes back an import killed in the source first: the copy holds none of its posts', async () => {
      const path = tempDb();
      const sqlite = await openSqliteStore(path);
      await importFile(sqlite, SAMPLE, { format: 'text', channel: 'sample' });
      await leaveCutOffImport(sqlite, { file: 'big.json', channel: 'bigchan2', posts: 40 });
      await sqlite.close();
      const schema = freshSchema();
      const r = spawnSync(
        process.execPath,
        [...CLI_ENTRY, 'migrate-store', '--from', `sqlite://${path}`, '--to', `${url}?schema=${schema}`],
        { cwd: projectRoot, encoding: 'utf8' },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /notice: big\.json: import batch \d+ did not finish: its 40 posts/);
      // A new target held none of them.
      assert.doesNotMatch(r.stderr, /already held/);
      const postgres = await openPostgresStore(url, { schema });
      try {
        assert.equal(await postgres.countPosts({ channel: 'bigchan2' }), 0);
        assert.ok((await postgres.countPosts({ channel: 'sample' })) > 0);
      } finally {
        await postgres.close();
      }
    });

    it('migrate-store builds the new archive with the configured search index (TGWIRE_PG_SEARCH_INDEX)', async (t) => {
      const rum = await admin(
        async (c) =>
          (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")).rowCount === 1,
      );
      if (!rum) return t.skip('the rum extension is not installed on this server');
      const { path, store: sqlite } = await richSqlite();
      await sqlite.close();
      const schema = freshSchema();
      const r = spawnSync(
        process.execPath,
        [
          ...CLI_ENTRY,
          'migrate-store',
          '--from',
          `sqlite://${path}`,
          '--to',
          `${url}?schema=${schema}`,
          '--json',
        ],
        { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, TGWIRE_PG_SEARCH_INDEX: 'rum' } },
      );
      assert.equal(r.status, 0, r.stderr);
      const index = await admin(
        async (c) =>
          (await c.query(`SELECT value FROM ${schema}.search_settings WHERE name = 'index'`)).rows[0]?.value,
      );
      assert.equal(index, 'rum');
    });
  });
}
