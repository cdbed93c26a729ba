// Text fingerprints for copies: normalised words without emoji/hashtags/links, exact hashes and sampled shingles.
import { foldWord } from '../text/fold.js';
import { ENGLISH_STOP_WORDS, FRENCH_STOP_WORDS, RUSSIAN_STOP_WORDS } from '../text/stopwords.js';

// Links, @mentions, hashtags and emoji are what reposters add or drop; they do not change the statement.
const DECOR =
  /(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{M}\p{N}_]+|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/gu;

/** Folded words of the statement itself (no emoji, hashtags, links or mentions). */
export function statementWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(DECOR, ' ').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    // Folding can split a word (ﬁ, ß stay whole, but NFKC of some ligatures adds spaces): re-split.
    const f = foldWord(raw);
    if (/^[\p{L}\p{N}]+$/u.test(f)) out.push(f);
    else out.push(...(f.match(/[\p{L}\p{N}]+/gu) ?? []));
  }
  return out;
}

// Words that turn a statement into its opposite ("is necessary" / "is not necessary"), folded as statementWords
// folds them, in the languages whose stems and month names the evidence reads.
const NEGATIONS = new Set(
  (
    'not no never nor neither none nobody nothing cannot ' +
    'ne pas jamais aucun aucune ni rien ' +
    'nicht kein keine keinen keinem keiner keines nie niemals ' +
    'nunca jamas ningun ninguna ninguno non mai nessun nessuno nessuna nao nem nenhum nenhuma nigdy zaden ' +
    'не нет ни никогда ничего никто ні ніколи нічого ніхто немає няма'
  ).split(' '),
);

/** How many negations a statement's words hold ("isn't" is split by statementWords into "isn" and "t"). */
export function negations(words: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NEGATIONS.has(w) || (w === 't' && i > 0 && words[i - 1]!.endsWith('n'))) n++;
  }
  return n;
}

/** 32-bit FNV-1a of a string. */
export function fnv32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 52-bit hash (two FNV seeds) so a million texts do not collide in practice; a number keeps Maps small. */
export function hash52(s: string): number {
  return (fnv32(s) & 0xfffff) * 0x100000000 + fnv32(s, 0x9747b28c);
}

/** Exact-copy key of a text, or null when the statement is too short to tell a copy from a coincidence. */
export function exactKey(words: readonly string[]): number | null {
  if (words.length < 6) return null;
  return hash52(words.join(' '));
}

const SHINGLE = 3;

/**
 * Hashed word 3-shingles, distinct and sorted. Sampling one in two by hash value halved memory but made the
 * containment of short posts too noisy to tell a near-copy (≥ 0.7) from a post of the same template (~0.5),
 * so every shingle is kept; only the posts of the time window are held.
 */
export function shingleSample(words: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    set.add(fnv32(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  }
  return Uint32Array.from(set).sort();
}

// Scripts written without spaces: a run of them is a phrase, not a word, so it is no word key.
const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]/u;
const WORD_KEY_LETTERS = 6;

/**
 * Hashed keys of a statement's content words, distinct and sorted: words of four letters or more that are not
 * stop words, cut to six letters so inflected forms meet (заявил/заявила, condemns/condemned). A rewritten report
 * of one statement keeps most of these while its word triples change; see match.ts wordCopy.
 */
export function wordKeys(words: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (const w of words) {
    if (w.length < 4 || /^\p{N}+$/u.test(w) || UNSPACED.test(w)) continue;
    if (ENGLISH_STOP_WORDS.has(w) || FRENCH_STOP_WORDS.has(w) || RUSSIAN_STOP_WORDS.has(w)) continue;
    set.add(fnv32(w.slice(0, WORD_KEY_LETTERS)));
  }
  return Uint32Array.from(set).sort();
}

/** Shared elements of two sorted samples. */
export function intersectSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

// Letters of the Basic Multilingual Plane, by code unit; built on first use (65,536 tests, a few ms).
let bmpLetters: Uint8Array | null = null;
const LETTER = /\p{L}/u;

function letterTable(): Uint8Array {
  if (bmpLetters) return bmpLetters;
  const t = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) if (LETTER.test(String.fromCharCode(c))) t[c] = 1;
  return (bmpLetters = t);
}

/**
 * A statement's length in letters, CJK and Hangul ones counting three (one carries about a word). A post's length
 * is read for every post grouped: code units against a table, not a regular expression per character.
 */
export function letterWeight(text: string): number {
  const letters = letterTable();
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) n += 3;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // A letter beyond the BMP (mathematical alphanumerics, rare CJK): one character, tested as one.
        if (LETTER.test(text.slice(i, i + 2))) n++;
        i++;
      }
    } else n += letters[c]!;
  }
  return n;
}
