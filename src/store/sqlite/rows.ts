// Post <-> posts row: JSON columns, derived columns (hashtags, forward origin, has_media).
import type { Post } from '../../model/post.js';
import { hashtagsOf, rowToPost, type PostRow } from '../shared.js';

export { rowToPost, type PostRow };

/** The columns every post read selects (topics and story come along so a Post is complete). */
export const POST_COLUMNS = `p.channel, p.id, p.date, p.edited, p.edit_date, p.author, p.text, p.entities,
  p.forwarded_from, p.reply_to, p.group_id, p.media, p.views, p.forwards, p.replies, p.reactions, p.service, p.source, p.lang,
  p.deleted_at, p.restored_at, p.restored_from, p.sort_date,
  (SELECT json_group_array(topic) FROM (SELECT topic FROM post_topics t
     WHERE t.channel = p.channel AND t.id = p.id ORDER BY topic)) AS topics,
  (SELECT story_id FROM stories s WHERE s.channel = p.channel AND s.id = p.id) AS story`;

/** Parameters of the insert/update statements, in column order (see store.ts). */
export function postParams(p: Post): Record<string, unknown> {
  const f = p.forwardedFrom;
  return {
    channel: p.channel,
    id: p.id,
    date: p.date,
    edited: p.edited ? 1 : 0,
    edit_date: p.editDate,
    author: p.author,
    text: p.text,
    entities: JSON.stringify(p.entities),
    forwarded_from: f ? JSON.stringify(f) : null,
    fwd_username: f?.username ? f.username.toLowerCase() : null,
    fwd_name: f?.name ?? null,
    fwd_post_id: f?.postId ?? null,
    reply_to: p.replyTo,
    group_id: p.groupId,
    media: JSON.stringify(p.media),
    has_media: p.media.length > 0 ? 1 : 0,
    views: p.views,
    forwards: p.forwards ?? null,
    replies: p.replies ?? null,
    reactions: JSON.stringify(p.reactions),
    service: p.service ? JSON.stringify(p.service) : null,
    source: p.source,
    lang: p.lang ?? null,
    hashtags: hashtagsOf(p).join(' '),
  };
}
