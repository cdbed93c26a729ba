// What changed between two versions of a post, word by word, as escaped HTML.
import { diffWords } from 'diff';
import { html, join, type Html } from './html.js';

/*
 * jsdiff (npm `diff`): a maintained Myers diff with word tokenising that takes an Intl.Segmenter, so Cyrillic,
 * Arabic and CJK split into words instead of characters, and with a bound on the work (maxEditLength). Whitespace
 * changes are ignored, as the archive itself ignores them when deciding what is a new version.
 */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Texts this different are not compared word by word: the diff would cost more than it tells. */
const MAX_EDIT_LENGTH = 2000;

export type WordDiff =
  | { kind: 'words'; html: Html }
  /** Same words: the versions differ only in formatting or whitespace. */
  | { kind: 'formatting' }
  /** Too different to show word by word. */
  | { kind: 'rewritten' };

/** The words of `after` with what `before` had in their place: removed in <del>, added in <ins>, all escaped. */
export function wordDiff(before: string, after: string): WordDiff {
  const parts = diffWords(before, after, { intlSegmenter: segmenter, maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return { kind: 'rewritten' };
  if (!parts.some((p) => p.added || p.removed)) return { kind: 'formatting' };
  return {
    kind: 'words',
    html: join(
      parts.map((p) =>
        p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : html`${p.value}`,
      ),
    ),
  };
}
