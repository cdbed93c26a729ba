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
  const n = Number(process.argv[2] ?? 100_000);
  console.log(await benchIncremental(n));
}
