// The one normalised Post every source is adapted to, and the Channel it belongs to.
import type { MediaCopy, MediaSkip } from './media.js';

/** Entity kinds as Telegram names them; offsets and lengths count UTF-16 code units, as Telegram does. */
export type EntityType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'code'
  | 'pre'
  | 'blockquote'
  | 'link'
  | 'text_link'
  | 'mention'
  | 'mention_name'
  | 'hashtag'
  | 'cashtag'
  | 'bot_command'
  | 'email'
  | 'phone'
  | 'bank_card'
  | 'custom_emoji';

export interface Entity {
  type: EntityType;
  /** UTF-16 code units from the start of `Post.text`. */
  offset: number;
  /** UTF-16 code units. */
  length: number;
  /** text_link target; for link/mention the href when the source gave one. */
  url?: string;
  /** pre: the code language ("" or absent when none). */
  language?: string;
  /** custom_emoji: Telegram's document id (or the export's file path). */
  customEmojiId?: string;
  /** blockquote: collapsed (expandable) quote. */
  collapsed?: boolean;
}

export type MediaType =
  | 'photo'
  | 'video'
  | 'gif'
  | 'round_video'
  | 'voice'
  | 'audio'
  | 'document'
  | 'sticker'
  | 'poll'
  | 'location'
  | 'contact'
  | 'link_preview'
  | 'other';

export interface PollOption {
  text: string;
  /** Share of votes in percent, as the web preview shows it. */
  percent?: number;
  voters?: number;
  chosen?: boolean;
}

export interface Poll {
  question: string;
  /** "Anonymous Poll", "Anonymous Quiz", … as shown. */
  kind?: string;
  multiple?: boolean;
  closed?: boolean;
  totalVoters?: number;
  options: PollOption[];
}

export interface LinkPreview {
  url: string;
  site?: string;
  title?: string;
  description?: string;
  imageUrl?: string;
}

export interface Media {
  type: MediaType;
  /** Where the file can be fetched or viewed (CDN URL, export path, or the t.me post link). */
  url?: string;
  thumbUrl?: string;
  /** False when the source could not show this item (the web preview's placeholder, an export without files). */
  supported: boolean;
  /** The label the source showed instead of the item ("This media is not supported in your browser", …). */
  label?: string;
  width?: number;
  height?: number;
  /** Seconds. */
  duration?: number;
  fileName?: string;
  /** Bytes (exact from exports, approximate from "689 KB" on t.me). */
  fileSize?: number;
  mimeType?: string;
  title?: string;
  performer?: string;
  /** Sticker emoji. */
  emoji?: string;
  poll?: Poll;
  location?: { lat: number; lon: number };
  contact?: { name: string; phone?: string };
  preview?: LinkPreview;
  /** Album member: its own post id when it differs from the post carrying the album. */
  memberId?: number;
  /** The archive's copy of the file itself (photo, video, voice, document …). */
  copy?: MediaCopy;
  /** The archive's copy of the source's thumbnail (a video's poster, a document's preview). */
  thumbCopy?: MediaCopy;
  /** Why the file has no copy (over a cap, not in the export, …); absent when it has one or was never tried. */
  skipped?: MediaSkip;
}

export interface ForwardedFrom {
  /** Origin title as shown ("Russian MFA 🇷🇺"). */
  name: string;
  /** Origin username (lower-cased) when a link gives it. */
  username: string | null;
  /** Origin post id when a link gives it. */
  postId: number | null;
  /** Origin post's author signature. */
  author: string | null;
  /** Origin chat's numeric id when the source gives it (Desktop exports' forwarded_from_id), without -100. */
  numericId?: number;
  /** The origin is a user's account, not a channel or group (its numericId is a user id); absent: not a user or unknown. */
  fromUser?: true;
  /** When the origin post was published (ISO), when the source gives it (MTProto forward headers). */
  date?: string;
}

export interface Reaction {
  emoji?: string;
  customEmojiId?: string;
  /** Paid (Telegram Stars) reaction. */
  paid?: boolean;
  count: number;
}

export interface ServiceAction {
  /** create_channel, pin_message, edit_group_photo, join_group_by_link, … (snake_case, as in exports). */
  action: string;
  /** The text the source showed ("Channel created"). */
  text?: string;
  title?: string;
  actor?: string;
  messageId?: number;
  members?: string[];
  /** join_group_by_link: who made the invite link (Desktop exports' `inviter`). */
  inviter?: string;
}

/** 'mtproto': read live through a Telegram account (collectors/mtproto). */
export type SourceKind = 'tme-html' | 'export-json' | 'export-html' | 'text' | 'tme-live' | 'mtproto';

export interface Post {
  /** Channel key: lower-cased username, or the name given at import. */
  channel: string;
  id: number;
  /** ISO 8601 UTC ("2024-09-09T12:00:00.000Z"); null when unknown (text dumps). */
  date: string | null;
  edited: boolean;
  editDate: string | null;
  /** Author signature. */
  author: string | null;
  /** Text exactly as a reader sees it; never a placeholder label. */
  text: string;
  entities: Entity[];
  forwardedFrom: ForwardedFrom | null;
  replyTo: number | null;
  /** Album grouping id (the same for every member of one album). */
  groupId: string | null;
  media: Media[];
  views: number | null;
  /** Times forwarded, when the source says (MTProto); absent when unknown. */
  forwards?: number;
  /** Replies, or comments in the linked discussion group, when the source says (MTProto); absent when unknown. */
  replies?: number;
  reactions: Reaction[];
  service: ServiceAction | null;
  source: SourceKind;
  /** Detected language (ISO 639-1), set by the pipeline. */
  lang?: string | null;
  /** Set by the store when a post is known deleted at its source. */
  deleted?: boolean;
  /** When the store marked it deleted (ISO); set on read only for deleted posts. */
  deletedAt?: string;
  /**
   * Its history's note that it came back: a post marked deleted (`deletedAt`) and seen again at its source since
   * (`at`, the last such time; ISO). Set on read only for a post that came back.
   */
  restored?: { deletedAt: string; at: string };
  /** Names of the topics the post matches (set by the store on read). */
  topics?: string[];
  /** The story the post belongs to (set by the store on read). */
  story?: string | null;
  /**
   * Set by the text-dump reader only when the file's layout is not the default (LF, final line break, no BOM), so
   * rendering the posts back reproduces the file byte for byte. Not stored; other sources never set it.
   */
  textLayout?: TextLayout;
}

/** How a plain-text dump wrote a post (see Post.textLayout). */
export interface TextLayout {
  /** The file's line break when it was CRLF (set on every post of that file). */
  eol?: '\r\n';
  /** The file started with a byte-order mark (set on its first post). */
  bom?: true;
  /** The file did not end with a line break (set on its last post). */
  noFinalNewline?: true;
}

export interface Channel {
  /** Channel key: lower-cased username, or the name given at import. */
  key: string;
  username: string | null;
  /** Telegram's internal id without the -100 prefix (exports' `id`, t.me's data-view `c`). */
  numericId: number | null;
  title: string | null;
  description: string | null;
  subscribers: number | null;
  avatarUrl: string | null;
  /** public_channel, private_group, … when an export says so. */
  kind: string | null;
  /**
   * Languages pinned by the user (ISO 639-1, `tgwire channels set --lang`): what the channel writes in, as the user
   * knows it (per-post detection can be unsure on short posts). Absent when none is pinned; upsertChannel leaves it
   * as it is.
   */
  languages?: string[];
}

/** What a collector yields, in order: a channel before its posts. */
export type ImportEvent =
  | { type: 'channel'; channel: Channel }
  | { type: 'post'; post: Post }
  | { type: 'notice'; message: string; where?: string };

export function emptyChannel(key: string): Channel {
  return {
    key,
    username: null,
    numericId: null,
    title: null,
    description: null,
    subscribers: null,
    avatarUrl: null,
    kind: null,
  };
}

export function emptyPost(channel: string, id: number, source: SourceKind): Post {
  return {
    channel,
    id,
    date: null,
    edited: false,
    editDate: null,
    author: null,
    text: '',
    entities: [],
    forwardedFrom: null,
    replyTo: null,
    groupId: null,
    media: [],
    views: null,
    reactions: [],
    service: null,
    source,
  };
}

/** A sighting of the post as it is now (t.me/s read live, or the account): it can revive a post marked deleted. */
export function isLiveSource(source: SourceKind): boolean {
  return source === 'tme-live' || source === 'mtproto';
}

/** The stable identity of a post: `channel/id`. */
export function postKey(p: Pick<Post, 'channel' | 'id'>): string {
  return `${p.channel}/${p.id}`;
}

/** The post named by a key `channel/id` (as postKey writes it; a leading @ is allowed), or null. */
export function parsePostKey(key: string): { channel: string; id: number } | null {
  const m = /^@?(.+)\/(\d{1,15})$/.exec(key.trim());
  if (!m) return null;
  return { channel: m[1]!, id: Number(m[2]) };
}

/** The public link of a post; null for channels known only by a name given at import. */
export function postUrl(p: Pick<Post, 'channel' | 'id'>, base = 'https://t.me'): string {
  return `${base}/${encodeURIComponent(p.channel)}/${p.id}`;
}
