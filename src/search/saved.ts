// What a saved search may be: a name usable in URLs and on the command line, and a query that parses.
import type { SavedSearch } from '../model/saved-search.js';
import { UserError } from '../util/errors.js';
import { parseQuery, QuerySyntaxError } from './parse.js';
import type { QueryNode } from './query.js';

/** Lower-case letters, digits, '-' and '_', starting with a letter or digit; at most 64 characters. */
export const SAVED_SEARCH_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The longest query kept (as the search box). */
export const SAVED_QUERY_MAX = 500;

/** @throws UserError naming what a search name may hold. */
export function checkSavedSearchName(name: string): string {
  if (!SAVED_SEARCH_NAME.test(name))
    throw new UserError(
      `${JSON.stringify(name.slice(0, 80))} is not a search name: use 1–64 lower-case letters, digits, "-" or "_" (like brics-summit)`,
    );
  return name;
}

/**
 * The parsed query of a saved search. A query that does not parse is the user's to fix: the error names the search
 * and where (column) it went wrong.
 */
export function parseSavedQuery(name: string, query: string): QueryNode {
  try {
    return parseQuery(query);
  } catch (e) {
    if (e instanceof QuerySyntaxError)
      throw new UserError(`search ${name}: ${e.message} in ${JSON.stringify(query)}`, { cause: e });
    throw e;
  }
}

/** A saved search made from what the user typed, checked: a good name, a query that parses, not too long. */
export function savedSearchOf(name: string, query: string, createdAt: string): SavedSearch {
  const n = checkSavedSearchName(name.trim());
  const q = query.trim();
  if (q.length > SAVED_QUERY_MAX)
    throw new UserError(`search ${n}: the query is ${q.length} characters long, ${SAVED_QUERY_MAX} at most`);
  parseSavedQuery(n, q);
  return { name: n, query: q, createdAt };
}
