// Whether one post matches a parsed query, in memory, with the same words and stems the stores' search uses.
import type { Post } from '../model/post.js';
import type { QueryNode } from './query.js';

/** True when the post (with its topics) would be found by a search for `node`. */
export function matchesQuery(node: QueryNode, post: Post, topics: readonly string[] = []): boolean {
  void node;
  void post;
  void topics;
  throw new Error('matchesQuery: not built yet');
}
