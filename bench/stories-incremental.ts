// Incremental story assignment beside a full rebuild: N new posts stored into an archive of M posts (SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '../src/model/post.js';
import { assignStories, rebuildStories } from '../src/pipeline/stories.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { generateArchive } from './rules-bench.js';

export interface IncrementalBench {
  archive: number;
  added: number;
  buildSeconds: number;
  rebuildSeconds: number;
  assignSeconds: number;
  postsRead: number;
  /** Share of the new posts that a rebuild puts in the same story (story ids follow canonical posts). */
  agreement: number;
}

const seconds = (t0: bigint): number => Math.round(Number(process.hrtime.bigint() - t0) / 1e7) / 100;

export async function benchIncremental(archive: number, added = 10_000): Promise<IncrementalBench> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-stories-bench-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  try {
    const gen = generateArchive(archive + added);
    const t0 = process.hrtime.bigint();
    let batch: Post[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const b = batch;
      batch = [];
      await store.transaction(() => store.savePosts(b));
    };
    for (let i = 0; i < archive; i++) {
      batch.push(gen.next().value!.post as Post);
      if (batch.length === 5000) await flush();
    }
    await flush();
    const buildSeconds = seconds(t0);
    const t1 = process.hrtime.bigint();
    await rebuildStories(store);
    const rebuildSeconds = seconds(t1);

    for (let i = 0; i < added; i++) batch.push(gen.next().value!.post as Post);
    const fresh = batch.map((p) => `${p.channel}/${p.id}`);
    await flush();
    const t2 = process.hrtime.bigint();
    const r = await assignStories(store);
    const assignSeconds = seconds(t2);

    // The same archive regrouped from scratch: do the new posts land with the same companions?
    const incremental = await storiesOf(store, fresh);
    await rebuildStories(store);
    const full = await storiesOf(store, fresh);
    let same = 0;
    for (let i = 0; i < fresh.length; i++) if (incremental[i] === full[i]) same++;
    return {
      archive,
      added,
      buildSeconds,
      rebuildSeconds,
      assignSeconds,
      postsRead: r.read,
      agreement: Math.round((same / Math.max(1, fresh.length)) * 10000) / 10000,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BacklogBench {
  posts: number;
  perDay: number;
  /** assignStories over an archive whose posts all lack a story, read in chunks (as after import --no-stories). */
  assignSeconds: number;
  /** The highest RSS sampled every 200 ms while grouping ran (samples wait for the event loop: a lower bound). */
  assignPeakRssMb: number;
  postsRead: number;
  /** stories --rebuild of the same archive, right after. */
  rebuildSeconds: number;
  /** Share of posts the rebuild puts in the same story as the chunked assignment did. */
  agreement: number;
}

/**
 * A backlog of `n` posts without a story (`perDay` a day: 20,000 is a desk following 1,000 channels), grouped by
 * assignStories in its chunks, beside a rebuild of the same archive: the two do the same work, once each post.
 */
export async function benchBacklog(n: number, perDay = 20_000): Promise<BacklogBench> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-stories-backlog-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  try {
    let batch: Post[] = [];
    for (const g of generateArchive(n, 42, perDay)) {
      batch.push(g.post as Post);
      if (batch.length === 5000) {
        const b = batch;
        batch = [];
        await store.transaction(() => store.savePosts(b));
      }
    }
    if (batch.length) await store.transaction(() => store.savePosts(batch));
    const keys: string[] = [];
    for await (const p of store.iteratePosts({ order: 'asc' })) keys.push(`${p.channel}/${p.id}`);
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const t0 = process.hrtime.bigint();
    const r = await assignStories(store);
    const assignSeconds = seconds(t0);
    clearInterval(timer);
    const assigned = await storiesOf(store, keys);
    const t1 = process.hrtime.bigint();
    await rebuildStories(store);
    const rebuildSeconds = seconds(t1);
    const rebuilt = await storiesOf(store, keys);
    let same = 0;
    for (let i = 0; i < keys.length; i++) if (assigned[i] === rebuilt[i]) same++;
    return {
      posts: n,
      perDay,
      assignSeconds,
      assignPeakRssMb: Math.round(peak / 2 ** 20),
      postsRead: r.read,
      rebuildSeconds,
      agreement: Math.round((same / Math.max(1, keys.length)) * 10000) / 10000,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function storiesOf(
  store: Awaited<ReturnType<typeof openSqliteStore>>,
  keys: string[],
): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  for (const k of keys) {
    const slash = k.lastIndexOf('/');
    out.push((await store.getPost(k.slice(0, slash), Number(k.slice(slash + 1))))?.story ?? null);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // stories-incremental.ts [N] | stories-incremental.ts backlog [N]
  const backlog = process.argv[2] === 'backlog';
  const n = Number(process.argv[backlog ? 3 : 2] ?? 100_000);
  console.log(backlog ? await benchBacklog(n) : await benchIncremental(n));
}
