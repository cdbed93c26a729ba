// Story grouping over the archive: new posts join or start stories as they are stored (assignStories); a full
// rebuild (rebuildStories) only on request. Both learn each channel's boilerplate from its own posts and apply
// readers' corrections.
import { ProfileLearner } from '../dedup/profile.js';
import { learnProfiles, StoryIndex, storyIdOf, storyOrder } from '../dedup/stories.js';
import type { StoryInput } from '../dedup/stories.js';
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { StoryCorrection, StoryMember } from '../model/story.js';
import type { Store } from '../store/store.js';

export interface StoriesResult {
  posts: number;
  stories: number;
  /** Stories with more than one post. */
  grouped: number;
}

export interface AssignResult {
  /** Posts that had no story and now have one. */
  assigned: number;
  /** Story assignments written (new posts, plus members of stories whose canonical post changed). */
  written: number;
  /** Posts read to give the new ones their context (the time window around them). */
  read: number;
}

/** Posts compared with a new one are at most this many days older or one day newer (StoryIndex's window). */
const WINDOW_DAYS = 2;
/** A channel's boilerplate is learned from its latest posts. */
const PROFILE_POSTS = 500;
const DAY_MS = 86_400_000;
const WRITE_BATCH = 2000;
/**
 * Posts without a story are grouped this many at a time, in time order: an archive of a million of them (an
 * import --no-stories, a copy) is grouped in bounded memory instead of holding them all and their windows at once.
 */
const ASSIGN_CHUNK = 20_000;

async function correctionsOf(store: Store): Promise<StoryCorrection[]> {
  return store.listStoryCorrections();
}

async function write(store: Store, rows: StoryMember[]): Promise<void> {
  await store.transaction(async () => {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) await store.setStories(rows.slice(i, i + WRITE_BATCH));
  });
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
  // iteratePosts' order is storyOrder's (date, channel, id; undated last by channel and id).
  for await (const p of store.iteratePosts({ order: 'asc' })) {
    if (p.service) continue;
    index.add(p);
    if (++done % 5000 === 0) onProgress?.(done, total);
  }
  const { stories, members } = index.result();
  await write(store, members);
  onProgress?.(total, total);
  return {
    posts: done,
    stories: stories.length,
    grouped: stories.filter((s) => s.members.length > 1).length,
  };
}

/** What grouping needs of a post (a rebuild holds every post at once; media and history are not needed). */
function slim(p: Post): StoryInput {
  return { ...p, media: [], entities: [] };
}

/**
 * Gives the posts that have no story yet (new since the last grouping) their story: each is compared with the
 * posts of its time window as a rebuild would, joining a story or starting one. Posts already grouped keep their
 * story, reason and evidence, unless a new post is the origin their forwards were waiting for.
 */
export async function assignStories(store: Store, options: { chunk?: number } = {}): Promise<AssignResult> {
  const chunk = options.chunk ?? ASSIGN_CHUNK;
  const total: AssignResult = { assigned: 0, written: 0, read: 0 };
  let fresh: Post[] = [];
  const flush = async (): Promise<void> => {
    const r = await assignChunk(store, fresh);
    total.assigned += r.assigned;
    total.written += r.written;
    total.read += r.read;
    fresh = [];
  };
  // The iteration pages by key, so the stories written between its pages do not disturb it.
  for await (const p of store.iteratePosts({ storyless: true, order: 'asc' })) {
    if (p.service) continue;
    fresh.push(p);
    if (fresh.length >= chunk) await flush();
  }
  if (fresh.length > 0) await flush();
  return total;
}

/**
 * assignStories for some of the posts without a story, the oldest first. Storyless posts after them are left out
 * of their context: they get their story with the next chunk, where these are stored ones (were they grouped here,
 * the iteration would hand them in again as posts without a story, read before this chunk was written).
 */
async function assignChunk(store: Store, fresh: Post[]): Promise<AssignResult> {
  if (fresh.length === 0) return { assigned: 0, written: 0, read: 0 };
  const own = new Set(fresh.map(postKey));
  const context = new Map<string, StoryInput>();
  const take = (p: Post): void => {
    if (!p.service && (p.story || own.has(postKey(p)))) context.set(postKey(p), slim(p));
  };
  // Dated posts: the windows around them, merged where they overlap (an export of five years reads five years).
  for (const [since, until] of windows(fresh.filter((p) => p.date).map((p) => Date.parse(p.date!)))) {
    for await (const p of store.iteratePosts({ since, until, order: 'asc' })) take(p);
  }
  // Undated posts (text dumps) are compared by position within their channel: read those channels.
  for (const ch of new Set(fresh.filter((p) => !p.date).map((p) => p.channel))) {
    for await (const p of store.iteratePosts({ channel: ch, order: 'asc' })) if (!p.date) take(p);
  }
  for (const p of fresh) take(p);

  const learnFrom: StoryInput[] = [];
  for (const ch of new Set([...context.values()].map((p) => p.channel))) {
    for await (const p of store.iteratePosts({ channel: ch, order: 'desc', limit: PROFILE_POSTS }))
      learnFrom.push(slim(p));
  }
  const index = new StoryIndex({
    profiles: learnProfiles(learnFrom),
    corrections: await correctionsOf(store),
  });
  for (const p of [...context.values()].sort(storyOrder)) {
    if (p.story) {
      // A post's story id is its canonical post's: the canonical post is the one whose own key gives it.
      const canonical = storyIdOf(postKey(p)) === p.story;
      index.seed(p, { storyId: p.story, reason: canonical ? 'canonical' : 'copy' });
    } else index.add(p);
  }
  // A story whose canonical post changed has a new id: all its members move, keeping what they were stored with.
  const changed = index.changed();
  const moved = new Map<string, StoryMember>();
  for (const [was] of index.renamedStories())
    for (const m of await store.getStoryMembers(was)) moved.set(`${m.channel}/${m.id}`, m);
  const rows: StoryMember[] = [];
  for (const { member, known } of changed) {
    const key = `${member.channel}/${member.id}`;
    const stored = moved.get(key);
    moved.delete(key);
    rows.push(known || !stored ? member : { ...stored, storyId: member.storyId });
  }
  const renamed = index.renamedStories();
  for (const m of moved.values()) rows.push({ ...m, storyId: renamed.get(m.storyId) ?? m.storyId });
  await write(store, rows);
  return { assigned: fresh.length, written: rows.length, read: context.size };
}

/** Day windows [since, until) around the given times, merged where they overlap. */
function windows(times: number[]): [string, string][] {
  const sorted = [...times].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const t of sorted) {
    const day = Math.floor(t / DAY_MS) * DAY_MS;
    const from = day - WINDOW_DAYS * DAY_MS;
    const to = day + 2 * DAY_MS;
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()]);
}
