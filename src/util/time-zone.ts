// The zone local clock times are read in (--timezone): a fixed UTC offset or an IANA name, with its summer time.
import { UserError } from './errors.js';

export interface TimeZone {
  /** As the user wrote it, for notices. */
  name: string;
  /** A wall-clock time read as UTC (Date.UTC of its fields) -> the instant it names in this zone. */
  toUtc(wallClockMs: number): number;
}

export const UTC_ZONE: TimeZone = { name: 'UTC', toUtc: (ms) => ms };

const OFFSET = /^(?:UTC|GMT)?\s*([+-\u2212])(\d{1,2})(?::?(\d{2}))?$/i;

const HELP = 'an IANA name such as Asia/Jakarta, or an offset such as +07:00';

/**
 * `UTC`, `+07:00`, `+0700`, `+7`, `UTC+7`, `-03:30` or an IANA name (`Asia/Jakarta`, `Europe/Berlin`: its offset on
 * each date, summer time included).
 * @throws UserError naming `flag` for anything else.
 */
export function parseTimeZone(value: string, flag: string): TimeZone {
  const v = value.trim();
  if (/^(UTC|GMT|Z)$/i.test(v)) return { name: v, toUtc: UTC_ZONE.toUtc };
  const m = OFFSET.exec(v);
  if (m) {
    const [hours, minutes] = [Number(m[2]), Number(m[3] ?? 0)];
    if (hours > 14 || minutes > 59 || (hours === 14 && minutes > 0))
      throw new UserError(`${flag}: there is no UTC offset ${v.slice(0, 40)} (${HELP})`);
    const offsetMs = (m[1] === '+' ? 1 : -1) * (hours * 60 + minutes) * 60_000;
    return { name: v, toUtc: (ms) => ms - offsetMs };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: v,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new UserError(`${flag}: not a time zone: ${v.slice(0, 40)} (${HELP})`);
  }
  const offsetAt = (utcMs: number): number => {
    const f: Record<string, number> = {};
    for (const p of format.formatToParts(utcMs)) if (p.type !== 'literal') f[p.type] = Number(p.value);
    return Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - utcMs;
  };
  return {
    name: v,
    // The offset at the guess, then at the instant found: they differ only next to a change of summer time.
    toUtc: (ms) => ms - offsetAt(ms - offsetAt(ms)),
  };
}
