// Date keys (date-key.ts): newest-first searches walked from the search index give exactly the posts' order (ties in
// a second, pages, undated posts), with filters; migration 14 on a schema-13 archive; a date change moves the row;
// relevance still ranks as ranking every match does.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyPost, type Post } from '../../model/post.js';
import type { SearchOptions } from '../store.js';
import { COUNT_CAP } from '../shared.js';
import { secondOf, secondOfKey } from './date-key.js';
import { parseQuery } from '../../search/parse.js';
import { FTS_COLUMNS, compileSearch, ftsValues } from './fts.js';
import { migrations, openSqliteStore } from './index.js';
import type { SqliteStore } from './sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-date-order-'));
after(() => rmSync(root, { recursive: true, force: true }));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const BASE = Date.parse('2024-03-01T00:00:00Z');

/**
 * `n` posts over few seconds (many share one, some differ only in milliseconds, some are undated), in three
 * channels and two languages, saved in a shuffled order so that arrival never follows the date.
 */
function archivePosts(n: number, seed: number): Post[] {
  const rand = rng(seed);
  const posts = Array.from({ length: n }, (_, i) => {
    const p = emptyPost(`c${i % 3}`, Math.floor(i / 3) + 1, 'text');
    const r = rand();
    p.date =
      r < 0.05
        ? null
        : new Date(BASE + Math.floor(rand() * 400) * 1000 + (rand() < 0.3 ? 500 : 0)).toISOString();
    p.lang = i % 2 ? 'en' : 'fr';
    p.text = `kazan ${i % 4 === 0 ? 'summit' : 'energy'} ${i % 7 === 0 ? 'rare' : ''}`;
    return p;
  });
  for (let i = posts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [posts[i], posts[j]] = [posts[j]!, posts[i]!];
  }
  return posts;
}

const sortDate = (p: Post): string => p.date ?? '';
const desc = (a: string | number, b: string | number): number => (a < b ? 1 : a > b ? -1 : 0);
const newestFirst = (a: Post, b: Post): number =>
  desc(sortDate(a), sortDate(b)) || desc(a.channel, b.channel) || desc(a.id, b.id);
const key = (p: { channel: string; id: number }): string => `${p.channel}/${p.id}`;

/** The pages of a newest-first search (those starting before `upTo`), joined. */
async function allPages(
  store: SqliteStore,
  q: string,
  options: SearchOptions,
  limit: number,
  upTo = Infinity,
): Promise<string[]> {
  const out: string[] = [];
  for (let offset = 0; offset < upTo; offset += limit) {
    const page = await store.search(q, { ...options, sort: 'date', limit, offset });
    out.push(...page.hits.map((h) => key(h.post)));
    if (page.hits.length < limit) return out;
  }
  return out;
}

describe('newest-first search on date keys', () => {
  const posts = archivePosts(7_000, 7);
  let store: SqliteStore;
  const topical = new Set(posts.filter((p) => p.id % 2 === 0).map(key));

  it('gives every page in the exact order of (date, channel, id), across seconds, ties and pages', async () => {
    store = await openSqliteStore(join(root, 'order.db'));
    for (let i = 0; i < posts.length; i += 1000)
      await store.transaction(() => store.savePosts(posts.slice(i, i + 1000)));
    await store.saveTopic({ name: 'even', query: 'kazan', aliases: [] });
    await store.setPostTopics(
      posts.filter((p) => topical.has(key(p))).map((p) => ({ ...p, topics: ['even'] })),
    );
    const expected = [...posts].sort(newestFirst).map(key);
    assert.deepEqual(await allPages(store, 'kazan', {}, 333), expected, 'pages of 333');
    // Small pages: each one ends inside a crowded second (offsets cost a walk each, so only the first ones).
    for (const limit of [20, 7])
      assert.deepEqual(
        await allPages(store, 'kazan', {}, limit, 700),
        expected.slice(0, 700),
        `pages of ${limit}`,
      );
    const summit = [...posts]
      .filter((p) => p.text.includes('summit'))
      .sort(newestFirst)
      .map(key);
    assert.deepEqual(await allPages(store, 'summit', {}, 50), summit);
    const first = await store.search('kazan', { sort: 'date', limit: 5 });
    // 7,000 matches: counted to the cap.
    assert.deepEqual([first.total, first.totalIsLowerBound], [COUNT_CAP, true]);
    assert.ok(
      first.hits.every((h) => h.score === 0),
      'a date-ordered page is not scored',
    );
  });

  it('keeps the order under date-range, channel, language and topic filters, few matches or many', async () => {
    const since = new Date(BASE + 100_000).toISOString();
    const until = new Date(BASE + 300_500).toISOString();
    // On a whole second, whose posts (some at .500) are not before it: the keys alone say this range.
    const untilSecond = new Date(BASE + 200_000).toISOString();
    const cases: [string, SearchOptions, (p: Post) => boolean][] = [
      ['kazan', { until: untilSecond }, (p) => sortDate(p) !== '' && sortDate(p) < untilSecond],
      ['kazan', { since, until: untilSecond }, (p) => sortDate(p) >= since && sortDate(p) < untilSecond],
      ['kazan', { since }, (p) => sortDate(p) >= since],
      ['kazan', { until }, (p) => sortDate(p) !== '' && sortDate(p) < until],
      ['kazan', { since, until }, (p) => sortDate(p) >= since && sortDate(p) < until],
      ['kazan', { since: '2024-03-01', until: '2024-03-01' }, (p) => sortDate(p).startsWith('2024-03-01')],
      ['kazan', { since: '2030-01-01' }, () => false],
      ['kazan', { channel: 'c1' }, (p) => p.channel === 'c1'],
      ['kazan', { channel: ['c0', 'c2'] }, (p) => p.channel !== 'c1'],
      ['kazan', { lang: 'en' }, (p) => p.lang === 'en'],
      ['kazan', { topic: 'even' }, (p) => topical.has(key(p))],
      [
        'kazan',
        { channel: 'c2', lang: 'fr', since },
        (p) => p.channel === 'c2' && p.lang === 'fr' && sortDate(p) >= since,
      ],
      ['rare', { channel: 'c0' }, (p) => p.channel === 'c0'],
      [
        'kazan rare',
        { topic: 'even', until },
        (p) => topical.has(key(p)) && sortDate(p) !== '' && sortDate(p) < until,
      ],
      ['summit', { lang: 'en' }, () => false],
    ];
    for (const [q, options, keep] of cases) {
      const words = q.split(' ');
      const expected = posts
        .filter((p) => words.every((w) => p.text.includes(w)) && keep(p))
        .sort(newestFirst)
        .map(key);
      assert.deepEqual(await allPages(store, q, options, 97), expected, `${q} ${JSON.stringify(options)}`);
      const counted = await store.search(q, { ...options, limit: 1 });
      assert.deepEqual(
        [counted.total, counted.totalIsLowerBound ?? false],
        [Math.min(expected.length, COUNT_CAP), expected.length > COUNT_CAP],
        `count of ${q} ${JSON.stringify(options)}`,
      );
      // By relevance: the same posts (scores order them, so compared as sets).
      const ranked = await store.search(q, { ...options, limit: expected.length + 1 });
      assert.deepEqual(
        ranked.hits.map((h) => key(h.post)).sort(),
        [...expected].sort(),
        `relevance hits of ${q} ${JSON.stringify(options)}`,
      );
    }
  });

  it('moves a post whose date changes, its search row with it', async () => {
    const post = posts.find((p) => p.date !== null && p.text.includes('summit'))!;
    const db = new Database(join(root, 'order.db'), { readonly: true });
    const keyOf = db.prepare('SELECT dkey FROM posts WHERE channel = ? AND id = ?').pluck();
    const old = keyOf.get(post.channel, post.id) as number;
    const later = { ...post, date: '2025-06-01T12:00:00.000Z' };
    await store.transaction(() => store.savePosts([later]));
    const moved = keyOf.get(post.channel, post.id) as number;
    assert.equal(secondOfKey(moved), secondOf(later.date));
    const rows = db.prepare('SELECT count(*) FROM posts_fts WHERE rowid = ?').pluck();
    assert.equal(rows.get(old), 0, 'the old row is gone');
    assert.equal(rows.get(moved), 1);
    const top = await store.search('summit', { sort: 'date', limit: 1 });
    assert.equal(key(top.hits[0]!.post), key(post));
    // Counted once (in one channel, to stay under the count's cap).
    assert.equal(
      (await store.search('summit', { limit: 1, channel: post.channel })).total,
      posts.filter((p) => p.text.includes('summit') && p.channel === post.channel).length,
    );
    // Back to an undated post: last, and still found once.
    await store.transaction(() => store.savePosts([{ ...post, date: null }], { mergeMissing: false }));
    const undated = posts.map((p) => (key(p) === key(post) ? { ...p, date: null } : p));
    const expected = undated
      .filter((p) => p.text.includes('summit'))
      .sort(newestFirst)
      .map(key);
    assert.deepEqual(await allPages(store, 'summit', {}, 500), expected);
    db.close();
    await store.close();
  });
});

describe('migration 14', () => {
  it('keys the posts of a schema-13 archive by date and rebuilds its search index on them', async () => {
    const file = join(root, 'v13.db');
    const db = new Database(file);
    db.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    for (const m of migrations.filter((m) => m.version <= 13)) {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'x');
    }
    const posts = archivePosts(600, 3);
    const insert = db.prepare(
      `INSERT INTO posts (channel, id, date, text, source, lang, first_seen_at, text_seen_at, updated_at)
       VALUES (?, ?, ?, ?, 'text', ?, 'x', 'x', 'x')`,
    );
    // Schema 13 keyed search rows by pk and had no meta column.
    const columns = FTS_COLUMNS.slice(0, 3);
    const fts = db.prepare(
      `INSERT INTO posts_fts (rowid, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`,
    );
    for (const p of posts) {
      const pk = insert.run(p.channel, p.id, p.date, p.text, p.lang).lastInsertRowid;
      fts.run(pk, ...ftsValues(p.text, '', p.lang, p.channel)!.slice(0, 3));
    }
    db.close();
    const store = await openSqliteStore(file);
    const expected = [...posts].sort(newestFirst).map(key);
    assert.deepEqual(await allPages(store, 'kazan', {}, 40), expected);
    assert.equal(
      (await store.search('rare', { limit: 1 })).total,
      posts.filter((p) => p.text.includes('rare')).length,
    );
    await store.close();
    const after = new Database(file, { readonly: true });
    const rows = after.prepare('SELECT sort_date, dkey FROM posts ORDER BY dkey').all() as {
      sort_date: string;
      dkey: number;
    }[];
    for (const r of rows) assert.equal(secondOfKey(r.dkey), secondOf(r.sort_date));
    assert.deepEqual(
      rows.map((r) => r.sort_date),
      rows.map((r) => r.sort_date).sort(),
      'keys follow the dates',
    );
    assert.equal(after.prepare('SELECT count(*) FROM posts_fts').pluck().get(), 600);
    assert.equal(
      after.prepare('SELECT count(*) FROM posts_fts WHERE rowid IN (SELECT dkey FROM posts)').pluck().get(),
      600,
    );
    after.close();
  });
});

describe('relevance on date keys', () => {
  it('ranks every match as a full ordering of the two parts does (words as written, then other forms, by their counts)', async () => {
    const file = join(root, 'rank.db');
    const store = await openSqliteStore(file);
    const rand = rng(5);
    const filler = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'theta'];
    const posts = archivePosts(2_500, 9).map((p, i) => {
      // Repetitions vary, so the ranking orders by more than the date; some match only by a stem (sanctioned).
      const words = Array.from(
        { length: 1 + Math.floor(rand() * 30) },
        () => filler[Math.floor(rand() * 7)]!,
      );
      const repeat = 'sanctions '.repeat(Math.floor(rand() * 3));
      return {
        ...p,
        lang: 'en',
        text: `${i % 5 ? 'sanctions' : 'sanctioned'} ${repeat}${words.join(' ')} banks`,
      };
    });
    await store.transaction(() => store.savePosts(posts));
    const db = new Database(file, { readonly: true });
    const compiled = compileSearch(parseQuery('sanctions banks'));
    const scores = (match: string): Map<number, number> =>
      new Map(
        (
          db
            .prepare(
              'SELECT rowid AS k, -bm25(posts_fts, 1.0, 1.0, 0.5) AS s FROM posts_fts WHERE posts_fts MATCH ?',
            )
            .all(match) as { k: number; s: number }[]
        ).map((r) => [r.k, r.s]),
      );
    const all = scores(compiled.match!);
    const exact = scores(compiled.exact!);
    // bm25 here only tells which posts match (all) and which with the words as written (exact). Those rank by the
    // mean of ts_rank's f(count): 0.1 * sum(1/j^2, j <= count) / (pi^2 / 6).
    const f = (n: number): number =>
      (0.1 * Array.from({ length: n }, (_, j) => 1 / (j + 1) ** 2).reduce((a, b) => a + b, 0)) /
      1.64493406685;
    const texts = new Map(posts.map((p) => [key(p), p.text]));
    const written = (k: string): number => {
      const ws = texts.get(k)!.split(' ');
      const count = (w: string): number => ws.filter((x) => x === w).length;
      return 1 + 10 * ((f(count('sanctions')) + f(count('banks'))) / 2);
    };
    // The others by the same rank of the words' stems: sanctioned and sanctions are both `sanction`.
    const stemmed = (k: string): number => {
      const ws = texts.get(k)!.split(' ');
      const sanction = ws.filter((x) => x === 'sanctions' || x === 'sanctioned').length;
      return 10 * ((f(sanction) + f(ws.filter((x) => x === 'banks').length)) / 2);
    };
    const byKey = new Map(
      (
        db.prepare('SELECT dkey, channel, id FROM posts').all() as {
          dkey: number;
          channel: string;
          id: number;
        }[]
      ).map((r) => [key(r), r.dkey]),
    );
    db.close();
    const keyOf = new Map([...byKey.entries()].map(([k, d]) => [d, k]));
    const want = (k: number): number => (exact.has(k) ? written(keyOf.get(k)!) : stemmed(keyOf.get(k)!));
    const expected = [...all.keys()].map(want).sort((a, b) => b - a);
    const got: { k: string; score: number }[] = [];
    for (let offset = 0; offset < 2_600; offset += 150) {
      const page = await store.search('sanctions banks', { limit: 150, offset });
      got.push(...page.hits.map((h) => ({ k: key(h.post), score: h.score })));
    }
    assert.equal(new Set(got.map((g) => g.k)).size, posts.length, 'every match once');
    assert.deepEqual(
      got.map((g) => g.score),
      expected,
      'scores in full-ranking order',
    );
    for (const g of got) assert.ok(Math.abs(g.score - want(byKey.get(g.k)!)) < 1e-12, g.k);
    await store.close();
  });
});
