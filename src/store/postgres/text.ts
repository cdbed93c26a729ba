// Search text for PostgreSQL: the folded-word tsvector (same tokens as SQLite and the snippets), safe tsquery
// literals, and the text-search configuration chosen by a post's language.
import { foldWord } from '../../search/fold.js';

/** Stemming configurations by ISO 639-1 language; every other language (or none) is indexed with 'simple'. */
export const TS_CONFIGS: Readonly<Record<string, string>> = { en: 'english', fr: 'french', ru: 'russian' };

/** The stemming configurations, for queries that must match posts in any of them. */
export const STEM_CONFIGS: readonly string[] = Object.values(TS_CONFIGS);

export function tsConfigFor(lang: string | null | undefined): string {
  return (lang && TS_CONFIGS[lang.toLowerCase()]) || 'simple';
}

// PostgreSQL limits: a lexeme under 2 KB, positions up to 16383, at most 256 positions per lexeme, 1 MB in all.
const MAX_LEXEME_BYTES = 2046;
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
const MAX_VECTOR_BYTES = 1_000_000;

/** A lexeme quoted for tsvector/tsquery input: nothing inside can be read as syntax. */
export function lexeme(key: string): string {
  return `'${key.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function fits(key: string): boolean {
  return key.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(key) <= MAX_LEXEME_BYTES;
}

// search/fold.ts's WORD, repeated here so words can be folded through a cache (a test keeps the two equal):
// wordSpans folds every occurrence afresh, which made indexing 50k posts several seconds slower.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const WORD = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}\\p{Co}])+`, 'gu');
const ASCII_WORD = /^[a-z0-9]+$/i;

const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 200_000;

function cachedFold(word: string): string {
  // ASCII words (most of many archives) need only lower-casing.
  if (ASCII_WORD.test(word)) return word.toLowerCase();
  let key = foldCache.get(word);
  if (key === undefined) {
    key = foldWord(word);
    if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
    foldCache.set(word, key);
  }
  return key;
}

/** The folded words of `text`, in order: the keys of search/fold.ts's wordSpans(text). */
export function foldedWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const key = cachedFold(m[0]);
    if (key) out.push(key);
  }
  return out;
}

/**
 * tsvector input text for lexemes given in word order (`lexemesAt(i)`: the lexemes of the i-th word), within
 * PostgreSQL's limits: positions stop at 16383, 256 per lexeme, and the whole stays under tsvector's 1 MB (a huge
 * text dump keeps its first words searchable rather than failing to save).
 */
export function vectorText(count: number, lexemesAt: (i: number) => readonly string[]): string {
  const positions = new Map<string, number[]>();
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const pos = Math.min(i + 1, MAX_POS);
    for (const key of lexemesAt(i)) {
      if (!fits(key)) continue;
      let list = positions.get(key);
      if (!list) {
        bytes += key.length * 3 + 8;
        if (bytes > MAX_VECTOR_BYTES) return render(positions);
        positions.set(key, (list = []));
      }
      if (list.length < MAX_POSITIONS && list[list.length - 1] !== pos) {
        list.push(pos);
        bytes += 2;
      }
    }
  }
  return render(positions);
}

function render(positions: Map<string, number[]>): string {
  let out = '';
  for (const [key, list] of positions) out += `${out ? ' ' : ''}${lexeme(key)}:${list.join(',')}`;
  return out;
}

/**
 * tsvector input text for `text` (or its folded words): every folded word with its positions. Built here rather
 * than by to_tsvector so the index holds the very words SQLite's index and the snippet helper see (PostgreSQL's
 * parser would keep URLs, hosts and hyphenated words whole, and its lower-casing depends on the cluster's locale).
 */
export function wordVector(text: string | string[]): string {
  const words = typeof text === 'string' ? foldedWords(text) : text;
  return vectorText(words.length, (i) => [words[i]!]);
}

/**
 * tsquery input text matching the words of `value` as a phrase (one word: that word), the last one as a
 * prefix when asked; null when nothing in it can be indexed (the query part then matches nothing).
 */
export function phraseQuery(value: string, prefix = false): string | null {
  const keys = foldedWords(value);
  if (keys.length === 0 || !keys.every(fits)) return null;
  return keys.map((k, i) => lexeme(k) + (prefix && i === keys.length - 1 ? ':*' : '')).join(' <-> ');
}
