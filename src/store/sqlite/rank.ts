// Relevance without scoring every match, for a search whose words are an AND of plain words, found as written
// (rank-classes.ts): a post's score is the mean over the words of f(how often it occurs), f saturating, as on
// PostgreSQL. The index marks each repeated word with its count (fts.ts markTokens), so the matches fall into classes
// by each word's count, each found through its marks: read from the highest bound down until the k-th best found
// scores above every class left. The class where every word occurs once (most posts) scores f(1) in every post, so
// its best are its newest: FTS5 walks it in key order and stops at k.
import type Database from 'better-sqlite3';
import {
  MAX_CLASSES,
  MAX_COUNT,
  classCount,
  countRank,
  rankClasses,
  type RankClass,
} from '../rank-classes.js';
import { indexedText } from '../../text/stems.js';
import type { Sql } from './filter.js';
import { MARKED_COUNT, markMatch, wordMatch } from './fts.js';

type Db = Database.Database;

/** Matches by key (the search rows' rowid, date-key.ts) with their scores. */
export type Ranked = { key: number; score: number }[];

/** A search of plain words as FTS5 says it: the words (folded), its NOT parts, its channel and language tokens. */
export interface RankWords {
  words: string[];
  not: string | null;
  meta: string[];
}

/** What a ranking reads: the search, its other filters (SQL), its key range. */
export interface RankScope extends RankWords {
  sql: Sql;
  keys: [number, number];
}

/** FTS5 text of `parts` (each found) without the posts of any of `not`. */
function allBut(parts: string[], not: (string | null)[]): string {
  const m = `(${parts.join(' AND ')})`;
  const neg = not.filter((n) => n !== null);
  return neg.length ? `${m} NOT (${neg.join(' OR ')})` : m;
}

/** The search's own match: every word found as written. */
const asWritten = (scope: RankScope): string =>
  allBut([...scope.words.map(wordMatch), ...scope.meta], [scope.not]);

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

/** The best `k` matches of the scope by the words' counts. */
export function classTop(db: Db, scope: RankScope, k: number): Ranked {
  const { words } = scope;
  const highest = words.map((w) => highestLevel(db, scope, w));
  if (classCount(highest) > MAX_CLASSES) return recounted(db, scope, asWritten(scope), words, k);
  const classes = rankClasses(
    { forms: words.map((w) => [w]), means: [words.map((_, i) => [i])] },
    countRank,
    highest,
    COUNT_LEVELS,
  );
  let best: Ranked = [];
  for (const c of classes) {
    if (best.length >= k && best[k - 1]!.score > c.bound) break;
    best = [...best, ...classBest(db, scope, c, k)].sort(byScore).slice(0, k);
  }
  return best;
}

/** The scores of the given posts, those where every word is found as written (the others are left out). */
export function scoresOfKeys(db: Db, words: readonly string[], keys: readonly number[]): Ranked {
  if (keys.length === 0) return [];
  const rows = db
    .prepare('SELECT dkey AS key, text FROM posts WHERE dkey IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(keys)) as { key: number; text: string }[];
  return scored(rows, words);
}

function scored(rows: { key: number; text: string }[], words: readonly string[]): Ranked {
  const out: Ranked = [];
  for (const r of rows) {
    const counts = wordCounts(r.text, words);
    if (counts.every((n) => n > 0)) out.push({ key: r.key, score: meanRank(counts) });
  }
  return out;
}

/** How often each word is found in a text, as the index's body column holds its words (at most MAX_COUNT). */
function wordCounts(text: string, words: readonly string[]): number[] {
  const counts = words.map(() => 0);
  for (const w of indexedText(text, null).words.split(' ')) {
    const i = words.indexOf(w);
    if (i >= 0 && counts[i]! < MAX_COUNT) counts[i]!++;
  }
  return counts;
}

/**
 * A word's highest level among the matches, or above it (the other filters are not checked: a level too high only
 * lists classes found empty). Most words of most posts are never repeated, and one look says so.
 */
function highestLevel(db: Db, scope: RankScope, word: string): number {
  // The mark stands for its word (it says the word is there), so the word's own long list is not read.
  const any = (mark: string): boolean =>
    db
      .prepare('SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT 1')
      .get(
        allBut([...scope.words.map((w) => (w === word ? mark : wordMatch(w))), ...scope.meta], [scope.not]),
        ...scope.keys,
      ) !== undefined;
  if (!any(markMatch(word))) return 0;
  for (let n = MARKED_COUNT; n > 2; n--) if (any(markMatch(word, n))) return n - 1;
  return 1;
}

/**
 * The FTS5 text of one class: each word marked with its count, or found and not repeated. A mark says the word is
 * there: a class of repeated words is found through their marks alone (short lists), not the words' long ones.
 */
function classMatch(scope: RankScope, c: RankClass): string {
  const { words } = scope;
  const found = words.map((w, i) =>
    c.levels[i]! > 0 ? markMatch(w, COUNT_LEVELS[c.levels[i]!]) : wordMatch(w),
  );
  const single = words.flatMap((w, i) => (c.levels[i] === 0 ? [markMatch(w)] : []));
  return allBut([...found, ...scope.meta], [scope.not, ...single]);
}

/**
 * The first k posts of one class by relevance. In a class of exact counts every post scores the class's top, so its
 * best are its newest k; a class with a word found MARKED_COUNT times or more is read whole and counted.
 */
function classBest(db: Db, scope: RankScope, c: RankClass, k: number): Ranked {
  const match = classMatch(scope, c);
  if (!c.exact) return recounted(db, scope, match, scope.words, k);
  const score = meanRank(c.levels.map((l) => COUNT_LEVELS[l]!));
  return walk(db, scope, match, false, k).map((r) => ({ key: r.key, score }));
}

/** The best k posts of a match, each post's words counted in its text. */
function recounted(db: Db, scope: RankScope, match: string, words: readonly string[], k: number): Ranked {
  return scored(walk(db, scope, match, true, null) as { key: number; text: string }[], words)
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
): { key: number; text?: string }[] {
  const joined = withText || scope.sql.where.length > 0;
  const text = `SELECT f.rowid AS key${withText ? ', p.text' : ''} FROM posts_fts f
    ${joined ? 'CROSS JOIN posts p ON p.dkey = f.rowid' : ''}
    WHERE posts_fts MATCH ? AND f.rowid BETWEEN ? AND ?${scope.sql.where.map((w) => ` AND ${w}`).join('')}
    ORDER BY f.rowid DESC${limit === null ? '' : ' LIMIT ?'}`;
  const params = [match, ...scope.keys, ...scope.sql.params, ...(limit === null ? [] : [limit])];
  return db.prepare(text).all(...params) as { key: number; text?: string }[];
}
