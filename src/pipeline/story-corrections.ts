// Readers' corrections of stories (split a post out, merge two stories) applied to the stored assignment.
import { storyIdOf } from '../dedup/stories.js';
import { parsePostKey } from '../model/post.js';
import type { StoredStoryCorrection, StoryCorrection, StoryEvidence } from '../model/story.js';
import type { StoryMember } from '../model/story.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

export interface CorrectionsResult {
  /** Corrections that changed or confirmed the assignment. */
  applied: number;
  /** Corrections naming a post no longer in the archive, with the post; kept, since a re-import may bring it back. */
  skipped: { correction: StoredStoryCorrection; missing: string }[];
}

/** Why a name given by a user is not a post of the archive, in one line. */
export type PostLookup =
  | { found: true; key: string }
  | { found: false; problem: 'not-a-post' | 'no-channel' | 'no-post'; message: string };

/**
 * The archive's post named `channel/id` (an @ before the channel allowed; a channel key in another case found too),
 * or why there is none.
 */
export async function findPost(store: Store, input: string): Promise<PostLookup> {
  const ref = parsePostKey(input);
  const shown = input.trim().slice(0, 100);
  if (!ref)
    return {
      found: false,
      problem: 'not-a-post',
      message: `"${shown}" is not a post: write CHANNEL/ID, e.g. mfa_russia/123`,
    };
  const channels = [...new Set([ref.channel, ref.channel.toLowerCase()])];
  for (const channel of channels)
    if (await store.getPost(channel, ref.id)) return { found: true, key: `${channel}/${ref.id}` };
  for (const channel of channels)
    if ((await store.getChannel(channel)) || (await store.countPosts({ channel })) > 0)
      return { found: false, problem: 'no-post', message: `no post ${channel}/${ref.id} in the archive` };
  return { found: false, problem: 'no-channel', message: `no channel "${ref.channel}" in the archive` };
}

/** What correctStory did: the correction kept, and the story the post is in afterwards. */
export interface Corrected {
  id: number;
  /** As stored (its createdAt may be later than asked, to order it after the corrections it overrides). */
  correction: StoryCorrection;
  /** The story of `post` (split) or of `into` (merge) once the corrections are applied. */
  storyId: string;
  result: CorrectionsResult;
}

/** A merge of two posts already in one story, refused (nothing is kept). */
export class AlreadyOneStoryError extends UserError {
  override name = 'AlreadyOneStoryError';
}

/** A split of a post alone in its story, refused: there is nothing to tell it apart from (nothing is kept). */
export class AloneInStoryError extends UserError {
  override name = 'AloneInStoryError';
}

/**
 * Keeps a correction of posts already checked with findPost, then applies every correction. A split records the
 * posts of the story the post leaves (`from`), which it is never grouped with again.
 */
export async function correctStory(store: Store, correction: StoryCorrection): Promise<Corrected> {
  if (correction.kind === 'split' && correction.from === undefined) {
    const m = await memberOf(store, correction.post);
    const from = (await store.getStoryMembers(m.storyId)).map(keyOf).filter((k) => k !== correction.post);
    if (from.length === 0)
      throw new AloneInStoryError(
        `${correction.post} is alone in its story (${m.storyId}): nothing to split it from`,
      );
    // Split again (from the copies it took in since): still apart from what it was split from before.
    const before = (await store.listStoryCorrections()).find(
      (k) => k.kind === 'split' && k.post === correction.post,
    );
    const earlier = before?.kind === 'split' ? (before.from ?? []) : [];
    correction = { ...correction, from: [...new Set([...earlier, ...from])] };
  }
  if (correction.kind === 'merge') {
    // A merge of one story with itself would be kept and run on every regrouping while changing nothing.
    const from = await memberOf(store, correction.post);
    const target = await memberOf(store, correction.into);
    if (from.storyId === target.storyId)
      throw new AlreadyOneStoryError(
        `${correction.post} and ${correction.into} are already in one story (${target.storyId}): nothing to merge`,
      );
  }
  const id = await store.addStoryCorrection(correction);
  const result = await applyStoryCorrections(store);
  const key = correction.kind === 'merge' ? correction.into : correction.post;
  const [m] = await store.storyMembersOf([key]);
  const stored = (await store.listStoryCorrections()).find((k) => k.id === id);
  const { id: _id, ...kept } = stored ?? { id, ...correction };
  return { id, correction: kept, storyId: m?.storyId ?? storyIdOf(key), result };
}

/** The evidence of a post moved by a reader's merge. */
export function mergedEvidence(into: string): StoryEvidence {
  return { matched: [into], score: 1, items: ['merged by a reader'] };
}

/**
 * Applies every kept correction, oldest first (listStoryCorrections' order), to the stories as stored, so a later correction wins over an
 * earlier one about the same post. Idempotent: applying them twice changes nothing the second time.
 *
 * split: the post gets a story of its own (reason canonical, no evidence), when it shares its story with one of the
 * posts it was split from (`from`; any other post for a split made before `from` was recorded). When it was the
 * canonical post of a story of several, the story's id followed it, so the others take the id of the oldest of
 * them, which becomes their canonical post. A split post that took in its own copies since keeps them.
 * merge: every member of the post's story moves into the story of `into` (reason merged).
 */
export async function applyStoryCorrections(store: Store): Promise<CorrectionsResult> {
  const result: CorrectionsResult = { applied: 0, skipped: [] };
  const corrections = await store.listStoryCorrections();
  await store.transaction(async () => {
    for (const c of corrections) {
      const named = c.kind === 'merge' ? [c.post, c.into] : [c.post];
      const missing = await firstMissing(store, named);
      if (missing) {
        result.skipped.push({ correction: c, missing });
        continue;
      }
      if (c.kind === 'split') await split(store, c.post, c.from);
      else await merge(store, c.post, c.into);
      result.applied++;
    }
  });
  return result;
}

async function firstMissing(store: Store, keys: string[]): Promise<string | null> {
  for (const key of keys) {
    const ref = parsePostKey(key);
    if (!ref || !(await store.getPost(ref.channel, ref.id))) return key;
  }
  return null;
}

/** The post's stored story membership; a post without one is a story of its own. */
async function memberOf(store: Store, key: string): Promise<StoryMember> {
  const [m] = await store.storyMembersOf([key]);
  if (m) return m;
  const ref = parsePostKey(key)!;
  return { ...ref, storyId: storyIdOf(key), reason: 'canonical', evidence: null };
}

const keyOf = (m: Pick<StoryMember, 'channel' | 'id'>) => `${m.channel}/${m.id}`;

async function split(store: Store, post: string, from: readonly string[] | undefined): Promise<void> {
  const own = storyIdOf(post);
  const m = await memberOf(store, post);
  const others = (await store.getStoryMembers(m.storyId)).filter((o) => keyOf(o) !== post);
  if (from) {
    const apart = new Set(from);
    if (!others.some((o) => apart.has(keyOf(o)))) return;
  }
  const rows: StoryMember[] = [{ ...parsePostKey(post)!, storyId: own, reason: 'canonical', evidence: null }];
  if (m.storyId === own && others.length > 0) {
    // getStoryMembers lists the oldest first.
    const head = keyOf(others[0]!);
    const id = storyIdOf(head);
    for (const o of others)
      rows.push(
        keyOf(o) === head
          ? { ...o, storyId: id, reason: 'canonical', evidence: null }
          : { ...o, storyId: id },
      );
  }
  await store.setStories(rows);
}

async function merge(store: Store, post: string, into: string): Promise<void> {
  const from = await memberOf(store, post);
  const target = await memberOf(store, into);
  if (from.storyId === target.storyId) {
    // Already one story; a post without a stored story still gets its row.
    if ((await store.storyMembersOf([into])).length === 0) await store.setStories([target]);
    return;
  }
  const moving = await store.getStoryMembers(from.storyId);
  if (moving.length === 0) moving.push(from);
  // Only the story's canonical post joins by the reader's word; the others keep why they joined it (a forward stays
  // a forward of it), as a rebuild applying the same correction says.
  const rows: StoryMember[] = moving.map((m) =>
    m.reason === 'canonical'
      ? {
          channel: m.channel,
          id: m.id,
          storyId: target.storyId,
          reason: 'merged',
          evidence: mergedEvidence(into),
        }
      : { ...m, storyId: target.storyId },
  );
  if ((await store.storyMembersOf([into])).length === 0) rows.push(target);
  await store.setStories(rows);
}
