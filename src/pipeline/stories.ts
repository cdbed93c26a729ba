// Story grouping over the archive: one linear StoryIndex pass in time order, then the assignments saved.
import { StoryIndex } from '../dedup/stories.js';
import type { Store, StoryMember } from '../store/store.js';

export interface StoriesResult {
  posts: number;
  stories: number;
  /** Stories with more than one post. */
  grouped: number;
}

/**
 * Regroups every post. Linear in the archive (the index keeps only a time window of candidates), so it runs
 * after each import and sync pass; for a very large archive `tgwire stories --rebuild` does the same on demand.
 */
export async function rebuildStories(
  store: Store,
  onProgress?: (done: number, total: number) => void,
): Promise<StoriesResult> {
  const total = await store.countPosts({});
  const index = new StoryIndex();
  let done = 0;
  for await (const p of store.iteratePosts({ order: 'asc' })) {
    if (p.service) continue;
    index.add(p);
    if (++done % 5000 === 0) onProgress?.(done, total);
  }
  const { stories, members } = index.result();
  const rows: StoryMember[] = members.map((m) => ({
    channel: m.channel,
    id: m.id,
    storyId: m.storyId,
    reason: m.reason,
  }));
  await store.transaction(async () => {
    for (let i = 0; i < rows.length; i += 2000) await store.setStories(rows.slice(i, i + 2000));
  });
  onProgress?.(total, total);
  return {
    posts: done,
    stories: stories.length,
    grouped: stories.filter((s) => s.members.length > 1).length,
  };
}
