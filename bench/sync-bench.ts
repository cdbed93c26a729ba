// Backfill throughput from a local fake t.me (pacing off, so the figure is tgwire's own cost) beside parse-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { adaptTmePage, parseTmePage } from '../src/collectors/tme/index.js';
import { syncChannel } from '../src/pipeline/collect/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { createHttpClient } from '../src/util/http.js';
import { startFakeTme } from '../test/fake-tme/index.js';

export interface SyncBench {
  pages: number;
  posts: number;
  /** Fetch (local HTTP) + parse + adapt + store in one transaction per page, with the cursor. */
  backfillPagesPerSec: number;
  /** Parse + adapt of the same pages, already in memory. */
  parseOnlyPagesPerSec: number;
  /** The backfill in posts per second (to set beside the MTProto figure). */
  backfillPostsPerSec: number;
}

export async function benchSync(posts = 5000): Promise<SyncBench> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bench-sync-'));
  const fake = await startFakeTme({ channels: [{ username: 'benchsync', posts }] });
  try {
    const store = await openSqliteStore(join(dir, 'sync.db'));
    const http = createHttpClient();
    const t0 = performance.now();
    const r = await syncChannel({ store, http, baseUrl: fake.baseUrl }, 'benchsync');
    const syncSec = (performance.now() - t0) / 1000;
    await store.close();
    if (r.status !== 'ok') throw new Error(`bench sync failed: ${r.error}`);

    // The same pages, fetched once, then parsed and adapted repeatedly for ~2 s.
    const bodies: string[] = [];
    for (const q of fake.requests.filter((x) => x.status === 200 && x.path.startsWith('/s/'))) {
      bodies.push((await http.get(`${fake.baseUrl}${q.path}`)).body);
    }
    let parsed = 0;
    const t1 = performance.now();
    while (performance.now() - t1 < 2000) {
      for (const b of bodies) adaptTmePage(parseTmePage(b, 'bench'), { source: 'tme-live' });
      parsed += bodies.length;
    }
    const parseSec = (performance.now() - t1) / 1000;
    return {
      pages: r.pages,
      posts: r.newPosts,
      backfillPagesPerSec: Math.round(r.pages / syncSec),
      parseOnlyPagesPerSec: Math.round(parsed / parseSec),
      backfillPostsPerSec: Math.round(r.newPosts / syncSec),
    };
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await benchSync(Number(process.argv[2] ?? 5000)));
}
