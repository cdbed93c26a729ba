// Adapts one result.json message (wire shape) to the Post model; the only module knowing both shapes for JSON.
import type { Channel, ForwardedFrom, Media, Post, Reaction, ServiceAction } from '../../model/post.js';
import { emptyPost } from '../../model/post.js';
import { ParseError } from '../../util/errors.js';
import { UTC_ZONE, type TimeZone } from '../../util/time-zone.js';
import { runsToText, type TextRun } from './runs.js';
import type { WireChat, WireMessage, WireTextPart } from './json-wire.js';

/** The provisional channel key of a chat: the caller's choice, else `c<id>` (the pipeline resolves the final key). */
export function chatKey(chat: WireChat, channelKey: string | undefined): string {
  if (channelKey) return channelKey;
  return chat.id != null ? `c${chat.id}` : 'export';
}

export function adaptChat(chat: WireChat, key: string): Channel {
  return {
    key,
    // Exports carry no username; identity is resolved later from numericId or the caller's --channel.
    username: null,
    numericId: chat.id,
    title: chat.name,
    description: null,
    subscribers: null,
    avatarUrl: null,
    kind: chat.type,
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * `date_unixtime` is UTC. Without it (2020-21 exports) `date` is the wall-clock time of the PC that exported, with no
 * zone written anywhere in the file: it is read in `zone` (the user's --timezone), UTC when none was given, and the
 * reader says which (index.ts), since such dates are off by that PC's offset when the zone is wrong.
 */
export function exportDate(unix: unknown, local: unknown, zone: TimeZone = UTC_ZONE): string | null {
  const u = typeof unix === 'number' ? String(unix) : str(unix);
  if (u !== undefined && /^\d{1,12}$/.test(u)) return new Date(Number(u) * 1000).toISOString();
  const l = str(local);
  if (l !== undefined && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(l)) {
    const ms = new Date(`${l}Z`).getTime();
    if (!Number.isNaN(ms)) return new Date(zone.toUtc(ms)).toISOString();
  }
  return null;
}

/** True when the message's date is only the exporting PC's local time (no `date_unixtime`). */
export const localOnlyDate = (w: WireMessage): boolean =>
  w.date_unixtime === undefined && exportDate(undefined, w.date) !== null;

const PLACEHOLDER = /^\(File [^)]*\)$/;

/** A file field: a relative path, or the "(File not included. …)" placeholder an export writes instead. */
function fileRef(path: unknown): Pick<Media, 'url' | 'supported' | 'label'> {
  const p = str(path);
  if (p === undefined || p === '') return { supported: false, label: 'File not included' };
  if (PLACEHOLDER.test(p)) {
    return { supported: false, label: /not included/i.test(p) ? 'File not included' : p.slice(1, -1) };
  }
  return { url: p, supported: true };
}

const FILE_TYPES: Record<string, Media['type']> = {
  video_file: 'video',
  animation: 'gif',
  video_message: 'round_video',
  voice_message: 'voice',
  audio_file: 'audio',
  sticker: 'sticker',
};

function setDims(m: Media, w: WireMessage): void {
  const width = num(w.width);
  const height = num(w.height);
  if (width !== undefined) m.width = width;
  if (height !== undefined) m.height = height;
}

export function adaptMedia(w: WireMessage): Media[] {
  const media: Media[] = [];
  if (w.photo !== undefined) {
    const m: Media = { type: 'photo', ...fileRef(w.photo) };
    setDims(m, w);
    const size = num(w.photo_file_size);
    if (size !== undefined) m.fileSize = size;
    media.push(m);
  }
  if (w.file !== undefined) {
    const type = (w.media_type && FILE_TYPES[w.media_type]) || 'document';
    const m: Media = { type, ...fileRef(w.file) };
    const thumb = str(w.thumbnail);
    if (thumb && !PLACEHOLDER.test(thumb)) m.thumbUrl = thumb;
    setDims(m, w);
    const duration = num(w.duration_seconds);
    if (duration !== undefined) m.duration = duration;
    if (str(w.file_name)) m.fileName = w.file_name;
    const size = num(w.file_size);
    if (size !== undefined) m.fileSize = size;
    if (str(w.mime_type)) m.mimeType = w.mime_type;
    if (type === 'audio') {
      if (str(w.performer)) m.performer = w.performer;
      if (str(w.title)) m.title = w.title;
    }
    if (type === 'sticker' && str(w.sticker_emoji)) m.emoji = w.sticker_emoji;
    media.push(m);
  }
  if (w.poll && typeof w.poll === 'object') {
    const p = w.poll;
    const options = (Array.isArray(p.answers) ? p.answers : []).map((a) => {
      const o: { text: string; voters?: number; chosen?: boolean } = { text: str(a?.text) ?? '' };
      if (num(a?.voters) !== undefined) o.voters = a.voters;
      if (a?.chosen === true) o.chosen = true;
      return o;
    });
    const poll: NonNullable<Media['poll']> = { question: str(p.question) ?? '', options };
    if (typeof p.closed === 'boolean') poll.closed = p.closed;
    if (num(p.total_voters) !== undefined) poll.totalVoters = p.total_voters;
    media.push({ type: 'poll', supported: true, poll });
  }
  const loc = w.location_information;
  if (loc && typeof loc === 'object' && num(loc.latitude) !== undefined && num(loc.longitude) !== undefined) {
    const m: Media = {
      type: 'location',
      supported: true,
      location: { lat: loc.latitude!, lon: loc.longitude! },
    };
    if (str(w.place_name)) m.title = w.place_name;
    media.push(m);
  }
  const c = w.contact_information;
  if (c && typeof c === 'object') {
    const name = [str(c.first_name), str(c.last_name)].filter(Boolean).join(' ');
    const contact: NonNullable<Media['contact']> = { name };
    if (str(c.phone_number)) contact.phone = c.phone_number;
    media.push({ type: 'contact', supported: true, contact });
  }
  return media;
}

function toRun(part: string | WireTextPart): TextRun {
  if (typeof part === 'string') return { type: 'plain', text: part };
  const run: TextRun = { type: str(part?.type) ?? 'plain', text: str(part?.text) ?? '' };
  if (str(part.href) !== undefined) run.href = part.href;
  if (str(part.language) !== undefined) run.language = part.language;
  if (part.collapsed === true) run.collapsed = true;
  if (part.document_id !== undefined) run.documentId = String(part.document_id);
  if (part.user_id !== undefined) run.userId = part.user_id;
  return run;
}

/** New exports give text_entities; 2020 exports only `text`, whose objects are the same runs. */
export function messageRuns(w: WireMessage): TextRun[] {
  if (Array.isArray(w.text_entities)) return w.text_entities.map(toRun);
  if (typeof w.text === 'string') return [{ type: 'plain', text: w.text }];
  if (Array.isArray(w.text)) return w.text.map(toRun);
  return [];
}

function adaptReactions(w: WireMessage): Reaction[] {
  if (!Array.isArray(w.reactions)) return [];
  const out: Reaction[] = [];
  for (const r of w.reactions) {
    if (!r || typeof r !== 'object') continue;
    const reaction: Reaction = { count: num(r.count) ?? 0 };
    if (r.type === 'paid') reaction.paid = true;
    if (str(r.emoji)) reaction.emoji = r.emoji;
    if (r.document_id !== undefined) reaction.customEmojiId = String(r.document_id);
    out.push(reaction);
  }
  return out;
}

function adaptService(w: WireMessage): ServiceAction {
  const s: ServiceAction = { action: str(w.action) ?? 'unknown' };
  if (str(w.title)) s.title = w.title;
  if (str(w.actor)) s.actor = w.actor!;
  if (num(w.message_id) !== undefined) s.messageId = w.message_id;
  if (Array.isArray(w.members)) s.members = w.members.map((m) => (typeof m === 'string' ? m : ''));
  if (str(w.inviter)) s.inviter = w.inviter;
  return s;
}

/** The numeric id in "channel2447843635" / "user123" (newer exports) or a bare number (2020 exports). */
export function peerNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  const m = typeof v === 'string' ? /^(?:channel|user|chat|group)?(\d{1,19})$/.exec(v) : null;
  return m ? Number(m[1]) : undefined;
}

const isChannelKind = (kind: string | null) => kind === null || kind.endsWith('_channel');

/**
 * Wire message -> Post; `zone` reads the local times of an export without Unix times (exportDate). Throws ParseError
 * when the message has no usable id (its identity) or a damaged Unix time.
 */
export function adaptMessage(
  w: WireMessage,
  chat: WireChat,
  key: string,
  where: string,
  zone: TimeZone = UTC_ZONE,
): Post {
  if (typeof w.id !== 'number' || !Number.isSafeInteger(w.id)) {
    throw new ParseError(
      `a message without a numeric "id" (got ${String(JSON.stringify(w.id)).slice(0, 60)})`,
      where,
    );
  }
  const post = emptyPost(key, w.id, 'export-json');
  // Telegram writes a Unix time here, always: anything else is a damaged file, and falling back to "date" (a local
  // time) would shift the post by hours without a word.
  for (const field of ['date_unixtime', 'edited_unixtime'] as const) {
    const v: unknown = w[field];
    if (v !== undefined && exportDate(v, undefined) === null)
      throw new ParseError(
        `"${field}" is not a Unix time (got ${String(JSON.stringify(v)).slice(0, 60)})`,
        where,
      );
  }
  post.date = exportDate(w.date_unixtime, w.date, zone);
  if (w.edited !== undefined || w.edited_unixtime !== undefined) {
    post.edited = true;
    post.editDate = exportDate(w.edited_unixtime, w.edited, zone);
  }
  // In channels `from` is the channel title; the post author is the signature. In groups the sender is the author.
  post.author = str(w.author) ?? (isChannelKind(chat.type) ? null : (str(w.from) ?? null));
  if (w.forwarded_from !== undefined) {
    const fwd: ForwardedFrom = {
      name: str(w.forwarded_from) ?? '',
      username: null,
      postId: null,
      author: str(w.forwarded_from_author) ?? null,
    };
    const origin = peerNumber(w.forwarded_from_id);
    if (origin !== undefined) fwd.numericId = origin;
    // "user12345": a person's account, whose id number may also be some channel's.
    if (
      origin !== undefined &&
      typeof w.forwarded_from_id === 'string' &&
      w.forwarded_from_id.startsWith('user')
    )
      fwd.fromUser = true;
    post.forwardedFrom = fwd;
  }
  if (num(w.reply_to_message_id) !== undefined) post.replyTo = w.reply_to_message_id!;
  const { text, entities } = runsToText(messageRuns(w));
  post.text = text;
  post.entities = entities;
  post.media = adaptMedia(w);
  post.reactions = adaptReactions(w);
  if (w.type === 'service') post.service = adaptService(w);
  return post;
}
