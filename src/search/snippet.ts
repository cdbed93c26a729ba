// Builds a search snippet: the part of a text with the most matches, matches wrapped in U+E000 … U+E001.
import { SNIPPET_SCAN_CHARS } from '../model/limits.js';
import { stemLexeme, type StemConfig } from '../text/stems.js';
import { tagKey, wordTag } from '../text/tags.js';
import { wordSpans } from '../text/words.js';
import type { QueryNode } from './query.js';

export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export interface WordMatcher {
  key: string;
  prefix: boolean;
  /** A hashtag query: the words of that hashtag (tagKey) are marked, whatever its parts. */
  tag?: string;
  /**
   * The words that must follow `key` (`prefix` then applies to the last): a term the user wrote as one word that
   * text/ splits (图书馆, telegram中文) is marked only where it occurs whole, not character by character.
   */
  seq?: string[];
}

/** The words a query looks for (positive leaves only: a NOT word is never highlighted). */
export function queryMatchers(node: QueryNode, negated = false): WordMatcher[] {
  switch (node.kind) {
    case 'hashtag':
      return negated ? [] : [{ key: '', prefix: false, tag: tagKey(node.value) }];
    case 'term':
    case 'phrase': {
      if (negated) return [];
      const spans = wordSpans(node.value);
      const prefix = node.kind === 'term' && node.prefix === true;
      // A bare word finds the hashtag that is the whole word too (wordTag): that hashtag is marked, all its parts.
      const tag = node.kind === 'term' && !prefix ? wordTag(node.value) : null;
      const tags: WordMatcher[] = tag === null ? [] : [{ key: '', prefix: false, tag }];
      if (node.kind === 'term' && spans.length > 1)
        return [{ key: spans[0]!.key, prefix, seq: spans.slice(1).map((s) => s.key) }, ...tags];
      return [
        ...spans.map((s, i) => ({
          key: s.key,
          prefix: node.kind === 'term' && node.prefix === true && i === spans.length - 1,
        })),
        ...tags,
      ];
    }
    case 'field':
      return [];
    case 'not':
      return queryMatchers(node.child, !negated);
    case 'and':
    case 'or':
      return node.children.flatMap((c) => queryMatchers(c, negated));
  }
}

/**
 * A window of about `words` words around the densest run of matches (the start of the text when nothing
 * matches), whitespace collapsed, with an ellipsis where the text was cut. `also` marks more words by their key
 * (hitSnippet: the words sharing a stem with a query word), read in the same pass over the text.
 */
export function makeSnippet(
  full: string,
  matchers: WordMatcher[],
  words = 32,
  also?: (key: string) => boolean,
): string {
  // Only the start of a long text is looked through: a snippet's cost stays bounded whatever the post's size.
  const text = full.length > SNIPPET_SCAN_CHARS ? full.slice(0, SNIPPET_SCAN_CHARS) : full;
  const spans = wordSpans(text);
  if (spans.length === 0) return text.replace(/\s+/gu, ' ').trim().slice(0, 200);
  const single = matchers.filter((m) => m.seq === undefined);
  const exact = new Set(single.filter((m) => !m.prefix && m.tag === undefined).map((m) => m.key));
  const prefixes = single.filter((m) => m.prefix).map((m) => m.key);
  const tags = new Set(matchers.flatMap((m) => (m.tag === undefined ? [] : [m.tag])));
  const hit = spans.map(
    (s) =>
      exact.has(s.key) ||
      prefixes.some((p) => s.key.startsWith(p)) ||
      (s.tag !== undefined && tags.has(s.tag)) ||
      (also !== undefined && also(s.key)),
  );
  for (const m of matchers) {
    const seq = m.seq;
    if (seq === undefined) continue;
    for (let i = 0; i + seq.length < spans.length; i++) {
      if (spans[i]!.key !== m.key) continue;
      const lastAt: number = seq.length - 1;
      const ok = seq.every((k, j) => {
        const w = spans[i + 1 + j]!.key;
        return m.prefix && j === lastAt ? w.startsWith(k) : w === k;
      });
      if (ok) for (let j = i; j <= i + seq.length; j++) hit[j] = true;
    }
  }
  // Sliding window: the first window holding the most hits, started a few words before its first hit.
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < spans.length; i++) {
    if (hit[i]) count++;
    if (i >= words && hit[i - words]) count--;
    const start = Math.max(0, i - words + 1);
    if (count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  const firstHit = hit.indexOf(true, best);
  const from = firstHit < 0 ? 0 : Math.max(0, firstHit - 4);
  const to = Math.min(spans.length, from + words);
  const startChar = from === 0 ? 0 : spans[from]!.start;
  const endChar = to === spans.length ? text.length : spans[to - 1]!.end;
  let out = '';
  let pos = startChar;
  for (let i = from; i < to; i++) {
    if (!hit[i]) continue;
    // Marked words that touch (a Chinese word's characters, a hashtag's parts) share one mark.
    let j = i;
    while (j + 1 < to && hit[j + 1] && spans[j + 1]!.start === spans[j]!.end) j++;
    const s = spans[i]!.start;
    const e = spans[j]!.end;
    out += text.slice(pos, s) + MARK_OPEN + text.slice(s, e) + MARK_CLOSE;
    pos = e;
    i = j;
  }
  out += text.slice(pos, endChar);
  out = out.replace(/\s+/gu, ' ').trim();
  return `${startChar > 0 ? '…' : ''}${out}${endChar < full.length ? '…' : ''}`;
}

/**
 * The snippet of a search hit. Besides the query's words as written, the words sharing a lexeme with a query word
 * are marked: a hit found through the stem index ("санкций" finding "санкции", the phrase "brics summits" finding
 * "BRICS Summit") shows every word it was found by, not only the ones written alike.
 */
export function hitSnippet(
  text: string,
  config: StemConfig | null,
  matchers: WordMatcher[],
  stemmed: ReadonlySet<string>,
): string {
  if (config === null) return makeSnippet(text, matchers);
  const wanted = new Set(
    matchers.filter((m) => !m.prefix && stemmed.has(m.key)).map((m) => stemLexeme(config, m.key)),
  );
  if (wanted.size === 0) return makeSnippet(text, matchers);
  const written = new Set(matchers.map((m) => m.key));
  return makeSnippet(text, matchers, undefined, (w) => !written.has(w) && wanted.has(stemLexeme(config, w)));
}
