// Server settings for one piece of work: set for the current transaction, then put back.
import type { Rows } from './newest.js';

/**
 * Runs `fn` with `settings` (name -> value) set for the current transaction, then puts back the values they had:
 * inside a caller's transaction the settings would otherwise outlive the work. A failed query aborts the
 * transaction, and its rollback puts them back (no restore to fail over it).
 */
export async function withSettings<T>(
  rows: Rows,
  settings: Readonly<Record<string, string>>,
  fn: () => Promise<T>,
): Promise<T> {
  const entries = Object.entries(settings);
  // $1, $2: the first setting's name and value; $3, $4: the second's...
  const setAll = entries.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ');
  const readAll = entries.map((_, i) => `current_setting($${2 * i + 1}) AS was${i}`).join(', ');
  const params = (values: string[]): string[] => entries.flatMap(([name], i) => [name, values[i]!]);
  const [was] = await rows<Record<string, string>>(
    'search',
    `SELECT ${readAll}, ${setAll}`,
    params(entries.map(([, value]) => value)),
  );
  const result = await fn();
  await rows('search', `SELECT ${setAll}`, params(entries.map((_, i) => was![`was${i}`]!)));
  return result;
}
