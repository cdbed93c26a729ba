// Ingest rate and search latency of the SQLite and PostgreSQL stores side by side, on the same generated posts.
// Needs a PostgreSQL URL in TGWIRE_BENCH_PG (or TGWIRE_TEST_PG); without one, SQLite alone is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import type { Store } from '../src/store/store.js';
import { generatePosts } from './gen-posts.js';

export interface StoreBenchRow {
  backend: string;
  posts: number;
  ingestPostsPerSec: number;
  searchMedianMs: number;
  searchP99Ms: number;
  queries: number;
}

const CHUNK = 10_000;

/** Distinct two-word queries, each taken from one generated post (so it matches, in one language). */
export function wordPairs(n: number): string[] {
  const out = new Set<string>();
  for (const p of generatePosts(n * 3, { seed: 11 })) {
    const words = p.text.split(/[\s.#]+/).filter((w) => w.length > 3);
    for (let i = 0; i + 5 < words.length && out.size < n; i += 5) out.add(`${words[i]} ${words[i + 5]}`);
    if (out.size >= n) break;
  }
  return [...out];
}

async function measure(backend: string, store: Store, n: number): Promise<StoreBenchRow> {
  const t0 = performance.now();
  for (let start = 0; start < n; start += CHUNK) {
    // Generated chunk by chunk with distinct ids, so a million posts never sit in memory at once.
    const posts = generatePosts(Math.min(CHUNK, n - start), { seed: start + 1 }).map((p, i) => ({
      ...p,
      id: start + i + 1,
    }));
    await store.transaction(() => store.savePosts(posts));
  }
  const ingestSec = (performance.now() - t0) / 1000;
  // Two words of one generated post each time (so every query has matches, in one language), each asked
  // once: no cache helps.
  const pairs = wordPairs(200);
  const times: number[] = [];
  for (const q of pairs) {
    const t = performance.now();
    await store.search(q, { limit: 20 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    backend,
    posts: n,
    ingestPostsPerSec: Math.round(n / ingestSec),
    searchMedianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
    searchP99Ms: Number(times[Math.floor(times.length * 0.99)]!.toFixed(1)),
    queries: times.length,
  };
}

export async function benchStores(n = 1_000_000): Promise<StoreBenchRow[]> {
  const rows: StoreBenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bench-stores-'));
  try {
    const sqlite = await openSqliteStore(join(dir, 'bench.db'));
    rows.push(await measure('sqlite', sqlite, n));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TGWIRE_BENCH_PG ?? process.env.TGWIRE_TEST_PG;
  if (url) {
    const schema = `bench_${process.pid}`;
    const pg = await openPostgresStore(url, { schema });
    try {
      rows.push(await measure('postgres', pg, n));
    } finally {
      await pg.close();
      const { default: pgLib } = await import('pg');
      const client = new pgLib.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await benchStores(Number(process.argv[2] ?? 1_000_000)));
}
