// Date arguments people type (2024-09-09, 2024-09-09T10:00Z) -> ISO strings, with a clear error otherwise.
import { UserError } from './errors.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Returns an ISO string; a bare day stays a bare day (stores treat it as the whole day). */
export function parseDateArg(value: string, flag: string): string {
  const v = value.trim();
  if (DAY.test(v)) {
    if (Number.isNaN(Date.parse(`${v}T00:00:00Z`))) throw new UserError(`${flag}: not a date: ${value}`);
    return v;
  }
  const t = Date.parse(v);
  if (Number.isNaN(t))
    throw new UserError(`${flag}: not a date: ${value} (use YYYY-MM-DD or an ISO date-time)`);
  return new Date(t).toISOString();
}
