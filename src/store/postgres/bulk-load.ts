// Bulk loads on PostgreSQL (migrate-store, big imports, benchmark builds): the posts table's secondary indexes are set
// aside, new posts are copied straight into the table, and each index is built once at the end, far faster than
// keeping it up to date row by row (GIN above all). Crash-safe: the definitions of the indexes set aside are kept in
// bulk_load_indexes (migration 19), and an archive whose load died builds them again when next opened.
import pg from 'pg';
import { wrapStoreError as wrap } from '../shared.js';
import { refreshRecentIndex, type RecentIndexOptions } from './recent-index.js';
import type { BulkState } from './save.js';

// Held by the loading session: an archive opened meanwhile leaves the indexes to the live loader; once the loader's
// connection is gone (a crash included) the server releases it and the next opener rebuilds.
const LOCK_KEY = "hashtext('tgwire:bulk-load:' || current_schema())";

// Memory for each CREATE INDEX: a GIN build sorts its entries in it (the server's default, 64 MB, spills in rounds).
const BUILD_MEMORY = '1GB';

// Connections building indexes at once. A GIN build runs on one core (PostgreSQL 15 has no parallel GIN build), so
// the full-text index takes one and the other indexes are built beside it on a second.
const BUILDERS = 2;

export interface BulkLoadOptions {
  /**
   * The posts about to be loaded, when known: the indexes are set aside only when the archive holds fewer, since a
   * rebuild reads the whole table (a small load into a big archive keeps them). Unknown: always set aside.
   */
  posts?: number;
}

/** What a bulk load did with the indexes. */
export interface BulkLoadReport {
  /** The indexes dropped and built again. */
  rebuilt: string[];
  /** Seconds spent building them at the end. */
  rebuildSeconds: number;
  /** Why the recent index could not be built after the load (it is left to the next look). */
  recentError?: string;
}

export class PgBulkLoad implements BulkState {
  private depth = 0;
  /** The last load's report (benchmarks read it). */
  last: BulkLoadReport | null = null;

  /**
   * @param recent how the recent index is sized after a load (tests set minPosts; refreshRecentIndex's defaults
   * otherwise).
   */
  constructor(
    private readonly pool: pg.Pool,
    private readonly recent: RecentIndexOptions = {},
  ) {}

  get active(): boolean {
    return this.depth > 0;
  }

  /** Runs fn as a bulk load; the indexes are back (or their rebuild failed, and is retried on open) when it ends. */
  async run<T>(fn: () => Promise<T>, options: BulkLoadOptions = {}): Promise<T> {
    if (this.depth > 0) return this.within(fn); // nested: part of the load already running
    const client = await ours(this.session());
    try {
      const { rows } = await ours(
        client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`),
      );
      // Another process is loading: its indexes are set aside and it builds them when done.
      if (!rows[0]?.ok) return await this.within(fn);
      try {
        if (await ours(worthIt(client, options.posts))) await ours(setAside(client));
        let result: T;
        try {
          result = await this.within(fn);
        } catch (e) {
          // The load failed; the indexes still come back, and its error is the one reported.
          await this.rebuildWith(client).catch(() => {});
          throw e;
        }
        const t = performance.now();
        const rebuilt = await ours(this.rebuildWith(client));
        // The recent index is built anew for the archive the load made (a load's posts change which are newest).
        // The posts are in: a failure here does not fail the load (searches are right without the index, and serve
        // looks at it every hour); the report keeps it.
        let recentError: string | undefined;
        try {
          const recent = await refreshRecentIndex(client, { ...this.recent, concurrently: false });
          if (recent.action === 'built') rebuilt.push('posts_recent');
        } catch (e) {
          recentError = wrap(e, 'recent index').message;
        }
        this.last = { rebuilt, rebuildSeconds: (performance.now() - t) / 1000, recentError };
        return result;
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** Builds the indexes a dead load left aside, unless a live one is still loading. */
  async repair(): Promise<void> {
    await ours(this.repairNow());
  }

  private async repairNow(): Promise<void> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM bulk_load_indexes');
    if (!rows[0]?.n) return;
    const client = await this.session();
    try {
      const lock = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`);
      if (!lock.rows[0]?.ok) return;
      try {
        await this.rebuildWith(client);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async within<T>(fn: () => Promise<T>): Promise<T> {
    this.depth++;
    try {
      return await fn();
    } finally {
      this.depth--;
    }
  }

  /** rebuild() on the locked session and, when the server takes one, a second connection beside it. */
  private async rebuildWith(client: pg.Client): Promise<string[]> {
    const more: pg.Client[] = [];
    try {
      for (let i = 1; i < BUILDERS; i++) more.push(await this.session());
    } catch {
      // No second connection (max_connections reached): the indexes are built one after another.
    }
    try {
      return await rebuild([client, ...more]);
    } finally {
      await Promise.all(more.map((c) => c.end().catch(() => {})));
    }
  }

  /** A connection of its own (the pool may have a single one, which the load's writes need). */
  private async session(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.pool.options, application_name: 'tgwire bulk load' });
    client.on('error', () => {});
    await client.connect();
    return client;
  }
}

/** The load's own statements fail as a StoreError; the caller's fn fails with its own error. */
async function ours<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw wrap(e, 'bulk load');
  }
}

/** Whether the load is large beside what the archive holds (counted up to the load's size, no further). */
async function worthIt(client: pg.Client, posts: number | undefined): Promise<boolean> {
  if (posts === undefined) return true;
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM (SELECT 1 FROM posts LIMIT $1) x',
    [posts],
  );
  return Number(rows[0]?.n ?? 0) < posts;
}

/**
 * Records the posts table's secondary indexes (not the primary key) and drops them, in one transaction. The recent
 * index is dropped unrecorded: its range is chosen again after the load (refreshRecentIndex).
 */
async function setAside(client: pg.Client): Promise<void> {
  await inTransaction(client, async () => {
    await client.query('DROP INDEX IF EXISTS posts_recent, posts_recent_next');
    const { rows } = await client.query<{ name: string }>(
      `INSERT INTO bulk_load_indexes (name, definition, dropped_at)
       SELECT c.relname, pg_get_indexdef(i.indexrelid), $1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       WHERE i.indrelid = 'posts'::regclass AND NOT i.indisprimary AND NOT i.indisunique
       ON CONFLICT (name) DO NOTHING RETURNING name`,
      [new Date().toISOString()],
    );
    for (const { name } of rows) await client.query(`DROP INDEX ${quoteIdent(name)}`);
  });
}

/**
 * Builds every index set aside, each in its own transaction with its record, the connections taking the next one as
 * they finish (GIN first: the longest); the names built. The first failure is thrown once every build has ended, and
 * what was not built stays recorded for the next open.
 */
async function rebuild(clients: pg.Client[]): Promise<string[]> {
  const { rows } = await clients[0]!.query<{ name: string; definition: string }>(
    'SELECT name, definition FROM bulk_load_indexes ORDER BY name',
  );
  const queue = [...rows].sort((a, b) => Number(isGin(b.definition)) - Number(isGin(a.definition)));
  let failed = false;
  const worker = async (client: pg.Client): Promise<void> => {
    for (let next = queue.shift(); next && !failed; next = queue.shift()) {
      const { name, definition } = next;
      try {
        await inTransaction(client, async () => {
          await client.query(`SET LOCAL maintenance_work_mem = '${BUILD_MEMORY}'`);
          const exists = await client.query<{ r: string | null }>('SELECT to_regclass($1)::text AS r', [
            quoteIdent(name),
          ]);
          if (exists.rows[0]?.r === null) await client.query(definition);
          await client.query('DELETE FROM bulk_load_indexes WHERE name = $1', [name]);
        });
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(clients.map(worker));
  const error = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (error) throw error.reason;
  return rows.map((r) => r.name);
}

const isGin = (definition: string): boolean => /\bUSING (gin|rum)\b/i.test(definition);

async function inTransaction(client: pg.Client, fn: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
