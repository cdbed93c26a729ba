// Exact relevance order without ranking every match. The search's rank is ts_rank (normalisation 0, no weight
// labels) of the query's words, any of them: the mean, over the query's lexemes, of f(count of the lexeme in the
// post), f(n) being the rank of one lexeme found n times (rising with n). tsv_tf marks, per post, the lexemes found
// at least t times (migration 5), so the matches fall into classes by how often each query word occurs (a level of
// TF_TIERS per word), each class with a bound on its scores, and each class is found through the GIN index on
// tsv_tf. The classes are read from the highest bound down, each for its best k posts, until the k-th best found
// scores above the bound of every class left. The class where every word occurs once scores exactly f(1) in every
// post, so its best are its newest.
import type { QueryNode } from '../../search/query.js';
import { STEM_CONFIGS } from '../../text/stems.js';
import { foldedWords } from '../../text/words.js';
import type { Lexicon } from './stem.js';
import { TF_TIERS, fits, lexeme } from './text.js';

/** A word's count classes: found once (1) or at least each tier, up to the next. */
export const LEVELS: readonly number[] = [1, ...TF_TIERS];
/** ts_rank reads at most this many positions of a lexeme (tsvector keeps no more). */
const MAX_COUNT = 256;
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
 * The words of a query that is an AND of single plain words (with any NOT parts and fields beside them), or null
 * for any other query (phrases, prefixes, hashtags, OR), whose rank the classes do not bound.
 */
export function rankWords(node: QueryNode, stems: Lexicon): RankWords | null {
  const parts = node.kind === 'and' ? node.children : [node];
  const words: string[] = [];
  for (const c of parts) {
    if (c.kind === 'not' || c.kind === 'field') continue;
    if (c.kind !== 'term' || c.prefix) return null;
    const folded = foldedWords(c.value);
    if (folded.length !== 1) return null;
    if (!words.includes(folded[0]!)) words.push(folded[0]!);
  }
  if (words.length === 0) return null;
  const variants: string[][] = [words];
  for (const config of STEM_CONFIGS) {
    const ls = words.map((w) => stems.lexemes(config, w));
    if (ls.some((l) => l.length !== 1)) return null;
    variants.push(ls.map((l) => l[0]!));
  }
  const forms = words.map((_, i) => [...new Set(variants.map((v) => v[i]!))]);
  const top = LEVELS[LEVELS.length - 1]!;
  // A form too long for its tier marks is never marked: its count is unknown.
  if (forms.flat().some((l) => !fits(`${l}~${top}`))) return null;
  const means = variants.map((v) => {
    const owners = new Map<string, number[]>();
    v.forEach((l, i) => owners.set(l, [...(owners.get(l) ?? []), i]));
    return [...owners.values()];
  });
  return { forms, means };
}

/** One class: each word's level (an index of LEVELS), and the bound of its posts' scores. */
export interface RankClass {
  levels: number[];
  /** The most a post of the class can score (a mean of rounded ranks). */
  top: number;
  /** top with a margin for rounding: no post of the class scores above it. */
  bound: number;
  /** Every word's level is one count (1, 2 or 3 times): the posts scoring top are many alike. */
  exact: boolean;
}

/** The most a word at level i is counted. */
const mostAt = (i: number): number => (i + 1 < LEVELS.length ? LEVELS[i + 1]! - 1 : MAX_COUNT);

/** The counts whose ranks the bounds need (f of each). */
export const BOUND_COUNTS: readonly number[] = LEVELS.map((_, i) => mostAt(i));

/** How many classes rankClasses lists for these highest levels. */
export function classCount(highest: readonly number[]): number {
  return highest.reduce((n, h) => n * (h + 1), 1);
}

/**
 * Every class of the words, highest bound first. `f(n)`: the rank of one lexeme found n times, for each of
 * BOUND_COUNTS. A post's score is the best of ts_rank's queries, each the mean over its lexemes of f(count); a
 * lexeme that is a form of several words is counted at most as the least of theirs. `highest`: each word's highest
 * level among the matches (none above it is listed).
 */
export function rankClasses(
  words: RankWords,
  f: (n: number) => number,
  highest: readonly number[] = words.forms.map(() => LEVELS.length - 1),
): RankClass[] {
  const out: RankClass[] = [];
  const levels = words.forms.map(() => 0);
  for (;;) {
    let bound = 0;
    for (const mean of words.means) {
      let sum = 0;
      for (const owners of mean) sum += f(Math.min(...owners.map((w) => mostAt(levels[w]!))));
      bound = Math.max(bound, sum / mean.length);
    }
    const exact = levels.every((i) => mostAt(i) === LEVELS[i]);
    out.push({ levels: [...levels], top: bound, bound: bound + SLACK, exact });
    let w = 0;
    while (w < levels.length && levels[w] === highest[w]) levels[w++] = 0;
    if (w === levels.length) break;
    levels[w]!++;
  }
  return out.sort((a, b) => b.bound - a.bound);
}

/** tsquery text on tsv_tf: any of these forms found at least `tier` times. */
const marks = (forms: string[], tier: number): string => forms.map((l) => lexeme(`${l}~${tier}`)).join(' | ');

/** tsquery text on tsv_tf of a class, or null for the class of words found once each (no mark to find it by). */
export function classQuery(words: RankWords, levels: readonly number[]): string | null {
  if (levels.every((l) => l === 0)) return null;
  return words.forms
    .map((forms, w) => {
      const i = levels[w]!;
      const at = i === 0 ? [] : [`(${marks(forms, LEVELS[i]!)})`];
      const next = LEVELS[i + 1];
      return [...at, ...(next === undefined ? [] : [`!(${marks(forms, next)})`])].join(' & ');
    })
    .join(' & ');
}

/** tsquery text on tsv_tf: any form of the word found at least LEVELS[level] times (level > 0). */
export function levelQuery(words: RankWords, word: number, level: number): string {
  return marks(words.forms[word]!, LEVELS[level]!);
}

/** tsquery text on tsv_tf: any form of any word found at least twice (posts outside the class found once each). */
export function repeatedQuery(words: RankWords): string {
  return marks(words.forms.flat(), LEVELS[1]!);
}

/** tsvector text of one lexeme found n times: ts_rank of it against that lexeme is f(n). */
export function repeatedLexeme(n: number): string {
  return `'x':${Array.from({ length: n }, (_, i) => i + 1).join(',')}`;
}
