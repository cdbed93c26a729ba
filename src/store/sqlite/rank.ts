// Relevance without scoring every match, for a search whose words are an AND of plain words (rank-classes.ts): a
// post's score is the mean over the words of f(how often it occurs), f saturating, as on PostgreSQL. Two parts are
// ranked so: the posts with every word as written (counted in the body), then the others, found through the words'
// stems (counted in the stems column, in the post's language). The index marks each repeated token with its count
// (fts.ts markTokens), so the matches fall into classes by each word's count, each found through its marks: read
// from the highest bound down until the k-th best found scores above every class left. The class where every word
// occurs once (most posts) scores f(1) in every post, so its best are its newest: FTS5 walks it in key order and
// stops at k.
import type Database from 'better-sqlite3';
import {
  MAX_CLASSES,
  MAX_COUNT,
  classCount,
  countRank,
  rankClasses,
  type RankClass,
} from '../rank-classes.js';
import type { Sql } from './filter.js';
import { walkDown } from './walk-down.js';
import { MARKED_COUNT, markMatch, postColumns, stemForms, tokenMatch, wordMatch } from './fts.js';

type Db = Database.Database;

/** Matches by key (the search rows' rowid, date-key.ts) with their scores. */
export type Ranked = { key: number; score: number }[];

/** A search of plain words as FTS5 says it: the words (folded), its NOT parts, its channel and language tokens. */
export interface RankWords {
  words: string[];
  not: string | null;
  meta: string[];
}

/** What a ranking reads: the search, its other filters (SQL), its key range, and which part. */
export interface RankScope extends RankWords {
  sql: Sql;
  keys: [number, number];
  /** false: the posts with every word as written; true: the others, found through stems. */
  stems: boolean;
}

/** A part as the index says it: each word's tokens (any of them is the word), and what keeps the part apart. */
interface Part {
  forms: string[][];
  found: (token: string) => string;
  /** Posts of the search outside the part. */
  outside: string[];
}

/** The part of a scope, or null when a word's stem is not counted (a stop word: fts.ts stemForms). */
function partOf(scope: RankScope): Part | null {
  if (!scope.stems)
    return {
      forms: scope.words.map((w) => [w]),
      found: wordMatch,
      outside: scope.not === null ? [] : [scope.not],
    };
  const forms = scope.words.map(stemForms);
  if (forms.some((f) => f === null)) return null;
  return {
    forms: forms as string[][],
    found: tokenMatch,
    outside: [...(scope.not === null ? [] : [scope.not]), `(${scope.words.map(wordMatch).join(' AND ')})`],
  };
}

/** FTS5 text of `parts` (each found) without the posts of any of `not`. */
function allBut(parts: string[], not: string[]): string {
  const m = `(${parts.join(' AND ')})`;
  return not.length ? `${m} NOT (${not.join(' OR ')})` : m;
}

const anyOf = (parts: string[]): string => (parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);

/** Every word found in one of its forms, with each word's FTS5 text given by `word` (its index). */
const partMatch = (scope: RankScope, part: Part, word: (i: number) => string): string =>
  allBut([...scope.words.map((_, i) => word(i)), ...scope.meta], part.outside);

/** The counts each level starts at: every count marked exactly (1 to MARKED_COUNT - 1), then MARKED_COUNT or more. */
const COUNT_LEVELS: readonly number[] = Array.from({ length: MARKED_COUNT }, (_, i) => i + 1);

/** Best first; the key (newest first) breaks ties, so that pages never overlap. */
const byScore = (a: { key: number; score: number }, b: { key: number; score: number }): number =>
  b.score - a.score || b.key - a.key;

/**
 * The score of a post where the words are found `counts` times. Summed in the counts' order: the same counts in
 * another order must score the very same number, or a rounding bit, not the date, would order such ties.
 */
function meanRank(counts: readonly number[]): number {
  let sum = 0;
  for (const n of [...counts].sort((a, b) => a - b)) sum += countRank(n);
  return sum / counts.length;
}

/** The best `k` matches of the scope's part by the words' counts, or null when the part cannot be ranked so. */
export function classTop(db: Db, scope: RankScope, k: number): Ranked | null {
  const part = partOf(scope);
  if (part === null) return null;
  const all = partMatch(scope, part, (i) => anyOf(part.forms[i]!.map(part.found)));
  const highest = scope.words.map((_, i) => highestLevel(db, scope, part, i));
  if (classCount(highest) > MAX_CLASSES) return recounted(db, scope, part, all, k);
  const classes = rankClasses(
    { forms: part.forms, means: [scope.words.map((_, i) => [i])] },
    countRank,
    highest,
    COUNT_LEVELS,
  );
  let best: Ranked = [];
  for (const c of classes) {
    if (best.length >= k && best[k - 1]!.score > c.bound) break;
    best = [...best, ...classBest(db, scope, part, c, k)].sort(byScore).slice(0, k);
  }
  return best;
}

/**
 * The scores of the given posts (each a match of the search) in the scope's part, the others left out; null when the
 * part cannot be ranked so.
 */
export function scoresOfKeys(db: Db, scope: RankScope, keys: readonly number[]): Ranked | null {
  const part = partOf(scope);
  if (part === null) return null;
  if (keys.length === 0) return [];
  const rows = db
    .prepare('SELECT dkey AS key, text, lang FROM posts WHERE dkey IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as Row[];
  return scored(rows, scope, part);
}

type Row = { key: number; text: string; lang: string | null };

/** The posts of the part among `rows`, each scored by its words' counts in its text. */
function scored(rows: Row[], scope: RankScope, part: Part): Ranked {
  const asWritten = scope.words.map((w) => [w]);
  const out: Ranked = [];
  for (const r of rows) {
    // The stems are read only for the second part.
    const columns = postColumns(r.text, scope.stems ? r.lang : null);
    const written = tokenCounts(columns.words, asWritten);
    const inWritten = written.every((n) => n > 0);
    if (!scope.stems) {
      if (inWritten) out.push({ key: r.key, score: meanRank(written) });
    } else if (!inWritten) {
      const counts = tokenCounts(columns.stems, part.forms);
      if (counts.every((n) => n > 0)) out.push({ key: r.key, score: meanRank(counts) });
    }
  }
  return out;
}

/** How often each word (any of its forms) is found in an index column's tokens (at most MAX_COUNT). */
function tokenCounts(tokens: string, forms: string[][]): number[] {
  const counts = forms.map(() => 0);
  for (const t of tokens.split(' ')) {
    const i = forms.findIndex((f) => f.includes(t));
    if (i >= 0 && counts[i]! < MAX_COUNT) counts[i]!++;
  }
  return counts;
}

/**
 * A word's highest level among the part's matches, or above it (the other filters are not checked: a level too high
 * only lists classes found empty). Most words of most posts are never repeated, and one look says so.
 */
function highestLevel(db: Db, scope: RankScope, part: Part, word: number): number {
  // A mark stands for its word (it says the word is there), so the word's own long list is not read.
  const any = (mark: (token: string) => string): boolean =>
    db.prepare('SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1').get(
      partMatch(scope, part, (i) => anyOf(part.forms[i]!.map(i === word ? mark : part.found))),
      ...scope.keys,
    ) !== undefined;
  if (!any((t) => markMatch(t))) return 0;
  for (let n = MARKED_COUNT; n > 2; n--) if (any((t) => markMatch(t, n))) return n - 1;
  return 1;
}

/**
 * The FTS5 text of one class: each word marked with its count, or found and not repeated. A mark says the word is
 * there: a class of repeated words is found through their marks alone (short lists), not the words' long ones.
 */
function classMatch(scope: RankScope, part: Part, c: RankClass): string {
  const found = (i: number): string => {
    const level = c.levels[i]!;
    return anyOf(part.forms[i]!.map((t) => (level > 0 ? markMatch(t, COUNT_LEVELS[level]) : part.found(t))));
  };
  const single = part.forms.flatMap((f, i) => (c.levels[i] === 0 ? f.map((t) => markMatch(t)) : []));
  return allBut([...scope.words.map((_, i) => found(i)), ...scope.meta], [...part.outside, ...single]);
}

/**
 * The first k posts of one class by relevance. In a class of exact counts every post scores the class's top, so its
 * best are its newest k; a class with a word found MARKED_COUNT times or more is read whole and counted.
 */
function classBest(db: Db, scope: RankScope, part: Part, c: RankClass, k: number): Ranked {
  const match = classMatch(scope, part, c);
  if (!c.exact) return recounted(db, scope, part, match, k);
  const score = meanRank(c.levels.map((l) => COUNT_LEVELS[l]!));
  return walk(db, scope, match, false, k).map((r) => ({ key: r.key, score }));
}

/** The best k posts of a match, each post's words counted in its text. */
function recounted(db: Db, scope: RankScope, part: Part, match: string, k: number): Ranked {
  return scored(walk(db, scope, match, true, null) as Row[], scope, part)
    .sort(byScore)
    .slice(0, k);
}

/** The matches of `match` in the scope, newest first (up to `limit`), with their texts when asked. */
function walk(
  db: Db,
  scope: RankScope,
  match: string,
  withText: boolean,
  limit: number | null,
): { key: number; text?: string; lang?: string | null }[] {
  const joined = withText || scope.sql.where.length > 0;
  const text = `SELECT f.rowid AS key${withText ? ', p.text, p.lang' : ''} FROM posts_fts f
    ${joined ? 'CROSS JOIN posts p ON p.dkey = f.rowid' : ''}
    WHERE posts_fts MATCH ? AND f.rowid <= ?${scope.sql.where.map((w) => ` AND ${w}`).join('')}
    ORDER BY f.rowid DESC`;
  return walkDown<{ key: number; text?: string; lang?: string | null }>(
    db.prepare(text),
    [match, scope.keys[1], ...scope.sql.params],
    { lo: scope.keys[0], limit, key: (r) => r.key },
  );
}
