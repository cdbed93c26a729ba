// Newest-first feed pages with keyset cursors on the post date (offset cursors for undated posts).
import type { Post } from '../model/post.js';
import type { PostFilter, Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

/**
 * `older`: posts at or before `at`, skipping the `skip` already shown at exactly `at`; `newer`: the mirror image.
 * `offset`: plain position in the newest-first list, used where posts carry no date (text dumps).
 */
export type Cursor = { dir: 'older' | 'newer'; at: string; skip: number } | { offset: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.offset === 'number' && Number.isInteger(v.offset) && v.offset >= 0)
      return { offset: v.offset };
    if (
      (v.dir === 'older' || v.dir === 'newer') &&
      typeof v.at === 'string' &&
      !Number.isNaN(Date.parse(v.at)) &&
      typeof v.skip === 'number' &&
      Number.isInteger(v.skip) &&
      v.skip >= 0
    )
      return { dir: v.dir, at: new Date(v.at).toISOString(), skip: v.skip };
  } catch {
    // fall through to the error
  }
  throw new UserError('invalid page cursor: follow the "older" and "newer" links instead of editing them');
}

export interface Page {
  /** Newest first. */
  posts: Post[];
  older: string | null;
  /** null on the newest page; "" means "the first page" (no cursor). */
  newer: string | null;
}

/** How many posts at the edge of the page share its edge date (carried so ties are never skipped or repeated). */
function tieCount(posts: Post[], at: string, prev: { at: string; skip: number } | null): number {
  const n = posts.filter((p) => p.date && new Date(p.date).toISOString() === at).length;
  return prev && prev.at === at ? prev.skip + n : n;
}

export async function fetchPage(
  store: Store,
  filter: PostFilter,
  cursor: Cursor | null,
  limit: number,
): Promise<Page> {
  if (cursor && 'offset' in cursor) {
    const rows = await store.queryPosts({
      ...filter,
      order: 'desc',
      offset: cursor.offset,
      limit: limit + 1,
    });
    const posts = rows.slice(0, limit);
    return {
      posts,
      older: rows.length > limit ? encodeCursor({ offset: cursor.offset + limit }) : null,
      newer:
        cursor.offset === 0
          ? null
          : cursor.offset - limit <= 0
            ? ''
            : encodeCursor({ offset: cursor.offset - limit }),
    };
  }
  let posts: Post[];
  let more: boolean;
  let atTop: boolean;
  if (cursor?.dir === 'newer') {
    const rows = await store.queryPosts({
      ...filter,
      since: cursor.at,
      order: 'asc',
      offset: cursor.skip,
      limit: limit + 1,
    });
    atTop = rows.length <= limit;
    posts = rows.slice(0, limit).reverse();
    more = true;
  } else {
    const until = cursor ? new Date(Date.parse(cursor.at) + 1).toISOString() : undefined;
    const rows = await store.queryPosts({
      ...filter,
      ...(until ? { until } : {}),
      order: 'desc',
      offset: cursor?.skip ?? 0,
      limit: limit + 1,
    });
    more = rows.length > limit;
    posts = rows.slice(0, limit);
    atTop = !cursor;
  }
  const first = posts[0];
  const last = posts.at(-1);
  const prev = cursor && 'dir' in cursor ? cursor : null;
  let older: string | null = null;
  if (last?.date) {
    const at = new Date(last.date).toISOString();
    const sameEdge = prev?.dir === 'older' ? prev : null;
    if (more) older = encodeCursor({ dir: 'older', at, skip: tieCount(posts, at, sameEdge) });
    else older = await undatedTail(store, filter);
  } else if (last && !cursor) {
    // The newest page already reached undated posts: everything from here on pages by position.
    older = more ? encodeCursor({ offset: limit }) : null;
  }
  let newer: string | null = null;
  if (!atTop && first?.date) {
    const at = new Date(first.date).toISOString();
    const sameEdge = prev?.dir === 'newer' ? prev : null;
    newer = encodeCursor({ dir: 'newer', at, skip: tieCount(posts, at, sameEdge) });
  } else if (!atTop) newer = '';
  return { posts, older, newer };
}

/** After the last dated post, undated ones (sorted last when newest first) are reached by position. */
async function undatedTail(store: Store, filter: PostFilter): Promise<string | null> {
  if (filter.since !== undefined || filter.until !== undefined) return null;
  const [all, dated] = await Promise.all([
    store.countPosts(filter),
    store.countPosts({ ...filter, since: '0001-01-01' }),
  ]);
  return all > dated ? encodeCursor({ offset: dated }) : null;
}
