// Post <-> posts row: JSON columns, derived columns (hashtags, forward origin, has_media).
import type { Entity, Post, SourceKind } from '../../model/post.js';
import { hashtagsOf } from '../shared.js';

export { hashtagsOf };

export interface PostRow {
  channel: string;
  id: number;
  date: string | null;
  edited: number;
  edit_date: string | null;
  author: string | null;
  text: string;
  entities: string;
  forwarded_from: string | null;
  reply_to: number | null;
  group_id: string | null;
  media: string;
  views: number | null;
  reactions: string;
  service: string | null;
  source: string;
  lang: string | null;
  deleted_at: string | null;
  sort_date: string;
  topics: string | null;
  story: string | null;
}

/** The columns every post read selects (topics and story come along so a Post is complete). */
export const POST_COLUMNS = `p.channel, p.id, p.date, p.edited, p.edit_date, p.author, p.text, p.entities,
  p.forwarded_from, p.reply_to, p.group_id, p.media, p.views, p.reactions, p.service, p.source, p.lang,
  p.deleted_at, p.sort_date,
  (SELECT json_group_array(topic) FROM (SELECT topic FROM post_topics t
     WHERE t.channel = p.channel AND t.id = p.id ORDER BY topic)) AS topics,
  (SELECT story_id FROM stories s WHERE s.channel = p.channel AND s.id = p.id) AS story`;

export function rowToPost(r: PostRow): Post {
  return {
    channel: r.channel,
    id: r.id,
    date: r.date,
    edited: r.edited === 1,
    editDate: r.edit_date,
    author: r.author,
    text: r.text,
    entities: JSON.parse(r.entities) as Entity[],
    forwardedFrom: r.forwarded_from === null ? null : (JSON.parse(r.forwarded_from) as Post['forwardedFrom']),
    replyTo: r.reply_to,
    groupId: r.group_id,
    media: JSON.parse(r.media) as Post['media'],
    views: r.views,
    reactions: JSON.parse(r.reactions) as Post['reactions'],
    service: r.service === null ? null : (JSON.parse(r.service) as Post['service']),
    source: r.source as SourceKind,
    lang: r.lang,
    deleted: r.deleted_at !== null,
    topics: r.topics ? (JSON.parse(r.topics) as string[]) : [],
    story: r.story ?? null,
  };
}

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
    reactions: JSON.stringify(p.reactions),
    service: p.service ? JSON.stringify(p.service) : null,
    source: p.source,
    lang: p.lang ?? null,
    hashtags: hashtagsOf(p).join(' '),
  };
}
