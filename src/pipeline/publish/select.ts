// Which archived posts a publication route or a digest covers, oldest first.
import type { Post } from '../../model/post.js';
import type { PostFilter, Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import { resolveQueryNames } from '../names.js';

/** 'search': a query written in the route; 'saved': the name of a saved search (its query read at each pass). */
export type SelectorKind = 'topic' | 'channel' | 'search' | 'saved';

export interface Selector {
  kind: SelectorKind;
  value: string;
}

export interface SelectOptions {
  since?: string;
  until?: string;
  /** Deleted posts are included (the publisher needs them to delete its copies). @default true */
  includeDeleted?: boolean;
}

const SEARCH_PAGE = 500;

/** The posts a selector covers, oldest first (date, then channel, then id; undated posts in id order). */
export async function* selectPosts(
  store: Store,
  selector: Selector,
  options: SelectOptions = {},
): AsyncIterable<Post> {
  const filter: PostFilter = {
    since: options.since,
    until: options.until,
    includeDeleted: options.includeDeleted ?? true,
  };
  if (selector.kind === 'topic') {
    yield* store.iteratePosts({ ...filter, topic: selector.value, order: 'asc' });
  } else if (selector.kind === 'channel') {
    yield* store.iteratePosts({ ...filter, channel: selector.value.toLowerCase(), order: 'asc' });
  } else {
    let query = selector.value;
    if (selector.kind === 'saved') {
      // Read at every pass: a changed query applies from the next pass on.
      const saved = await store.getSavedSearch(selector.value);
      if (!saved)
        throw new UserError(
          `no saved search named ${selector.value} (tgwire searches add ${selector.value} 'QUERY')`,
        );
      query = saved.query;
    }
    // A topic: in another case runs as the archive names it; one gone since is the error, not an empty route.
    query = await resolveQueryNames(store, query);
    // Search answers newest first in pages; a route's search is small enough to gather and turn around.
    const hits: Post[] = [];
    for (let offset = 0; ; offset += SEARCH_PAGE) {
      const r = await store.search(query, { ...filter, sort: 'date', limit: SEARCH_PAGE, offset });
      hits.push(...r.hits.map((h) => h.post));
      if (r.hits.length < SEARCH_PAGE) break;
    }
    yield* hits.reverse();
  }
}

/** Keeps the first post (in the given order) of each story; posts without a story are kept. */
export function firstOfEachStory(posts: readonly Post[]): Post[] {
  const seen = new Set<string>();
  return posts.filter((p) => {
    if (!p.story) return true;
    if (seen.has(p.story)) return false;
    seen.add(p.story);
    return true;
  });
}
