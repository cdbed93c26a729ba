// The bounds on work per post and per request, in one place; README "Limits" lists them for users.
import type { Entity, Post } from './post.js';

/*
 * Telegram itself keeps a message to 4,096 UTF-16 units (a caption to 1,024) and about 100 entities, so no real post
 * comes near these bounds: they exist so that one damaged or hostile file, page or row cannot make an import take
 * gigabytes, a page take minutes to render, or a response carry megabytes.
 */

/** Longest post text stored, in UTF-16 units, mark included; longer text is stored cut, ending in the mark. */
export const MAX_POST_CHARS = 100_000;
/** Entities stored per post (those of the kept text, in source order); the rest are dropped. */
export const MAX_POST_ENTITIES = 10_000;
/** Formatting tags open at once when rendering HTML; an entity starting deeper renders as plain text. */
export const MAX_ENTITY_NESTING = 16;
/** Longest URL (or link, mention, tag or email text) rendered as a link; longer ones render as plain text. */
export const MAX_URL_CHARS = 2048;
/** Text of one post in a list (feed pages, /api/posts, /api/search hits); the post's own page shows it all. */
export const LIST_POST_CHARS = 5_000;
/** Entities of one post in a list. */
export const LIST_POST_ENTITIES = 500;
/** Characters of a post's text a search snippet looks through for the query's words. */
export const SNIPPET_SCAN_CHARS = 20_000;

const count = (n: number) => n.toLocaleString('en-US');

/** How a post cut at import ends: says that, and how much was left out, in the text every reader sees. */
export function truncationMark(omitted: number): string {
  return `\n\n[… text cut by tgwire: ${count(omitted)} more characters not stored]`;
}

/** The index to cut at so the cut never splits a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** Entities inside the first `length` units (those crossing it shortened), at most `max` of them, in order. */
export function clipEntities(entities: readonly Entity[], length: number, max: number): Entity[] {
  const out: Entity[] = [];
  for (const e of entities) {
    if (out.length >= max) break;
    if (!(e.offset < length) || !(e.length > 0)) continue;
    out.push(e.offset + e.length > length ? { ...e, length: length - e.offset } : e);
  }
  return out;
}

export interface LimitedPost {
  post: Post;
  /** What was cut, for the import's notices; null when the post is within the limits. */
  notice: string | null;
}

/**
 * The post as it may be stored: text over MAX_POST_CHARS cut and marked (the result, mark included, is within the
 * limit, so storing it again changes nothing), entities past the kept text or over MAX_POST_ENTITIES dropped.
 */
/**
 * A text as it may be stored: within MAX_POST_CHARS as it is, else cut and marked (`kept`: the units of the original
 * kept). What identifies a post by its content (text dumps) hashes this, so a post cut once is known again.
 */
export function storedText(text: string): { text: string; kept: number } {
  if (text.length <= MAX_POST_CHARS) return { text, kept: text.length };
  // The mark's length depends on the number it shows: shrink the kept part until text and mark fit together.
  let keep = MAX_POST_CHARS;
  for (;;) {
    const k = safeCut(text, MAX_POST_CHARS - truncationMark(text.length - keep).length);
    if (k >= keep) break;
    keep = k;
  }
  return { text: text.slice(0, keep) + truncationMark(text.length - keep), kept: keep };
}

export function limitPost(post: Post): LimitedPost {
  const tooLong = post.text.length > MAX_POST_CHARS;
  if (!tooLong && post.entities.length <= MAX_POST_ENTITIES) return { post, notice: null };
  let text = post.text;
  let kept = text.length;
  const said: string[] = [];
  if (tooLong) {
    ({ text, kept } = storedText(post.text));
    const keep = kept;
    said.push(
      `text of ${count(post.text.length)} characters stored cut to ${count(keep)} with a mark (limit ${count(MAX_POST_CHARS)})`,
    );
  }
  const entities = clipEntities(post.entities, kept, MAX_POST_ENTITIES);
  const dropped = post.entities.length - entities.length;
  if (dropped > 0)
    said.push(
      `${count(dropped)} of ${count(post.entities.length)} entities dropped (limit ${count(MAX_POST_ENTITIES)} per post)`,
    );
  return {
    post: { ...post, text, entities },
    notice: said.length ? `post ${post.id}: ${said.join('; ')}` : null,
  };
}

/**
 * The post as a list shows it: text past LIST_POST_CHARS and entities past LIST_POST_ENTITIES left out (the post's
 * own page and /api/posts/CHANNEL/ID carry it whole); `omitted` counts the characters left out.
 */
export function listPost(post: Post): { post: Post; omitted: number } {
  if (post.text.length <= LIST_POST_CHARS && post.entities.length <= LIST_POST_ENTITIES)
    return { post, omitted: 0 };
  const keep = safeCut(post.text, LIST_POST_CHARS);
  const entities = clipEntities(post.entities, keep, LIST_POST_ENTITIES);
  return { post: { ...post, text: post.text.slice(0, keep), entities }, omitted: post.text.length - keep };
}

/** After SIGTERM or SIGINT: requests in flight get this long to finish before their connections are closed. */
export const REQUEST_DRAIN_MS = 1_000;
/** After SIGTERM or SIGINT: the process ends this long after the signal, whatever is still running. */
export const SHUTDOWN_GRACE_MS = 5_000;
