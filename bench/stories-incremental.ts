// Incremental story assignment beside a full rebuild: N new posts stored into an archive of M posts (SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Post } from '../src/model/post.js';
import { ChannelProfiles } from '../src/pipeline/channel-profiles.js';
import { storyIdOf } from '../src/dedup/stories.js';
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

export interface DeskBench {
  channels: number;
  archive: number;
  added: number;
  /** Grouping rounds of `added` new posts each: profiles learned at every round (as a new object each time). */
  freshSeconds: number[];
  /** The same rounds with one ChannelProfiles kept across them (the collector's way): the first learns them all. */
  keptSeconds: number[];
  /** Posts read to learn profiles in each round, fresh and kept. */
  freshProfileReads: number[];
  keptProfileReads: number[];
}

/**
 * A collector's grouping rounds on a desk of `channels` channels (`perDay` posts a day over `days` days, each post
 * stored with a story of its own: seeding costs the same whatever the stories), `added` new posts a round. The
 * rounds alternate between learning every channel's profile afresh and keeping one ChannelProfiles across rounds.
 */
export async function benchDesk(
  channels = 1000,
  days = 26,
  perDay = 20_000,
  added = 100,
  rounds = 3,
): Promise<DeskBench> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-stories-desk-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  try {
    const n = days * perDay;
    const gen = generateArchive(n + 2 * rounds * added, 42, perDay);
    // The generator's 40 channels spread over the desk's: post i belongs to channel i mod `channels`.
    const next = (i: number): Post => {
      const p = gen.next().value!.post as Post;
      return { ...p, channel: `desk${i % channels}` };
    };
    let batch: Post[] = [];
    for (let i = 0; i < n; i++) {
      batch.push(next(i));
      if (batch.length === 10_000 || i === n - 1) {
        const b = batch;
        batch = [];
        await store.transaction(async () => {
          await store.savePosts(b);
          await store.setStories(
            b.map((p) => ({
              channel: p.channel,
              id: p.id,
              storyId: storyIdOf(`${p.channel}/${p.id}`),
              reason: 'canonical' as const,
              evidence: null,
            })),
          );
        });
      }
    }
    const kept = new ChannelProfiles();
    const r: DeskBench = {
      channels,
      archive: n,
      added,
      freshSeconds: [],
      keptSeconds: [],
      freshProfileReads: [],
      keptProfileReads: [],
    };
    let i = n;
    for (let round = 0; round < 2 * rounds; round++) {
      const fresh: Post[] = [];
      for (let k = 0; k < added; k++) fresh.push(next(i++));
      await store.transaction(() => store.savePosts(fresh));
      const useKept = round % 2 === 1;
      const profiles = useKept ? kept : new ChannelProfiles();
      const before = profiles.postsRead;
      const t0 = process.hrtime.bigint();
      await assignStories(store, { profiles });
      (useKept ? r.keptSeconds : r.freshSeconds).push(seconds(t0));
      (useKept ? r.keptProfileReads : r.freshProfileReads).push(profiles.postsRead - before);
    }
    return r;
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
  // stories-incremental.ts [N] | stories-incremental.ts backlog [N] | stories-incremental.ts desk [CHANNELS] [DAYS]
  const mode = process.argv[2];
  if (mode === 'desk')
    console.log(await benchDesk(Number(process.argv[3] ?? 1000), Number(process.argv[4] ?? 26)));
  else if (mode === 'backlog') console.log(await benchBacklog(Number(process.argv[3] ?? 100_000)));
  else console.log(await benchIncremental(Number(process.argv[2] ?? 100_000)));
}
