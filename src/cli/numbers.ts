// Numbers written on the command line (--limit, --batch, --max-pages, --port …): checked by one rule each, or a user
// error naming the flag. Unchecked, Number('abc') is NaN and slice(0, NaN) is empty: a typo showed nothing, silently.
import { UserError } from '../util/errors.js';

/** --port as commander reads it: a number, or a user error naming what was written. */
export function portArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535)
    throw new UserError(
      `--port: ${JSON.stringify(value.slice(0, 40))} is not a port (a whole number from 0 to 65535)`,
    );
  return n;
}

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new UserError(`${flag} must be a positive whole number`);
  return n;
}
