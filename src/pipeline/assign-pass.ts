// One incremental grouping pass (assignStories): the posts without a story join or start stories, compared with
// the stored posts of their time windows, in one StoryIndex however many chunks the posts are read in.
import { StoryIndex, storyIdOf, storyOrder } from '../dedup/stories.js';
import type { StoryInput } from '../dedup/stories.js';
import type { Post } from '../model/post.js';
import { postKey } from '../model/post.js';
import type { StoryCorrection, StoryMember } from '../model/story.js';
import type { Store } from '../store/store.js';
import { ChannelProfiles } from './channel-profiles.js';

export interface AssignResult {
  /** Posts that had no story and now have one. */
  assigned: number;
  /** Story assignments written (new posts, plus members of stories whose canonical post changed). */
  written: number;
  /** Posts read to give the new ones their context (the time window around them), each once per pass. */
  read: number;
}

/** Posts compared with a new one are at most this many days older or one day newer (StoryIndex's window). */
const WINDOW_DAYS = 2;
const DAY_MS = 86_400_000;
const WRITE_BATCH = 2000;

export async function writeMembers(store: Store, rows: StoryMember[]): Promise<void> {
  await store.transaction(async () => {
    for (let i = 0; i < rows.length; i += WRITE_BATCH) await store.setStories(rows.slice(i, i + WRITE_BATCH));
  });
}

/** What grouping needs of a post (media and history are not needed). */
function slim(p: Post): StoryInput {
  return { ...p, media: [], entities: [] };
}

/**
 * Chunks of posts without a story, in time order, go in with `add`; `finish` writes what changed. Each stored post
 * of the windows is read and seeded once: a window that reaches back into what an earlier chunk read starts where
 * that read ended. A chunk's stored posts can be a day newer than the next chunk's first post; the index's window
 * keeps that day (it drops only what is older than every window still to come).
 */
export class AssignPass {
  private readonly index: StoryIndex;
  /** Dated posts before this time (ms) were read by an earlier chunk. */
  private readUntil = -Infinity;
  /** Whether the undated posts were read. */
  private undatedRead = false;
  private assigned = 0;
  private read = 0;

  /** `profiles`: what channels repeat, learned as the pass needs them (shared by passes, and by groupings). */
  constructor(
    private readonly store: Store,
    corrections: readonly StoryCorrection[],
    private readonly profiles = new ChannelProfiles(),
  ) {
    this.index = new StoryIndex({ profiles: (ch) => this.profiles.profile(ch), corrections });
  }

  /** Posts the pass holds: the ones it grouped and the stored ones it read for them. */
  get size(): number {
    return this.index.size;
  }

  async add(fresh: Post[]): Promise<void> {
    if (fresh.length === 0) return;
    const own = new Set(fresh.map(postKey));
    const context = new Map<string, StoryInput>();
    // Stored posts and this chunk's new ones; the later posts without a story come with their own chunk.
    const take = (p: Post): void => {
      const key = postKey(p);
      if (!p.service && (p.story || own.has(key)) && this.index.storyOf(key) === null)
        context.set(key, slim(p));
    };
    // Dated posts: the windows around them, merged where they overlap (an export of five years reads five years).
    for (const [since, until] of windows(fresh.filter((p) => p.date).map((p) => Date.parse(p.date!)))) {
      const from = Math.max(since, this.readUntil);
      if (from < until) {
        const range = { since: new Date(from).toISOString(), until: new Date(until).toISOString() };
        for await (const p of this.store.iteratePosts({ ...range, order: 'asc' })) take(p);
      }
      this.readUntil = Math.max(this.readUntil, until);
    }
    // Undated posts (text dumps) are compared by position within their channel, and across channels by the same
    // text or origin: read them all, once a pass. They come first in date order, so the read stops at a dated one.
    if (!this.undatedRead && fresh.some((p) => !p.date)) {
      this.undatedRead = true;
      for await (const p of this.store.iteratePosts({ order: 'asc' })) {
        if (p.date) break;
        take(p);
      }
    }
    for (const p of fresh) take(p);
    await this.profiles.learn(this.store, new Set([...context.values()].map((p) => p.channel)));
    for (const p of [...context.values()].sort(storyOrder)) {
      if (p.story) {
        // A post's story id is its canonical post's: the canonical post is the one whose own key gives it.
        const canonical = storyIdOf(postKey(p)) === p.story;
        this.index.seed(p, { storyId: p.story, reason: canonical ? 'canonical' : 'copy' });
      } else this.index.add(p);
    }
    this.assigned += fresh.length;
    this.read += context.size;
  }

  /** Writes the new posts' stories, and the stored members of stories whose id changed. */
  async finish(): Promise<AssignResult> {
    // Nothing to group writes nothing: no write lock taken while another process imports.
    if (this.assigned === 0) return { assigned: 0, written: 0, read: 0 };
    // A story whose canonical post changed has a new id: all its members move, keeping what they were stored with.
    const changed = this.index.changed();
    const renamed = this.index.renamedStories();
    const moved = new Map<string, StoryMember>();
    for (const [was] of renamed)
      for (const m of await this.store.getStoryMembers(was)) moved.set(`${m.channel}/${m.id}`, m);
    const rows: StoryMember[] = [];
    for (const { member, known } of changed) {
      const key = `${member.channel}/${member.id}`;
      const stored = moved.get(key);
      moved.delete(key);
      rows.push(known || !stored ? member : { ...stored, storyId: member.storyId });
    }
    for (const m of moved.values()) rows.push({ ...m, storyId: renamed.get(m.storyId) ?? m.storyId });
    if (rows.length > 0) await writeMembers(this.store, rows);
    await this.store.addStoryAliases([...renamed]);
    return { assigned: this.assigned, written: rows.length, read: this.read };
  }
}

/** Day windows [since, until) in ms around the given times, merged where they overlap. */
function windows(times: number[]): [number, number][] {
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
  return out;
}
