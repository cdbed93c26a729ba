// PostgreSQL ingest: an N-post archive built from generated posts through a bulk load (indexes set aside, COPY straight
// into the table, indexes built at the end) beside savePosts' COPY path with the indexes kept, and the statement path
// (unnest INSERT) on fewer posts, in the same run. buildPgArchive also builds the 10M-post archive of the stores-10m
// section (as a bulk load), and keeps it.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openPostgresStore, type PostgresOptions, type PostgresStore } from '../src/store/postgres/index.js';
import { generatePosts } from './gen-posts.js';

/** Posts per savePosts call, each in its own transaction (as an import or a copy commits batch by batch). */
const CHUNK = 10_000;
const FIRST_DATE = Date.parse('2024-01-01T00:00:00Z');
/** Ten million posts span 694 days: 14,400 a day, a desk of several hundred channels. */
const POST_EVERY_MS = 6_000;

export interface BuildOptions {
  /** Schema to build in (created; kept afterwards). */
  schema: string;
  /** New posts per batch from which COPY is used; Infinity: the statement path only. @default the store's */
  copyMin?: number;
  /** Posts per savePosts call and transaction. @default 10000 */
  chunk?: number;
  /** Called after each chunk with the posts saved so far. */
  onProgress?: (saved: number) => void;
  /** The archive's full-text index. @default the store's */
  searchIndex?: PostgresOptions['searchIndex'];
  /** As one bulk load (PostgresStore.bulkLoad). @default false */
  bulk?: boolean;
}

export interface BuildResult {
  posts: number;
  seconds: number;
  postsPerSec: number;
  /** CPU time of this process per post (µs): building rows and search columns. */
  nodeCpuUsPerPost: number;
  /** CPU time of the server's backend per post (µs), the index builds of a bulk load aside; null when the server is not on this machine. */
  serverCpuUsPerPost: number | null;
  /** Seconds of a bulk load spent building the indexes at its end (part of `seconds`). */
  rebuildSeconds?: number;
}

/** CPU milliseconds of a server backend, read from /proc (null when the server runs elsewhere). */
function backendCpu(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
  } catch {
    return null;
  }
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Saves `n` generated posts into the archive at `url`/`schema`, chunk by chunk (generation not timed), and keeps
 * the archive. Posts get distinct ids, so every one is new: the import of a fresh export, or a migrate-store copy.
 */
export async function buildPgArchive(url: string, n: number, options: BuildOptions): Promise<BuildResult> {
  const chunk = options.chunk ?? CHUNK;
  // One connection, so the backend whose CPU time is read is the one doing the work.
  const store = await openPostgresStore(url, {
    schema: options.schema,
    poolSize: 1,
    copyMin: options.copyMin,
    searchIndex: options.searchIndex,
  });
  try {
    const pid = await backendPid(store);
    let seconds = 0;
    let node = 0;
    let server: number | null = 0;
    const load = async () => {
      for (let start = 0; start < n; start += chunk) {
        // Generated chunk by chunk with distinct ids, so ten million posts never sit in memory at once; dated in the
        // order they are saved, six seconds apart (a collected archive lies in date order, newest last: each chunk
        // restarting at the first date put every date in every part of the table).
        const posts = generatePosts(Math.min(chunk, n - start), { seed: start + 1 }).map((p, i) => ({
          ...p,
          id: start + i + 1,
          date: new Date(FIRST_DATE + (start + i) * POST_EVERY_MS).toISOString(),
        }));
        const s0 = backendCpu(pid);
        const c0 = cpuMs();
        const t0 = performance.now();
        await store.transaction(() => store.savePosts(posts));
        seconds += (performance.now() - t0) / 1000;
        node += cpuMs() - c0;
        const s1 = backendCpu(pid);
        server = server !== null && s0 !== null && s1 !== null ? server + s1 - s0 : null;
        options.onProgress?.(start + posts.length);
      }
    };
    let rebuildSeconds: number | undefined;
    if (options.bulk) {
      await store.bulkLoad(load, { posts: n });
      rebuildSeconds = Number((store.bulk.last?.rebuildSeconds ?? 0).toFixed(1));
      seconds += rebuildSeconds;
    } else await load();
    return {
      posts: n,
      seconds: Number(seconds.toFixed(1)),
      postsPerSec: Math.round(n / seconds),
      nodeCpuUsPerPost: Math.round((node * 1000) / n),
      serverCpuUsPerPost: server === null ? null : Math.round((server * 1000) / n),
      ...(rebuildSeconds !== undefined ? { rebuildSeconds } : {}),
    };
  } finally {
    await store.close();
  }
}

/** The server process of the archive's one connection (its private pool: a benchmark may look inside). */
async function backendPid(store: PostgresStore): Promise<number> {
  const c = (store as unknown as { c: { reader(): pg.Pool } }).c;
  const { rows } = await c.reader().query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0]!.pid;
}

/** `fn` on a connection of its own to `url`, closed after. */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropPgSchema(url: string, schema: string): Promise<void> {
  await withPgClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

export interface PgIngestResult {
  /** A bulk load: indexes set aside, COPY straight into the table, indexes built at the end. */
  bulkLoad: BuildResult;
  /** savePosts' COPY path with every index kept up to date. */
  copy: BuildResult;
  /** The statement path (no COPY), on `statementPosts` posts. */
  statements: BuildResult;
}

/**
 * Ingest rates at `n` posts through a bulk load and savePosts' COPY path, and at `statementN` through the statements,
 * each into a fresh schema of `url` dropped afterwards.
 */
export async function benchPgIngest(
  url: string,
  n = 1_000_000,
  statementN = 50_000,
  onProgress?: (what: string, saved: number) => void,
): Promise<PgIngestResult> {
  const run = async (what: string, count: number, copyMin?: number, bulk = false): Promise<BuildResult> => {
    const schema = `bench_ingest_${what}_${process.pid}`;
    try {
      return await buildPgArchive(url, count, {
        schema,
        copyMin,
        bulk,
        onProgress: (saved) => onProgress?.(what, saved),
      });
    } finally {
      await dropPgSchema(url, schema);
    }
  };
  const statements = await run('statements', statementN, Infinity);
  const copy = await run('copy', n);
  const bulkLoad = await run('bulk', n, undefined, true);
  return { bulkLoad, copy, statements };
}

/** The 10M-post archive of the stores-10m section, in `schema` (kept: the searches run on it afterwards). */
export function buildPg10m(
  url: string,
  schema: string,
  onProgress?: (saved: number) => void,
  n = 10_000_000,
): Promise<BuildResult> {
  return buildPgArchive(url, n, { schema, onProgress, bulk: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.TGWIRE_BENCH_PG;
  if (!url)
    throw new Error('set TGWIRE_BENCH_PG=postgres://… (a database of its own: the run creates schemas)');
  const n = Number(process.argv[2] ?? 1_000_000);
  const statementN = Number(process.argv[3] ?? 50_000);
  let last = 0;
  const result = await benchPgIngest(url, n, statementN, (what, saved) => {
    if (saved - last >= 100_000 || saved < last) {
      last = saved;
      console.error(`${what} ${saved}`);
    }
  });
  console.table(result);
}
