// Full-text search on SQLite: plans that read only one page of posts, a capped count, and a cache of ranked pages.
import type Database from 'better-sqlite3';
import { isMatchAll } from '../../search/parse.js';
import type { QueryNode } from '../../search/query.js';
import { plainWords } from '../rank-classes.js';
import type { SearchOptions } from '../store.js';
import { COUNT_CAP, boundary } from '../shared.js';
import { FIRST_DATED_KEY, secondOf, secondOfKey, secondRange } from './date-key.js';
import { filterSql, type Sql } from './filter.js';
import { channelMatch, compileSearch, langMatch, negativeExpr } from './fts.js';
import { classTop, scoresOfKeys, type Ranked, type RankWords } from './rank.js';
import { walkDown } from './walk-down.js';

type Db = Database.Database;

/** Up to this many filtered matches are found through the filter and scored alone (not every match joined). */
const FEW_TO_RANK = 1_000;
/** Relevance rankings are computed (and cached) this many rows at a time, so the next pages are free. */
const RANK_WINDOW = 50;
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
  /** match without bare words' whole hashtags (fts.ts CompiledSearch), or null when it is match itself. */
  untagged: string | null;
  /** An AND of plain words (rank-classes.ts plainWords), ranked class by class (rank.ts); else null (bm25). */
  words: RankWords | null;
  sql: Sql;
  /** The search rows' keys (date-key.ts) the date filters leave, both ends included: FTS5 reads only that range. */
  keys: [number, number];
}

const ALL_KEYS: [number, number] = [-(2 ** 53), 2 ** 53];

/** The second of a date filter's boundary; null when it is not one a key can say (beyond year 9999). */
function boundarySecond(value: string, end: boolean): number | null {
  const b = boundary(value, end);
  return /^\d{4}-/.test(b) ? secondOf(b) : null;
}

// Seconds well inside what keys hold unclamped (date-key.ts): a boundary there is said exactly by a key.
const EXACT_SECONDS = [secondOf('1700-01-01T00:00:00Z'), secondOf('2240-01-01T00:00:00Z')] as const;

/** Whether a boundary falls on a whole second (no milliseconds) that keys hold as it is. */
function wholeSecond(value: string, end: boolean, second: number): boolean {
  return boundary(value, end).endsWith('.000Z') && second > EXACT_SECONDS[0] && second < EXACT_SECONDS[1];
}

/**
 * since/until as a range of keys: every post with sort_date >= since is in a second >= since's, and every dated
 * one < until in a second <= until's. A boundary on a whole second (a day, a minute: what people filter by) is said
 * exactly by the keys, since post dates are whole seconds of ISO 8601 UTC; another one keeps its condition on
 * sort_date in the SQL for the edge second. `exact` tells which the keys say alone.
 */
function keyRange(options: SearchOptions): {
  keys: [number, number];
  exact: { since: boolean; until: boolean };
} {
  let [lo, hi] = ALL_KEYS;
  const exact = { since: false, until: false };
  if (options.since !== undefined) {
    const s = boundarySecond(options.since, false);
    if (s !== null) {
      lo = secondRange(s)[0];
      exact.since = wholeSecond(options.since, false, s);
    }
  }
  if (options.until !== undefined) {
    lo = Math.max(lo, FIRST_DATED_KEY);
    const s = boundarySecond(options.until, true);
    if (s !== null) {
      exact.until = wholeSecond(options.until, true, s);
      // Posts of until's own second are not before it when it starts that second.
      hi = exact.until ? secondRange(s)[0] - 1 : secondRange(s)[1];
    }
  }
  return { keys: [lo, hi], exact };
}

function plan(node: QueryNode, options: SearchOptions): Plan {
  const { match, exact, untagged, sql } = isMatchAll(node)
    ? { match: null, exact: null, untagged: null, sql: { where: [], params: [] } }
    : compileSearch(node);
  // Channel and language filters join the MATCH as tokens (fts.ts meta), which say exactly what their SQL would: a
  // search with no other filter then counts and walks in FTS5 alone.
  const byChannel = match === null ? null : channelMatch(options.channel);
  const byLang = match === null ? null : langMatch(options.lang);
  // Likewise a date range on whole seconds is said by the key range alone.
  const range = keyRange(options);
  filterSql(
    {
      ...options,
      ...(byChannel !== null ? { channel: undefined } : {}),
      ...(byLang !== null ? { lang: undefined } : {}),
      ...(match !== null && range.exact.since ? { since: undefined } : {}),
      ...(match !== null && range.exact.until ? { until: undefined } : {}),
    },
    sql,
  );
  const meta = [byChannel, byLang].filter((m) => m !== null);
  const narrow = (m: string | null): string | null =>
    m === null || meta.length === 0 ? m : `(${m}) AND ${meta.join(' AND ')}`;
  const plain = match === null ? null : plainWords(node);
  const words = plain && { words: plain, not: negativeExpr(node), meta };
  return {
    match: narrow(match),
    exact: narrow(exact),
    untagged: narrow(untagged),
    words,
    sql,
    keys: range.keys,
  };
}

const and = (where: string[]): string => where.map((w) => ` AND ${w}`).join('');
const BY_DATE = 'ORDER BY p.sort_date DESC, p.channel DESC, p.id DESC';
// The tags column is matched by hashtag queries alone, which it ranks. Stems weigh half the body: a word found as
// written in an English post counts in both, and at full weight posts in a stemmed language would lead every ranking.
// meta weighs nothing: a filter's token or a word's count mark must not change a post's score.
const BM25 = 'bm25(posts_fts, 1.0, 1.0, 0.5, 0.0)';

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

/** The MATCH of a plan within its key range. */
const IN_RANGE = 'posts_fts MATCH ? AND f.rowid BETWEEN ? AND ?';
/** The MATCH of a plan under the top of its key range, for a walk down that stops at its bottom (walk-down.ts). */
const UNDER = 'posts_fts MATCH ? AND f.rowid <= ?';

/** A capped count, with the keys it read: every match when the count is exact, else the first `COUNT_CAP + 1`. */
interface Counted {
  total: number;
  totalIsLowerBound: boolean;
  /**
   * The keys of the matches counted (null for a search without words). Listing them costs the count nothing more:
   * FTS5 reads the same doclists either way, and a date-ordered page of a search with up to COUNT_CAP matches (the
   * searches whose walk reads every doclist whole) is then taken from them without a second pass.
   */
  keys: number[] | null;
  /** Whether `keys` are the newest matches, newest first (a count from the top); else in no useful order. */
  newest: boolean;
}

function count(db: Db, p: Plan): Counted {
  const limit = COUNT_CAP + 1;
  if (p.match === null) {
    const w = p.sql.where.length ? `WHERE ${p.sql.where.join(' AND ')}` : '';
    const n = (
      db
        .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM posts p ${w} LIMIT ?)`)
        .get(...p.sql.params, limit) as {
        n: number;
      }
    ).n;
    return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP, keys: null, newest: false };
  }
  let keys: number[];
  let newest = false;
  if (p.sql.where.length === 0) {
    // Every FTS row is a post (posts are never removed, only marked deleted), so the index alone counts. A range
    // with a lower end (since) is counted from the top: FTS5 reaches a lower end by reading the doclists up to it,
    // while from the top it reads only the matches it counts and stops at the cap or, stopped here, at the range's
    // bottom (walk-down.ts). Without one, forward is faster.
    newest = p.keys[0] > ALL_KEYS[0];
    keys = newest
      ? walkDown<number>(
          db.prepare(`SELECT f.rowid FROM posts_fts f WHERE ${UNDER} ORDER BY f.rowid DESC`).pluck(),
          [p.match, p.keys[1]],
          { lo: p.keys[0], limit, key: (k) => k },
        )
      : (db
          .prepare(`SELECT f.rowid FROM posts_fts f WHERE ${IN_RANGE} LIMIT ?`)
          .pluck()
          .all(p.match, ...p.keys, limit) as number[]);
  } else {
    // The planner picks: walk an index of the filter checking membership, or look up each match.
    keys = db
      .prepare(
        `SELECT p.dkey FROM posts p
         WHERE p.dkey IN (SELECT rowid FROM posts_fts f WHERE ${IN_RANGE})${and(p.sql.where)} LIMIT ?`,
      )
      .pluck()
      .all(p.match, ...p.keys, ...p.sql.params, limit) as number[];
  }
  const n = keys.length;
  return { total: Math.min(n, COUNT_CAP), totalIsLowerBound: n > COUNT_CAP, keys, newest };
}

/**
 * Relevance puts the posts with the query's words as written first, then those found through other forms (stems).
 * A search of plain words ranks each part by how often each word occurs (rank.ts, the rank PostgreSQL gives): 1 + 10 m
 * for the first part, 10 m for the other (m the mean rank, under 0.1). Any other search ranks them by bm25: 1 +
 * s/(1+s) and s/(1+s), s being -bm25 (>= 0); so does a search of plain words with a stop word, its second part.
 */
const squash = (s: number): number => s / (1 + s);
const written = (m: number): number => 1 + 10 * m;
const stemmed = (m: number): number => 10 * m;
// Under every stemmed score (10 m, m at least the rank of one word found once, above 0.05): plain words rank their
// counts, and a post that only a word's whole hashtag finds (#KnowledgeDay for knowledgeday) has none of them.
const tagged = (s: number): number => squash(s) / 2;

/** The best `n` matches; only the FTS index is read unless filters need the posts. */
function rankTop(db: Db, p: Plan, matches: Counted, n: number): Ranked {
  if (p.sql.where.length && !matches.totalIsLowerBound && matches.total <= FEW_TO_RANK && matches.keys) {
    // A selective filter: the count found the few posts through its index; score only those.
    return scoresFor(db, p, matches.keys)
      .sort((a, b) => b.score - a.score || b.key - a.key)
      .slice(0, n);
  }
  if (p.words === null && p.exact === null) return rankBy(db, p.match!, p, n);
  const scope = p.words && { ...p.words, sql: p.sql, keys: p.keys };
  const first = scope
    ? classTop(db, { ...scope, stems: false }, n)!.map((r) => ({ key: r.key, score: written(r.score) }))
    : rankBy(db, p.exact!, p, n).map((r) => ({ key: r.key, score: 1 + squash(r.score) }));
  if (p.exact === null || first.length >= n) return first;
  const byStems = scope && classTop(db, { ...scope, stems: true }, n - first.length);
  // Plain words leave the posts only a word's hashtag finds to the end (rank.ts counts words, not hashtags).
  const others = scope && p.untagged !== null ? p.untagged : p.match;
  const rest = byStems
    ? byStems.map((r) => ({ key: r.key, score: stemmed(r.score) }))
    : rankBy(db, `(${others}) NOT (${p.exact})`, p, n - first.length).map((r) => ({
        key: r.key,
        score: squash(r.score),
      }));
  const found = [...first, ...rest];
  // Read only when the count says some matches are in neither part: most words are no post's hashtag.
  const unranked = matches.totalIsLowerBound || matches.total > found.length;
  if (!scope || p.untagged === null || found.length >= n || !unranked) return found;
  const byTag = rankBy(db, `(${p.match}) NOT (${p.untagged})`, p, n - found.length);
  return [...found, ...byTag.map((r) => ({ key: r.key, score: tagged(r.score) }))];
}

/** The best `n` matches of one MATCH by bm25 (score = -bm25). */
function rankBy(db: Db, match: string, p: Plan, n: number): Ranked {
  // The key breaks ties (newest first) so that pages never overlap; the page itself is re-sorted by date within
  // equal scores.
  const text = p.sql.where.length
    ? `SELECT f.rowid AS key, -${BM25} AS score FROM posts_fts f CROSS JOIN posts p ON p.dkey = f.rowid
       WHERE ${IN_RANGE}${and(p.sql.where)} ORDER BY ${BM25}, f.rowid DESC LIMIT ?`
    : `SELECT f.rowid AS key, -${BM25} AS score FROM posts_fts f WHERE ${IN_RANGE}
       ORDER BY ${BM25}, f.rowid DESC LIMIT ?`;
  return db.prepare(text).all(match, ...p.keys, ...p.sql.params, n) as Ranked;
}

/** The scores rankTop gives, of the given matching posts. */
function scoresFor(db: Db, p: Plan, keys: number[]): Ranked {
  const all = scoresOf(db, p.match!, keys);
  if (p.words !== null) {
    const scope = { ...p.words, sql: p.sql, keys: p.keys };
    const first = new Map(
      scoresOfKeys(db, { ...scope, stems: false }, keys)!.map((r) => [r.key, written(r.score)]),
    );
    const byStems = scoresOfKeys(db, { ...scope, stems: true }, keys);
    const rest = byStems && new Map(byStems.map((r) => [r.key, stemmed(r.score)]));
    // Without stems (a stop word), the others are scored by bm25 as rankTop scores them; those only a word's hashtag
    // finds come last there too.
    const left = keys.filter((k) => !first.has(k) && !rest?.has(k));
    const untagged =
      p.untagged === null || left.length === 0
        ? null
        : new Set(scoresOf(db, p.untagged, left).map((r) => r.key));
    const other = (r: { key: number; score: number }): number =>
      untagged === null || untagged.has(r.key) ? squash(r.score) : tagged(r.score);
    return all.map((r) => ({ key: r.key, score: first.get(r.key) ?? rest?.get(r.key) ?? other(r) }));
  }
  if (p.exact === null) return all;
  const exact = new Map(scoresOf(db, p.exact, keys).map((r) => [r.key, r.score]));
  return all.map((r) => {
    const e = exact.get(r.key);
    return { key: r.key, score: e === undefined ? squash(r.score) : 1 + squash(e) };
  });
}

/** bm25 of the given matching posts; the key range keeps FTS5 from scoring every match. */
function scoresOf(db: Db, match: string, keys: number[]): Ranked {
  if (keys.length === 0) return [];
  let min = keys[0]!;
  let max = min;
  for (const k of keys) {
    if (k < min) min = k;
    if (k > max) max = k;
  }
  // '+' keeps rowid IN away from FTS5, which would run the whole MATCH once per listed rowid.
  return db
    .prepare(
      `SELECT rowid AS key, -${BM25} AS score FROM posts_fts WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ?
       AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(match, min, max, JSON.stringify(keys)) as Ranked;
}

type Dated = { key: number; sort_date: string; channel: string; id: number };

const desc = (a: string | number, b: string | number): number => (a < b ? 1 : a > b ? -1 : 0);
const newestFirst = (a: Dated, b: Dated): number =>
  desc(a.sort_date, b.sort_date) || desc(a.channel, b.channel) || desc(a.id, b.id);

/**
 * Newest first: FTS5 lists the matches by key, that is by second, and the walk stops after the page; since posts
 * within a second are keyed in arrival order, the page is completed with every other match of its last second and
 * sorted by (sort_date, channel, id) here. Channel and language filters are part of the MATCH; the others are
 * checked on each walked match (a topic that keeps few of many matches makes the walk read many). When the count
 * listed the page already (all the matches, or the newest ones), nothing is walked.
 */
function byDate(db: Db, p: Plan, counted: Counted, limit: number, offset: number): Ranked {
  const listed = fromCounted(db, counted, offset + limit);
  if (listed) return listed.slice(offset).map((r) => ({ key: r.key, score: 0 }));
  if (p.match === null) {
    const w = p.sql.where.length ? `WHERE ${p.sql.where.join(' AND ')}` : '';
    return db
      .prepare(`SELECT p.dkey AS key, 0 AS score FROM posts p ${w} ${BY_DATE} LIMIT ? OFFSET ?`)
      .all(...p.sql.params, limit, offset) as Ranked;
  }
  // CROSS JOIN: FTS5 drives, in its rowid order (no sort), and the posts are looked up by key.
  const walk = db.prepare(
    `SELECT f.rowid AS key, p.sort_date, p.channel, p.id FROM posts_fts f CROSS JOIN posts p ON p.dkey = f.rowid
     WHERE ${UNDER}${and(p.sql.where)} ORDER BY f.rowid DESC`,
  );
  const want = offset + limit;
  // The page's last second is read whole: the walk goes on past the page to the first match of an earlier second.
  const rows = walkDown<Dated>(walk, [p.match, p.keys[1], ...p.sql.params], {
    lo: p.keys[0],
    limit: null,
    key: (r) => r.key,
    stop: (r, taken) => taken.length >= want && secondOfKey(r.key) < secondOfKey(taken[want - 1]!.key),
  });
  return rows
    .sort(newestFirst)
    .slice(offset, want)
    .map((r) => ({ key: r.key, score: 0 }));
}

/**
 * The first `want` matches newest first, from the keys the count listed when they hold them: all the matches (an
 * exact count), or the newest ones down past the last second of the page (a count from the top). Null when they
 * do not, and the page is walked.
 */
function fromCounted(db: Db, counted: Counted, want: number): Dated[] | null {
  const { keys } = counted;
  if (keys === null || (counted.totalIsLowerBound && !counted.newest)) return null;
  const sorted = counted.newest ? keys : [...keys].sort((a, b) => b - a);
  if (sorted.length <= want) return counted.totalIsLowerBound ? null : dated(db, sorted).sort(newestFirst);
  // Posts within a second are keyed in arrival order: the page's last second is read whole and sorted here.
  const last = secondOfKey(sorted[want - 1]!);
  let end = want;
  while (end < sorted.length && secondOfKey(sorted[end]!) === last) end++;
  // A count from the top that stopped inside that second did not list all of it.
  if (end === sorted.length && counted.totalIsLowerBound) return null;
  return dated(db, sorted.slice(0, end)).sort(newestFirst).slice(0, want);
}

/** What orders matches by date, of the given keys. */
function dated(db: Db, keys: number[]): Dated[] {
  if (keys.length === 0) return [];
  return db
    .prepare(
      'SELECT p.dkey AS key, p.sort_date, p.channel, p.id FROM posts p WHERE p.dkey IN (SELECT value FROM json_each(?))',
    )
    .all(JSON.stringify(keys)) as Dated[];
}

/** The posts' pks of matches found by key, in the same order. */
function toPks(db: Db, rows: Ranked): { pk: number; score: number }[] {
  if (rows.length === 0) return [];
  const pk = new Map(
    (
      db
        .prepare('SELECT dkey, pk FROM posts WHERE dkey IN (SELECT value FROM json_each(?))')
        .all(JSON.stringify(rows.map((r) => r.key))) as { dkey: number; pk: number }[]
    ).map((r) => [r.dkey, r.pk]),
  );
  return rows.flatMap((r) => {
    const p = pk.get(r.key);
    return p === undefined ? [] : [{ pk: p, score: r.score }];
  });
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
  const base = JSON.stringify([p.match, p.exact, p.sql.where, p.sql.params, p.keys]);
  const c = cache.get(`count ${base}`, gen, () => count(db, p));
  if (limit <= 0 || c.total === 0) return { ...c, rows: [] };
  let rows: Ranked;
  if (options.sort === 'date' || p.match === null) {
    // No relevance scores on a date-ordered page: bm25's idf reads the whole doclist of every phrase of the query
    // (each stem form too), however few rows are scored, which costs many times the walk itself at a million posts.
    rows = cache.get(`date ${base} ${limit} ${offset}`, gen, () => byDate(db, p, c, limit, offset));
  } else {
    const window = Math.ceil((offset + limit) / RANK_WINDOW) * RANK_WINDOW;
    const ranked = cache.get(`rank ${base} ${window}`, gen, () => rankTop(db, p, c, window));
    rows = ranked.slice(offset, offset + limit);
  }
  return { ...c, rows: toPks(db, rows) };
}
