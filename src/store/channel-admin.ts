// Renaming, merging and deleting channels, the same on every backend: the steps here, the SQL in each backend's
// channels.ts (the primitives below).
import type { StoryEvidence } from '../model/story.js';
import type { Post } from '../model/post.js';
import { storyIdOf } from '../dedup/stories.js';
import { UserError } from '../util/errors.js';
import type { ChannelDeleteResult, ChannelMoveResult, Store } from './store.js';
import type { PostVersion } from '../model/version.js';

/** What removing posts took with it. */
export interface RemovedPosts {
  posts: number;
  versions: number;
  /** Memberships dropped because their story lost a post (the removed posts' own are not counted). */
  ungrouped: number;
  corrections: number;
}

/** The backend half of channel admin; each call is atomic and joins the caller's transaction. */
export interface AdminBackend {
  /** The channel has a row, posts or a follow. */
  channelExists(key: string): Promise<boolean>;
  /** Ids of the posts both channels hold. */
  sharedIds(a: string, b: string): Promise<number[]>;
  /**
   * Gives every post of `from` (none of whose ids `to` holds) and everything keyed by the channel the key `to`:
   * history, topics, search rows, stories (ids from the canonical key: storyIds), corrections, outbox, import
   * records, sync state, follow, and the channel row (merged into `to`'s when both exist). Returns the posts moved.
   */
  moveChannel(from: string, to: string): Promise<number>;
  /**
   * Removes the channel's posts (those ids, or all) and what refers to them; ungroups the stories they were in.
   * `keepCorrections`: the readers' corrections naming them stay.
   */
  removePosts(channel: string, ids: number[] | 'all', keepCorrections?: boolean): Promise<RemovedPosts>;
  /** Adds texts before the post's oldest version, in the order given (oldest first). */
  prependVersions(channel: string, id: number, versions: PostVersion[]): Promise<void>;
  /** Removes the channel's row, sync state and follow; true when it was followed. */
  removeChannelState(key: string): Promise<boolean>;
}

/** Story ids of the moved posts that were their story's canonical post, old id -> new id. */
export function storyIds(
  from: string,
  to: string,
  members: { id: number; storyId: string }[],
): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const m of members)
    if (storyIdOf(`${from}/${m.id}`) === m.storyId) renamed.set(m.storyId, storyIdOf(`${to}/${m.id}`));
  return renamed;
}

/** `channel/…` keys (corrections, outbox) of `from` rewritten to `to`. */
export function rekey(key: string, from: string, to: string): string {
  return key.startsWith(`${from}/`) ? `${to}${key.slice(from.length)}` : key;
}

/** Story evidence naming posts of `from` as matched, naming them under `to`; null when it names none. */
export function rekeyEvidence(evidence: StoryEvidence, from: string, to: string): StoryEvidence | null {
  if (!evidence.matched.some((k) => k.startsWith(`${from}/`))) return null;
  return { ...evidence, matched: evidence.matched.map((k) => rekey(k, from, to)) };
}

async function requireChannel(b: AdminBackend, key: string): Promise<void> {
  if (!(await b.channelExists(key)))
    throw new UserError(`no channel named ${key} in the archive (tgwire stats lists them)`);
}

export function renameChannel(
  store: Store,
  b: AdminBackend,
  from: string,
  to: string,
): Promise<ChannelMoveResult> {
  return store.transaction(async () => {
    await requireChannel(b, from);
    if (from === to) throw new UserError(`channel ${from} already has that name`);
    if (await b.channelExists(to))
      throw new UserError(
        `channel ${to} already exists: to join the two, use tgwire channels merge ${from} ${to}`,
      );
    const moved = await b.moveChannel(from, to);
    return { moved, both: 0, bothChanged: 0, versionsKept: 0, ungrouped: 0 };
  });
}

const PAGE = 500;

/** A stored post as savePosts takes it (no marks: deletion, topics and story are not the source's). */
function asIncoming(p: Post, channel: string): Post {
  const { deleted: _d, deletedAt: _da, topics: _t, story: _s, ...rest } = p;
  return { ...rest, channel };
}

export function mergeChannels(
  store: Store,
  b: AdminBackend,
  from: string,
  into: string,
): Promise<ChannelMoveResult> {
  return store.transaction(async () => {
    await requireChannel(b, from);
    if (from === into) throw new UserError(`cannot merge channel ${from} into itself`);
    if (!(await b.channelExists(into)))
      throw new UserError(
        `no channel named ${into} in the archive: to give ${from} that name, use tgwire channels rename ${from} ${into}`,
      );
    const result: ChannelMoveResult = { moved: 0, both: 0, bothChanged: 0, versionsKept: 0, ungrouped: 0 };
    const shared = await b.sharedIds(from, into);
    for (let i = 0; i < shared.length; i += PAGE) {
      const ids = shared.slice(i, i + PAGE);
      // FROM's copies, with their history, before they go.
      const copies: { post: Post; versions: PostVersion[] }[] = [];
      for (const id of ids) {
        const post = await store.getPost(from, id);
        if (post) copies.push({ post, versions: await store.getVersions(from, id) });
      }
      // Their corrections stay, to be moved to INTO with the rest of the channel's (moveChannel).
      result.ungrouped += (await b.removePosts(from, ids, true)).ungrouped;
      for (const { post, versions } of copies) {
        const before = await store.getVersions(into, post.id);
        // Merged as an import of FROM's copy would be: missing fields filled, a different text kept as a version.
        const saved = await store.savePosts([asIncoming(post, into)], {
          seenAt: versions.at(-1)?.seenAt,
        });
        const known = new Set((await store.getVersions(into, post.id)).map((v) => v.text));
        const earlier = versions.slice(0, -1).filter((v) => !known.has(v.text));
        if (earlier.length) await b.prependVersions(into, post.id, earlier);
        const after = (await store.getVersions(into, post.id)).length;
        result.both++;
        result.versionsKept += after - before.length;
        if (saved.updated > 0 || earlier.length > 0) result.bothChanged++;
      }
    }
    result.moved = await b.moveChannel(from, into);
    return result;
  });
}

export function deleteChannel(store: Store, b: AdminBackend, key: string): Promise<ChannelDeleteResult> {
  return store.transaction(async () => {
    await requireChannel(b, key);
    const removed = await b.removePosts(key, 'all');
    const followed = await b.removeChannelState(key);
    return {
      posts: removed.posts,
      versions: removed.versions,
      ungrouped: removed.ungrouped,
      corrections: removed.corrections,
      followed,
    };
  });
}
