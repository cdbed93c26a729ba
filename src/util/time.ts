// Date arguments people type (2024-09-09, 2024-09-09T10:00Z) -> ISO strings, with a clear error otherwise.
import { UserError } from './errors.js';

// Only ISO forms: anything else reaches Date.parse's implementation-defined guesses (local time, "2024/02/30").
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/i;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why `value` is not a real moment, or null when it is one. Date.parse rolls impossible days over (2024-02-30 is
 * 1 March), so the fields are checked one by one before it is asked.
 */
function impossible(value: string): string | null {
  const m = ISO.exec(value);
  if (!m) return 'use YYYY-MM-DD or an ISO date-time like 2024-09-09T10:00Z';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59))
    return `there is no time ${m[4]}:${m[5]}${m[6] !== undefined ? `:${m[6]}` : ''}`;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return `there is no UTC offset ${m[7]}`;
  return null;
}

/**
 * Returns an ISO string; a bare day stays a bare day (stores treat it as the whole day). A date-time without an
 * offset is local time.
 * @throws UserError naming `flag` for anything that is not an ISO date or a day the calendar lacks (2024-02-30).
 */
export function parseDateArg(value: string, flag: string): string {
  const v = value.trim();
  const shown = v.slice(0, 40);
  const why = impossible(v);
  if (why) throw new UserError(`${flag}: not a date: ${shown} (${why})`);
  if (v.length === 10) return v;
  const t = Date.parse(v.replace(' ', 'T').toUpperCase());
  if (Number.isNaN(t))
    throw new UserError(`${flag}: not a date: ${shown} (use YYYY-MM-DD or an ISO date-time)`);
  return new Date(t).toISOString();
}

/**
 * --since and --until parsed (either may be absent) and checked against each other: a range that ends before it
 * starts matches nothing, which a command would show as an empty answer rather than the typo it is.
 */
export function parseDateRange(
  since: string | undefined,
  until: string | undefined,
): { since: string | undefined; until: string | undefined } {
  const range = {
    since: since ? parseDateArg(since, '--since') : undefined,
    until: until ? parseDateArg(until, '--until') : undefined,
  };
  checkDateOrder(range, ['--since', '--until'], [since, until]);
  return range;
}

/**
 * Refuses a range (parsed by parseDateArg) that holds no instant: since is its first, until the first after it, and
 * a bare day as until takes in that whole day, as the stores read them (since 10:00 until that same day is the rest
 * of the day). `names`: how the two are written where they came from; `shown`: what was written (else the parsed
 * dates).
 */
export function checkDateOrder(
  range: { since?: string; until?: string },
  names: [string, string],
  shown: [string | undefined, string | undefined] = [range.since, range.until],
): void {
  if (range.since === undefined || range.until === undefined) return;
  const end = Date.parse(range.until) + (range.until.length === 10 ? 86_400_000 : 0);
  if (Date.parse(range.since) < end) return;
  const [a, b] = shown.map((v) => (v ?? '').trim().slice(0, 40));
  throw new UserError(`${names[0]} ${a} is not before ${names[1]} ${b}: no post can be in that range`);
}

/** Whether parseDateArg accepts `value` (for schemas that report their own message). */
export function isDateArg(value: string): boolean {
  return impossible(value.trim()) === null;
}
