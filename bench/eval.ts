// `npm run eval`: story grouping measured on real posts (bench/eval-data), pairwise, by kind and language pair.
// Thresholds are chosen on the development splits (`--split development --tune`: dev and the holdouts already
// measured); the figures that count are the test split's and, once, each new holdout's.
// Options: --split NAME (default test; several joined by commas, or `development`), --gold-lang (use the labelled
// languages instead of detection), --tune (grid search on the splits given; never on test), --json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupStories } from '../src/dedup/stories.js';
import type { StoryOptions } from '../src/dedup/stories.js';
import { emptyPost, postKey } from '../src/model/post.js';
import type { Post } from '../src/model/post.js';
import type { StoryMember } from '../src/model/story.js';
import { detectLangWithPrior } from '../src/rules/lang.js';
import { batchMix } from '../src/pipeline/enrich.js';
import { statementWords } from '../src/dedup/text.js';

const DATA = join(dirname(fileURLToPath(import.meta.url)), 'eval-data');

/** One labelled post of bench/eval-data (its README describes the fields). */
export interface EvalRow {
  story: string;
  channel: string;
  id: number;
  date: string | null;
  lang: string;
  text: string;
  forwardedFrom: { name: string; username: string | null; postId: number | null } | null;
  source: string;
  neg?: string;
}

/**
 * The splits: test is the reported result; the holdouts were built later and each measured blind once, after which
 * it joins dev as development data (DEVELOPMENT).
 */
export const SPLITS = [
  'dev',
  'test',
  'holdout',
  'holdout2',
  'holdout3',
  'holdout4',
  'holdout5',
  'holdout6',
  'holdout7',
  'holdout8',
  'holdout9',
  'holdout10',
  'holdout11',
  'holdout12',
  'holdout13',
  'holdout14',
  'holdout15',
  'holdout16',
  'holdout17',
  'holdout18',
  'holdout19',
  'holdout20',
  'holdout21',
  'holdout22',
] as const;
export type Split = (typeof SPLITS)[number];

/**
 * Where thresholds are chosen: dev and every holdout already measured. Listed, not derived from SPLITS: a new holdout
 * is in SPLITS (to be validated and measured) and joins this list only after its first, blind measurement. Dev alone held too few statements that look
 * alike to tell where precision gives way (two false translation pairs there; the holdouts, built around such
 * statements, had many more).
 */
export const DEVELOPMENT: readonly Split[] = [
  'dev',
  'holdout',
  'holdout2',
  'holdout3',
  'holdout4',
  'holdout5',
  'holdout6',
  'holdout7',
  'holdout8',
  'holdout9',
  'holdout10',
  'holdout11',
  'holdout12',
  'holdout13',
  'holdout14',
  'holdout15',
  'holdout16',
  'holdout17',
  'holdout18',
  'holdout19',
  'holdout20',
  'holdout21',
  'holdout22',
];

/** Splits named on the command line: one name, several joined by commas, or `development`. */
export function parseSplits(arg: string): Split[] {
  const names = arg === 'development' ? [...DEVELOPMENT] : arg.split(',');
  for (const n of names)
    if (!(SPLITS as readonly string[]).includes(n))
      throw new Error(
        `unknown split "${n}": --split is ${SPLITS.join(', ')}, development, or several joined by commas`,
      );
  return names as Split[];
}

export interface EvalPost {
  row: EvalRow;
  post: Post & { lang: string | null };
}

/**
 * The posts of a split, labelled as the pipeline labels them: each channel's mix from its longer posts, then each
 * post in that context (or the labelled languages with goldLang, to tell detection errors from grouping errors).
 */
export function loadSplit(split: Split, goldLang = false): EvalPost[] {
  const text = readFileSync(join(DATA, `${split}.jsonl`), 'utf8');
  const out = text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, n) => {
      let row: EvalRow;
      try {
        row = JSON.parse(line) as EvalRow;
      } catch (e) {
        throw new Error(`${split}.jsonl line ${n + 1}: ${(e as Error).message}`);
      }
      const post: Post & { lang: string | null } = {
        ...emptyPost(row.channel, row.id, row.date ? 'tme-html' : 'text'),
        date: row.date,
        text: row.text,
        lang: goldLang ? row.lang : null,
      };
      if (row.forwardedFrom)
        post.forwardedFrom = {
          name: row.forwardedFrom.name,
          username: row.forwardedFrom.username,
          postId: row.forwardedFrom.postId,
          author: null,
        };
      return { row, post };
    });
  if (!goldLang) {
    const byChannel = new Map<string, Post[]>();
    for (const { post } of out) byChannel.set(post.channel, [...(byChannel.get(post.channel) ?? []), post]);
    const mixes = new Map([...byChannel].map(([ch, posts]) => [ch, batchMix(posts)]));
    for (const { post } of out) post.lang = detectLangWithPrior(post.text, mixes.get(post.channel) ?? null);
  }
  return out;
}

export type Kind = 'forward' | 'copy' | 'near-copy' | 'translation';

/** The kind of a pair from the labels: a forward and its origin (or two forwards of one origin), else by language and text. */
function pairKind(a: EvalPost, b: EvalPost): Kind {
  const origin = (p: EvalPost): string | null => {
    const f = p.row.forwardedFrom;
    return f ? `${f.username ?? f.name}/${f.postId ?? ''}` : null;
  };
  const own = (p: EvalPost): string => `${p.row.channel}/${p.row.id}`;
  const oa = origin(a);
  const ob = origin(b);
  if ((oa && (oa === ob || oa === own(b))) || (ob && ob === own(a))) return 'forward';
  if (a.row.lang !== b.row.lang) return 'translation';
  return statementWords(a.row.text).join(' ') === statementWords(b.row.text).join(' ') ? 'copy' : 'near-copy';
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const emptyTally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

/** Adds t's counts into `into`. */
export function addTally(into: Tally, t: Tally): void {
  into.tp += t.tp;
  into.fp += t.fp;
  into.fn += t.fn;
}

export interface EvalResult {
  split: string;
  posts: number;
  stories: number;
  pairs: number;
  positives: number;
  all: Tally;
  byKind: Record<Kind, Tally>;
  byLangPair: Record<string, Tally>;
  hardNegatives: { pairs: number; merged: number };
  falsePositives: string[];
  falseNegatives: string[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
export const precision = (t: Tally): number => ratio(t.tp, t.tp + t.fp);
export const recall = (t: Tally): number => ratio(t.tp, t.tp + t.fn);

export function evaluate(data: EvalPost[], split: string, options: StoryOptions = {}): EvalResult {
  const { members } = groupStories(
    data.map((e) => e.post),
    options,
  );
  const byKey = new Map<string, StoryMember>(members.map((m) => [`${m.channel}/${m.id}`, m]));
  const all = emptyTally();
  const byKind: Record<Kind, Tally> = {
    forward: emptyTally(),
    copy: emptyTally(),
    'near-copy': emptyTally(),
    translation: emptyTally(),
  };
  const byLangPair: Record<string, Tally> = {};
  const fps: [number, string][] = [];
  const fns: string[] = [];
  let pairs = 0;
  let positives = 0;
  let hardPairs = 0;
  let hardMerged = 0;
  for (let i = 0; i < data.length; i++) {
    for (let j = i + 1; j < data.length; j++) {
      const a = data[i]!;
      const b = data[j]!;
      pairs++;
      const truth = a.row.story === b.row.story;
      const ma = byKey.get(postKey(a.post))!;
      const mb = byKey.get(postKey(b.post))!;
      const said = ma.storyId === mb.storyId;
      if (!truth && !said) {
        if (a.row.neg && a.row.neg === b.row.neg) hardPairs++;
        continue;
      }
      const kind = pairKind(a, b);
      const lp = [a.row.lang, b.row.lang].sort().join('-');
      const tallies = [all, byKind[kind], (byLangPair[lp] ??= emptyTally())];
      if (truth) positives++;
      if (truth && said) for (const t of tallies) t.tp++;
      else if (said) {
        for (const t of tallies) t.fp++;
        const hard = a.row.neg !== undefined && a.row.neg === b.row.neg;
        if (hard) {
          hardPairs++;
          hardMerged++;
        }
        const why = (m: StoryMember) =>
          `${m.reason}${m.evidence ? ` [${m.evidence.score}: ${m.evidence.items.slice(0, 5).join('; ')}]` : ''}`;
        fps.push([
          mb.evidence?.score ?? ma.evidence?.score ?? 1,
          `${kind}${hard ? ' (hard negative)' : ''}: ${a.row.story} ${postKey(a.post)} ~ ${b.row.story} ${postKey(b.post)}\n      ${why(ma)} | ${why(mb)}`,
        ]);
      } else {
        for (const t of tallies) t.fn++;
        fns.push(`${kind} ${lp}: ${a.row.story} ${postKey(a.post)} ~ ${postKey(b.post)}`);
      }
    }
  }
  return {
    split,
    posts: data.length,
    stories: new Set(data.map((d) => d.row.story)).size,
    pairs,
    positives,
    all,
    byKind,
    byLangPair,
    hardNegatives: { pairs: hardPairs, merged: hardMerged },
    // Worst first: the false merges made with the most confidence.
    falsePositives: fps.sort((x, y) => y[0] - x[0]).map(([, s]) => s),
    falseNegatives: fns,
  };
}

/** A split's name and its posts. */
export interface EvalSet {
  split: string;
  data: EvalPost[];
}

/** Several splits evaluated apart (pairs never cross a split) and summed into one result. */
export function evaluateSets(sets: readonly EvalSet[], options: StoryOptions = {}): EvalResult {
  const rs = sets.map(({ split, data }) => evaluate(data, split, options));
  if (rs.length === 1) return rs[0]!;
  const out: EvalResult = {
    split: sets.map((s) => s.split).join('+'),
    posts: 0,
    stories: 0,
    pairs: 0,
    positives: 0,
    all: emptyTally(),
    byKind: {
      forward: emptyTally(),
      copy: emptyTally(),
      'near-copy': emptyTally(),
      translation: emptyTally(),
    },
    byLangPair: {},
    hardNegatives: { pairs: 0, merged: 0 },
    falsePositives: [],
    falseNegatives: [],
  };
  for (const r of rs) {
    out.posts += r.posts;
    out.stories += r.stories;
    out.pairs += r.pairs;
    out.positives += r.positives;
    addTally(out.all, r.all);
    for (const k of Object.keys(out.byKind) as Kind[]) addTally(out.byKind[k], r.byKind[k]);
    for (const [lp, t] of Object.entries(r.byLangPair)) addTally((out.byLangPair[lp] ??= emptyTally()), t);
    out.hardNegatives.pairs += r.hardNegatives.pairs;
    out.hardNegatives.merged += r.hardNegatives.merged;
    out.falsePositives.push(...r.falsePositives.map((f) => `[${r.split}] ${f}`));
    out.falseNegatives.push(...r.falseNegatives.map((f) => `[${r.split}] ${f}`));
  }
  return out;
}

/**
 * Grid search: the most recall whose precision stays at or above each floor: the issue's targets for forwards and
 * copies (0.99), near-copies, all pairs and translations (0.95). The translation floor is the one whose choice holds
 * the target on splits it was not chosen on (`npm run eval:cv`): on fifteen splits that was 0.96 (0.951 left out,
 * against 0.947 at 0.95: BENCHMARKS.md run 44); on sixteen it is 0.95 (0.954 / 0.529 left out, against 0.948 / 0.449
 * at 0.96: run 45); on seventeen 0.95 held 0.947 / 0.488, and 0.96 found no setting at all on most (run 46); on
 * eighteen 0.95 held 0.951 / 0.518, and 0.96 0.950 / 0.484 (run 47); on nineteen 0.95 held 0.952 / 0.512, and 0.96
 * 0.958 / 0.485 (run 48); on twenty 0.95 fell just short (1,550 true, 82 false: 0.9498 / 0.511) and 0.96 held 0.958 /
 * 0.478 (run 49); on twenty-two 0.95 holds 0.951 / 0.507, and 0.96 is met by no setting of the grid on most of the
 * splits' complements (run 50), so the floor is 0.95 again; on twenty-three 0.95 falls short (0.945 / 0.459) and 0.96
 * is met on none (run 51), and the grid's choice on all twenty-three (translationCoverage 0.5, translationLateScore
 * 5) is set first. Each list
 * runs from strict to loose and the first of equal recall is kept: the strictest setting that finds as much. Five
 * stages (the score a pair hours apart needs, the translation thresholds, their other conditions, near-copies, word
 * copies; each with the best of the stages before held) keep it to about 610 settings, ~4 s each over the development
 * splits (three quarters of an hour on two cores).
 */
export function tune(
  sets: readonly EvalSet[],
  minPrecision = 0.95,
  translationFloor = 0.95,
): { options: StoryOptions; r: EvalResult } {
  // How much more a pair hours apart must score comes first: the score and coverage below are chosen around it.
  const late = search(sets, minPrecision, translationFloor, [{}], {
    translationLateHours: [3, 4, 6],
    translationLateScore: [5, 4.5, 4],
  });
  const first = search(sets, minPrecision, translationFloor, [late.options], {
    translationScore: [5, 4, 3.5, 3],
    translationCoverage: [0.5, 0.45, 0.4, 0.35, 0.3, 0.25],
    translationCoverageAcross: [0.45, 0.4, 0.35, 0.3, 0.25],
    translationApartScore: [6, 5, 4],
  });
  const second = search(sets, minPrecision, translationFloor, [first.options], {
    translationCoverLarge: [0.1, 0],
    translationSpecific: [3, 2],
    translationCognates: [0.35, 0.2],
    translationWording: [0.4, 0.3],
    translationWordedCoverage: [1, 0.8, 0.7],
    translationWordedScore: [1, 0.9, 0.8, 0.7],
  });
  const third = search(sets, minPrecision, translationFloor, [second.options], {
    nearCopyContainment: [0.8, 0.7],
    nearCopyCover: [0.5, 0.35],
    specificIdf: [0.25, 0.15],
    sameLanguageWords: [0.3, 0.25, 0.2],
  });
  // 0.6 is the loosest word containment offered: on dev, 0.55 found one more pair and 0.5 merged hard negatives.
  return search(sets, minPrecision, translationFloor, [third.options], {
    wordCopyContainment: [0.8, 0.7, 0.6],
    wordCopyCover: [0.5, 0.4, 0.3],
    wordCopyMinWords: [16, 12],
    // 0.75 is the loosest offered: 0.7 found more on the development splits, but two ministries' statements on one
    // attack share 0.696 of their words (BENCHMARKS.md run 56).
    wordCopyNamesContainment: [1.01, 0.9, 0.8, 0.75],
    translationSettle: [1.5, 1.25, 1],
  });
}

/**
 * Whether a result keeps the precision floors: all pairs at minPrecision, forwards and copies at 0.99, near-copies
 * at 0.95, translations at `translations` (the issue's target, 0.95, unless a stricter one is asked).
 */
export function meetsFloors(
  r: Pick<EvalResult, 'all' | 'byKind'>,
  minPrecision: number,
  translations = 0.95,
): boolean {
  const floors: [Tally, number][] = [
    [r.all, minPrecision],
    [r.byKind.forward, 0.99],
    [r.byKind.copy, 0.99],
    [r.byKind.translation, translations],
    [r.byKind['near-copy'], 0.95],
  ];
  return floors.every(([t, p]) => precision(t) >= p);
}

function search(
  sets: readonly EvalSet[],
  minPrecision: number,
  translationFloor: number,
  start: StoryOptions[],
  grid: Record<string, number[]>,
): { options: StoryOptions; r: EvalResult } {
  let best: { options: StoryOptions; r: EvalResult } | null = null;
  const settings: StoryOptions[] = [...start];
  for (const [k, values] of Object.entries(grid))
    for (const o of settings.splice(0)) for (const v of values) settings.push({ ...o, [k]: v });
  for (const options of settings) {
    const r = evaluateSets(sets, options);
    if (!meetsFloors(r, minPrecision, translationFloor)) continue;
    if (!best || recall(r.all) > recall(best.r.all)) best = { options, r };
  }
  if (!best)
    throw new Error(
      `no setting reaches precision ${minPrecision} (translations ${translationFloor}) on ${sets.map((s) => s.split).join(', ')}`,
    );
  return best;
}

function report(r: EvalResult): string[] {
  const f = (x: number) => x.toFixed(3);
  const row = (name: string, t: Tally) =>
    `| ${name} | ${t.tp + t.fn} | ${t.tp} | ${t.fp} | ${t.fn} | ${f(precision(t))} | ${f(recall(t))} |`;
  const out = [
    `${r.split} split: ${r.posts} posts, ${r.stories} stories, ${r.pairs} pairs (${r.positives} same-story); hard-negative pairs ${r.hardNegatives.pairs}, merged ${r.hardNegatives.merged}`,
    '',
    '| pairs | positives | true pos. | false pos. | false neg. | precision | recall |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('all', r.all),
    ...(Object.entries(r.byKind) as [Kind, Tally][]).map(([k, t]) => row(k, t)),
    ...Object.entries(r.byLangPair)
      .filter(([lp]) => lp.split('-')[0] !== lp.split('-')[1])
      .sort()
      .map(([lp, t]) => row(`translation ${lp}`, t)),
    '',
    `worst false merges (${r.falsePositives.length}):`,
    ...r.falsePositives.slice(0, 10).map((s) => `  - ${s}`),
    `missed pairs (${r.falseNegatives.length}), first 15:`,
    ...r.falseNegatives.slice(0, 15).map((s) => `  - ${s}`),
  ];
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const splits = parseSplits(args.includes('--split') ? args[args.indexOf('--split') + 1]! : 'test');
  const sets = splits.map((split) => ({ split, data: loadSplit(split, args.includes('--gold-lang')) }));
  if (args.includes('--tune')) {
    if (splits.includes('test')) throw new Error('thresholds are never tuned on the test split');
    const { options, r } = tune(sets);
    console.log(`best on ${r.split}: ${JSON.stringify(options)}`);
    for (const l of report(r)) console.log(l);
  } else {
    const r = evaluateSets(sets);
    if (args.includes('--json')) console.log(JSON.stringify(r, null, 2));
    else for (const l of report(r)) console.log(l);
  }
}
