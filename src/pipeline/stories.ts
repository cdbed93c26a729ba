// Story grouping over the archive: new posts join or start stories as they are stored (assignStories); a full
// rebuild (rebuildStories) only on request. Both learn each channel's boilerplate from its own posts and apply
// readers' corrections.
import { ProfileLearner } from '../dedup/profile.js';
import { StoryIndex, storyIdOf } from '../dedup/stories.js';
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { StoryCorrection } from '../model/story.js';
import type { Store } from '../store/store.js';
import { AssignPass, writeMembers } from './assign-pass.js';
import { ChannelProfiles } from './channel-profiles.js';
import type { AssignResult } from './assign-pass.js';

/** Posts without a story are read this many at a time, in time order (assignStories). */
const ASSIGN_CHUNK = 20_000;
/**
 * A pass holds every post it grouped or seeded (keys, stories, evidence, and the window's features): once it holds
 * this many it writes what it grouped and the next chunks start a new pass, which reads the stored posts of its
 * first window again. At 20,000 posts a day a pass groups about 60,000 after the first; an archive so dense that one
 * window holds this many (the generated bench archive: 144,000 posts a day) starts a pass per chunk, as grouping did
 * before passes. One pass over that archive went past 4 GB; one of 200,000 new posts there reached 3.5 GB.
 */
const PASS_POSTS = 100_000;

export interface StoriesResult {
  posts: number;
  stories: number;
  /** Stories with more than one post. */
  grouped: number;
}

async function correctionsOf(store: Store): Promise<StoryCorrection[]> {
  return store.listStoryCorrections();
}

/**
 * Regroups every post: one pass to learn what each channel repeats, one pass in time order to group. Linear in
 * the archive (the index keeps only a time window of candidates); `tgwire stories --rebuild`.
 */
export async function rebuildStories(
  store: Store,
  onProgress?: (done: number, total: number) => void,
): Promise<StoriesResult> {
  const total = await store.countPosts({});
  // Two passes over the archive, never all of it in memory: what each channel repeats, then the grouping.
  const learner = new ProfileLearner();
  for await (const p of store.iteratePosts({ order: 'asc' }))
    if (!p.service && p.text) learner.add(p.channel, p.text);
  const index = new StoryIndex({
    profiles: (channel) => learner.profile(channel),
    corrections: await correctionsOf(store),
  });
  let done = 0;
  // Each stored story by a post of it, its canonical post when it has one (whose key gives the story's id): the
  // story that post is in after the rebuild is the one links to the old id lead to.
  const before = new Map<string, { key: string; canonical: boolean }>();
  // iteratePosts' order is storyOrder's (date, channel, id; undated last by channel and id).
  for await (const p of store.iteratePosts({ order: 'asc' })) {
    if (p.service) continue;
    index.add(p);
    if (p.story) {
      const key = postKey(p);
      const canonical = storyIdOf(key) === p.story;
      if (canonical || !before.has(p.story)) before.set(p.story, { key, canonical });
    }
    if (++done % 5000 === 0) onProgress?.(done, total);
  }
  const { stories, members } = index.result();
  await writeMembers(store, members);
  const live = new Set(stories.map((s) => s.id));
  const renamed: [string, string][] = [];
  for (const [was, { key }] of before) {
    const now = index.storyOf(key);
    if (now !== null && now !== was && !live.has(was)) renamed.push([was, now]);
  }
  await store.addStoryAliases(renamed);
  onProgress?.(total, total);
  return {
    posts: done,
    stories: stories.length,
    grouped: stories.filter((s) => s.members.length > 1).length,
  };
}

/**
 * Gives the posts that have no story yet (new since the last grouping) their story: each is compared with the
 * posts of its time window as a rebuild would, joining a story or starting one. Posts already grouped keep their
 * story, reason and evidence, unless a new post is the origin their forwards were waiting for.
 *
 * The posts without a story are read `chunk` at a time in time order (bounded memory for an archive of a million
 * of them: an import --no-stories, a copy), into one StoryIndex for the whole pass, so each post of the windows is
 * read and compared once, however many chunks its window spans. Nothing is written until the pass ends: a later
 * post can still move an earlier one (the origin its forwards waited for gives their story a new id). A pass ends
 * with the posts, or once it holds `passPosts` (bounded memory for a backlog of millions).
 *
 * `profiles`: what each channel repeats, learned from its latest posts; passes share them, and a caller grouping
 * again and again (a collector) passes the same object to learn each channel once an hour, not at every grouping.
 */
export async function assignStories(
  store: Store,
  options: { chunk?: number; passPosts?: number; profiles?: ChannelProfiles } = {},
): Promise<AssignResult> {
  const chunk = options.chunk ?? ASSIGN_CHUNK;
  const passPosts = options.passPosts ?? PASS_POSTS;
  const profiles = options.profiles ?? new ChannelProfiles();
  const corrections = await correctionsOf(store);
  const total: AssignResult = { assigned: 0, written: 0, read: 0 };
  let pass = new AssignPass(store, corrections, profiles);
  const finish = async (): Promise<void> => {
    const r = await pass.finish();
    total.assigned += r.assigned;
    total.written += r.written;
    total.read += r.read;
  };
  let fresh: Post[] = [];
  // The iteration pages by key: the stories a finished pass writes between its pages do not disturb it.
  for await (const p of store.iteratePosts({ storyless: true, order: 'asc' })) {
    if (p.service) continue;
    fresh.push(p);
    if (fresh.length < chunk) continue;
    await pass.add(fresh);
    fresh = [];
    if (pass.size >= passPosts) {
      await finish();
      pass = new AssignPass(store, corrections, profiles);
    }
  }
  if (fresh.length > 0) await pass.add(fresh);
  await finish();
  return total;
}
