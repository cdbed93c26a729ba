// The recent index: a second GIN index on tsv_all over the newest posts only (a partial index, `sort_date >= FROM`).
// A newest-first search of common words meets their whole lists in the archive's index: at 10M posts, 100–300 ms
// for two words on a few hundred thousand posts each, even when the page is among the last hours' posts. Through an
// index over the newest tenth the same lists are a tenth as long, and when the newest posts hold the page the older
// ones are never read (searcher.ts newestFirst). The planner takes it for any condition that implies its own.
import type pg from 'pg';

/** The index's first sort_date, read from its own predicate (valid indexes only): the index is the one record. */
export const RECENT_FROM = `(SELECT substring(pg_get_expr(i.indpred, i.indrelid) FROM '''([^'']*)''')
  FROM pg_index i JOIN pg_class r ON r.oid = i.indexrelid
  WHERE r.relname = 'posts_recent' AND r.relnamespace = current_schema()::regnamespace AND i.indisvalid)`;

export interface RecentIndexOptions {
  /**
   * Archives with fewer posts have none: they fit in memory, and their newest-first searches met their targets
   * without it (BENCHMARKS.md), while every new post costs a second GIN entry. @default 2,000,000
   */
  minPosts?: number;
  /** The share of the archive's posts the index is built over. @default 0.1 */
  share?: number;
  /** Build without holding off writers (two passes over the table); false inside a bulk load. @default true */
  concurrently?: boolean;
}

export interface RecentIndexReport {
  /** What was done: built (first or again), dropped (the archive has become too small or is not GIN), or nothing. */
  action: 'built' | 'dropped' | 'kept' | 'none';
  /** The first sort_date the index holds after it; null: no index. */
  from: string | null;
  /** Posts at or after `from`. */
  posts: number;
  seconds: number;
}

const MIN_POSTS = 2_000_000;
const SHARE = 0.1;
/** The index is built again when it holds this many times its share (new posts all go into it). */
const REBUILD_AT = 2;
const LOCK_KEY = "hashtext('tgwire:recent-index:' || current_schema())";
// A sort_date as every writer stores it (an ISO instant); anything else is not put into DDL.
const SORT_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z?$/;

/**
 * Builds, rebuilds or drops the recent index as the archive's size asks: built over the newest `share` of the posts,
 * built again when new posts have doubled it. A new index is built beside the old one and takes its name in one
 * transaction, so searches always have one. Runs on a connection outside any transaction (the concurrent build
 * needs one); a RUM archive (ordered by date in its own index) never has one.
 */
export async function refreshRecentIndex(
  client: pg.ClientBase,
  options: RecentIndexOptions = {},
): Promise<RecentIndexReport> {
  const started = performance.now();
  const done = (
    action: RecentIndexReport['action'],
    from: string | null,
    posts: number,
  ): RecentIndexReport => ({
    action,
    from,
    posts,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  });
  // Several processes may keep one archive (serve on each collecting machine): one looks at a time, the others
  // leave it to that one.
  const { rows: lock } = await client.query<{ ok: boolean }>(
    `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`,
  );
  if (!lock[0]?.ok) return done('kept', null, 0);
  try {
    return await refresh(client, options, done);
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`).catch(() => {});
  }
}

async function refresh(
  client: pg.ClientBase,
  options: RecentIndexOptions,
  done: (action: RecentIndexReport['action'], from: string | null, posts: number) => RecentIndexReport,
): Promise<RecentIndexReport> {
  const minPosts = options.minPosts ?? MIN_POSTS;
  const share = options.share ?? SHARE;
  const concurrently = options.concurrently === false ? '' : 'CONCURRENTLY';
  // What a build that died left (a concurrent build that fails leaves an invalid index) goes first.
  await client.query(`DROP INDEX ${concurrently} IF EXISTS posts_recent_next`);
  const { rows: plan } = await client.query<{ gin: boolean; from: string | null }>(
    `SELECT coalesce((SELECT value FROM search_settings WHERE name = 'index'), 'gin') = 'gin' AS gin,
       ${RECENT_FROM} AS from`,
  );
  const current = plan[0]?.from ?? null;
  // Sizes from the planner's statistics (autovacuum's ANALYZE keeps them within a tenth of the table): counting
  // millions of posts to decide would read them.
  const total = await estimate(client, null);
  if (!plan[0]?.gin || total < minPosts) {
    if (current === null) return done('none', null, 0);
    await client.query(`DROP INDEX ${concurrently} IF EXISTS posts_recent`);
    return done('dropped', null, 0);
  }
  const target = Math.max(1, Math.ceil(total * share));
  if (current !== null) {
    const held = await estimate(client, current);
    if (held <= target * REBUILD_AT) return done('kept', current, held);
  }
  const { rows: edge } = await client.query<{ d: string }>(
    'SELECT sort_date AS d FROM posts ORDER BY sort_date DESC LIMIT 1 OFFSET $1',
    [target - 1],
  );
  const from = edge[0]?.d;
  if (from === undefined || !SORT_DATE.test(from)) return done('kept', current, 0);
  await client.query(
    `CREATE INDEX ${concurrently} posts_recent_next ON posts USING gin (tsv_all) WHERE sort_date >= '${from}'`,
  );
  await client.query('BEGIN');
  try {
    await client.query('DROP INDEX IF EXISTS posts_recent');
    await client.query('ALTER INDEX posts_recent_next RENAME TO posts_recent');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
  return done('built', from, target);
}

/** Posts at or after `from` (all posts when null) as the planner expects them; counted when never analyzed. */
async function estimate(client: pg.ClientBase, from: string | null): Promise<number> {
  const where = from === null ? '' : 'WHERE sort_date >= $1';
  const values = from === null ? [] : [from];
  const { rows } = await client.query<{ n: number }>(
    "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'posts'::regclass",
  );
  if ((rows[0]?.n ?? -1) < 0) {
    const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM posts ${where}`, values);
    return Number(counted.rows[0]?.n ?? 0);
  }
  const { rows: plan } = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT FROM posts ${where}`,
    values,
  );
  return plan[0]!['QUERY PLAN'][0].Plan['Plan Rows'];
}
