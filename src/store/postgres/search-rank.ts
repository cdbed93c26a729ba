// Exact relevance order without ranking every match. The search's rank is ts_rank (normalisation 0, no weight
// labels) of the query's words, which depends only on how often each word (as written, or its stem) occurs in a post:
// a post where every query word occurs fewer than t times scores at most f(t - 1), f(n) being the rank of one word
// found n times. tsv_tf marks, per post, the lexemes found at least t times (migration 5), so the posts that can
// score above that bound are found through a GIN index: the best of them are the true first page as soon as the
// k-th of them scores above the bound. Below the lowest tier, every other match of an AND of words scores exactly
// f(1) (each word once), so the page is completed newest first, the order ties take anyway.
import type { QueryNode } from '../../search/query.js';
import { STEM_CONFIGS } from '../../text/stems.js';
import { foldedWords } from '../../text/words.js';
import type { Lexicon } from './stem.js';
import { TF_TIERS, lexeme } from './text.js';

/**
 * The lexemes (as written and stemmed in every configuration) of a query that is an AND of single plain words, with
 * any NOT parts and fields beside them; null for any other query (phrases, prefixes, hashtags, OR), whose rank the
 * bound does not cover.
 */
export function tierLexemes(node: QueryNode, stems: Lexicon): string[] | null {
  const parts = node.kind === 'and' ? node.children : [node];
  const out = new Set<string>();
  let words = 0;
  for (const c of parts) {
    if (c.kind === 'not' || c.kind === 'field') continue;
    if (c.kind !== 'term' || c.prefix) return null;
    const folded = foldedWords(c.value);
    if (folded.length !== 1) return null;
    const w = folded[0]!;
    out.add(w);
    for (const config of STEM_CONFIGS) {
      const ls = stems.lexemes(config, w);
      if (ls.length !== 1) return null;
      out.add(ls[0]!);
    }
    words++;
  }
  return words > 0 ? [...out] : null;
}

/** tsquery text: any of the lexemes found at least `tier` times. */
export function tierQuery(lexemes: readonly string[], tier: number): string {
  return lexemes.map((l) => lexeme(`${l}~${tier}`)).join(' | ');
}

/** The tiers from the rarest down: the first that proves a page exact is the cheapest. */
export const TIERS_DESC: readonly number[] = [...TF_TIERS].sort((a, b) => b - a);

/** tsvector text of one lexeme found n times: ts_rank of it against that lexeme is f(n). */
export function repeatedLexeme(n: number): string {
  return `'x':${Array.from({ length: n }, (_, i) => i + 1).join(',')}`;
}
