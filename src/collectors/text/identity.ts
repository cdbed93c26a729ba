// Which post of a text dump is which: a dump carries no message ids, so a post is known by what it says.
import { createHash } from 'node:crypto';
import { storedText } from '../../model/limits.js';
import type { Post } from '../../model/post.js';

/*
 * A post of a text dump is identified by its content (the forward's name, the media labels, the text, and the date
 * and author when the dump has them, as Desktop copies do) and by its rank among the posts of the same content in
 * its file (the second "Forwarded from X / photo" without text is another post than the first). So a second dump
 * into the same channel adds its posts, a dump imported again matches every post it stored, and a dump that shares
 * posts with an earlier one adds only the new ones. What content cannot tell apart stays one post: the same text
 * said twice in two dumps counts once (a post edited between two dumps counts as a new post).
 *
 * Ids: a post already stored keeps its id; a new one takes the next number of its channel's sequence, in file order
 * (the text export and the story grouping of undated posts follow id order, so a dump reads back as it was
 * written). The sequence is the archive's own (the highest id the channel holds), not a hash: hashed ids would lose
 * the order and gain nothing, since a stored post is found by its content anyway. In a channel that holds only text
 * dumps the sequence counts from 1, so a first dump is 1..N exactly as before (archives imported before this keep
 * their ids, and a dump imported again keeps them too). In a channel that also holds posts from Telegram (t.me
 * pages, exports), new text posts count from TEXT_ID_BASE, above every Telegram message id (signed 32-bit), so they
 * never take the id of a real post that a sync would later bring; a text-only channel that is followed later keeps
 * its low ids (documented limit: import dumps into their own channel when the channel is followed).
 */

/** First id of text-dump posts in a channel that also holds Telegram's posts: above any Telegram message id. */
export const TEXT_ID_BASE = 2 ** 31;

/** What the archive already holds of a channel, for giving a dump's posts their ids. */
export interface DumpIdentity {
  /** Stored posts by identity key (dumpKeys). */
  known: ReadonlyMap<string, number>;
  /** The id of the first new post. */
  nextId: number;
}

/** A fresh channel: ids 1..N in file order. */
export const FRESH_CHANNEL: DumpIdentity = { known: new Map(), nextId: 1 };

type Identified = Pick<Post, 'text' | 'forwardedFrom' | 'media' | 'date' | 'author'>;

/** The content of a post that identifies it (hashed: a key stays short whatever the post's length). */
export function contentHash(p: Identified): string {
  const labels = p.media.filter((m) => !m.supported && m.label).map((m) => m.label);
  // The text as the archive keeps it: a post over the size limit is stored cut, and must be known again by that.
  const parts = [p.date, p.author, p.forwardedFrom?.name ?? null, labels, storedText(p.text).text];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** Identity keys of posts in their order: the content, and the rank among earlier posts of the same content. */
export function dumpKeys(posts: readonly Identified[]): string[] {
  const seen = new Map<string, number>();
  return posts.map((p) => {
    const h = contentHash(p);
    const rank = (seen.get(h) ?? 0) + 1;
    seen.set(h, rank);
    return `${h}#${rank}`;
  });
}

/**
 * What a channel's stored posts say about the ids of a dump's posts: its text-dump posts by key (ranked in id order,
 * the order they were read in), and where the sequence goes on (see the comment above).
 */
export async function storedIdentity(
  channelPosts: AsyncIterable<Post> | Iterable<Post>,
): Promise<DumpIdentity> {
  const text: Post[] = [];
  let maxId = 0;
  let telegram = false;
  for await (const p of channelPosts) {
    maxId = Math.max(maxId, p.id);
    if (p.source === 'text') text.push(p);
    else telegram = true;
  }
  text.sort((a, b) => a.id - b.id);
  const keys = dumpKeys(text);
  const known = new Map<string, number>();
  text.forEach((p, i) => known.set(keys[i]!, p.id));
  return { known, nextId: (telegram ? Math.max(maxId, TEXT_ID_BASE) : maxId) + 1 };
}

/** Gives posts read from one dump (in file order) their ids: a stored one's, or the next of the sequence. */
export function assignDumpIds(posts: Post[], identity: DumpIdentity): void {
  let next = identity.nextId;
  const keys = dumpKeys(posts);
  posts.forEach((p, i) => {
    p.id = identity.known.get(keys[i]!) ?? next++;
  });
}
