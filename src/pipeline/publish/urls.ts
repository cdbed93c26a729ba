// Where an exported post links to: the channel rows decide, whatever source last wrote the post.
import type { Channel, Post } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import { defaultPostUrl } from '../../feeds/jsonl.js';
import { postLinks, postUrl } from '../../feeds/links.js';

/**
 * t.me for the posts of channels with a username (an export merged onto a collected channel keeps its links); a post
 * read from t.me is linked even without a channel row.
 */
export function channelPostUrls(
  channels: readonly Pick<Channel, 'key' | 'username'>[],
): (post: Post) => string | null {
  const links = postLinks(channels);
  return (post) => postUrl(post, links) ?? defaultPostUrl(post);
}

/** channelPostUrls of the archive's channels. */
export async function archivePostUrls(
  store: Pick<Store, 'listChannels'>,
): Promise<(post: Post) => string | null> {
  return channelPostUrls(await store.listChannels());
}
