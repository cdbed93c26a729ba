// Date keys: posts.dkey, a post's place in newest-first order as one integer, and the rowid of its search index row,
// so FTS5, which walks its lists in rowid order, answers "newest matches first" without reading every match.
//
// dkey = second * 2^20 + slot. The second is read from sort_date's "YYYY-MM-DDTHH:MM:SS" (Post.date is ISO 8601
// UTC), so a later second always has a greater sort_date and a greater key; within one second the slot is only the
// order of arrival, and a search sorts the posts of a second by (sort_date, channel, id) itself. Undated posts
// (sort_date '') share the lowest second: they come last, as '' does. Keys stay within ±(2^53 - 1), which JavaScript
// numbers hold exactly: seconds are clamped to ±(2^33 - 1) (about 1698 to 2242; clamped dates share their edge
// second, which orders them the same way), leaving 2^20 slots per second.
import type Database from 'better-sqlite3';
import { StoreError } from '../../util/errors.js';

export const SLOT_BITS = 20;
const SLOTS = 2 ** SLOT_BITS;
const MAX_SECOND = 2 ** 33 - 1;
/** The second of undated posts (and of dates that do not start as ISO 8601 does). */
const UNDATED = -MAX_SECOND;
const ISO_PREFIX = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)/;

/** The second a sort_date falls in (its key range is [second * 2^20, second * 2^20 + 2^20 - 1]). */
export function secondOf(sortDate: string | null): number {
  const m = sortDate ? ISO_PREFIX.exec(sortDate) : null;
  if (!m) return UNDATED;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  // Date.UTC maps years below 100 to 19xx; such years are far below the clamp anyway.
  if (y < 1000) return UNDATED + 1;
  // A valid date's seconds follow its string's order. (An impossible one such as 02-30 would be moved by Date.UTC
  // to the next month; Post.date is always written by toISOString, which never gives one.)
  const t = Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
  return Math.min(MAX_SECOND, Math.max(UNDATED + 1, t));
}

/** The key range of one second, both ends included. */
export function secondRange(second: number): [number, number] {
  return [second * SLOTS, second * SLOTS + SLOTS - 1];
}

/** The second a key is in. */
export const secondOfKey = (key: number): number => Math.floor(key / SLOTS);

/** The first key of dated posts: undated ones are below it. */
export const FIRST_DATED_KEY = (UNDATED + 1) * SLOTS;

/**
 * The SQL of a new key in the second whose range is (@lo, @hi): the next slot after the highest one taken, read from
 * the unique index on dkey (one seek). NULL when the second is full, which the caller turns into an error.
 */
export const NEXT_KEY_SQL =
  '(SELECT CASE WHEN max(dkey) IS NULL THEN @lo WHEN max(dkey) < @hi THEN max(dkey) + 1 END FROM posts WHERE dkey BETWEEN @lo AND @hi)';

export function fullSecond(date: string | null): StoreError {
  return new StoreError(
    `more than ${SLOTS} posts dated ${date === null || date === '' ? 'nothing' : date} in one second: the search index cannot order them`,
  );
}

/** Gives a post a key in the second of `date`; returns it (the post's search row must move to it). */
export function assignKey(db: Database.Database, pk: number | bigint, date: string | null): number {
  const [lo, hi] = secondRange(secondOf(date));
  const key = db
    .prepare(`UPDATE posts SET dkey = ${NEXT_KEY_SQL} WHERE pk = @pk RETURNING dkey`)
    .pluck()
    .get({ lo, hi, pk }) as number | null;
  if (key === null) throw fullSecond(date);
  return key;
}
