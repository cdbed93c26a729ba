import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossValidateTable, type Row, type Tallies } from '../bench/eval-cv.js';
import type { Split } from '../bench/eval.js';

// Tallies where only translations vary; forwards, copies and near-copies are perfect.
const tallies = (tp: number, fp: number, fn: number): Tallies => ({
  all: { tp: tp + 10, fp, fn },
  translation: { tp, fp, fn },
  forward: { tp: 5, fp: 0, fn: 0 },
  copy: { tp: 5, fp: 0, fn: 0 },
  'near-copy': { tp: 0, fp: 0, fn: 0 },
});

const splits = ['dev', 'holdout', 'holdout2'] as Split[];
const row = (name: number, per: [number, number, number][]): Row => ({
  options: { translationScore: name },
  per: new Map(splits.map((s, i) => [s, tallies(...per[i]!)])),
});
// Strict to loose: the strict row is precise everywhere; the loose one finds more, and on holdout2 merges wrongly.
const strict = row(5, [
  [8, 0, 2],
  [8, 0, 2],
  [8, 0, 2],
]);
const loose = row(3, [
  [10, 0, 0],
  [10, 0, 0],
  [10, 5, 0],
]);

test('each split is measured with the thresholds chosen on the others', () => {
  const r = crossValidateTable([strict, loose], splits, 0.95);
  // With dev or holdout left out, the others include holdout2, where the loose row's five false pairs break the floor:
  // the strict row is chosen. With holdout2 left out, the loose row is precise on the others and finds more.
  assert.deepEqual(
    r.folds.map((f) => [f.split, f.options?.translationScore]),
    [
      ['dev', 5],
      ['holdout', 5],
      ['holdout2', 3],
    ],
  );
  // Held out: 8 + 8 + 10 true, 5 false (holdout2 with the loose row), 2 + 2 missed.
  assert.deepEqual(r.held.translation, { tp: 26, fp: 5, fn: 4 });
  assert.equal(r.chosen?.translationScore, 5);
});

test('a floor no row keeps leaves the fold without a choice, not a made-up one', () => {
  const r = crossValidateTable([loose], splits, 0.95);
  assert.equal(r.folds.find((f) => f.split === 'dev')?.options, null);
  assert.equal(r.folds.find((f) => f.split === 'holdout2')?.options?.translationScore, 3);
  assert.deepEqual(r.held.translation, { tp: 10, fp: 5, fn: 0 });
  assert.equal(r.chosen, null);
});
