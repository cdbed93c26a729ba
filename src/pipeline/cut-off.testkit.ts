// What an import killed part-way (kill -9) leaves in an archive, for the tests of its take-back.
import { hostname } from 'node:os';
import { emptyChannel, emptyPost } from '../model/post.js';
import type { Store } from '../store/store.js';

/** A pid no process has (above Linux's pid_max): the owner of an import whose process is gone. */
export const GONE_PID = 2147483646;

/**
 * Records an import of `file` by a process that is gone, with `posts` posts of a channel it made committed:
 * what `kill -9` leaves after some batches. Returns the batch id.
 */
export async function leaveCutOffImport(
  store: Store,
  options: { file: string; channel: string; posts: number },
): Promise<number> {
  const batch = await store.startImportBatch({
    file: options.file,
    format: 'export-json',
    startedAt: '2024-05-01T00:00:00.000Z',
    owner: `${hostname()}:${GONE_PID}`,
  });
  await store.upsertChannel({ ...emptyChannel(options.channel), title: 'Big Channel' });
  await store.progressImportBatch(batch, { channels: [options.channel], created: [options.channel] });
  const posts = Array.from({ length: options.posts }, (_, i) => ({
    ...emptyPost(options.channel, i + 1, 'export-json'),
    date: `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
    text: `half-imported post ${i + 1} about the harbour`,
  }));
  await store.noteImportPosts(batch, posts);
  await store.savePosts(posts);
  return batch;
}
