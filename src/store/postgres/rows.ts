// Post <-> posts row for PostgreSQL: JSON text columns, derived columns (hashtags, forward origin, search).
import type { Post } from '../../model/post.js';
// The hashtag rule is SQLite's own, so both backends count and search the same tags.
import { hashtagsOf, rowToPost, type PostRow } from '../shared.js';

export { rowToPost, type PostRow };
import { tsConfigFor } from './text.js';

const BASE_COLUMNS = `p.channel, p.id, p.date, p.edited, p.edit_date, p.author, p.text, p.entities,
  p.forwarded_from, p.reply_to, p.group_id, p.media, p.views, p.forwards, p.replies, p.reactions, p.service, p.source, p.lang,
  p.deleted_at, p.restored_at, p.restored_from, p.sort_date`;

/** The columns a merge needs (no topics or story: they are not written by savePosts). */
export const MERGE_COLUMNS = `${BASE_COLUMNS}, p.text_seen_at, p.hashtags, p.ts_config`;

/** The columns every post read selects (topics and story come along so a Post is complete). */
export const POST_COLUMNS = `${BASE_COLUMNS},
  ARRAY(SELECT t.topic FROM post_topics t WHERE t.channel = p.channel AND t.id = p.id ORDER BY t.topic) AS topics,
  (SELECT s.story_id FROM stories s WHERE s.channel = p.channel AND s.id = p.id) AS story`;

/** A written column and its PostgreSQL type (for unnest over one array per column). */
export const WRITE_COLUMNS = [
  ['channel', 'text'],
  ['id', 'bigint'],
  ['date', 'text'],
  ['edited', 'boolean'],
  ['edit_date', 'text'],
  ['author', 'text'],
  ['text', 'text'],
  ['entities', 'text'],
  ['forwarded_from', 'text'],
  ['fwd_username', 'text'],
  ['fwd_name', 'text'],
  ['fwd_name_lc', 'text'],
  ['fwd_post_id', 'bigint'],
  ['reply_to', 'bigint'],
  ['group_id', 'text'],
  ['media', 'text'],
  ['has_media', 'boolean'],
  ['views', 'bigint'],
  ['forwards', 'bigint'],
  ['replies', 'bigint'],
  ['reactions', 'text'],
  ['service', 'text'],
  ['source', 'text'],
  ['lang', 'text'],
  ['hashtags', 'text'],
  ['ts_config', 'text'],
] as const;

export type WriteColumn = (typeof WRITE_COLUMNS)[number][0];
export type PostParams = Record<WriteColumn, unknown>;

/** Column values of a post, in WRITE_COLUMNS order. */
export function postParams(p: Post): PostParams {
  const f = p.forwardedFrom;
  return {
    channel: p.channel,
    id: p.id,
    date: p.date,
    edited: p.edited,
    edit_date: p.editDate,
    author: p.author,
    text: p.text,
    entities: JSON.stringify(p.entities),
    forwarded_from: f ? JSON.stringify(f) : null,
    fwd_username: f?.username ? f.username.toLowerCase() : null,
    fwd_name: f?.name ?? null,
    fwd_name_lc: f?.name ? f.name.toLowerCase() : null,
    fwd_post_id: f?.postId ?? null,
    reply_to: p.replyTo,
    group_id: p.groupId,
    media: JSON.stringify(p.media),
    has_media: p.media.length > 0,
    views: p.views,
    forwards: p.forwards ?? null,
    replies: p.replies ?? null,
    reactions: JSON.stringify(p.reactions),
    service: p.service ? JSON.stringify(p.service) : null,
    source: p.source,
    lang: p.lang ?? null,
    hashtags: hashtagsOf(p).join(' '),
    ts_config: tsConfigFor(p.lang),
  };
}

/** The search columns' inputs: tsvector texts built in JS ('' for an empty one). */
