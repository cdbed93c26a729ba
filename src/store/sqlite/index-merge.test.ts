// The search index merged in a worker thread: every segment into one, the same hits before and after, nothing done
// under the threshold, a pass stopped between steps leaves a sound index, and the daily loop runs a pass.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { emptyPost } from '../../model/post.js';
import { keepSearchIndexMerged, mergeSearchIndex, searchIndexWorthMerging } from './index-merge.js';
import { segmentPages, worthMerging } from './index-segments.js';
import { openSqliteStore } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-index-merge-'));
after(() => rmSync(root, { recursive: true, force: true }));

const WORDS = ['brics', 'summit', 'kazan', 'energy', 'sanctions', 'трейд', 'саммит', 'économie', 'partners'];

/** An archive saved in `batches` transactions: FTS5 writes one segment per transaction (and merges by levels). */
async function archive(name: string, batches: number): Promise<string> {
  const path = join(root, `${name}.db`);
  const store = await openSqliteStore(path);
  let id = 0;
  for (let b = 0; b < batches; b++) {
    const posts = Array.from({ length: 40 }, () => {
      id++;
      const p = emptyPost(`c${id % 3}`, id, 'text');
      p.date = new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      p.text = `${WORDS[id % WORDS.length]} ${WORDS[(id * 7) % WORDS.length]} post ${id}`;
      p.lang = id % 2 ? 'en' : 'ru';
      return p;
    });
    await store.transaction(() => store.savePosts(posts));
  }
  await store.close();
  return path;
}

const segments = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return segmentPages(db).length;
  } finally {
    db.close();
  }
};

/** Every hit of a few searches, both orders, as keys. */
async function hits(path: string): Promise<string[]> {
  const store = await openSqliteStore(path);
  try {
    const out: string[] = [];
    for (const q of ['brics', 'summit kazan', 'саммит', 'économie OR partners'])
      for (const sort of ['date', 'relevance'] as const) {
        const r = await store.search(q, { sort, limit: 500 });
        out.push(`${q} ${sort} ${r.total}: ${r.hits.map((h) => `${h.post.channel}/${h.post.id}`).join(' ')}`);
      }
    return out;
  } finally {
    await store.close();
  }
}

describe('merging the search index', () => {
  it('merges every segment into one and changes no hit', async () => {
    const path = await archive('merge', 12);
    const before = segments(path);
    assert.ok(before >= 4, `the archive has segments to merge: ${before}`);
    const found = await hits(path);
    const r = await mergeSearchIndex(path, { pages: 4, pauseMs: 0, minPages: 0 });
    assert.equal(r.segmentsBefore, before);
    assert.equal(r.segmentsAfter, 1);
    assert.equal(segments(path), 1);
    assert.ok(r.steps >= 1 && !r.stopped, JSON.stringify(r));
    assert.deepEqual(await hits(path), found);
    const db = new Database(path);
    db.exec("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)");
    db.close();
  });

  it('does nothing when one segment holds (nearly) everything', async () => {
    const one = await mergeSearchIndex(await archive('one', 1), { minPages: 0 });
    assert.deepEqual([one.steps, one.segmentsBefore, one.segmentsAfter], [0, 1, 1]);
    // A merged index and one new batch: the small segment is left alone unless it is a large enough share.
    const path = await archive('grown', 12);
    await mergeSearchIndex(path, { minOutside: 0, minPages: 0 });
    const store = await openSqliteStore(path);
    const p = emptyPost('c9', 1, 'text');
    p.text = 'brics summit one more';
    await store.transaction(() => store.savePosts([p]));
    await store.close();
    assert.equal(segments(path), 2);
    const skipped = await mergeSearchIndex(path, { minOutside: 0.99, minPages: 0 });
    assert.deepEqual([skipped.steps, skipped.segmentsAfter], [0, 2]);
    assert.equal(searchIndexWorthMerging(path, { minOutside: 0.01, minPages: 0 }), true);
    assert.equal(
      searchIndexWorthMerging(path, { minOutside: 0.01 }),
      false,
      'a small index is left alone by default',
    );
    const merged = await mergeSearchIndex(path, { minOutside: 0.01, minPages: 0 });
    assert.ok(merged.steps > 0);
    assert.equal(merged.segmentsAfter, 1);
  });

  it('weighs the pages outside the largest segment', () => {
    const job = { minSegments: 2, minOutside: 0.1, minPages: 100 };
    assert.equal(worthMerging([900, 50, 40], job), false);
    assert.equal(worthMerging([900, 60, 40], job), true);
    assert.equal(worthMerging([500], job), false);
    assert.equal(worthMerging([], job), false);
    assert.equal(worthMerging([60, 30], job), false, 'under minPages');
  });

  it('stops between steps when asked, with a sound index and the same hits', async () => {
    const path = await archive('stop', 12);
    const found = await hits(path);
    const stop = new AbortController();
    stop.abort();
    const r = await mergeSearchIndex(path, { pages: 1, pauseMs: 0, minPages: 0, signal: stop.signal });
    assert.ok(r.stopped, JSON.stringify(r));
    assert.ok(r.steps <= 1, JSON.stringify(r));
    const db = new Database(path);
    db.exec("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)");
    db.close();
    assert.deepEqual(await hits(path), found);
  });

  it('an in-memory archive or a file that is no archive is refused with a clear error', async () => {
    await assert.rejects(mergeSearchIndex(':memory:'), /in-memory archive/);
    const notDb = join(root, 'not.db');
    writeFileSync(notDb, 'this is not a database, '.repeat(200));
    await assert.rejects(
      mergeSearchIndex(notDb, { minPages: 0 }),
      /merging the search index: .*not a database/,
    );
  });

  it('the background loop runs a pass and logs it', async () => {
    const path = await archive('loop', 12);
    const stop = new AbortController();
    const lines: string[] = [];
    const task = keepSearchIndexMerged(path, {
      signal: stop.signal,
      firstDelayMs: 0,
      pages: 50,
      pauseMs: 0,
      minPages: 0,
      log: (l) => lines.push(l),
    });
    for (let i = 0; i < 400 && !lines.some((l) => l.startsWith('search-index')); i++)
      await new Promise((r) => setTimeout(r, 25));
    stop.abort();
    await task.done;
    const line = lines.find((l) => l.startsWith('search-index'));
    assert.match(
      line ?? lines.join('\n'),
      /^search-index event=merged segments_before=\d+ segments_after=1 /,
    );
    assert.equal(segments(path), 1);
    assert.equal(task.status.state, 'stopped');
  });
});
