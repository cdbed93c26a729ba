// The words of a parsed query as the search indexes see them: which of them also match by stem.
import { foldedWords } from '../text/words.js';
import type { QueryNode } from './query.js';

/**
 * The folded words of a query that also match by stem: words and phrases, not prefixes (a stem is no prefix) and
 * not hashtags (a hashtag is matched as written).
 */
export function stemmedQueryWords(node: QueryNode, out = new Set<string>()): Set<string> {
  switch (node.kind) {
    case 'term':
      if (!node.prefix) for (const w of foldedWords(node.value)) out.add(w);
      break;
    case 'phrase':
      for (const w of foldedWords(node.value)) out.add(w);
      break;
    case 'not':
      stemmedQueryWords(node.child, out);
      break;
    case 'and':
    case 'or':
      for (const c of node.children) stemmedQueryWords(c, out);
      break;
    case 'hashtag':
    case 'field':
      break;
  }
  return out;
}
