// The labelled texts of the language benchmark (bench/lang-data/*.jsonl, described in its README) and their
// length buckets.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Sample {
  lang: string;
  text: string;
  source: string;
  kind?: string;
}

export type Bucket = 'short' | 'medium' | 'long';
export const BUCKETS: readonly Bucket[] = ['short', 'medium', 'long'];

/** Length buckets in characters (code points): a headline, a sentence or two, a paragraph. */
export function bucketOf(text: string): Bucket {
  const n = [...text].length;
  return n < 50 ? 'short' : n <= 140 ? 'medium' : 'long';
}

export function loadSplit(split: 'dev' | 'test'): Sample[] {
  const file = fileURLToPath(new URL(`lang-data/${split}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Sample);
}
