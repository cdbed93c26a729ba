// Full-text search on SQLite: plans that read only one page of posts, a capped count, and a cache of ranked pages.
import type Database from 'better-sqlite3';
import { isMatchAll } from '../../search/parse.js';
import type { QueryNode } from '../../search/query.js';
import type { SearchOptions } from '../store.js';
import { filterSql, type Sql } from './filter.js';
import { compileSearch } from './fts.js';

type Db = Database.Database;

/** Counting stops here: past it the exact number costs a scan of every match and no reader needs it. */
export const COUNT_CAP = 10_000;
/** Below this many matches a date-ordered search sorts the matches; above, it walks posts by date. */
const FEW_MATCHES = 2_000;
/** Up to this many filtered matches are found through the filter and scored alone (not every match joined). */
const FEW_TO_RANK = 1_000;
/** Relevance rankings are computed (and cached) this many rows at a time, so the next pages are free. */
const RANK_WINDOW = 200;
const CACHE_ENTRIES = 64;

/** One page of matches: posts' pk and score, in result order, plus the (capped) number of matches. */
export interface SearchPage {
  total: number;
  totalIsLowerBound: boolean;
  rows: { pk: number; score: number }[];
}

interface Plan {
  match: string | null;
  exact: string | null;
  sql: Sql;
}

function plan(node: QueryNode, options: SearchOptions): Plan {
  const { match, exact, sql } = isMatchAll(node)
    ? { match: null, exact: null, sql: { where: [], params: [] } }
    : compileSearch(node);
  filterSql(options, sql);
  return { match, exact, sql };
}

const and = (where: string[]): string => where.map((w) => ` AND ${w}`).join('');
const BY_DATE = 'ORDER BY p.sort_date DESC, p.channel DESC, p.id DESC';
// The tags column is matched by hashtag queries alone, which it ranks. Stems weigh half the body: a word found as
// written in an English post counts in both, and at full weight posts in a stemmed language would lead every ranking.
const BM25 = 'bm25(posts_fts, 1.0, 1.0, 0.5)';

/**
 * Caches computed pages until anything is written: `generation` must change on every write of this connection, and
 * PRAGMA data_version notices commits of other connections (a collector writing while the web app reads).
 */
export class SearchCache {
  private readonly entries = new Map<string, { gen: string; value: unknown }>();

  get<T>(key: string, gen: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit && hit.gen === gen) {
      // Refresh its place: the Map's order is the eviction order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { gen, value });
    if (this.entries.size > CACHE_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

function count(db: Db, p: Plan): { total: number; totalIsLowerBound: boolean } {
  const limit = COUNT_CAP + 1;
  let n: number;
  if (p.match === null) {
    const w = p.sql.where.length ? `WHERE ${p.sql.where.join(' AND ')}` : '';
    n = (
      db
        .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM posts p ${w} LIMIT ?)`)
        .get(...p.sql.params, limit) as {
        n: number;
      }
    ).n;
  } else if (p.sql.where.length === 0) {
    // Every FTS row is a post (posts are never removed, only marked deleted), so the index alone counts.
    n = (
      db
        .prepare('SELECT count(*) AS n FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)')
        .get(p.match, limit) as { n: number }
    ).n;
  } else {
    // The planner picks: walk an index of the filter checking membership, or look up each match.
    n = (
      db
        .prepare(
          `SELECT count(*) AS n FROM (SELECT 1 FROM posts p
           WHERE p.pk IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)${and(p.sql.where)} LIMIT ?)`,
        )
        .get(p.match, ...p.sql.params, limit) as { n: number }
    ).n;
  }
  return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP };
}

type Ranked = { pk: number; score: number }[];

/**
 * Relevance puts the posts with the query's words as written first, then those found through other forms (stems),
 * each part in bm25 order: bm25 over one part reads far less than over everything the stems match. Scores say it
 * too: 1 + s/(1+s) for the first part, s/(1+s) for the rest, s being -bm25 (>= 0).
 */
const squash = (s: number): number => s / (1 + s);

/** The best `n` matches; only the FTS index is read unless filters need the posts. */
function rankTop(db: Db, p: Plan, total: number, n: number): Ranked {
  if (p.sql.where.length && total <= FEW_TO_RANK) {
    // A selective filter: find the few posts through its index, then score only those.
    const pks = db
      .prepare(
        `SELECT p.pk FROM posts p WHERE p.pk IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)${and(p.sql.where)}`,
      )
      .pluck()
      .all(p.match!, ...p.sql.params) as number[];
    return scoresFor(db, p, pks)
      .sort((a, b) => b.score - a.score || b.pk - a.pk)
      .slice(0, n);
  }
  if (p.exact === null) return rankBy(db, p.match!, p.sql, n);
  const first = rankBy(db, p.exact, p.sql, n).map((r) => ({ pk: r.pk, score: 1 + squash(r.score) }));
  if (first.length >= n) return first;
  const rest = rankBy(db, `(${p.match}) NOT (${p.exact})`, p.sql, n - first.length);
  return [...first, ...rest.map((r) => ({ pk: r.pk, score: squash(r.score) }))];
}

/** The best `n` matches of one MATCH by bm25 (score = -bm25). */
function rankBy(db: Db, match: string, sql: Sql, n: number): Ranked {
  // rowid breaks ties so that pages never overlap; the page itself is re-sorted by date within equal scores.
  const text = sql.where.length
    ? `SELECT f.rowid AS pk, -${BM25} AS score FROM posts_fts f CROSS JOIN posts p ON p.pk = f.rowid
       WHERE posts_fts MATCH ?${and(sql.where)} ORDER BY ${BM25}, f.rowid DESC LIMIT ?`
    : `SELECT rowid AS pk, -${BM25} AS score FROM posts_fts WHERE posts_fts MATCH ?
       ORDER BY ${BM25}, rowid DESC LIMIT ?`;
  return db.prepare(text).all(match, ...sql.params, n) as Ranked;
}

/** The scores rankTop gives, of the given matching posts. */
function scoresFor(db: Db, p: Plan, pks: number[]): Ranked {
  const all = scoresOf(db, p.match!, pks);
  if (p.exact === null) return all;
  const exact = new Map(scoresOf(db, p.exact, pks).map((r) => [r.pk, r.score]));
  return all.map((r) => {
    const e = exact.get(r.pk);
    return { pk: r.pk, score: e === undefined ? squash(r.score) : 1 + squash(e) };
  });
}

/** bm25 of the given matching posts; the rowid range keeps FTS5 from scoring every match. */
function scoresOf(db: Db, match: string, pks: number[]): Ranked {
  if (pks.length === 0) return [];
  let min = pks[0]!;
  let max = min;
  for (const pk of pks) {
    if (pk < min) min = pk;
    if (pk > max) max = pk;
  }
  // '+' keeps rowid IN away from FTS5, which would run the whole MATCH once per listed rowid.
  return db
    .prepare(
      `SELECT rowid AS pk, -${BM25} AS score FROM posts_fts WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ?
       AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(match, min, max, JSON.stringify(pks)) as Ranked;
}

/** Newest first; walks posts by date checking FTS membership, or sorts the matches when they are few. */
function byDate(db: Db, p: Plan, total: number, limit: number, offset: number): Ranked {
  let sql: string;
  let params: unknown[];
  if (p.match === null) {
    const w = p.sql.where.length ? `WHERE ${p.sql.where.join(' AND ')}` : '';
    sql = `SELECT p.pk, 0 AS score FROM posts p ${w} ${BY_DATE} LIMIT ? OFFSET ?`;
    params = [...p.sql.params, limit, offset];
  } else {
    // '+' keeps the planner from driving the query by the match list (and then sorting every match).
    const member = total > FEW_MATCHES ? '+p.pk' : 'p.pk';
    sql = `SELECT p.pk, 0 AS score FROM posts p
           WHERE ${member} IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)${and(p.sql.where)}
           ${BY_DATE} LIMIT ? OFFSET ?`;
    params = [p.match, ...p.sql.params, limit, offset];
  }
  return db.prepare(sql).all(...params) as Ranked;
}

/** The scores of a page found in date order, in that order. */
function withScores(db: Db, p: Plan, rows: Ranked): Ranked {
  const score = new Map(
    scoresFor(
      db,
      p,
      rows.map((r) => r.pk),
    ).map((r) => [r.pk, r.score]),
  );
  return rows.map((r) => ({ pk: r.pk, score: score.get(r.pk) ?? 0 }));
}

/**
 * The pks of one page of results and the match count. Cost grows with the number of matches only for relevance
 * (bm25 scores every match) and is then cached per query for the pages after.
 */
export function searchPage(
  db: Db,
  cache: SearchCache,
  gen: string,
  node: QueryNode,
  options: SearchOptions,
): SearchPage {
  const p = plan(node, options);
  const limit = options.limit ?? 50;
  const offset = options.offset ?? 0;
  const base = JSON.stringify([p.match, p.exact, p.sql.where, p.sql.params]);
  const c = cache.get(`count ${base}`, gen, () => count(db, p));
  if (limit <= 0 || c.total === 0) return { ...c, rows: [] };
  let rows: Ranked;
  if (options.sort === 'date' || p.match === null) {
    rows = cache.get(`date ${base} ${limit} ${offset}`, gen, () => {
      const page = byDate(db, p, c.total, limit, offset);
      return p.match === null ? page : withScores(db, p, page);
    });
  } else {
    const window = Math.ceil((offset + limit) / RANK_WINDOW) * RANK_WINDOW;
    const ranked = cache.get(`rank ${base} ${window}`, gen, () => rankTop(db, p, c.total, window));
    rows = ranked.slice(offset, offset + limit);
  }
  return { ...c, rows };
}
