// The comments of a channel post: the posts of its channel's discussion group replying to it (collected through
// the account with `channels add --comments`), the same on every backend.
import type { Post } from '../model/post.js';
import type { Store } from './store.js';

/** At most this many comments per post are read: a thread of tens of thousands stays cheap to show or export. */
export const MAX_COMMENTS = 1000;

/** The post's comments, oldest first (newest last); none when its channel has no discussion group collected. */
export async function commentsOf(store: Store, channel: string, id: number): Promise<Post[]> {
  const group = (await store.getSyncState(channel))?.discussion;
  return group ? store.getReplies(group, id, MAX_COMMENTS) : [];
}
