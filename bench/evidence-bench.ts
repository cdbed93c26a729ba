// What reading a post's evidence for stories costs, by script, on the real texts of bench/eval-data (seven splits),
// beside the baseline of reading its words at all (foldedWords, what topics and search do with every post).
// Run: node --import tsx bench/evidence-bench.ts, or `npm run bench -- --only evidence`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEvidence } from '../src/dedup/evidence.js';
import { foldedWords } from '../src/text/words.js';

const DATA = join(dirname(fileURLToPath(import.meta.url)), 'eval-data');
// The splits there were when its figures were recorded (BENCHMARKS.md), kept so that the run is the same.
const SPLITS = ['dev', 'test', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5'];

const SCRIPT_OF: Record<string, string> = {
  ru: 'Cyrillic', uk: 'Cyrillic', be: 'Cyrillic', bg: 'Cyrillic', mn: 'Cyrillic', kk: 'Cyrillic',
  ar: 'Arabic', fa: 'Arabic', ur: 'Arabic',
  zh: 'Chinese', ja: 'Japanese', ko: 'Korean', hy: 'Armenian', el: 'Greek', he: 'Hebrew', ka: 'Georgian',
  hi: 'Indic', ml: 'Indic', bn: 'Indic', th: 'Thai',
}; // prettier-ignore

export interface EvidenceRow {
  script: string;
  posts: number;
  /** Microseconds per 1,000 characters: evidence, and the words alone. */
  evidenceUs: number;
  wordsUs: number;
}

type Post = { text: string; lang: string };

function timePer1000(posts: Post[], run: (p: Post) => unknown, rounds: number): number {
  const chars = posts.reduce((n, p) => n + p.text.length, 0);
  for (const p of posts) run(p); // warm caches and the JIT, as a collector's steady state
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of posts) run(p);
  return Number((((performance.now() - t0) * 1000) / rounds / (chars / 1000)).toFixed(1));
}

export function benchEvidence(rounds = 20): EvidenceRow[] {
  const byScript = new Map<string, Post[]>();
  for (const split of SPLITS)
    for (const line of readFileSync(join(DATA, `${split}.jsonl`), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as Post;
      const script = SCRIPT_OF[r.lang] ?? 'Latin';
      byScript.set(script, [...(byScript.get(script) ?? []), r]);
    }
  return [...byScript]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([script, posts]) => ({
      script,
      posts: posts.length,
      evidenceUs: timePer1000(posts, (p) => extractEvidence(p.text, 2024, p.lang), rounds),
      wordsUs: timePer1000(posts, (p) => foldedWords(p.text), rounds),
    }));
}

if (import.meta.url === `file://${process.argv[1]}`)
  for (const r of benchEvidence()) console.log(JSON.stringify(r));
