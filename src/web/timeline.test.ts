import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { timeline, unitFor } from './timeline.js';

describe('timeline: the dashboard charts’ time axis', () => {
  it('lists every day of the range, days without posts as 0, so gaps are drawn to scale', () => {
    const t = timeline([
      { period: '2023-06-14', name: 'a', posts: 2 },
      { period: '2023-06-18', name: 'a', posts: 1 },
      { period: '2023-06-18', name: 'b', posts: 4 },
      { period: '2023-06-20', name: 'b', posts: 1 },
    ]);
    assert.equal(t.unit, 'day');
    assert.deepEqual(t.periods, [
      '2023-06-14',
      '2023-06-15',
      '2023-06-16',
      '2023-06-17',
      '2023-06-18',
      '2023-06-19',
      '2023-06-20',
    ]);
    assert.deepEqual(t.series, [
      { name: 'a', values: [2, 0, 0, 0, 1, 0, 0] },
      { name: 'b', values: [0, 0, 0, 0, 4, 0, 1] },
    ]);
  });

  it('counts a long range per week (from Monday), a very long one per month, and says so', () => {
    assert.equal(unitFor('2024-01-01', '2024-04-01'), 'day');
    assert.equal(unitFor('2024-01-01', '2025-06-01'), 'week');
    assert.equal(unitFor('2020-11-12', '2023-08-16'), 'month');
    const weeks = timeline(
      [
        { period: '2024-01-03', name: 'a', posts: 1 }, // a Wednesday: the week of Monday 1 January
        { period: '2024-01-07', name: 'a', posts: 2 }, // Sunday, same week
        { period: '2024-01-08', name: 'a', posts: 5 },
        { period: '2024-12-30', name: 'a', posts: 1 },
      ],
      100,
    );
    assert.equal(weeks.unit, 'week');
    assert.equal(weeks.periods[0], '2024-01-01');
    assert.equal(weeks.periods.at(-1), '2024-12-30');
    assert.equal(weeks.periods.length, 53);
    assert.deepEqual(weeks.series[0]!.values.slice(0, 3), [3, 5, 0]);
    const months = timeline([
      { period: '2020-11-12', name: 'a', posts: 1 },
      { period: '2023-08-16', name: 'a', posts: 2 },
    ]);
    assert.equal(months.unit, 'month');
    assert.equal(months.periods.length, 34);
    assert.deepEqual(
      [months.periods[0], months.periods[1], months.periods.at(-1)],
      ['2020-11', '2020-12', '2023-08'],
    );
    assert.equal(
      months.series[0]!.values.reduce((a, b) => a + b, 0),
      3,
    );
  });

  it('fills the months between monthly counts (/api/stats/hashtags?period=month)', () => {
    const t = timeline([
      { period: '2024-09', name: 'x', posts: 1 },
      { period: '2025-01', name: 'x', posts: 3 },
    ]);
    assert.equal(t.unit, 'month');
    assert.deepEqual(t.periods, ['2024-09', '2024-10', '2024-11', '2024-12', '2025-01']);
    assert.deepEqual(t.series, [{ name: 'x', values: [1, 0, 0, 0, 3] }]);
  });

  it('is empty without rows', () => {
    assert.deepEqual(timeline([]), { unit: 'day', periods: [], series: [] });
  });
});
