// A time axis for the dashboard's charts: every period from the first to the last, empty ones as 0, so a gap in the
// posts is drawn as wide as it lasted. Long ranges are counted per week or month to stay readable.

export type TimeUnit = 'day' | 'week' | 'month';

export interface Timeline {
  /** What one point counts: a UTC day, a week from Monday (labelled by that Monday), or a month. */
  unit: TimeUnit;
  /** Every period of the range, in order: "2024-09-09" for a day or week, "2024-09" for a month. */
  periods: string[];
  /** One value per period for each name (channel, tag), in the order the names first appear. */
  series: { name: string; values: number[] }[];
}

export interface TimelineRow {
  /** "YYYY-MM-DD", or "YYYY-MM" when the rows are already counted per month. */
  period: string;
  name: string;
  posts: number;
}

const DAY = 86_400_000;

/** At most this many points per chart: a longer range is counted per week, then per month. */
export const MAX_POINTS = 120;

const dayMs = (d: string): number => Date.parse(`${d}T00:00:00.000Z`);
const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** The Monday starting the (UTC) week of a day. */
function weekOf(day: string): string {
  const t = dayMs(day);
  return isoDay(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY);
}

function bucketOf(period: string, unit: TimeUnit): string {
  if (unit === 'month') return period.slice(0, 7);
  return unit === 'week' ? weekOf(period) : period;
}

/** Every period of `unit` from the one holding `first` to the one holding `last`. */
function periodsBetween(first: string, last: string, unit: TimeUnit): string[] {
  const out: string[] = [];
  if (unit === 'month') {
    let [y, m] = first.slice(0, 7).split('-').map(Number) as [number, number];
    const end = last.slice(0, 7);
    for (;;) {
      const p = `${y}-${String(m).padStart(2, '0')}`;
      out.push(p);
      if (p >= end) return out;
      if (++m > 12) [y, m] = [y + 1, 1];
    }
  }
  const step = unit === 'week' ? 7 * DAY : DAY;
  const end = dayMs(bucketOf(last, unit));
  for (let t = dayMs(bucketOf(first, unit)); t <= end; t += step) out.push(isoDay(t));
  return out;
}

/** The unit that keeps a range of days within `max` points. */
export function unitFor(first: string, last: string, max = MAX_POINTS): TimeUnit {
  if (first.length === 7) return 'month';
  const days = (dayMs(last) - dayMs(first)) / DAY + 1;
  if (days <= max) return 'day';
  return days / 7 <= max ? 'week' : 'month';
}

/** The rows on a full time axis: every period of the range, empty ones 0, summed per week or month when long. */
export function timeline(rows: readonly TimelineRow[], max = MAX_POINTS): Timeline {
  if (rows.length === 0) return { unit: 'day', periods: [], series: [] };
  let first = rows[0]!.period;
  let last = first;
  for (const r of rows) {
    if (r.period < first) first = r.period;
    if (r.period > last) last = r.period;
  }
  const unit = unitFor(first, last, max);
  const periods = periodsBetween(first, last, unit);
  const index = new Map(periods.map((p, i) => [p, i]));
  const series = new Map<string, number[]>();
  for (const r of rows) {
    if (!series.has(r.name)) series.set(r.name, new Array<number>(periods.length).fill(0));
    series.get(r.name)![index.get(bucketOf(r.period, unit))!]! += r.posts;
  }
  return { unit, periods, series: [...series].map(([name, values]) => ({ name, values })) };
}
