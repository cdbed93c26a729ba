// Both stores side by side on the same generated posts: ingest rate, then never-seen two-word searches (20 results)
// by relevance and newest first, each beside the bare index query on the same data (the floor). SQLite through
// search-order-bench.ts, PostgreSQL through pg-ingest.ts (the bulk path) and pg-search-floor.ts. PostgreSQL needs a
// URL in TGWIRE_BENCH_PG (or TGWIRE_TEST_PG); without one, SQLite alone is measured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { generatePosts } from './gen-posts.js';
import { buildPgArchive, dropPgSchema, withPgClient } from './pg-ingest.js';
import { floorPool, measureFloor, timing } from './pg-search-floor.js';
import { mergeSearchIndex } from '../src/store/sqlite/index-merge.js';
import { buildArchive, timeSearches, timeServedSearches, type LatencyRow } from './search-order-bench.js';

export interface StoreBenchResult {
  backend: string;
  posts: number;
  /** null: the archive was one kept from an earlier run (BENCH_PG_SCHEMA), not built in this one. */
  ingestPostsPerSec: number | null;
  /** Plans and floors, median and p99 each. */
  latency: LatencyRow[];
  /** Lines printed under the table. */
  notes?: string[];
}

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

const row = (
  plan: string,
  queries: number,
  t: { medianMs: number; p99Ms: number; stopped?: number },
): LatencyRow => ({ plan, queries, ...t });

export async function benchSqliteStore(n: number, queries = 200): Promise<StoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bench-stores-'));
  try {
    const file = join(dir, 'bench.db');
    const ingestPostsPerSec = await buildArchive(file, n);
    const built = await timeSearches(file, queries);
    // The same searches once the index is merged into one segment, as `serve` keeps it (store/sqlite/index-merge.ts).
    const merge = await mergeSearchIndex(file, { minPages: 0 });
    const merged = (await timeSearches(file, queries)).map((l) => ({
      ...l,
      plan: `index merged: ${l.plan}`,
    }));
    const served = (await timeServedSearches(file, queries * 5)).map((l) => ({
      ...l,
      plan: `index merged: ${l.plan}`,
    }));
    return {
      backend: 'sqlite',
      posts: n,
      ingestPostsPerSec,
      latency: [...built, ...merged, ...served],
      notes: [
        `The merge pass (in a worker thread, as serve runs it daily): ${merge.segmentsBefore} segments to ${merge.segmentsAfter}, ${merge.steps} steps, ${merge.seconds} s.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Searches on an existing PostgreSQL archive: the store's two orders beside the bare index queries. The floors run
 * over the first `floorQueries` pairs only, each stopped at FLOOR_LIMIT_MS.
 */
export async function timePgSearches(
  url: string,
  schema: string,
  queries = 200,
  floorQueries = queries,
): Promise<LatencyRow[]> {
  const pairs = wordPairs(queries);
  const pool = floorPool(url);
  const store = await openPostgresStore(url, { schema });
  try {
    const times = { date: [] as number[], relevance: [] as number[] };
    for (const sort of ['relevance', 'date'] as const)
      for (const q of pairs) {
        const t = performance.now();
        await store.search(q, { limit: 20, sort });
        times[sort].push(performance.now() - t);
      }
    const floorPairs = pairs.slice(0, floorQueries);
    const floor = await measureFloor(pool, schema, floorPairs);
    return [
      row('relevance', pairs.length, timing(times.relevance)),
      row('newest first', pairs.length, timing(times.date)),
      row('floor: bare index query, newest first', floorPairs.length, floor.newest),
      row('floor: bare index query, by rank', floorPairs.length, floor.relevance),
    ];
  } finally {
    await store.close();
    await pool.end();
  }
}

/** Whether `schema` holds an archive (its posts table). */
async function hasArchive(url: string, schema: string): Promise<boolean> {
  const { rows } = await withPgClient(url, (c) =>
    c.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [`${schema}.posts`]),
  );
  return rows[0]?.t != null;
}

export interface PgBenchOptions {
  queries?: number;
  /** The floors run over this many of the queries (default all). */
  floorQueries?: number;
  /**
   * Build into this schema and keep it; when it already holds an archive, measure that one (no ingest figure).
   * Without it, a schema of the run's own is built and dropped.
   */
  keepSchema?: string;
  onProgress?: (saved: number) => void;
}

/**
 * Builds an `n`-post PostgreSQL archive as a bulk load in a schema of its own, VACUUM ANALYZE (what
 * autovacuum does to a real archive), times the searches, drops the schema (unless it is to be kept).
 */
export async function benchPgStore(
  url: string,
  n: number,
  options: PgBenchOptions = {},
): Promise<StoreBenchResult> {
  const schema = options.keepSchema ?? `bench_${process.pid}_${n}`;
  const queries = options.queries ?? 200;
  try {
    let ingestPostsPerSec: number | null = null;
    if (options.keepSchema === undefined || !(await hasArchive(url, schema))) {
      const built = await buildPgArchive(url, n, { schema, onProgress: options.onProgress, bulk: true });
      ingestPostsPerSec = built.postsPerSec;
      await withPgClient(url, (c) => c.query(`VACUUM ANALYZE ${schema}.posts`));
    }
    return {
      backend: 'postgres',
      posts: n,
      ingestPostsPerSec,
      latency: await timePgSearches(url, schema, queries, options.floorQueries),
    };
  } finally {
    if (options.keepSchema === undefined) await dropPgSchema(url, schema);
  }
}

export async function benchStores(n = 1_000_000): Promise<StoreBenchResult[]> {
  const results = [await benchSqliteStore(n)];
  const url = process.env.TGWIRE_BENCH_PG ?? process.env.TGWIRE_TEST_PG;
  if (url) results.push(await benchPgStore(url, n));
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchStores(Number(process.argv[2] ?? 1_000_000))) {
    console.log(`${r.backend}: ${r.posts} posts, ingest ${r.ingestPostsPerSec ?? '(not built)'} posts/s`);
    console.table(r.latency);
  }
}
