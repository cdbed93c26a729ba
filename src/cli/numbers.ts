// Counts given on the command line (--limit, --batch, --max-pages …): whole numbers of one or more, or a user error
// naming the flag. Number('abc') is NaN and slice(0, NaN) is empty: unchecked, a typo showed nothing, silently.
import { UserError } from '../util/errors.js';

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1)
    throw new UserError(`${flag} must be a positive whole number`);
  return n;
}
