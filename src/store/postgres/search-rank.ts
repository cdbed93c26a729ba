// The rank classes (../rank-classes.ts) on PostgreSQL: tsv_tf marks, per post, the lexemes found at least t times
// (migration 5), and each class is found through the GIN index on tsv_tf. A word's forms are its lexeme as written
// and in every stemming configuration, and the score is the best of ts_rank's queries (as written; each
// configuration's stems). The class where every word occurs once scores exactly f(1) in every post, so its best are
// its newest.
import type { QueryNode } from '../../search/query.js';
import { STEM_CONFIGS } from '../../text/stems.js';
import type { Lexicon } from './stem.js';
import { LEVELS, plainWords, type RankWords } from '../rank-classes.js';
import { fits, lexeme } from './text.js';

export {
  BOUND_COUNTS,
  LEVELS,
  MAX_CLASSES,
  classCount,
  rankClasses,
  type RankClass,
  type RankWords,
} from '../rank-classes.js';

/**
 * The words of a query that is an AND of single plain words (with any NOT parts and fields beside them), or null
 * for any other query (phrases, prefixes, hashtags, OR), whose rank the classes do not bound.
 */
export function rankWords(node: QueryNode, stems: Lexicon): RankWords | null {
  const words = plainWords(node);
  if (words === null) return null;
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
