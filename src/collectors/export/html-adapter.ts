// Adapts HTML-export wire messages to the Post model; the only module knowing both shapes for HTML.
import type { Media, Post, Reaction, ServiceAction } from '../../model/post.js';
import { emptyPost } from '../../model/post.js';
import { ParseError } from '../../util/errors.js';
import { UTC_ZONE, type TimeZone } from '../../util/time-zone.js';
import { runsToText } from './runs.js';
import { quote } from './html-parse.js';
import type { HtmlMedia, HtmlMessage } from './html-wire.js';

const DATE_TITLE = /^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d):(\d\d)(?: UTC([+-])(\d\d):(\d\d))?/;

/**
 * "22.01.2026 17:23:09 UTC+01:00" -> ISO UTC. Old exports wrote no zone: the wall-clock time of the PC that exported
 * is then read in `zone` (the user's --timezone, UTC when none), as the JSON reader does. Returns null when the title
 * is not a date.
 */
export function htmlDate(title: string, zone: TimeZone = UTC_ZONE): string | null {
  const m = DATE_TITLE.exec(title.trim());
  if (!m) return null;
  const [, d, mo, y, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  // Date.UTC rolls 31.02 over to 03.03; a day that does not survive the round trip was not a date.
  const check = new Date(local);
  if (Number.isNaN(local) || check.getUTCDate() !== +d! || check.getUTCMonth() !== +mo! - 1) return null;
  if (!sign) return new Date(zone.toUtc(local)).toISOString();
  const offset = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!);
  return new Date(local - offset * 60_000).toISOString();
}

/** True when a date title gives a time without its UTC offset (an old export). */
export const htmlLocalOnlyDate = (title: string | null): boolean => {
  const m = title === null ? null : DATE_TITLE.exec(title.trim());
  return !!m && m[7] === undefined;
};

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** ".status.details": "1174×973, 114.6 KB", "03:28, 8.4 MB", "💠, 4.7 KB", "830×101", "04:48". */
export function parseStatus(status: string | null): {
  width?: number;
  height?: number;
  duration?: number;
  fileSize?: number;
  rest: string[];
} {
  const out: ReturnType<typeof parseStatus> = { rest: [] };
  for (const part of (status ?? '').split(', ').map((p) => p.trim())) {
    if (!part) continue;
    let m;
    if ((m = /^(\d+)×(\d+)$/.exec(part))) {
      out.width = +m[1]!;
      out.height = +m[2]!;
    } else if ((m = /^(?:(\d+):)?(\d\d):(\d\d)$/.exec(part))) {
      out.duration = (m[1] ? +m[1] * 3600 : 0) + +m[2]! * 60 + +m[3]!;
    } else if ((m = /^(\d+(?:\.\d+)?) (B|KB|MB|GB)$/.exec(part))) {
      out.fileSize = Math.round(+m[1]! * UNITS[m[2]!]!);
    } else out.rest.push(part);
  }
  return out;
}

const durationOf = (s: string | null) => parseStatus(s).duration;

/** Block kinds and their titles (for not-included files the kind is generic, the title tells). */
function mediaType(m: HtmlMedia): Media['type'] {
  switch (m.kind) {
    case 'photo_wrap':
      return 'photo';
    case 'sticker_wrap':
      return 'sticker';
    case 'animated_wrap':
      return 'gif';
    case 'video_file_wrap':
      return 'video';
    case 'media_poll':
      return 'poll';
    case 'media_voice_message':
      return 'voice';
    case 'media_audio_file':
      return 'audio';
    case 'media_location':
    case 'media_venue':
    case 'media_live_location':
      return 'location';
    case 'media_contact':
      return 'contact';
    case 'media_file':
      return 'document';
    case 'media_photo':
      return m.title === 'Sticker' ? 'sticker' : 'photo';
    case 'media_video':
      if (m.title === 'Animation') return 'gif';
      if (m.title === 'Video message') return 'round_video';
      return 'video';
    default:
      return 'other';
  }
}

function pollOf(m: HtmlMedia): NonNullable<Media['poll']> {
  const p = m.poll!;
  const count = (s: string | null) => {
    const n = /(\d+) votes?/.exec(s ?? '');
    return n ? +n[1]! : undefined;
  };
  const poll: NonNullable<Media['poll']> = {
    question: p.question,
    options: p.answers.map((a) => {
      const o: { text: string; voters?: number; chosen?: boolean } = { text: a.text };
      const v = count(a.details);
      if (v !== undefined) o.voters = v;
      if (/chosen vote/.test(a.details ?? '')) o.chosen = true;
      return o;
    }),
  };
  if (p.details) poll.kind = p.details;
  if (/\bclosed\b/i.test(p.details ?? '')) poll.closed = true;
  const total = count(p.total);
  if (total !== undefined) poll.totalVoters = total;
  return poll;
}

/**
 * Why the export has no file for a block: Telegram Desktop's descriptions for a file it skipped (export_output_html
 * NoFileDescription). Only these: a venue's description is its address.
 */
function missingFileLabel(description: string | null): string | null {
  if (description === null) return null;
  if (/^Not included, change data exporting settings/i.test(description)) return 'File not included';
  if (/^Exceeds maximum size, change data exporting settings/i.test(description))
    return 'File exceeds maximum size';
  if (/^Unavailable, please try again later/i.test(description)) return 'File unavailable';
  return null;
}

export function adaptHtmlMedia(m: HtmlMedia): Media {
  const type = mediaType(m);
  if (type === 'poll' && m.poll) return { type, supported: true, poll: pollOf(m) };
  const missing = missingFileLabel(m.description);
  const media: Media = missing
    ? { type, supported: false, label: missing }
    : { type, supported: true, ...(m.href ? { url: m.href } : {}) };
  // The picture in the block: the export's own preview of a photo or sticker, a video's (or round video's) thumbnail.
  if (!missing && m.thumb) media.thumbUrl = m.thumb;
  const st = parseStatus(m.status);
  if (st.width !== undefined) media.width = st.width;
  if (st.height !== undefined) media.height = st.height;
  const duration = st.duration ?? durationOf(m.duration);
  if (duration !== undefined) media.duration = duration;
  if (st.fileSize !== undefined) media.fileSize = st.fileSize;
  if (type === 'document' && m.title) media.fileName = m.title;
  if (type === 'sticker' && st.rest[0]) media.emoji = st.rest[0];
  if (type === 'audio' && m.title) {
    // "Performer – Title", as Telegram Desktop joins them.
    const i = m.title.indexOf(' – ');
    if (i >= 0) {
      media.performer = m.title.slice(0, i);
      media.title = m.title.slice(i + 3);
    } else if (/\.[a-z0-9]{2,4}$/i.test(m.title))
      media.fileName = m.title; // untagged audio shows its file name
    else media.title = m.title;
  }
  if (type === 'location' && m.href) {
    const q = /[?&]q=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(m.href);
    if (q) media.location = { lat: +q[1]!, lon: +q[2]! };
    if (m.title) media.title = m.title;
  }
  if (type === 'contact')
    media.contact = { name: m.title ?? '', ...(st.rest[0] ? { phone: st.rest[0] } : {}) };
  return media;
}

/** The service texts Telegram Desktop writes (English UI), back to the JSON export's action names. */
const SERVICE: [RegExp, (m: RegExpExecArray) => Omit<ServiceAction, 'text'>][] = [
  [/^Channel «(.*)» created$/, (m) => ({ action: 'create_channel', title: m[1]! })],
  [/^(.+) created group «(.*)»$/, (m) => ({ action: 'create_group', actor: m[1]!, title: m[2]! })],
  [/^Channel photo changed$/, () => ({ action: 'edit_group_photo' })],
  [/^(.+) changed group photo$/, (m) => ({ action: 'edit_group_photo', actor: m[1]! })],
  [/^Channel photo removed$/, () => ({ action: 'delete_group_photo' })],
  [/^Channel title changed to «(.*)»$/, (m) => ({ action: 'edit_group_title', title: m[1]! })],
  [
    /^(.+) changed group title to «(.*)»$/,
    (m) => ({ action: 'edit_group_title', actor: m[1]!, title: m[2]! }),
  ],
  [/^(.+) pinned (?:«.*»|this message|a message)$/, (m) => ({ action: 'pin_message', actor: m[1]! })],
  [
    /^(.+) joined group by link from (.+)$/,
    (m) => ({ action: 'join_group_by_link', actor: m[1]!, inviter: m[2]! }),
  ],
  [/^(.+) joined group by request$/, (m) => ({ action: 'join_group_by_request', actor: m[1]! })],
  [/^(.+) invited (.+)$/, (m) => ({ action: 'invite_members', actor: m[1]!, members: m[2]!.split(', ') })],
  [/^(.+) removed (.+)$/, (m) => ({ action: 'remove_members', actor: m[1]!, members: m[2]!.split(', ') })],
  [/^(.+) left group$/, (m) => ({ action: 'remove_members', actor: m[1]!, members: [m[1]!] })],
];

function adaptService(m: HtmlMessage, chatTitle: string | null): ServiceAction {
  const text = m.serviceText ?? '';
  let s: ServiceAction = { action: 'unknown' };
  for (const [re, make] of SERVICE) {
    const hit = re.exec(text);
    if (hit) {
      s = make(hit);
      break;
    }
  }
  // "Channel photo changed": in a channel the channel itself acts, as the JSON export's `actor` says.
  if (s.actor === undefined && text.startsWith('Channel ') && chatTitle) s.actor = chatTitle;
  s.text = text;
  if (m.serviceLink !== null) s.messageId = m.serviceLink;
  return s;
}

function adaptReactions(m: HtmlMessage): Reaction[] {
  return m.reactions.map((r) => {
    const out: Reaction = { count: /^\d+$/.test(r.count) ? +r.count : 0 };
    if (r.emoji) out.emoji = r.emoji;
    if (r.customEmojiId) out.customEmojiId = r.customEmojiId;
    if (r.paid) out.paid = true;
    return out;
  });
}

/**
 * Wire message -> Post. `sender` is the from_name in force (joined messages inherit the previous one); `chatTitle`
 * tells channel posts (from_name = chat title) from group messages, whose sender is their author; `zone` reads the
 * date titles that carry no offset (htmlDate).
 */
export function adaptHtmlMessage(
  m: HtmlMessage,
  key: string,
  sender: string | null,
  chatTitle: string | null,
  file: string,
  zone: TimeZone = UTC_ZONE,
): Post {
  const post = emptyPost(key, m.id, 'export-html');
  if (m.service) {
    post.service = adaptService(m, chatTitle);
    return post;
  }
  post.date = htmlDate(m.dateTitle ?? '', zone);
  if (post.date === null) {
    throw new ParseError(
      `a date title that is not a date (${quote(m.dateTitle ?? '')})`,
      `${file}:${m.line} (message ${m.id})`,
    );
  }
  post.author = m.signature ?? (sender !== null && sender !== chatTitle ? sender : null);
  if (m.forwarded)
    post.forwardedFrom = { name: m.forwarded.name, username: null, postId: null, author: null };
  post.replyTo = m.replyTo;
  const { text, entities } = runsToText(m.runs);
  post.text = text;
  post.entities = entities;
  post.media = m.media.map(adaptHtmlMedia);
  post.reactions = adaptReactions(m);
  return post;
}
