// Search text for PostgreSQL: the folded-word tsvector (text/'s words: the same tokens as SQLite, topics and the
// snippets), safe tsquery literals, and the text-search configuration chosen by a post's language.
import { TF_TIERS } from '../rank-classes.js';
import { stemConfigFor } from '../../text/stems.js';
import { tagKey } from '../../text/tags.js';
import { foldedWords } from '../../text/words.js';

/** The text-search configuration of a post: its stemming language's, or 'simple' (no stems). */
export function tsConfigFor(lang: string | null | undefined): string {
  return stemConfigFor(lang) ?? 'simple';
}

// PostgreSQL limits: a lexeme under 2 KB, positions up to 16383, at most 256 positions per lexeme, 1 MB in all.
const MAX_LEXEME_BYTES = 2046;
const MAX_POS = 16383;
const MAX_POSITIONS = 256;
const MAX_VECTOR_BYTES = 1_000_000;

/** A lexeme quoted for tsvector/tsquery input: nothing inside can be read as syntax. */
export function lexeme(key: string): string {
  // Indexing quotes every lexeme of every post: most need no escaping.
  if (!key.includes("'") && !key.includes('\\')) return `'${key}'`;
  return `'${key.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Whether a lexeme is short enough for a tsvector or tsquery. */
export function fits(key: string): boolean {
  return key.length * 3 <= MAX_LEXEME_BYTES || Buffer.byteLength(key) <= MAX_LEXEME_BYTES;
}

/**
 * tsvector input text for lexemes given in word order (`lexemesAt(i)`: the lexemes of the i-th word), within
 * PostgreSQL's limits: positions stop at 16383, 256 per lexeme, and the whole stays under tsvector's 1 MB (a huge
 * text dump keeps its first words searchable rather than failing to save).
 */
export function vectorText(count: number, lexemesAt: (i: number) => readonly string[]): string {
  return renderVector(vectorPositions(count, lexemesAt));
}

/** Each lexeme's positions in a tsvector, as vectorText writes them (within the same limits). */
export type Positions = Map<string, number[]>;

/** Collects positions lexeme by lexeme in word order, within the limits; add() is false once the vector is full. */
export class VectorBuilder {
  readonly positions: Positions = new Map();
  private bytes = 0;
  /** False once a lexeme was left out (too long, or the vector full). */
  whole = true;

  add(key: string, word: number): boolean {
    const pos = word < MAX_POS ? word + 1 : MAX_POS;
    const list = this.positions.get(key);
    if (list === undefined) {
      // A lexeme that does not fit is never stored, so checking it when first met is enough.
      if (!fits(key)) return ((this.whole = false), true);
      this.bytes += key.length * 3 + 8;
      if (this.bytes > MAX_VECTOR_BYTES) return (this.whole = false);
      this.positions.set(key, [pos]);
      this.bytes += 2;
    } else if (list.length < MAX_POSITIONS && list[list.length - 1] !== pos) {
      list.push(pos);
      this.bytes += 2;
    }
    return true;
  }
}

export function vectorPositions(count: number, lexemesAt: (i: number) => readonly string[]): Positions {
  const v = new VectorBuilder();
  for (let i = 0; i < count; i++) {
    const keys = lexemesAt(i);
    for (let k = 0; k < keys.length; k++) if (!v.add(keys[k]!, i)) return v.positions;
  }
  return v.positions;
}

/** vectorPositions of words that are their own lexemes (tsv). */
export function wordPositions(words: readonly string[]): Positions {
  return wordVectorOf(words).positions;
}

/** wordPositions, and whether every word is in it (not when one is too long or the size limit cut the vector). */
export function wordVectorOf(words: readonly string[]): VectorBuilder {
  const v = new VectorBuilder();
  for (let i = 0; i < words.length; i++) if (!v.add(words[i]!, i)) break;
  return v;
}

/**
 * The vector of `lexemesOf(word)` from a whole vector of the words (wordVectorOf), merging the positions of words
 * with a lexeme in common: what vectorPositions gives over the words one by one, with one look-up per distinct
 * word; null when the limits could cut it differently (then the word-by-word pass decides). Position lists may be
 * shared with `words`' vector: neither is changed afterwards.
 */
export function mappedPositions(
  words: Positions,
  lexemesOf: (word: string) => string | readonly string[],
): Positions | null {
  const out: Positions = new Map();
  let bytes = 0;
  for (const [word, list] of words) {
    const keys = lexemesOf(word);
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const cur = out.get(key);
      if (cur === undefined) {
        if (!fits(key)) continue;
        bytes += key.length * 3 + 8 + 2 * list.length;
        out.set(key, list);
      } else {
        const merged = mergePositions(cur, list);
        bytes += 2 * (merged.length - cur.length);
        out.set(key, merged);
      }
    }
  }
  // Over the size limit, which lexemes are kept depends on the order of the words.
  return bytes > MAX_VECTOR_BYTES ? null : out;
}

/** Two ascending position lists as one, each position once, at most MAX_POSITIONS (the first ones). */
function mergePositions(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while ((i < a.length || j < b.length) && out.length < MAX_POSITIONS) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

export function renderVector(positions: Positions): string {
  let out = '';
  for (const [key, list] of positions)
    out += `${out ? ' ' : ''}${lexeme(key)}:${list.length === 1 ? list[0]! : list.join(',')}`;
  return out;
}

/**
 * tsv_tf text of a post from its vectors (words and stems): 'lexeme~t' for every tier t its lexeme's count reaches
 * (the count ts_rank sees: the positions written). search-rank.ts bounds scores with these.
 */
export function tierVector(...vectors: Positions[]): string {
  return tierTokens(...vectors)
    .map(lexeme)
    .join(' ');
}

/** The tokens of tierVector (lexemes without positions), each once. */
export function tierTokens(...vectors: Positions[]): string[] {
  const tokens = new Set<string>();
  for (const v of vectors)
    for (const [key, list] of v) {
      if (list.length < TF_TIERS[0]!) continue;
      for (const t of TF_TIERS) {
        if (list.length < t) break;
        const token = `${key}~${t}`;
        if (fits(token)) tokens.add(token);
      }
    }
  return [...tokens];
}

/**
 * tsvector input text for `text` (or its folded words): every folded word with its positions. Built here rather
 * than by to_tsvector so the index holds the very words SQLite's index and the snippet helper see (PostgreSQL's
 * parser would keep URLs, hosts and hyphenated words whole, and its lower-casing depends on the cluster's locale).
 */
export function wordVector(text: string | string[]): string {
  return renderVector(wordPositions(typeof text === 'string' ? foldedWords(text) : text));
}

/** tsvector input text of a post's space-separated hashtags: each one lexeme (tagKey), as SQLite's tags column. */
export function tagVector(hashtags: string): string {
  return renderVector(tagPositions(hashtags));
}

/** The vector of tagVector. */
export function tagPositions(hashtags: string): Positions {
  const keys = hashtagKeys(hashtags);
  return vectorPositions(keys.length, (i) => [keys[i]!]);
}

/** tsquery input text of a hashtag query: its tagKey (behind `prefix`); null when nothing in it can be indexed. */
export function tagQuery(tag: string, prefix = ''): string | null {
  const key = tagKey(tag);
  return key !== '' && fits(prefix + key) ? lexeme(prefix + key) : null;
}

/**
 * tsquery input text matching the words of `value` as a phrase (one word: that word), the last one as a
 * prefix when asked, each behind `before`; null when nothing in it can be indexed (the query part then matches nothing).
 */
export function phraseQuery(value: string, prefix = false, before = ''): string | null {
  const keys = foldedWords(value).map((k) => before + k);
  if (keys.length === 0 || !keys.every(fits)) return null;
  return keys.map((k, i) => lexeme(k) + (prefix && i === keys.length - 1 ? ':*' : '')).join(' <-> ');
}

/**
 * The private-use character before each stem of the one-column index (tsv_all, migration 15), per configuration, and
 * before each hashtag: the same characters as SQLite's stem tokens (sqlite/fts.ts). A folded word never starts with
 * one, so a stem never meets a word, another language's stem or a tag, and a prefix query (`word:*`) finds words only.
 */
export const STEM_PREFIX: Readonly<Record<string, string>> = {
  english: '\uE010',
  french: '\uE011',
  russian: '\uE012',
  simple: '\uE013',
};
export const TAG_PREFIX = '\uE020';

/**
 * tsv_all text of a post: its words, its stems (behind the configuration's prefix, at the positions of their words;
 * a post without stems, 'simple', has its words again behind that configuration's prefix)
 * and its hashtags (behind TAG_PREFIX, at positions after the words), within the limits of one tsvector: each part
 * as vectorPositions cut it, then the whole under the 1 MB (words first, so a huge text keeps its first words).
 */
export function combinedVector(words: Positions, stems: Positions, config: string, tags: string): string {
  return renderEntries(combinedEntries(words, stems, config, tags));
}

/** tsvector input text of lexemes with positions. */
export function renderEntries(entries: VectorEntries): string {
  let out = '';
  for (const [key, list] of entries) out += `${out ? ' ' : ''}${lexeme(key)}:${list.join(',')}`;
  return out;
}

/** A tsvector as its lexemes with their positions, in the order of its text. */
export type VectorEntries = [key: string, positions: readonly number[]][];

/** The lexemes of combinedVector with their positions. */
export function combinedEntries(
  words: Positions,
  stems: Positions,
  config: string,
  tags: string,
): VectorEntries {
  const prefix = STEM_PREFIX[config] ?? '';
  if (config === 'simple') stems = words;
  const keys = hashtagKeys(tags);
  let bytes = 0;
  const out: VectorEntries = [];
  const add = (key: string, list: readonly number[]): boolean => {
    if (!fits(key)) return true;
    bytes += key.length * 3 + 8 + list.length * 2;
    if (bytes > MAX_VECTOR_BYTES) return false;
    out.push([key, list]);
    return true;
  };
  for (const [key, list] of words) if (!add(key, list)) return out;
  for (const [key, list] of stems) if (!add(prefix + key, list)) return out;
  const tagPositions = vectorPositions(keys.length, (i) => [TAG_PREFIX + keys[i]!]);
  let last = 0;
  for (const list of words.values()) last = Math.max(last, list[list.length - 1]!);
  for (const [key, list] of tagPositions)
    if (
      !add(
        key,
        list.map((p) => Math.min(p + last, MAX_POS)),
      )
    )
      return out;
  return out;
}

function hashtagKeys(hashtags: string): string[] {
  return hashtags === ''
    ? []
    : hashtags
        .split(' ')
        .map(tagKey)
        .filter((k) => k !== '');
}
