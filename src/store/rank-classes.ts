// Exact relevance order without ranking every match, for both stores. A search's rank is ts_rank's (normalisation 0,
// no weight labels) of the query's words: the mean, over the query's lexemes, of f(count of the lexeme in the post),
// f(n) being the rank of one lexeme found n times (rising with n, saturating). Each store marks, per post, the lexemes
// found at least t times (TF_TIERS), so the matches fall into classes by how often each query word occurs (a level of
// LEVELS per word), each class with a bound on its scores. The classes are read from the highest bound down, each for
// its best k posts, until the k-th best found scores above the bound of every class left.
import type { QueryNode } from '../search/query.js';
import { foldedWords } from '../text/words.js';

/** The counts a post's marks say: a lexeme found at least t times in a post is marked with t. */
export const TF_TIERS: readonly number[] = [2, 3, 4, 6, 8, 12, 16];

/** A word's count classes: found once (1) or at least each tier, up to the next. */
export const LEVELS: readonly number[] = [1, ...TF_TIERS];
/** ts_rank reads at most this many positions of a lexeme (tsvector keeps no more). */
export const MAX_COUNT = 256;
/** More classes than this (a query of many words, each found many times) are not read one by one. */
export const MAX_CLASSES = 4096;
/** Added to each bound: a score is the mean of float4 ranks, rounded; the bounds are means of rounded ranks. */
const SLACK = 1e-5;

/** The words of a query ranked by class, and the lexemes each of ts_rank's queries averages over. */
export interface RankWords {
  /** Each word's forms: as written, and its lexeme in every stemming configuration. */
  forms: string[][];
  /** Each ranked query (as written; each configuration's stems): per distinct lexeme, the words it is a form of. */
  means: number[][][];
}

/**
 * The words of a query that is an AND of single plain words (with any NOT parts and fields beside them), each once,
 * or null for any other query (phrases, prefixes, hashtags, OR), whose rank the classes do not bound.
 */
export function plainWords(node: QueryNode): string[] | null {
  const parts = node.kind === 'and' ? node.children : [node];
  const words: string[] = [];
  for (const c of parts) {
    if (c.kind === 'not' || c.kind === 'field') continue;
    if (c.kind !== 'term' || c.prefix) return null;
    const folded = foldedWords(c.value);
    if (folded.length !== 1) return null;
    if (!words.includes(folded[0]!)) words.push(folded[0]!);
  }
  return words.length === 0 ? null : words;
}

/**
 * The query without one of its plainWords, for the tests of that word's count marks: a mark of a word's form is found
 * only where the form is, so the match needs only the other words, and the index then steps through one long list
 * less. NOT parts go when no word is left (alone they would read the whole index); the posts tested are then more,
 * never fewer, so a word's highest level is never missed. null: nothing left to match.
 */
export function withoutWord(node: QueryNode, word: string): QueryNode | null {
  const parts = node.kind === 'and' ? node.children : [node];
  const rest = parts.filter((c) => !(c.kind === 'term' && foldedWords(c.value)[0] === word));
  const kept = rest.some((c) => c.kind !== 'not' && c.kind !== 'field')
    ? rest
    : rest.filter((c) => c.kind === 'field');
  if (kept.length === 0) return null;
  return kept.length === 1 ? kept[0]! : { kind: 'and', children: kept };
}

/** f(n) of ts_rank (normalisation 0, every position of the default weight 0.1): sum of 0.1/j² for j <= n, over pi²/6. */
export function countRank(n: number): number {
  let sum = 0;
  for (let j = 1; j <= Math.min(n, MAX_COUNT); j++) sum += 0.1 / (j * j);
  return sum / 1.64493406685;
}

/** One class: each word's level (an index of LEVELS), and the bound of its posts' scores. */
export interface RankClass {
  levels: number[];
  /** The most a post of the class can score (a mean of rounded ranks). */
  top: number;
  /** top with a margin for rounding: no post of the class scores above it. */
  bound: number;
  /** Every word's level is one count (with LEVELS: 1, 2 or 3 times): the posts scoring top are many alike. */
  exact: boolean;
}

/** The most a word at level i of `levels` is counted. */
const mostAt = (i: number, levels: readonly number[] = LEVELS): number =>
  i + 1 < levels.length ? levels[i + 1]! - 1 : MAX_COUNT;

/** The counts whose ranks the bounds need (f of each). */
export const BOUND_COUNTS: readonly number[] = LEVELS.map((_, i) => mostAt(i));

/** How many classes rankClasses lists for these highest levels. */
export function classCount(highest: readonly number[]): number {
  return highest.reduce((n, h) => n * (h + 1), 1);
}

/**
 * Every class of the words, highest bound first. `f(n)`: the rank of one lexeme found n times, for each of
 * BOUND_COUNTS. A post's score is the best of ts_rank's queries, each the mean over its lexemes of f(count); a
 * lexeme that is a form of several words is counted at most as the least of theirs. `levelCounts`: the counts
 * the levels start at (LEVELS unless a store marks other counts). `highest`: each word's highest
 * level among the matches (none above it is listed).
 */
export function rankClasses(
  words: RankWords,
  f: (n: number) => number,
  highest: readonly number[] = words.forms.map(() => LEVELS.length - 1),
  levelCounts: readonly number[] = LEVELS,
): RankClass[] {
  const most = (i: number): number => mostAt(i, levelCounts);
  const out: RankClass[] = [];
  const levels = words.forms.map(() => 0);
  for (;;) {
    let bound = 0;
    for (const mean of words.means) {
      let sum = 0;
      for (const owners of mean) sum += f(Math.min(...owners.map((w) => most(levels[w]!))));
      bound = Math.max(bound, sum / mean.length);
    }
    const exact = levels.every((i) => most(i) === levelCounts[i]);
    out.push({ levels: [...levels], top: bound, bound: bound + SLACK, exact });
    let w = 0;
    while (w < levels.length && levels[w] === highest[w]) levels[w++] = 0;
    if (w === levels.length) break;
    levels[w]!++;
  }
  return out.sort((a, b) => b.bound - a.bound);
}
