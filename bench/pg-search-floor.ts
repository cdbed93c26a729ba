// The floor of PostgreSQL search: the bare index query of a two-word search (no count, no ties, no snippets, no
// post columns), newest first and by relevance, LIMIT 20, on an archive's own data. The store's figures compare with it.
// CLI: node --import tsx bench/pg-search-floor.ts URL SCHEMA [QUERIES]: the floor and the store on that schema.
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { parseQuery } from '../src/search/parse.js';
import { stemmedQueryWords } from '../src/search/terms.js';
import { STEM_CONFIGS } from '../src/text/stems.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { Params } from '../src/store/postgres/filter.js';
import { compileCombined, compileSearch } from '../src/store/postgres/search.js';
import { Stemmer } from '../src/store/postgres/stem.js';
import { wordPairs } from './store-bench.js';

type Queryable = pg.Pool | pg.PoolClient;

export interface FloorQuery {
  sql: string;
  values: unknown[];
}

/** The schema of the rum extension when the archive at `schema` searches through RUM; null: GIN. */
export async function rumOf(db: Queryable, schema: string): Promise<string | null> {
  const { rows } = await db.query<{ ns: string | null }>(
    `SELECT (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'rum') AS ns
     FROM ${schema}.search_settings WHERE name = 'index' AND value = 'rum'`,
  );
  return rows[0]?.ns ?? null;
}

/**
 * The bare queries of `text` (two words) on `schema`: on RUM, the ordered scans of the date and rank indexes; on GIN,
 * the match sorted by date, and ranked by ts_rank of the words as written.
 */
export async function floorQueries(
  db: Queryable,
  schema: string,
  text: string,
): Promise<{ newest: FloorQuery; relevance: FloorQuery }> {
  const node = parseQuery(text);
  const words = [...stemmedQueryWords(node)];
  const stems = await new Stemmer().lexicon(db, new Map(STEM_CONFIGS.map((c) => [c, words])));
  const ns = await rumOf(db, schema);
  const params = new Params();
  if (ns !== null) {
    const { where, rankQuery } = compileCombined(node, params, stems);
    const q = params.add(rankQuery);
    const op = (o: string): string => `OPERATOR("${ns}".${o})`;
    const from = `FROM ${schema}.posts p WHERE ${where}`;
    return {
      newest: {
        sql: `SELECT p.channel, p.id ${from} ORDER BY p.sort_key ${op('<=|')} 100000000000000::bigint LIMIT 20`,
        values: params.values.slice(0, -1),
      },
      relevance: {
        sql: `SELECT p.channel, p.id ${from} ORDER BY p.tsv_all ${op('<=>')} ${q}::tsquery LIMIT 20`,
        values: params.values,
      },
    };
  }
  const { where, rank } = compileSearch(node, params, stems);
  const from = `FROM ${schema}.posts p WHERE ${where}`;
  const newest = {
    sql: `SELECT p.channel, p.id ${from} ORDER BY p.sort_date DESC LIMIT 20`,
    values: [...params.values],
  };
  const r = rank() ?? '0';
  return {
    newest,
    relevance: { sql: `SELECT p.channel, p.id ${from} ORDER BY ${r} DESC LIMIT 20`, values: params.values },
  };
}

/**
 * A bare query is stopped after this long (BENCH_FLOOR_LIMIT_S): at ten million posts one ranking of every match
 * ran for minutes, so a run over 200 queries would not end in an afternoon.
 */
export const FLOOR_LIMIT_MS = Number(process.env.BENCH_FLOOR_LIMIT_S ?? 10) * 1000;

export interface Timing {
  medianMs: number;
  p99Ms: number;
  /** Queries stopped at the time limit, each counted at the limit. */
  stopped?: number;
  limitMs?: number;
}

export function timing(times: number[], stopped = 0, limitMs = FLOOR_LIMIT_MS): Timing {
  const t = [...times].sort((a, b) => a - b);
  const at = (f: number): number => Number(t[Math.min(t.length - 1, Math.floor(t.length * f))]!.toFixed(1));
  return { medianMs: at(0.5), p99Ms: at(0.99), ...(stopped ? { stopped, limitMs } : {}) };
}

/** A pool for bare queries: no JIT (the store runs without it too). */
export function floorPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, options: '-c jit=off' });
}

/**
 * Median and p99 of the bare queries over `queries`, each asked once on one connection of `pool`, each stopped at
 * FLOOR_LIMIT_MS (the statements that build them are not).
 */
export async function measureFloor(
  pool: pg.Pool,
  schema: string,
  queries: string[],
): Promise<{ newest: Timing; relevance: Timing }> {
  const newest = { times: [] as number[], stopped: 0 };
  const relevance = { times: [] as number[], stopped: 0 };
  const db = await pool.connect();
  try {
    for (const text of queries) {
      const f = await floorQueries(db, schema, text);
      for (const [q, into] of [
        [f.newest, newest],
        [f.relevance, relevance],
      ] as const) {
        await db.query(`SET statement_timeout = ${FLOOR_LIMIT_MS}`);
        const t = performance.now();
        try {
          await db.query(q.sql, q.values);
          into.times.push(performance.now() - t);
        } catch (e) {
          // 57014: canceled by statement_timeout.
          if ((e as { code?: string }).code !== '57014') throw e;
          into.times.push(FLOOR_LIMIT_MS);
          into.stopped++;
        } finally {
          await db.query('SET statement_timeout = 0');
        }
      }
    }
  } finally {
    db.release();
  }
  return {
    newest: timing(newest.times, newest.stopped),
    relevance: timing(relevance.times, relevance.stopped),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url, schema, count] = process.argv.slice(2);
  if (!url || !schema) throw new Error('usage: pg-search-floor.ts URL SCHEMA [QUERIES]');
  const queries = wordPairs(Number(count ?? 200));
  const pool = floorPool(url);
  const store = await openPostgresStore(url, { schema });
  try {
    const floor = await measureFloor(pool, schema, queries);
    const storeTimes = { newest: [] as number[], relevance: [] as number[] };
    for (const q of queries)
      for (const sort of ['date', 'relevance'] as const) {
        const t = performance.now();
        await store.search(q, { limit: 20, sort });
        storeTimes[sort === 'date' ? 'newest' : 'relevance'].push(performance.now() - t);
      }
    console.table({
      'floor newest': floor.newest,
      'floor relevance': floor.relevance,
      'store newest': timing(storeTimes.newest),
      'store relevance': timing(storeTimes.relevance),
    });
  } finally {
    await store.close();
    await pool.end();
  }
}
