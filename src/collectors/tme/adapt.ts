// The only place that knows both shapes: t.me wire shape (TmePage) -> model Channel and Posts.
import { emptyChannel, emptyPost } from '../../model/post.js';
import type { Channel, Media, Post, Reaction, ServiceAction, SourceKind } from '../../model/post.js';
import {
  decodeDataView,
  isoDate,
  parseCount,
  parseDuration,
  parseSize,
  parseTmeLink,
  postIdFromHref,
} from './numbers.js';
import type { TmeMessage, TmePage, WireMedia } from './wire.js';

export interface AdaptOptions {
  /** @default 'tme-html' */
  source?: SourceKind;
}

export interface AdaptedPage {
  channel: Channel | null;
  posts: Post[];
  notices: string[];
}

function absUrl(u: string | null | undefined): string | null {
  if (!u) return null;
  if (u.startsWith('data:')) return null; // generated letter avatars, not a picture of the channel
  return u.startsWith('//') ? 'https:' + u : u;
}

function serviceAction(text: string): ServiceAction {
  const t = text.trim();
  let action = 'other';
  if (/channel created/i.test(t)) action = 'create_channel';
  else if (/\bpinned\b/i.test(t)) action = 'pin_message';
  else if (/channel photo (?:updated|changed)/i.test(t)) action = 'edit_group_photo';
  else if (/channel name was changed/i.test(t)) action = 'edit_group_title';
  return t ? { action, text: t } : { action };
}

function adaptMedia(w: WireMedia): Media {
  const supported = !w.notSupported;
  const base: Media = { type: 'other', supported };
  if (w.label) base.label = w.label;
  if (w.width !== null) base.width = w.width;
  const dur = parseDuration(w.durationText);
  if (dur !== null) base.duration = dur;
  if (w.grouped) {
    const member = postIdFromHref(w.href);
    if (member !== null) base.memberId = member;
  }
  switch (w.kind) {
    case 'photo':
      return { ...base, type: 'photo', ...urls(w.styleUrl ?? w.href, null) };
    case 'video': {
      const gif = w.loops || (w.durationText === null && !w.grouped && w.src !== null);
      return { ...base, type: gif ? 'gif' : 'video', ...urls(w.src ?? w.href, w.thumbUrl) };
    }
    case 'round_video':
      return { ...base, type: 'round_video', ...urls(w.src ?? w.href, w.thumbUrl) };
    case 'voice': {
      // t.me draws voice notes and music with the same player; an .ogg is a voice note.
      const audio = w.src !== null && !/\.og[ga](?:\?|$)/i.test(w.src);
      return { ...base, type: audio ? 'audio' : 'voice', ...urls(w.src ?? w.href, null) };
    }
    case 'document': {
      const d: Media = { ...base, type: 'document', ...urls(w.href, null) };
      if (w.title) d.fileName = w.title;
      const size = parseSize(w.extra);
      if (size !== null) d.fileSize = size;
      return d;
    }
    case 'sticker':
      return { ...base, type: 'sticker', ...urls(w.src ?? w.styleUrl ?? w.href, null) };
    case 'poll':
      return {
        ...base,
        type: 'poll',
        ...urls(w.href, null),
        poll: {
          question: w.question ?? '',
          ...(w.pollType ? { kind: w.pollType } : {}),
          multiple: w.multiple,
          options: w.options.map((o) => {
            const pct = o.percentText ? parseInt(o.percentText, 10) : NaN;
            return Number.isNaN(pct) ? { text: o.text } : { text: o.text, percent: pct };
          }),
        },
      };
    case 'location': {
      const m = /[?&]q=(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(w.href ?? '');
      const loc: Media = { ...base, type: 'location', ...urls(w.href, w.thumbUrl) };
      if (m) loc.location = { lat: Number(m[1]), lon: Number(m[2]) };
      return loc;
    }
    case 'link_preview': {
      const url = w.href ?? '';
      const p: Media = { ...base, type: 'link_preview', preview: { url } };
      if (url) p.url = url;
      if (w.site) p.preview!.site = w.site;
      if (w.title) p.preview!.title = w.title;
      if (w.description) p.preview!.description = w.description;
      const img = absUrl(w.imageUrl);
      if (img) p.preview!.imageUrl = img;
      return p;
    }
    default:
      return { ...base, type: 'other' };
  }
}

function urls(url: string | null, thumb: string | null): Pick<Media, 'url' | 'thumbUrl'> {
  const out: Pick<Media, 'url' | 'thumbUrl'> = {};
  const u = absUrl(url);
  const t = absUrl(thumb);
  if (u) out.url = u;
  if (t) out.thumbUrl = t;
  return out;
}

function adaptReactions(m: TmeMessage): Reaction[] {
  const out: Reaction[] = [];
  for (const r of m.reactions) {
    const count = parseCount(r.countText);
    if (count === null) continue;
    const x: Reaction = { count };
    if (r.paid) x.paid = true;
    if (r.emoji) x.emoji = r.emoji;
    if (r.customEmojiId) x.customEmojiId = r.customEmojiId;
    out.push(x);
  }
  return out;
}

function adaptMessage(m: TmeMessage, source: SourceKind): Post {
  const p = emptyPost(m.channel.toLowerCase(), m.id, source);
  p.date = isoDate(m.datetime);
  p.edited = /\bedited\b/i.test(m.metaText);
  p.author = m.author;
  p.views = parseCount(m.viewsText);
  if (m.forwarded) {
    const link = parseTmeLink(m.forwarded.href);
    p.forwardedFrom = {
      name: m.forwarded.name,
      username: link.username,
      postId: link.postId,
      author: m.forwarded.author,
    };
  }
  if (m.reply) p.replyTo = postIdFromHref(m.reply.href);
  if (m.grouped) {
    const view = decodeDataView(m.dataView);
    const pv = view?.p;
    p.groupId = typeof pv === 'string' && pv.endsWith('g') ? `${p.channel}/${pv}` : `${p.channel}/${m.id}g`;
  }
  p.media = m.media.map(adaptMedia);
  const voters = parseCount(m.votersText);
  for (const md of p.media) if (md.poll && voters !== null) md.poll.totalVoters = voters;
  p.reactions = adaptReactions(m);
  const onlyServiceLabel =
    m.text === null && m.media.length > 0 && m.media.every((w) => w.label === 'Service message');
  if (m.service || onlyServiceLabel) {
    // A service message's text is the event ("Channel created"), not something the channel wrote.
    p.service = serviceAction(m.text ?? '');
  } else {
    p.text = m.text ?? '';
    p.entities = m.entities.map((e) => ({ ...e }));
  }
  return p;
}

function adaptChannel(page: TmePage): Channel | null {
  const info = page.channel;
  const first = page.messages[0];
  const fromUsername = info.usernameText?.startsWith('@') ? info.usernameText.slice(1) : null;
  const username = info.resolveDomain ?? fromUsername ?? first?.channel ?? null;
  if (!username) return null;
  const ch = emptyChannel(username.toLowerCase());
  ch.username = username.toLowerCase();
  const c = first ? decodeDataView(first.dataView)?.c : undefined;
  if (typeof c === 'number' && Number.isFinite(c) && c !== 0) ch.numericId = Math.abs(c);
  const pageTitle = info.pageTitle?.replace(/\s+[–-]\s+Telegram$/, '');
  ch.title =
    info.headerTitle ??
    info.ogTitle ??
    (pageTitle && pageTitle !== 'Telegram Widget' ? pageTitle : null) ??
    page.messages.find((m) => m.ownerName)?.ownerName ??
    null;
  ch.description = info.description || info.ogDescription || null;
  const subs = [...info.counters, info.headerCounter ?? ''].find((s) =>
    /\b(?:subscribers?|members?)\b/i.test(s),
  );
  ch.subscribers = subs ? parseCount(subs.split(/\s+/)[0]) : null;
  ch.avatarUrl =
    absUrl(info.photoUrl) ??
    absUrl(info.ogImage) ??
    absUrl(page.messages.find((m) => m.avatarUrl)?.avatarUrl);
  ch.kind = page.kind === 'channel' ? 'public_channel' : null;
  return ch;
}

/** Turns a parsed page into a Channel (null when the page names none) and Posts, with notices for the user. */
export function adaptTmePage(page: TmePage, options: AdaptOptions = {}): AdaptedPage {
  const source = options.source ?? 'tme-html';
  const notices: string[] = [];
  const posts: Post[] = [];
  const seen = new Set<string>();
  for (const m of page.messages) {
    const p = adaptMessage(m, source);
    const key = `${p.channel}/${p.id}`;
    if (seen.has(key)) {
      notices.push(`post ${key} appears twice on the page; the first copy was kept`);
      continue;
    }
    seen.add(key);
    posts.push(p);
    if (m.datetime !== null && p.date === null) notices.push(`post ${key}: unreadable date "${m.datetime}"`);
  }
  if (page.kind === 'not_found')
    notices.push(`t.me answered "${page.error ?? 'Post not found'}": no post on this page`);
  else if (posts.length === 0 && page.orphanMedia.length > 0)
    notices.push(
      `no post in this fragment (no data-post): ${page.orphanMedia.length} media part(s) without a post were skipped`,
    );
  else if (posts.length === 0) notices.push('the page holds no posts');
  return { channel: adaptChannel(page), posts, notices };
}
