// The labelled texts of the language benchmark (bench/lang-data/*.jsonl, described in its README) and their
// length buckets.
import { readdirSync, readFileSync } from 'node:fs';
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

/**
 * The posts of the story splits (bench/eval-data, every split), each labelled with its language by the people who
 * built the split: thousands of real posts in some sixty languages that no detector setting was chosen on.
 */
export function storySamples(): Sample[] {
  const dir = fileURLToPath(new URL('eval-data/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(`${dir}${f}`, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => {
          const row = JSON.parse(l) as { lang: string; text: string; source: string };
          return { lang: row.lang, text: row.text, source: row.source };
        }),
    );
}

export function loadSplit(split: 'dev' | 'test'): Sample[] {
  const file = fileURLToPath(new URL(`lang-data/${split}.jsonl`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Sample);
}
