// Newest-first search pages that read only the matches near the top of the date order. A full-text index finds
// matches in no date order: sorting them all reads every match from the table, and walking the date index testing
// each post reads a post's vectors per step, many steps when matches are few. Instead the match's bitmap (from the
// full-text index) is intersected with the bitmap of a date window (from posts_order) and only the posts in both
// are read and sorted. The window holds the newest posts by the table's date histogram, wide enough to hold the page
// by the match count; when it holds fewer, a wider one is tried. Any window is exact: every post outside it is older
// than every post inside.
import type { PostRow } from './rows.js';
import { RECENT_FROM } from './recent-index.js';
import { withSettings } from './settings.js';

/** What these pages need of the store: a query, in the current transaction. */
export type Rows = <T>(what: string, text: string, values?: unknown[]) => Promise<T[]>;

const BY_DATE = 'p.sort_date DESC, p.channel DESC, p.id DESC';
/**
 * Matches this share of the table or more are paged by walking the date index: each step reads a post and its
 * vectors (about 0.4 ms at 10M posts), so the walk pays below a few hundred steps; under it, a window.
 */
const WALK_SHARE = 0.02;
/** Up to this many matches are all sorted: a window saves less than its bitmap costs. */
const SORT_ALL = 500;
/** A window is sized to hold this many times the page's posts by the match rate. */
const MARGIN = 2;
/**
 * A window holds at least this many posts. Each window costs the match's own bitmap again, which for a common word
 * costs about what the date index's bitmap of 20,000 posts does: a smaller window saves less than a retry costs
 * (at 1M posts, windows sized by an overestimated match missed one search in four, each miss a second bitmap).
 */
const MIN_WINDOW = 20_000;
/** A retry after a window that held no match widens it this many times. */
const WIDEN = 16;
/** The histogram of sort_date is read again after this long (ANALYZE refreshes it as posts come in). */
const STATS_MS = 60_000;
/**
 * Up to this many matches, a page may be sorted from all of them read at once (see readWhole): chosen at 1M posts
 * among 4,000 to 15,000 (BENCHMARKS.md).
 */
const READ_WHOLE = 10_000;

interface Stats {
  /** Rows in the table, by its statistics. */
  rows: number;
  /** sort_date bounds splitting the table into equal buckets, ascending (empty: never analyzed). */
  bounds: string[];
  /** Whether the table's pages fit in shared_buffers. */
  cached: boolean;
  /** The first sort_date of the recent index (recent-index.ts); null: none. */
  recentFrom: string | null;
  at: number;
}

export class NewestPages {
  private stats: Promise<Stats> | null = null;

  /**
   * @param walkShare matches at least this share of the table are paged by the walk (tests set 1: never).
   * @param minWindow the fewest posts a window holds (tests set 0, so that a small table is paged by windows).
   */
  constructor(
    private readonly rows: Rows,
    private readonly walkShare = WALK_SHARE,
    private readonly minWindow = MIN_WINDOW,
  ) {}

  /**
   * The first n posts newest first (sort_date DESC, channel DESC, id DESC) of those meeting `where` (on posts p,
   * with `values`), `select` naming their columns; `matches`: how many posts meet it (counted or expected). When
   * they are a large share of the table (or nothing is asked), the date index is walked, testing each post: the
   * page is found in a few steps, where the match's bitmap would read the index's whole lists of its common words.
   */
  async page<T extends PostRow>(
    select: string,
    where: string[],
    values: unknown[],
    n: number,
    matches: number,
  ): Promise<T[]> {
    if (n <= 0 || matches === 0) return [];
    if (where.length === 0) return this.walk<T>(select, where, [...values, n]);
    if (matches > SORT_ALL) {
      const stats = await this.tableStats();
      if (matches >= stats.rows * this.walkShare) return this.walk<T>(select, where, [...values, n]);
      // Posts to take from the top of the date order so the window holds MARGIN pages of matches at their rate.
      let wanted = Math.max(this.minWindow, Math.ceil((n * MARGIN * stats.rows) / matches));
      for (;;) {
        const cutoff = cutoffFor(stats, wanted);
        if (cutoff === null) break;
        const rows = await this.sorted<T>(
          select,
          [...where, `p.sort_date >= $${values.length + 1}`],
          [...values, cutoff, n],
        );
        if (rows.length >= n) return rows;
        // The window's own matches tell the rate near the top: the next holds MARGIN pages at that rate.
        wanted = rows.length === 0 ? wanted * WIDEN : Math.ceil((wanted * n * MARGIN) / rows.length);
      }
    }
    return this.sorted<T>(select, where, [...values, n]);
  }

  /**
   * How many matches (`cap` at least) a page may be taken from by reading them all, when the index alone decides
   * each match. Such a read costs about a microsecond a match once the table is in shared buffers, against a bitmap
   * of the match and one of the date index for a window: at 1M posts, reading up to 10,000 matches whole beat
   * counting to 1,000 and then a window. Never past the share from which the date index is walked (a few steps),
   * and only the cap when the table is larger than shared_buffers (a match read may then be a disk read).
   */
  async readWhole(cap: number): Promise<number> {
    const stats = await this.tableStats();
    if (!stats.cached) return cap;
    return Math.max(cap, Math.min(READ_WHOLE, Math.floor(stats.rows * this.walkShare)));
  }

  /**
   * The keys of the matches, from bitmaps (a materialized scan has no order to keep: the planner cannot walk the
   * date index), sorted; then the page's posts. `values` ends with the page size. For matches known to be few: the
   * walk the planner would choose for a LIMIT tests post after post while matches are rare among the newest.
   */
  async sorted<T extends PostRow>(select: string, where: string[], values: unknown[]): Promise<T[]> {
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // Bitmaps only: with an index scan allowed, a planner that overestimates the match (a word it has no statistics
    // for is priced at a fixed share of the table) walks the window's date range testing every post, 2M posts for
    // a word that is in none of them; the bitmaps of the match and of the window meet at once.
    return withSettings(this.rows, { enable_indexscan: 'off' }, () =>
      this.rows<T>(
        'search',
        `WITH m AS MATERIALIZED (SELECT p.sort_date, p.channel, p.id FROM posts p ${w}),
         k AS (SELECT * FROM m p ORDER BY ${BY_DATE} LIMIT $${values.length})
         ${select} FROM k JOIN posts p ON p.channel = k.channel AND p.id = k.id ORDER BY ${BY_DATE}`,
        values,
      ),
    );
  }

  /**
   * The date index walked newest first, each post tested. `IS TRUE` keeps the full-text index out of the plan (no
   * index answers it), so the walk stops at the page's last post. `values` ends with the page size.
   */
  private walk<T extends PostRow>(select: string, where: string[], values: unknown[]): Promise<T[]> {
    const w = where.length ? `WHERE (${where.join(' AND ')}) IS TRUE` : '';
    return this.rows<T>(
      'search',
      `${select} FROM posts p ${w} ORDER BY ${BY_DATE} LIMIT $${values.length}`,
      values,
    );
  }

  /** The first sort_date the recent index holds (recent-index.ts), null when the archive has none. */
  async recentFrom(): Promise<string | null> {
    return (await this.tableStats()).recentFrom;
  }

  private tableStats(): Promise<Stats> {
    const now = Date.now();
    if (this.stats === null) this.stats = this.readStats(now);
    else this.stats = this.stats.then((s) => (now - s.at > STATS_MS ? this.readStats(now) : s));
    return this.stats;
  }

  private async readStats(at: number): Promise<Stats> {
    try {
      // shared_buffers is in blocks, as relpages (pg_settings gives it in its unit, the block).
      const [row] = await this.rows<{
        n: number;
        bounds: string[] | null;
        cached: boolean;
        recent: string | null;
      }>(
        'search',
        `SELECT greatest(c.reltuples, 0)::float8 AS n,
           (SELECT s.histogram_bounds::text::text[] FROM pg_stats s
            WHERE s.schemaname = n.nspname AND s.tablename = 'posts' AND s.attname = 'sort_date') AS bounds,
           pg_relation_size(c.oid) / current_setting('block_size')::float8
             <= (SELECT setting::float8 FROM pg_settings WHERE name = 'shared_buffers') AS cached,
           ${RECENT_FROM} AS recent
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'posts'::regclass`,
      );
      const recentFrom = row?.recent ?? null;
      return { rows: row?.n ?? 0, bounds: row?.bounds ?? [], cached: row?.cached === true, recentFrom, at };
    } catch (e) {
      this.stats = null; // asked again next time
      throw e;
    }
  }
}

/** The earliest sort_date of a window holding at least `wanted` of the newest posts; null: the whole table. */
function cutoffFor(stats: Stats, wanted: number): string | null {
  const buckets = stats.bounds.length - 1;
  if (buckets < 1 || stats.rows <= 0 || wanted >= stats.rows / 2) return null;
  // Each bucket holds rows / buckets posts; posts added since the histogram are newer still, inside any window.
  const from = buckets - Math.ceil((wanted / stats.rows) * buckets);
  return from <= 0 ? null : stats.bounds[from]!;
}
