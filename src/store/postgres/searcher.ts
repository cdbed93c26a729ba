// Full-text search on PostgreSQL: the compiled query (search.ts), a capped count, and the page: newest first from
// the rows the count read when they are all the matches, else from a date window (newest.ts); by relevance on a RUM
// archive from ordered index scans (rum-search.ts), on GIN ranked over every match, class by class of how often the
// words occur (search-rank.ts) when there are many.
import { isMatchAll, parseQuery } from '../../search/parse.js';
import { hitSnippet, queryMatchers } from '../../search/snippet.js';
import { STEM_CONFIGS, stemConfigFor } from '../../text/stems.js';
import { stemmedQueryWords } from '../../search/terms.js';
import type { QueryNode } from '../../search/query.js';
import type { SearchOptions, SearchResult } from '../store.js';
import { COUNT_CAP } from '../shared.js';
import { Params, filterConditions, whereClause } from './filter.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';
import { NewestPages, type Rows } from './newest.js';
import { withSettings } from './settings.js';
import { RumPages } from './rum-search.js';
import { compileCombined, compileSearch } from './search.js';
import {
  BOUND_COUNTS,
  LEVELS,
  MAX_CLASSES,
  classCount,
  classQuery,
  levelQuery,
  rankClasses,
  rankWords,
  repeatedLexeme,
  repeatedQuery,
  type RankClass,
  type RankWords,
} from './search-rank.js';
import type { Lexicon } from './stem.js';
import { withoutWord } from '../rank-classes.js';

/** What a search needs of the store: its queries (in the current transaction, errors wrapped) and stems. */
export interface SearchDb {
  /** The schema of the rum extension when the archive searches tsv_all through RUM; null: the GIN columns. */
  rum: string | null;
  rows<T>(what: string, text: string, values?: unknown[]): Promise<T[]>;
  lexicon(words: Map<string, Iterable<string>>): Promise<Lexicon>;
  /** Runs fn in a transaction (joining an open one) whose plans read the table through indexes only. */
  indexed<T>(fn: () => Promise<T>): Promise<T>;
}

/** A count is not run when the planner expects this many times the cap (count()). */
const SKIP_COUNT_FROM = 2;
/** The planner's statistics are read again after this long (ANALYZE refreshes them as posts come in). */
const STATS_MS = 60_000;
/**
 * Past the count's cap, relevance goes through the count classes (search-rank.ts), or ranks the newest this many matches
 * (all of them when there are no more).
 */
const RANK_CANDIDATES = 3_000;
/**
 * Scores closer than this to a class's bound are the bound: they are rounded means of float4 ranks (off by about
 * 1e-6), and in a class of exact counts two different scores differ by 1e-4 or more.
 */
const TIE = 1e-5;
const BY_DATE = 'p.sort_date DESC, p.channel DESC, p.id DESC';
/**
 * The recent index's matches are read whole up to this many: they lie in the heap's last pages, the ones written
 * and read most, so even an archive larger than memory has them cached.
 */
const RECENT_READ = 10_000;

type ScoredRow = PostRow & { score: number };

/**
 * A rank as the score searches order by: rounded to 6 decimals, so that posts ranking alike tie exactly (ts_rank
 * averages its words in float4: the same rank reached through two averages may differ in the last bit).
 */
function score(rank: string): string {
  return `round((${rank})::float8 * 1000000) / 1000000`;
}

/** ORDER BY score DESC, sort_date DESC, channel DESC, id DESC, as PostgreSQL sorts them (COLLATE "C": bytes). */
function byRelevance(a: ScoredRow, b: ScoredRow): number {
  return b.score - a.score || byDate(a, b);
}

/** sort_date DESC, channel DESC, id DESC, as PostgreSQL sorts them (COLLATE "C": bytes). */
function byDate(a: ScoredRow, b: ScoredRow): number {
  return (
    Buffer.compare(Buffer.from(b.sort_date), Buffer.from(a.sort_date)) ||
    Buffer.compare(Buffer.from(b.channel), Buffer.from(a.channel)) ||
    Number(b.id) - Number(a.id)
  );
}

/** A date-ordered page's rows: a search sorted by date gives no score (0), as SQLite's does. */
function unscored(rows: ScoredRow[]): ScoredRow[] {
  return rows.map((r) => ({ ...r, score: 0 }));
}

/** The search result of a page of rows; `n`: the matches counted (up to one past the cap). */
function result(node: QueryNode, n: number, rows: ScoredRow[]): SearchResult {
  const matchers = queryMatchers(node);
  const stemmed = stemmedQueryWords(node);
  return {
    total: Math.min(n, COUNT_CAP),
    totalIsLowerBound: n > COUNT_CAP,
    hits: rows.map((r) => ({
      post: rowToPost(r),
      score: r.score,
      snippet: hitSnippet(r.text, stemConfigFor(r.lang), matchers, stemmed),
    })),
  };
}

export class PostgresSearch {
  private bounds: Promise<Map<number, number>> | null = null;
  /** The lexemes the planner has statistics on, and when they were read. */
  private common: { at: number; lexemes: Promise<Set<string>> } | null = null;
  private readonly newest: NewestPages;

  constructor(private readonly db: SearchDb) {
    this.newest = new NewestPages((what, text, values) => db.rows(what, text, values));
  }

  async search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const node = parseQuery(text); // QuerySyntaxError rejects as is
    // The planner prices a match tested on a row as one operator, not as the vector it decompresses first: with
    // many matches it reads the table from the start testing every row (a count at 100k posts took a second, its
    // bitmap 40 ms). Every search query has an index to read (full-text, date or key), so the table scan is off.
    return this.db.indexed(() =>
      this.db.rum !== null ? this.searchRum(node, options, this.db.rum) : this.searchGin(node, options),
    );
  }

  /** The GIN plan: the same count, relevance ranked over every match, class by class when there are many. */
  private async searchGin(node: QueryNode, options: SearchOptions): Promise<SearchResult> {
    const params = new Params();
    const where: string[] = [];
    let ranking: (() => string | null) | null = null;
    let classes: RankWords | null = null;
    let stems: Lexicon | null = null;
    if (!isMatchAll(node)) {
      const words = [...stemmedQueryWords(node)];
      stems = await this.db.lexicon(new Map(STEM_CONFIGS.map((c) => [c, words])));
      const compiled = compileSearch(node, params, stems);
      where.push(compiled.where);
      ranking = compiled.rank;
      classes = rankWords(node, stems);
    }
    filterConditions(options, params, where);
    // What the conditions use: ranking() adds the rank's own values after them.
    const whereValues = [...params.values];
    const limit = Math.max(0, options.limit ?? 50);
    const offset = Math.max(0, options.offset ?? 0);
    const rank = ranking?.() ?? null;
    const select = `SELECT ${POST_COLUMNS}, ${score(rank ?? '0')} AS score`;
    // Counting stops at the cap, as SQLite's does: past it an exact number costs a scan of every match.
    if (options.sort === 'date' || rank === null) {
      const { n, rows } = await this.newestFirst(where, whereValues, select, params.values, offset + limit);
      return result(node, n, unscored(rows.slice(offset)));
    }
    const n = await this.count(where, whereValues);
    let rows: ScoredRow[];
    if (n <= COUNT_CAP) {
      // ts_rank reads each row's vectors: with few matches, all of them are ranked.
      rows = (await this.rankAll(select, where, params.values, offset + limit)).slice(offset);
    } else if (classes !== null) {
      const words = classes;
      // A word's count marks are tested against the other words and the filters (withoutWord).
      const levelWhere = (w: number, p: Params): string[] => {
        const rest = withoutWord(node, words.forms[w]![0]!);
        const conditions = rest === null ? [] : [compileSearch(rest, p, stems!).where];
        return filterConditions(options, p, conditions);
      };
      rows = (await this.classTop(select, where, params, levelWhere, classes, offset + limit, n)).slice(
        offset,
      );
    } else {
      // Phrases, prefixes, hashtags, OR with many matches: the bound does not hold for their rank, so the newest
      // matches are ranked (an older post that scores higher can miss the first page).
      rows = await this.db.rows<ScoredRow>(
        'search',
        `${select} FROM (SELECT p.* FROM posts p ${whereClause(where)} ORDER BY ${BY_DATE}
           LIMIT ${params.add(Math.max(RANK_CANDIDATES, offset + limit))}) p
         ORDER BY score DESC, ${BY_DATE} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
        params.values,
      );
    }
    return result(node, n, rows);
  }

  /** The RUM plan: the same count, the page from ordered index scans (rum-search.ts). */
  private async searchRum(node: QueryNode, options: SearchOptions, ns: string): Promise<SearchResult> {
    const params = new Params();
    const where: string[] = [];
    let rankQuery: string | null = null;
    if (!isMatchAll(node)) {
      const words = [...stemmedQueryWords(node)];
      const stems = await this.db.lexicon(new Map(STEM_CONFIGS.map((c) => [c, words])));
      const compiled = compileCombined(node, params, stems);
      where.push(compiled.where);
      rankQuery = compiled.rankQuery;
    }
    filterConditions(options, params, where);
    const whereValues = [...params.values];
    const limit = Math.max(0, options.limit ?? 50);
    const offset = Math.max(0, options.offset ?? 0);
    const pages = new RumPages((what, text, values) => this.db.rows(what, text, values), ns);
    // The score shown: RUM's rank (the distance's inverse), 0 when no positive word was found.
    const score =
      rankQuery === null
        ? '0'
        : `coalesce(round((1 / nullif(${pages.distance(params.add(rankQuery))}, 'Infinity'))::numeric, 6)::float8, 0)`;
    const select = `SELECT ${POST_COLUMNS}, ${score} AS score`;
    if (options.sort === 'date' || rankQuery === null) {
      const { n, rows } = await this.newestFirst(where, whereValues, select, params.values, offset + limit);
      return result(node, n, unscored(rows.slice(offset)));
    }
    const n = await this.count(where, whereValues);
    const rows = await pages.relevant<ScoredRow>(select, where, params.values, rankQuery, offset + limit);
    return result(node, n, rows.slice(offset));
  }

  /**
   * The matches, counted up to one past the cap. A full-text index finds matches in no particular order, so even a
   * capped count builds the whole bitmap of the query's words (their whole lists in the index) and reads a row per
   * match counted. So when the planner expects many times the cap, the count is not run and the total shows as past
   * the cap (1,000+): the planner overestimates a match of several words rarely, and by less than that margin (it
   * takes them as independent, while words found together are found together more often).
   */
  private async count(where: string[], values: unknown[]): Promise<number> {
    if (where.length && (await this.skipCount(where, values, await this.estimate(where, values))))
      return COUNT_CAP + 1;
    const [count] = await this.db.rows<{ n: number }>(
      'search',
      `SELECT count(*) AS n FROM (SELECT FROM posts p ${whereClause(where)} LIMIT ${COUNT_CAP + 1}) m`,
      values,
    );
    return count!.n;
  }

  /**
   * Whether the planner expects so many matches that the count is not run: only when each word the query needs
   * (each part of an AND or a phrase, in any of its forms) is among the planner's most common ones. A rarer word is
   * priced at a fixed share of the table whatever it is (a word found nowhere would show as 1,000+), and with its
   * short list the index skips through the others' long ones, so counting is cheap.
   */
  private async skipCount(where: string[], values: unknown[], expected: number): Promise<boolean> {
    if (where.length === 0 || expected <= COUNT_CAP * SKIP_COUNT_FROM) return false;
    const parts: string[][] = [];
    for (const w of where)
      for (const [, at] of w.matchAll(/\$(\d+)::tsquery/g)) {
        const q = values[Number(at) - 1];
        if (typeof q === 'string') parts.push(...requiredParts(q));
      }
    if (parts.length === 0) return true;
    const common = await this.commonLexemes();
    return parts.every((forms) => forms.some((l) => common.has(l)));
  }

  /** The lexemes the planner has statistics on (tsv_all's most common elements), read again after a minute. */
  private commonLexemes(): Promise<Set<string>> {
    const now = Date.now();
    if (this.common === null || now - this.common.at > STATS_MS) {
      const lexemes = this.db
        .rows<{ e: string[] | null }>(
          'search',
          `SELECT most_common_elems::text::text[] AS e FROM pg_stats
           WHERE schemaname = current_schema() AND tablename = 'posts' AND attname = 'tsv_all'`,
        )
        .then(
          (rows) => new Set(rows[0]?.e ?? []),
          (e: unknown) => {
            this.common = null; // asked again next time
            throw e;
          },
        );
      this.common = { at: now, lexemes };
    }
    return this.common.lexemes;
  }

  /** The matches the planner expects (every post when nothing is asked). */
  private async estimate(where: string[], values: unknown[]): Promise<number> {
    const [plan] = await this.db.rows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      'search',
      `EXPLAIN (FORMAT JSON) SELECT FROM posts p ${whereClause(where)}`,
      values,
    );
    return plan!['QUERY PLAN'][0].Plan['Plan Rows'];
  }

  /**
   * The count and the first k matches newest first. When the count reads them all (up to the cap), the page is
   * taken from those rows: the count reads every match's row anyway, so its date and key come with it and the page
   * costs no second pass over the index (the bitmap of the query's words, their whole lists). Past the cap, the
   * page is NewestPages', for the larger of the count and the planner's estimate. An archive with a recent index
   * (recent-index.ts) is read there first.
   */
  private async newestFirst(
    where: string[],
    whereValues: unknown[],
    select: string,
    selectValues: unknown[],
    k: number,
  ): Promise<{ n: number; rows: ScoredRow[] }> {
    // Every post matches when nothing is asked: the count is run then (an estimate of the table's size may be far
    // off while it is new).
    const expected = where.length ? await this.estimate(where, whereValues) : 0;
    const past = (n: number) =>
      this.newest
        .page<ScoredRow>(select, where, selectValues, k, Math.max(n, expected))
        .then((rows) => ({ n, rows }));
    if (await this.skipCount(where, whereValues, expected)) return past(COUNT_CAP + 1);
    // Past the count's cap the matches may still be few enough to read whole (newest.ts readWhole).
    const exact = readsExactly(where, whereValues);
    const read = exact ? await this.newest.readWhole(COUNT_CAP) : COUNT_CAP;
    const from = where.some((w) => w.includes('::tsquery')) ? await this.newest.recentFrom() : null;
    if (from !== null) {
      // The newest posts first, through their own small index (recent-index.ts): when they hold the page, every
      // other match is older, and past the cap the older ones need not be counted either.
      const recentWhere = [...where, `p.sort_date >= $${selectValues.length + 1}`];
      const recentValues = [...selectValues, from];
      const recentRead = exact ? RECENT_READ : COUNT_CAP;
      const recent = await this.readMatches(recentWhere, select, recentValues, k, recentRead);
      // Past what was read whole the newest posts still hold the page, unless it goes deeper than that.
      if (recent.n > recentRead && k <= recentRead)
        return this.newest
          .page<ScoredRow>(select, recentWhere, recentValues, k, Math.max(recent.n, expected))
          .then((rows) => ({ n: COUNT_CAP + 1, rows }));
      if (recent.rows.length >= k)
        return {
          n: recent.n > COUNT_CAP ? COUNT_CAP + 1 : await this.count(where, whereValues),
          rows: recent.rows,
        };
    }
    const found = await this.readMatches(where, select, selectValues, k, read);
    return found.n > read ? past(found.n) : found;
  }

  /**
   * Up to read + 1 matches' keys, their count, and when they are all the matches, the first k newest first. The
   * count reads every match's row anyway, so its date and key come with it and the page costs no second pass over
   * the index.
   */
  private async readMatches(
    where: string[],
    select: string,
    selectValues: unknown[],
    k: number,
    read: number,
  ): Promise<{ n: number; rows: ScoredRow[] }> {
    const values = [...selectValues, k];
    const found = await this.db.rows<ScoredRow & { match_count: number }>(
      'search',
      `WITH m AS MATERIALIZED (SELECT p.sort_date, p.channel, p.id FROM posts p ${whereClause(where)}
         LIMIT ${read + 1}),
       c AS (SELECT count(*)::int AS n FROM m),
       k AS (SELECT * FROM m p WHERE (SELECT n FROM c) <= ${read} ORDER BY ${BY_DATE} LIMIT $${values.length}),
       r AS (${select} FROM k JOIN posts p ON p.channel = k.channel AND p.id = k.id)
       SELECT c.n AS match_count, r.* FROM c LEFT JOIN r ON true`,
      values,
    );
    const n = found[0]!.match_count;
    const rows = found
      .filter((r) => r.channel !== null)
      .map(({ match_count: _, ...r }) => r as ScoredRow)
      .sort(byDate);
    return { n, rows };
  }

  /**
   * The first k matches by relevance, exactly, reading only the classes of posts that can beat the k-th best
   * (search-rank.ts): from the highest bound down, a class a query, until the k-th best found scores above the bound
   * of every class left. A query of many words each found many times (more classes than MAX_CLASSES) ranks every
   * match.
   */
  private async classTop(
    select: string,
    where: string[],
    params: Params,
    levelWhere: (word: number, params: Params) => string[],
    words: RankWords,
    k: number,
    matches: number,
  ): Promise<ScoredRow[]> {
    const f = await this.rankBounds();
    const highest = await this.highestLevels(levelWhere, words);
    if (classCount(highest) > MAX_CLASSES) return this.rankAll(select, where, params.values, k);
    const classes = rankClasses(words, (n) => f.get(n)!, highest);
    let best: ScoredRow[] = [];
    for (const c of classes) {
      if (best.length >= k && best[k - 1]!.score > c.bound) break;
      const rows = await this.classBest(select, where, params.values, words, c, k, matches);
      best = [...best, ...rows].sort(byRelevance).slice(0, k);
    }
    return best;
  }

  /**
   * The first k posts of one class by relevance. Posts whose words are each counted once score alike: their best are
   * the newest. In a class of exact counts (every word's level one count), the newest k are its best when they all
   * score the class's bound, which no post of the class exceeds: then the class's other posts are not ranked.
   */
  private async classBest(
    select: string,
    where: string[],
    selectValues: unknown[],
    words: RankWords,
    c: RankClass,
    k: number,
    matches: number,
  ): Promise<ScoredRow[]> {
    const values = [...selectValues];
    const q = classQuery(words, c.levels);
    if (q === null) {
      // Every word once: they all score f(1), so their best are the newest, paged as newest-first searches are
      // (most matches are in this class).
      const once = `NOT p.tsv_tf @@ $${values.push(repeatedQuery(words))}::tsquery`;
      return this.newest.page<ScoredRow>(select, [...where, once], values, k, matches);
    }
    // When every word is marked as repeated, the class is found through its marks alone (their lists meet, few
    // posts), the match checked on its posts: with the match in the scan, the words' own lists are read too, long for
    // common words (relevance at 1M: median 15 ms this way, 27 with the match in the scan, on one index over both).
    // A word counted once has no mark: the match finds it, in the same scan as the marks.
    const marked = c.levels.every((l) => l > 0) && where.length > 0;
    const match = marked ? [`(${where.join(' AND ')}) IS TRUE`] : where;
    const conditions = [...match, `p.tsv_tf @@ $${values.push(q)}::tsquery`];
    values.push(k);
    if (c.exact) {
      // Sorted from bitmaps: a LIMIT by date lets the planner walk the date index, testing post after post, and a
      // class can be rare among the newest (one ran over eight minutes at 10M before it was stopped).
      const newest = await this.newest.sorted<ScoredRow>(select, conditions, values);
      if (newest.length < k || newest.every((r) => r.score >= c.top - TIE)) return newest;
    }
    return this.db.rows<ScoredRow>(
      'search',
      `${select} FROM posts p WHERE ${conditions.join(' AND ')} ORDER BY score DESC, ${BY_DATE} LIMIT $${values.length}`,
      values,
    );
  }

  /** The first k matches by relevance, every match ranked. */
  private rankAll(select: string, where: string[], values: unknown[], k: number): Promise<ScoredRow[]> {
    return this.db.rows<ScoredRow>(
      'search',
      `${select} FROM posts p ${whereClause(where)} ORDER BY score DESC, ${BY_DATE} LIMIT $${values.length + 1}`,
      [...values, k],
    );
  }

  /**
   * Each word's highest level (LEVELS) among the matches: most classes of a query of several words are empty, and
   * each costs a query to find so. In one query, a CASE per word tests the levels from the top and stops at the first
   * found. Each test is one scan of the index over the match and the marks (migration 21): does any match carry the
   * level's mark? It steps through the rarer of their lists. The match there is the other words' (`levelWhere`,
   * withoutWord): a form's mark is only where the form is, so the word's own list, the longest when it is common, was
   * stepped through for nothing (`ника brics` at 1M, the lowest three tests of `brics`: 33, 41, 47 ms with it, 15, 32,
   * 27 without). A form the post's language stems from another word can then make a level too high (one class more
   * asked), never too low. (With an index a column, a test read the first 50 posts of the mark and took a longer
   * list as found: the empty classes a common mark left were then each asked, 50 ms apiece for a word in 7.5% of
   * 1M posts.) Bitmaps only: an index scan of a date filter's range, which the planner may pick to find one row
   * early, would test post after post where none is found.
   */
  private async highestLevels(
    levelWhere: (word: number, params: Params) => string[],
    words: RankWords,
  ): Promise<number[]> {
    const params = new Params();
    const values = params.values;
    const cases = words.forms.map((_, w) => {
      const where = levelWhere(w, params);
      const tests = LEVELS.map((_, level) => level)
        .slice(1)
        .reverse()
        .map((level) => {
          const marked = [`p.tsv_tf @@ $${values.push(levelQuery(words, w, level))}::tsquery`, ...where];
          return `WHEN EXISTS (SELECT FROM posts p WHERE ${marked.join(' AND ')}) THEN ${level}`;
        });
      return `CASE ${tests.join(' ')} ELSE 0 END AS w${w}`;
    });
    const rows: Rows = (what, text, v) => this.db.rows(what, text, v);
    const [row] = await withSettings(rows, { enable_indexscan: 'off' }, () =>
      this.db.rows<Record<string, number>>('search', `SELECT ${cases.join(', ')}`, values),
    );
    return words.forms.map((_, w) => row![`w${w}`]!);
  }

  /** f(n) for each of BOUND_COUNTS: ts_rank of a word found n times, rounded as scores are. */
  private async rankBounds(): Promise<Map<number, number>> {
    this.bounds ??= this.db
      .rows<{ r: number }>(
        'search',
        `SELECT ${score("ts_rank(u.v::tsvector, 'x'::tsquery)")} AS r
       FROM unnest($1::text[]) WITH ORDINALITY AS u(v, n) ORDER BY u.n`,
        [BOUND_COUNTS.map(repeatedLexeme)],
      )
      .then(
        (rows) => new Map(rows.map((r, i) => [BOUND_COUNTS[i]!, r.r])),
        (e: unknown) => {
          this.bounds = null; // asked again next time
          throw e;
        },
      );
    return this.bounds;
  }
}

/**
 * Whether the matches of these conditions are each decided by the full-text index and the post's own columns: a
 * word query without phrases, prefixes or NOT (which GIN may return as candidates, each tested again on its row's
 * vector: about 40 µs a row), and no condition that runs a query per row (topics, stories).
 */
export function readsExactly(where: string[], values: unknown[]): boolean {
  let words = false;
  for (const w of where) {
    if (/\bEXISTS\b/.test(w)) return false;
    for (const [, at] of w.matchAll(/\$(\d+)::tsquery/g)) {
      const q = values[Number(at) - 1];
      if (typeof q !== 'string' || /<\d*-?>|:\*|!/.test(q)) return false;
      words = true;
    }
  }
  return words;
}

/**
 * The lexemes of each part a tsquery needs (split at its top-level & and <->; a part under ! needs nothing), as
 * the compiled queries write them: `(('sanctions') | ('sanction')) & (('energy') | ('energi'))`.
 */
export function requiredParts(tsquery: string): string[][] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < tsquery.length; i++) {
    const ch = tsquery[i]!;
    if (ch === "'") {
      // '' inside a quoted lexeme is a quote.
      if (quoted && tsquery[i + 1] === "'") i++;
      else quoted = !quoted;
    } else if (quoted) continue;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && (ch === '&' || tsquery.startsWith('<->', i) || /^<\d+>/.test(tsquery.slice(i)))) {
      parts.push(tsquery.slice(start, i));
      const op = /^(&|<->|<\d+>)/.exec(tsquery.slice(i))![0];
      i += op.length - 1;
      start = i + 1;
    }
  }
  parts.push(tsquery.slice(start));
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith('!'))
    .map((p) => [...p.matchAll(/'((?:[^']|'')*)'/g)].map(([, l]) => l!.replace(/''/g, "'")));
}
