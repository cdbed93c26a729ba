// Search latency on one large SQLite archive built once: relevance and newest-first through the Store, next to the
// bare FTS5 floors (MATCH ordered by rowid, and by rank) on the same index. Usage:
//   node --import tsx bench/search-order-bench.ts build FILE [N]   builds FILE with N generated posts (1,000,000)
//   node --import tsx bench/search-order-bench.ts time FILE [Q] [W] times Q never-seen W-word queries (200, 2; W 1 or 2)
//   node --import tsx bench/search-order-bench.ts served FILE [Q]  the same through a search worker, as serve (1000)
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { parseQuery } from '../src/search/parse.js';
import { compileSearch } from '../src/store/sqlite/fts.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { generatePosts } from './gen-posts.js';
import { wordPairs } from './store-bench.js';

const CHUNK = 10_000;

export interface LatencyRow {
  plan: string;
  queries: number;
  medianMs: number;
  p99Ms: number;
  /** Queries stopped at the time limit (counted at the limit, so median and p99 are lower bounds). */
  stopped?: number;
  /** That limit, when any query was stopped. */
  limitMs?: number;
}

/**
 * Fills a new archive at `file` with `n` generated posts, as store-bench does (chunks share their dates, so many
 * posts share each second: the ties a date-ordered plan must order). Returns posts per second.
 */
export async function buildArchive(file: string, n: number): Promise<number> {
  if (existsSync(file)) throw new Error(`${file} exists: the bench builds a new archive`);
  const store = await openSqliteStore(file);
  const t0 = performance.now();
  try {
    for (let start = 0; start < n; start += CHUNK) {
      const posts = generatePosts(Math.min(CHUNK, n - start), { seed: start + 1 }).map((p, i) => ({
        ...p,
        id: start + i + 1,
      }));
      await store.transaction(() => store.savePosts(posts));
    }
  } finally {
    await store.close();
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

function stats(plan: string, times: number[]): LatencyRow {
  times.sort((a, b) => a - b);
  return {
    plan,
    queries: times.length,
    medianMs: Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
    p99Ms: Number(times[Math.floor(times.length * 0.99)]!.toFixed(1)),
  };
}

// Forms of the generated posts' topic words that the posts never hold as written, each with its stem's form they do
// hold (gen-posts.ts): `minister` finds `ministers` only through the stem.
const OTHER_FORMS: Record<string, string[]> = {
  en: ['minister', 'country', 'partner', 'sanction', 'discuss', 'develop', 'meet', 'economies'],
  fr: ['ministre', 'partenaire', 'discuter', 'économies', 'sommets'],
  ru: ['министр', 'санкция', 'партнёр', 'экономики'],
};
const AS_WRITTEN: Record<string, string[]> = {
  en: ['trade', 'energy', 'summit', 'cooperation', 'agenda', 'security'],
  fr: ['commerce', 'coopération', 'finances', 'octobre'],
  ru: ['торговля', 'сотрудничество', 'финансы', 'октябрь'],
};

/** `n` two-word queries, each a word in a form no post holds (found only through its stem) and a word as written. */
export function otherFormPairs(n: number): string[] {
  const all = Object.keys(OTHER_FORMS).flatMap((lang) =>
    OTHER_FORMS[lang]!.flatMap((o) => AS_WRITTEN[lang]!.map((w) => `${o} ${w}`)),
  );
  return all.slice(0, n);
}

/** The first word of each query, each once: `n` of them at most (one-word searches). */
const firstWords = (queries: string[], n: number): string[] =>
  [...new Set(queries.map((t) => t.split(' ')[0]!))].slice(0, n);

/**
 * Times `q` two-word queries (wordPairs), or one-word ones (`words` 1: their first words), on an existing archive:
 * each plan on a freshly opened store, so no query was seen before by its cache. The floors run the compiled MATCH
 * of each query on the FTS5 table alone.
 */
export async function timeSearches(file: string, q = 200, words: 1 | 2 = 2): Promise<LatencyRow[]> {
  const pairs = words === 1 ? firstWords(wordPairs(q * 4), q) : wordPairs(q);
  const others = words === 1 ? firstWords(otherFormPairs(q * 4), q) : otherFormPairs(q);
  const rows: LatencyRow[] = [];
  for (const [plan, options] of [
    ['relevance', {}],
    ['newest first', { sort: 'date' }],
    ['newest first, one channel', { sort: 'date', channel: 'channel_3' }],
    ['newest first, since a date', { sort: 'date', since: '2024-01-06' }],
    ['relevance, one channel', { channel: 'channel_3' }],
    ['relevance, a word in another form', { otherForms: true }],
  ] as const) {
    const store = await openSqliteStore(file);
    const times: number[] = [];
    const { otherForms, ...searchOptions } = { otherForms: false, ...options };
    try {
      for (const text of otherForms ? others : pairs) {
        const t = performance.now();
        await store.search(text, { limit: 20, ...searchOptions });
        times.push(performance.now() - t);
      }
    } finally {
      await store.close();
    }
    rows.push(stats(plan, times));
  }
  const db = new Database(file, { readonly: true });
  try {
    db.pragma('mmap_size = 268435456');
    for (const [plan, order] of [
      ['FTS5 floor: ORDER BY rowid DESC', 'rowid DESC'],
      ['FTS5 floor: ORDER BY rank', 'rank'],
    ] as const) {
      const stmt = db.prepare(
        `SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY ${order} LIMIT 20`,
      );
      const times: number[] = [];
      for (const text of pairs) {
        const match = compileSearch(parseQuery(text)).match!;
        const t = performance.now();
        stmt.all(match);
        times.push(performance.now() - t);
      }
      rows.push(stats(plan, times));
    }
  } finally {
    db.close();
  }
  return rows;
}

/**
 * Searches as `serve` runs them: one store with a search worker (its own read-only connection) that first serves
 * `warm` other searches, then `q` never-asked pairs per newest-first plan, each plan its own pairs. The worker's
 * page cache then holds what common words read, as a long-running web app's does.
 */
export async function timeServedSearches(file: string, q = 1000, warm = 400): Promise<LatencyRow[]> {
  const plans = [
    ['served by a search worker: newest first', { sort: 'date' }],
    ['served by a search worker: newest first, one channel', { sort: 'date', channel: 'channel_3' }],
    ['served by a search worker: newest first, since a date', { sort: 'date', since: '2024-01-06' }],
  ] as const;
  const pairs = wordPairs(warm + plans.length * q);
  const store = await openSqliteStore(file, { searchWorkers: 1 });
  try {
    for (const text of pairs.slice(0, warm)) await store.search(text, { limit: 20, sort: 'date' });
    const rows: LatencyRow[] = [];
    for (const [k, [plan, options]] of plans.entries()) {
      const times: number[] = [];
      for (const text of pairs.slice(warm + k * q, warm + (k + 1) * q)) {
        const t = performance.now();
        await store.search(text, { limit: 20, ...options });
        times.push(performance.now() - t);
      }
      rows.push(stats(plan, times));
    }
    return rows;
  } finally {
    await store.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [cmd, file, arg] = process.argv.slice(2);
  if (cmd === 'build' && file) console.log(`${await buildArchive(file, Number(arg ?? 1_000_000))} posts/s`);
  else if (cmd === 'time' && file)
    console.table(await timeSearches(file, Number(arg ?? 200), process.argv[5] === '1' ? 1 : 2));
  else if (cmd === 'served' && file) console.table(await timeServedSearches(file, Number(arg ?? 1000)));
  else console.error('usage: search-order-bench.ts build FILE [N] | time FILE [Q] [1|2] | served FILE [Q]');
}
