// Renders posts as JSON Lines with fixed field names and order, one post per line, for scripts and archives.
import type { Entity, Media, Post } from '../model/post.js';
import type { PostVersion } from '../model/version.js';

/*
 * Field order is part of the format: channel, id, url, date, edited, author, text, entities, forwardedFrom,
 * replyTo, groupId, media, views, reactions, service, source; then editDate, lang, topics, story, deleted, and
 * deletedAt only for a deleted post, restored (`{deletedAt, at}`) only for a post that was marked deleted and seen
 * again since; forwards and replies (and forwardedFrom's numericId and date) only when the source
 * gave them (MTProto). Absent optional values inside entities and media are left out, except media's url
 * and label, which are always there (null when unknown). Post.textLayout is a rendering hint and is not exported.
 */

const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;

/**
 * The public t.me link of a post, or null when the channel key may not be a username: only posts read from t.me
 * (tme-html, tme-live, mtproto) are known to be keyed by their username. Export and text keys are often names given at
 * import or file names ("result"), where a link would point at someone else's channel; callers that know better
 * (the channel row has a username) pass `urlFor`.
 */
export function defaultPostUrl(post: Post): string | null {
  // Channels collected through the account are keyed by their username too (channels add).
  if (post.source !== 'tme-html' && post.source !== 'tme-live' && post.source !== 'mtproto') return null;
  if (!USERNAME.test(post.channel)) return null;
  return `https://t.me/${post.channel}/${post.id}`;
}

export interface JsonOptions {
  /** @default defaultPostUrl */
  urlFor?: (post: Post) => string | null;
}

function entityJson(e: Entity): Record<string, unknown> {
  const o: Record<string, unknown> = { type: e.type, offset: e.offset, length: e.length };
  if (e.url !== undefined) o.url = e.url;
  if (e.language !== undefined) o.language = e.language;
  if (e.customEmojiId !== undefined) o.customEmojiId = e.customEmojiId;
  if (e.collapsed !== undefined) o.collapsed = e.collapsed;
  return o;
}

function mediaJson(m: Media): Record<string, unknown> {
  const { type, url, supported, label, ...rest } = m;
  const o: Record<string, unknown> = { type, url: url ?? null, supported, label: label ?? null };
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) o[k] = v;
  return o;
}

export function postToJson(post: Post, options: JsonOptions = {}): Record<string, unknown> {
  const f = post.forwardedFrom;
  const o: Record<string, unknown> = {
    channel: post.channel,
    id: post.id,
    url: (options.urlFor ?? defaultPostUrl)(post),
    date: post.date,
    edited: post.edited,
    author: post.author,
    text: post.text,
    entities: post.entities.map(entityJson),
    forwardedFrom: f ? { name: f.name, username: f.username, postId: f.postId, author: f.author } : null,
    replyTo: post.replyTo,
    groupId: post.groupId,
    media: post.media.map(mediaJson),
    views: post.views,
    reactions: post.reactions.map((r) => ({ ...r })),
    service: post.service ? { ...post.service } : null,
    source: post.source,
  };
  if (f?.numericId !== undefined) (o.forwardedFrom as Record<string, unknown>).numericId = f.numericId;
  if (f?.date !== undefined) (o.forwardedFrom as Record<string, unknown>).date = f.date;
  if (post.forwards !== undefined) o.forwards = post.forwards;
  if (post.replies !== undefined) o.replies = post.replies;
  // Always present, so consumers can rely on them: the detected language, the topics, the story.
  o.editDate = post.editDate;
  o.lang = post.lang ?? null;
  o.topics = post.topics ?? [];
  o.story = post.story ?? null;
  o.deleted = post.deleted ?? false;
  if (post.deleted && post.deletedAt) o.deletedAt = post.deletedAt;
  if (post.restored) o.restored = { deletedAt: post.restored.deletedAt, at: post.restored.at };
  return o;
}

/** One version of a post's text as `export --versions` writes it (the shape of /api/posts/:channel/:id). */
export function versionToJson(v: PostVersion): Record<string, unknown> {
  return { text: v.text, entities: v.entities.map(entityJson), editDate: v.editDate, seenAt: v.seenAt };
}

/** One post as a line of JSON, with its line break: the streaming form. */
export function jsonlLine(post: Post, options?: JsonOptions): string {
  return `${JSON.stringify(postToJson(post, options))}\n`;
}

export function renderJsonl(posts: Iterable<Post>, options?: JsonOptions): string {
  let out = '';
  for (const p of posts) out += jsonlLine(p, options);
  return out;
}
