// How the threshold choice fares on splits it has not seen: each development split is left out in turn, the
// thresholds are chosen on the others (the most recall whose precision keeps the floors), and the left-out split is
// measured with them; the left-out tallies are summed. A stricter translation floor is tried beside the target, since
// thresholds chosen on seen splits have met new ones with less precision than they had where chosen.
// Run: npm run eval:cv [-- --floors 0.95,0.98]
import type { StoryOptions } from '../src/dedup/stories.js';
import {
  addTally,
  DEVELOPMENT,
  emptyTally,
  evaluate,
  loadSplit,
  meetsFloors,
  precision,
  recall,
  type Kind,
  type Split,
  type Tally,
} from './eval.js';

export type Tallies = Record<'all' | Kind, Tally>;

// The translation thresholds, strict to loose, that the tuner's choices have moved (the score, the coverage within and
// across scripts, the score a pair hours apart needs), and the share of the score a pair whose wording agrees needs
// (1: no lower); every other option at its default. 288 settings: the table takes 20 to 25 minutes over twenty-three
// splits.
export const CV_GRID: Record<string, number[]> = {
  translationScore: [5, 4, 3.5, 3],
  translationCoverage: [0.6, 0.5, 0.4],
  translationCoverageAcross: [0.45, 0.4, 0.35, 0.25],
  translationLateScore: [5, 4.5, 4],
  translationWordedScore: [1, 0.7],
};

function sum(ts: readonly Tallies[]): Tallies {
  const out: Tallies = {
    all: emptyTally(),
    forward: emptyTally(),
    copy: emptyTally(),
    'near-copy': emptyTally(),
    translation: emptyTally(),
  };
  for (const t of ts) for (const k of Object.keys(out) as (keyof Tallies)[]) addTally(out[k], t[k]);
  return out;
}

function settings(grid: Record<string, number[]>): StoryOptions[] {
  let out: StoryOptions[] = [{}];
  for (const [k, values] of Object.entries(grid))
    out = out.flatMap((o) => values.map((v) => ({ ...o, [k]: v })));
  return out;
}

export interface Fold {
  split: Split;
  options: StoryOptions | null;
  held: Tallies | null;
}

export interface CvResult {
  floor: number;
  folds: Fold[];
  /** The left-out splits' tallies summed (folds where some setting kept the floors). */
  held: Tallies;
  /** The choice on every development split. */
  chosen: StoryOptions | null;
  chosenOn: Tallies | null;
}

/** One setting's tallies on each split. */
export interface Row {
  options: StoryOptions;
  per: ReadonlyMap<Split, Tallies>;
}

/** Each setting is evaluated once per split; the folds then only add tallies (crossValidateTable). */
export function crossValidate(
  splits: readonly Split[],
  floors: readonly number[],
  grid = CV_GRID,
  log: (s: string) => void = () => {},
): CvResult[] {
  const data = splits.map((split) => ({ split, posts: loadSplit(split) }));
  const table: Row[] = settings(grid).map((options, i) => {
    if (i % 40 === 0) log(`setting ${i + 1}`);
    const per = new Map<Split, Tallies>();
    for (const d of data) {
      const r = evaluate(d.posts, d.split, options);
      per.set(d.split, { all: r.all, ...r.byKind });
    }
    return { options, per };
  });
  return floors.map((floor) => crossValidateTable(table, splits, floor));
}

/**
 * The folds over a table of tallies, its rows strict to loose: for each split, the row with the most recall on the
 * others that keeps the floors (the first of equal recall), and its tallies on the split left out.
 */
export function crossValidateTable(table: readonly Row[], splits: readonly Split[], floor: number): CvResult {
  const choose = (train: readonly Split[]) => {
    let best: { row: Row; t: Tallies } | null = null;
    for (const row of table) {
      const t = sum(train.map((s) => row.per.get(s)!));
      if (!meetsFloors({ all: t.all, byKind: t }, 0.95, floor)) continue;
      if (!best || recall(t.all) > recall(best.t.all)) best = { row, t };
    }
    return best;
  };
  const folds: Fold[] = splits.map((split) => {
    const best = choose(splits.filter((s) => s !== split));
    return { split, options: best?.row.options ?? null, held: best?.row.per.get(split) ?? null };
  });
  const all = choose(splits);
  return {
    floor,
    folds,
    held: sum(folds.flatMap((f) => (f.held ? [f.held] : []))),
    chosen: all?.row.options ?? null,
    chosenOn: all?.t ?? null,
  };
}

const pr = (t: Tally): string =>
  `${precision(t).toFixed(3)} / ${recall(t).toFixed(3)} (${t.tp} true, ${t.fp} false)`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const floors = (args.includes('--floors') ? args[args.indexOf('--floors') + 1]! : '0.95,0.96,0.97,0.98')
    .split(',')
    .map(Number);
  const results = crossValidate(DEVELOPMENT, floors, CV_GRID, (s) => process.stderr.write(`${s}\n`));
  for (const r of results) {
    console.log(
      `\ntranslation floor ${r.floor}: left-out splits, translations P / R ${pr(r.held.translation)}`,
    );
    console.log(`  all pairs ${pr(r.held.all)}`);
    for (const f of r.folds)
      console.log(
        `  ${f.split}: ${f.options ? JSON.stringify(f.options) : 'no setting keeps the floors'}${f.held ? ` → ${pr(f.held.translation)}` : ''}`,
      );
    console.log(
      `  chosen on all development splits: ${r.chosen ? `${JSON.stringify(r.chosen)}, translations ${pr(r.chosenOn!.translation)}` : 'none'}`,
    );
  }
}
