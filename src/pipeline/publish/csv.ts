// The archive (or a slice) as CSV, streamed: channel titles and t.me links from the channel rows, story reasons
// looked up per batch of posts.
import type { Post } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import { csvChunks, type CsvOptions } from '../../feeds/csv.js';
import { channelPostUrls } from './urls.js';

/**
 * The CSV of `posts` (read from `store`, in the order given): the header, then rows in chunks. Reads the channel
 * list once; the rest is one storyMembersOf call per batch of rows.
 */
export async function* archiveCsv(
  store: Store,
  posts: AsyncIterable<Post>,
  options: Pick<CsvOptions, 'bom' | 'escapeFormulas'> = {},
): AsyncGenerator<string> {
  const channels = await store.listChannels();
  const urlFor = channelPostUrls(channels);
  const titles = new Map(channels.flatMap((c) => (c.title ? [[c.key, c.title] as const] : [])));
  yield* csvChunks(posts, {
    ...options,
    urlFor,
    channelTitle: (key) => titles.get(key) ?? null,
    storyMembersOf: (keys) => store.storyMembersOf(keys),
  });
}
