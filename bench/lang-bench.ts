// Language detection benchmark: accuracy per length bucket and per language, 'und' and wrong-answer rates, and
// speed, for tgwire's detector and the alternatives, on real labelled texts (bench/lang-data, README there).
// Run alone: node --import tsx bench/lang-bench.ts [--split dev|test|stories] [--langs]; or npm run bench -- --only
// lang. `stories`: the posts of the story splits (bench/eval-data), labelled there, on which nothing was tuned.
import { fileURLToPath } from 'node:url';
import { detectors, type Detector } from './lang-detectors.js';
import { scorePrior, SCENARIOS } from './lang-prior.js';
import { bucketOf, loadSplit, storySamples, type Bucket, type Sample } from './lang-data.js';

export interface Score {
  detector: string;
  n: number;
  /** Share of right answers per bucket and overall. */
  accuracy: Record<Bucket | 'all', number>;
  /** Share of texts answered 'und'. */
  und: number;
  /** Share of texts given a language that is not theirs: the answer tgwire would store and show. */
  wrong: number;
  perLang: Map<string, { right: number; n: number }>;
  textsPerSec: number;
}

/** Texts per second, the best of three rounds: other work on a shared machine only ever slows a round down. */
function timeIt(d: Detector, texts: readonly string[]): number {
  for (const t of texts.slice(0, 50)) d.detect(t); // warm-up
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let done = 0;
    const t0 = performance.now();
    // At least 250 ms and one pass over the texts, so fast detectors are not timed on a handful of calls.
    while (done < texts.length || performance.now() - t0 < 250) {
      d.detect(texts[done % texts.length]!);
      done++;
    }
    best = Math.max(best, done / ((performance.now() - t0) / 1000));
  }
  return best;
}

export function score(d: Detector, samples: readonly Sample[]): Score {
  const right: Record<Bucket | 'all', number> = { short: 0, medium: 0, long: 0, all: 0 };
  const total: Record<Bucket | 'all', number> = { short: 0, medium: 0, long: 0, all: 0 };
  const perLang = new Map<string, { right: number; n: number }>();
  let und = 0;
  let wrong = 0;
  for (const s of samples) {
    const got = d.detect(s.text);
    const b = bucketOf(s.text);
    const ok = got === s.lang;
    total[b]++;
    total.all++;
    if (ok) {
      right[b]++;
      right.all++;
    } else if (got === 'und') und++;
    else wrong++;
    const l = perLang.get(s.lang) ?? { right: 0, n: 0 };
    l.n++;
    if (ok) l.right++;
    perLang.set(s.lang, l);
  }
  const acc = (k: Bucket | 'all') => (total[k] ? right[k] / total[k] : 0);
  return {
    detector: d.name,
    n: samples.length,
    accuracy: { short: acc('short'), medium: acc('medium'), long: acc('long'), all: acc('all') },
    und: und / samples.length,
    wrong: wrong / samples.length,
    perLang,
    textsPerSec: timeIt(
      d,
      samples.map((s) => s.text),
    ),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

export function table(scores: readonly Score[], samples: readonly Sample[]): string[] {
  const count = (b: Bucket) => samples.filter((s) => bucketOf(s.text) === b).length;
  const lines = [
    `| detector | short <50 (${count('short')}) | medium 50-140 (${count('medium')}) | long >140 (${count('long')}) | all (${samples.length}) | und | wrong | texts/s |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scores) {
    lines.push(
      `| ${s.detector} | ${pct(s.accuracy.short)} | ${pct(s.accuracy.medium)} | ${pct(s.accuracy.long)} | ${pct(s.accuracy.all)} | ${pct(s.und)} | ${pct(s.wrong)} | ${Math.round(s.textsPerSec).toLocaleString('en-US')} |`,
    );
  }
  return lines;
}

export function langTable(scores: readonly Score[]): string[] {
  const langs = [...(scores[0]?.perLang.keys() ?? [])].sort();
  const lines = [
    `| language | ${scores.map((s) => s.detector).join(' | ')} |`,
    `|---|${scores.map(() => '---:').join('|')}|`,
  ];
  for (const l of langs) {
    const cells = scores.map((s) => {
      const v = s.perLang.get(l);
      return v ? pct(v.right / v.n) : '';
    });
    lines.push(`| ${l} (${scores[0]?.perLang.get(l)?.n ?? 0}) | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** detectLangWithPrior under channel-prior scenarios (bench/lang-prior.ts), one row per scenario. */
export function priorTable(samples: readonly Sample[]): string[] {
  const lines = [
    '| tgwire now, channel prior | short | medium | long | all | und | wrong |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const sc of SCENARIOS) {
    const r = scorePrior(sc, samples);
    lines.push(
      `| ${sc} | ${pct(r.accuracy.short)} | ${pct(r.accuracy.medium)} | ${pct(r.accuracy.long)} | ${pct(r.accuracy.all)} | ${pct(r.und)} | ${pct(r.wrong)} |`,
    );
  }
  return lines;
}

export async function benchLang(
  split: 'dev' | 'test' | 'stories' = 'test',
  perLanguage = false,
): Promise<string[]> {
  const samples = split === 'stories' ? storySamples() : loadSplit(split);
  const scores = (await detectors()).map((d) => score(d, samples));
  const out = [...table(scores, samples), '', ...priorTable(samples)];
  if (perLanguage) out.push('', ...langTable(scores));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const asked = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'test';
  const split = asked === 'dev' || asked === 'stories' ? asked : 'test';
  console.log(
    split === 'stories'
      ? 'Language detection, the posts of the story splits (bench/eval-data):'
      : `Language detection, ${split} split of bench/lang-data:`,
  );
  for (const line of await benchLang(split, args.includes('--langs'))) console.log(line);
}
