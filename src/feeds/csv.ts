// Renders posts as CSV for researchers' tools (pandas, R, spreadsheets): one row per post, RFC 4180 quoting.
import { stringify } from 'csv-stringify/sync';
import type { Post, Reaction, ServiceAction } from '../model/post.js';
import { postKey } from '../model/post.js';
import { forwardOrigin } from '../model/origin.js';
import { storyWhy, type StoryMember } from '../model/story.js';
import { postUrls, postMentions, urlDomains } from '../text/refs.js';
import { postHashtags } from '../text/tags.js';
import { defaultPostUrl } from './jsonl.js';

/*
 * The columns, in this order (names and order are part of the format):
 *   channel, channel_title, id, url (the t.me link when the channel has a username), date, edit_date, edited,
 *   signature (the author's signature), text (line breaks kept, the cell quoted), lang (ISO 639-1, detected),
 *   topics, story (the story id: the key of its canonical post), story_reason (canonical, forward, copy,
 *   near-copy, translation, merged), story_evidence (why, in one line: "translation of a/1 (0.71): date:…"),
 *   is_forward, forward_name, forward_username, forward_post_id, forward_url, forward_signature,
 *   forward_channel_id (the origin channel's or group's numeric id, without -100), forward_user_id (the origin's
 *   numeric id when it is a user's account), forward_kind (channel, user, or name: known by its name alone, as
 *   model/origin.ts says), reply_to (the post id replied to), album_id,
 *   views, reactions_total, reactions (JSON object, emoji -> count; "custom:ID" for custom emoji, "paid" for Stars),
 *   media_kinds (one per item: "photo;photo;video"), media_files (SHA-256 of the archive's kept copies),
 *   urls, domains (lower-case, without "www."), hashtags (lower-cased, with '#'), mentions (lower-cased, with '@'),
 *   deleted, deleted_at, service (a service message's action and what it did: "pin_message: pinned post 12"),
 *   source (tme-html, tme-live, export-json, export-html, text).
 * Multi-valued cells (topics, media_kinds, media_files, urls, domains, hashtags, mentions) are ';'-separated; a ';'
 * inside a URL is written %3B. Dates are ISO 8601 UTC. Booleans are true/false. Unknown values are empty cells.
 * No source tgwire reads gives forward or reply counts, nor the origin post's date: there are no such columns.
 */
export const CSV_COLUMNS = [
  'channel',
  'channel_title',
  'id',
  'url',
  'date',
  'edit_date',
  'edited',
  'signature',
  'text',
  'lang',
  'topics',
  'story',
  'story_reason',
  'story_evidence',
  'is_forward',
  'forward_name',
  'forward_username',
  'forward_post_id',
  'forward_url',
  'forward_signature',
  'forward_channel_id',
  'forward_user_id',
  'forward_kind',
  'reply_to',
  'album_id',
  'views',
  'reactions_total',
  'reactions',
  'media_kinds',
  'media_files',
  'urls',
  'domains',
  'hashtags',
  'mentions',
  'deleted',
  'deleted_at',
  'service',
  'source',
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** How many posts share one look-up of their story memberships when streaming. */
const BATCH = 500;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark: Excel otherwise reads the file as the system's ANSI code page. */
  bom?: boolean;
  /**
   * Prefix cells starting with = + - @ (and tab/CR) with a quote so spreadsheets show them instead of running them
   * as formulas ("CSV injection", OWASP's rule); it changes the cell text, so it is off here and on in `tgwire
   * export` (which has --no-formula-guard).
   */
  escapeFormulas?: boolean;
  /** @default defaultPostUrl (see jsonl.ts) */
  urlFor?: (post: Post) => string | null;
  /** A channel's title (the channel row's), or null when unknown. @default none */
  channelTitle?: (channel: string) => string | null;
}

export interface CsvStreamOptions extends CsvOptions {
  /** The story memberships of the posts named `channel/id` (Store.storyMembersOf): reasons and evidence. */
  storyMembersOf?: (keys: string[]) => Promise<StoryMember[]>;
}

/** The header line (with the BOM when asked: write it once, first). */
export function csvHeader(options: CsvOptions = {}): string {
  return (options.bom ? '\uFEFF' : '') + stringify([[...CSV_COLUMNS]], { record_delimiter: 'unix' });
}

const cell = (v: string | number | boolean | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

/** Values joined for one cell (only URLs may hold a ';': the caller writes it %3B). */
const list = (values: readonly string[]): string => values.join(';');

function reactionKey(r: Reaction): string {
  if (r.paid) return 'paid';
  if (r.customEmojiId) return `custom:${r.customEmojiId}`;
  return r.emoji ?? '?';
}

/** Reactions as {"👍": 3, "custom:5368…": 1}; empty when the post has none. */
function reactionsJson(reactions: readonly Reaction[]): string {
  if (reactions.length === 0) return '';
  const counts: Record<string, number> = {};
  for (const r of reactions) counts[reactionKey(r)] = (counts[reactionKey(r)] ?? 0) + r.count;
  return JSON.stringify(counts);
}

/** What a service action did, when the source gave no text for it. */
function serviceDescription(s: ServiceAction): string {
  const who = s.actor ? `${s.actor} ` : '';
  const title = s.title ? ` "${s.title}"` : '';
  const members = s.members?.filter(Boolean).join(', ');
  switch (s.action) {
    case 'pin_message':
      return `${who}pinned ${s.messageId !== undefined ? `post ${s.messageId}` : 'a post'}`;
    case 'create_channel':
    case 'create_group':
      return `${who}created${title}`;
    case 'edit_group_title':
      return `${who}changed the title${s.title ? ` to "${s.title}"` : ''}`;
    case 'invite_members':
      return `${who}added ${members || 'members'}`;
    case 'remove_members':
      return `${who}removed ${members || 'members'}`;
    case 'join_group_by_link':
      return `${who}joined by link${s.inviter ? ` from ${s.inviter}` : ''}`;
    case 'other':
      return 'a service message the source did not name';
    default:
      return `${s.action.replace(/_/g, ' ')}${title}${s.actor ? ` by ${s.actor}` : ''}`;
  }
}

/** "action: what happened" ("pin_message: pinned post 12"); the source's own text when it gave one. */
export function serviceSummary(s: ServiceAction): string {
  let what = s.text?.trim() || serviceDescription(s);
  // Sources' texts say "pinned a message" without saying which one.
  if (s.action === 'pin_message' && s.messageId !== undefined && !what.includes(String(s.messageId)))
    what += ` (post ${s.messageId})`;
  return `${s.action}: ${what}`;
}

function forwardUrl(f: NonNullable<Post['forwardedFrom']>): string | null {
  return f.username && f.postId !== null
    ? `https://t.me/${encodeURIComponent(f.username)}/${f.postId}`
    : null;
}

/** One post's cells by column; `member` is its story membership when looked up (reason and evidence). */
export function postCsvRecord(
  post: Post,
  options: CsvOptions = {},
  member?: Pick<StoryMember, 'reason' | 'evidence'> | null,
): Record<CsvColumn, string> {
  const f = post.forwardedFrom;
  const urls = postUrls(post);
  return {
    channel: post.channel,
    channel_title: cell(options.channelTitle?.(post.channel)),
    id: cell(post.id),
    url: cell((options.urlFor ?? defaultPostUrl)(post)),
    date: cell(post.date),
    edit_date: cell(post.editDate),
    edited: cell(post.edited),
    signature: cell(post.author),
    text: post.text,
    lang: cell(post.lang),
    topics: list(post.topics ?? []),
    story: cell(post.story),
    story_reason: post.story && member ? String(member.reason) : '',
    story_evidence: post.story && member?.evidence ? storyWhy(member) : '',
    is_forward: cell(f !== null),
    forward_name: cell(f?.name),
    forward_username: cell(f?.username),
    forward_post_id: cell(f?.postId),
    forward_url: cell(f && forwardUrl(f)),
    forward_signature: cell(f?.author),
    // A user's id number may also be a channel's: each has its own column.
    forward_channel_id: cell(f?.fromUser ? null : f?.numericId),
    forward_user_id: cell(f?.fromUser ? f.numericId : null),
    forward_kind: cell(f && forwardOrigin(f).kind),
    reply_to: cell(post.replyTo),
    album_id: cell(post.groupId),
    views: cell(post.views),
    reactions_total: post.reactions.length ? String(post.reactions.reduce((n, r) => n + r.count, 0)) : '',
    reactions: reactionsJson(post.reactions),
    media_kinds: list(post.media.map((m) => m.type)),
    media_files: list(post.media.flatMap((m) => (m.copy ? [m.copy.sha256] : []))),
    urls: list(urls.map((u) => u.replace(/;/g, '%3B'))),
    domains: list(urlDomains(urls)),
    hashtags: list(postHashtags(post).map((t) => `#${t}`)),
    mentions: list(postMentions(post)),
    deleted: cell(post.deleted ?? false),
    deleted_at: cell(post.deletedAt),
    service: post.service ? serviceSummary(post.service) : '',
    source: post.source,
  };
}

/** The cells of one post in CSV_COLUMNS order. */
export function postCsvCells(
  post: Post,
  options: CsvOptions = {},
  member?: Pick<StoryMember, 'reason' | 'evidence'> | null,
): string[] {
  const r = postCsvRecord(post, options, member);
  return CSV_COLUMNS.map((c) => r[c]);
}

function stringifyRows(rows: string[][], options: CsvOptions): string {
  return stringify(rows, { record_delimiter: 'unix', escape_formulas: options.escapeFormulas ?? false });
}

/** One post as one CSV record (text with commas, quotes and line breaks is quoted), with its line break. */
export function postToCsvRow(
  post: Post,
  options: CsvOptions = {},
  member?: Pick<StoryMember, 'reason' | 'evidence'> | null,
): string {
  return stringifyRows([postCsvCells(post, options, member)], options);
}

/** A whole file in memory, for small sets; story reasons need the streaming form (csvChunks). */
export function renderCsv(posts: Iterable<Post>, options: CsvOptions = {}): string {
  let out = csvHeader(options);
  for (const p of posts) out += postToCsvRow(p, options);
  return out;
}

/**
 * The header, then the rows of `posts` in batches: each batch's story memberships are looked up at once (one
 * storyMembersOf call per BATCH posts, never one per post), so memory stays bounded however large the archive.
 */
export async function* csvChunks(
  posts: AsyncIterable<Post>,
  options: CsvStreamOptions = {},
): AsyncGenerator<string> {
  yield csvHeader(options);
  let batch: Post[] = [];
  const flush = async (): Promise<string> => {
    const keys = batch.filter((p) => p.story).map(postKey);
    const members = new Map<string, StoryMember>();
    if (keys.length && options.storyMembersOf)
      for (const m of await options.storyMembersOf(keys)) members.set(postKey(m), m);
    const out = stringifyRows(
      batch.map((p) => postCsvCells(p, options, members.get(postKey(p)))),
      options,
    );
    batch = [];
    return out;
  };
  for await (const p of posts) {
    batch.push(p);
    if (batch.length >= BATCH) yield await flush();
  }
  if (batch.length) yield await flush();
}
