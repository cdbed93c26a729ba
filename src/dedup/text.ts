// Text fingerprints for copies: normalised words without emoji/hashtags/links, exact hashes and sampled shingles.
import { foldText } from '../rules/normalise.js';

// Links, @mentions, hashtags and emoji are what reposters add or drop; they do not change the statement.
const DECOR = /(?:https?:\/\/|www\.)\S+|[#@][\p{L}\p{M}\p{N}_]+|\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/gu;

/** Folded words of the statement itself (no emoji, hashtags, links or mentions). */
export function statementWords(text: string): string[] {
  return foldText(text.replace(DECOR, ' ')).match(/[\p{L}\p{N}]+/gu) ?? [];
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
/** One shingle in SAMPLE_MOD is kept, chosen by hash, so two texts keep the same shingles of what they share. */
const SAMPLE_MOD = 2;

/**
 * Hash-sampled word 3-shingles, sorted. Sampling by hash value (not by position) keeps the containment of a
 * cut-shorter copy in its original measurable: every kept shingle of the copy is kept in the original too.
 */
export function shingleSample(words: readonly string[]): Uint32Array {
  const set = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const h = fnv32(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    if (h % SAMPLE_MOD === 0) set.add(h);
  }
  return Uint32Array.from(set).sort();
}

/** The k smallest hashes of a sample: the index keys (bottom-k keeps containment: see StoryIndex). */
export function bottomK(sample: Uint32Array, k: number): Uint32Array {
  return sample.subarray(0, Math.min(k, sample.length));
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
