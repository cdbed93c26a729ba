// One post -> the Bot API requests that republish it: attribution, header, text, footer; a photo when possible.
import type { Channel, Media, Post } from '../model/post.js';
import { archivePostUrl } from '../feeds/links.js';
import {
  CAPTION_LIMIT,
  MESSAGE_LIMIT,
  appendText,
  botEntities,
  splitMessage,
  type BotEntity,
  type MessageText,
} from './format.js';

export type BotMethod = 'sendMessage' | 'sendPhoto';

/** One request (without chat_id); `params` is exactly what goes to the Bot API. */
export interface RenderedPart {
  method: BotMethod;
  params: Record<string, unknown>;
  /** The message text or caption, for dry runs and tests. */
  text: string;
}

export interface RenderOptions {
  header?: string;
  footer?: string;
  silent?: boolean;
  /** The route's topic, for {topic}. */
  topic?: string;
  /** @default https://t.me */
  tmeBase?: string;
  /** The archive's public address: {link} of a post without a t.me page is its page there. @default null */
  publicUrl?: string | null;
  /** Test hooks: lower limits. @default 4096 / 1024 */
  messageLimit?: number;
  captionLimit?: number;
}

/** The same prefix the sample feed (and t.me) shows, no-break space included; forwards only. */
export const ATTRIBUTION_PREFIX = 'Forwarded from\u00A0';

/**
 * Where the post came from, as a name and a link: a forward's origin (when its username is known), else the
 * channel's post (see postLink).
 */
export function attribution(
  post: Post,
  channel: Channel | null,
  options: Pick<RenderOptions, 'tmeBase' | 'publicUrl'> = {},
): { name: string; url: string | null } {
  const tmeBase = options.tmeBase ?? 'https://t.me';
  const f = post.forwardedFrom;
  if (f) {
    const url = f.username
      ? f.postId !== null
        ? `${tmeBase}/${f.username}/${f.postId}`
        : `${tmeBase}/${f.username}`
      : null;
    return { name: f.name, url };
  }
  return { name: channel?.title ?? post.channel, url: postLink(post, channel, options) };
}

/** The source post's public link, when its channel is known by a username. */
export function sourceUrl(post: Post, channel: Channel | null, tmeBase = 'https://t.me'): string | null {
  const user =
    channel?.username ?? (post.source === 'tme-html' || post.source === 'tme-live' ? post.channel : null);
  return user ? `${tmeBase}/${user}/${post.id}` : null;
}

/** Where a reader opens the post: its t.me page, else its page on the archive's public URL, else null. */
export function postLink(
  post: Post,
  channel: Channel | null,
  options: Pick<RenderOptions, 'tmeBase' | 'publicUrl'> = {},
): string | null {
  return (
    sourceUrl(post, channel, options.tmeBase) ??
    (options.publicUrl ? archivePostUrl(options.publicUrl, post) : null)
  );
}

/** The placeholders a header or footer may hold (bot/routes.ts refuses any other). */
export const TEMPLATE_PLACEHOLDERS: readonly string[] = ['channel', 'link', 'date', 'id', 'topic', 'origin'];

/**
 * Fills {channel}, {link}, {date}, {id}, {topic}, {origin}; unknown ones (refused in the config) stay as written. A line with
 * {link} is left out when the post has no link at all (an empty "Source: " would promise one).
 */
export function fillTemplate(
  template: string,
  post: Post,
  channel: Channel | null,
  options: RenderOptions,
): string {
  const link = postLink(post, channel, options);
  const lines = template.split('\n').filter((line) => link !== null || !line.includes('{link}'));
  const vars: Record<string, string> = {
    channel: channel?.title ?? post.channel,
    link: link ?? '',
    date: post.date ? `${post.date.slice(0, 16).replace('T', ' ')} UTC` : '',
    id: String(post.id),
    topic: options.topic ?? '',
    origin: post.forwardedFrom?.name ?? channel?.title ?? post.channel,
  };
  return lines.join('\n').replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** A photo Telegram can fetch by itself. */
export function sendablePhoto(post: Post): Media | null {
  return (
    post.media.find((m) => m.type === 'photo' && m.supported && !!m.url && /^https:\/\//i.test(m.url)) ?? null
  );
}

/** Drops leading/trailing whitespace and moves the entities along (Telegram trims what it receives). */
function trimMessage(m: MessageText): MessageText {
  const lead = m.text.length - m.text.trimStart().length;
  const text = m.text.trim();
  const entities: BotEntity[] = [];
  for (const e of m.entities) {
    const s = Math.max(0, e.offset - lead);
    const t = Math.min(text.length, e.offset - lead + e.length);
    if (t > s) entities.push({ ...e, offset: s, length: t - s });
  }
  return { text, entities };
}

/** The whole text of the republished post, before splitting. */
export function composeText(post: Post, channel: Channel | null, options: RenderOptions = {}): MessageText {
  const acc: MessageText = { text: '', entities: [] };
  const { name, url } = attribution(post, channel, options);
  // A forward says where it came from, as Telegram shows it; the channel's own post is headed by its name alone
  // ("Forwarded from" would claim a forward that never happened).
  if (post.forwardedFrom) acc.text = ATTRIBUTION_PREFIX;
  appendText(acc, {
    text: name,
    entities: url && name.length > 0 ? [{ type: 'text_link', offset: 0, length: name.length, url }] : [],
  });
  const header = options.header ? fillTemplate(options.header, post, channel, options) : '';
  if (header) acc.text += '\n' + header;
  const body = post.text.replace(/^\s+|\s+$/g, '');
  if (body) {
    const lead = post.text.length - post.text.trimStart().length;
    const shifted = post.entities.map((e) => ({ ...e, offset: e.offset - lead }));
    acc.text += '\n';
    appendText(acc, { text: body, entities: botEntities(body, shifted) });
  }
  const photo = sendablePhoto(post);
  const src = sourceUrl(post, channel, options.tmeBase);
  // Media that cannot be re-sent is reached through the original post.
  const otherMedia = post.media.some((m) => m !== photo && m.type !== 'link_preview');
  if (otherMedia && src && src !== url) {
    acc.text += '\n\n';
    appendText(acc, { text: src, entities: [{ type: 'url', offset: 0, length: src.length }] });
  }
  const footer = options.footer ? fillTemplate(options.footer, post, channel, options) : '';
  if (footer) acc.text += '\n\n' + footer;
  return trimMessage(acc);
}

function withEntities(key: 'entities' | 'caption_entities', e: BotEntity[]): Record<string, unknown> {
  return e.length > 0 ? { [key]: e } : {};
}

/** The requests that republish `post`, in order. */
export function renderPost(post: Post, channel: Channel | null, options: RenderOptions = {}): RenderedPart[] {
  const full = composeText(post, channel, options);
  const msgLimit = options.messageLimit ?? MESSAGE_LIMIT;
  const capLimit = options.captionLimit ?? CAPTION_LIMIT;
  const silent = options.silent ? { disable_notification: true } : {};
  const photo = sendablePhoto(post);
  const parts: RenderedPart[] = [];
  const pieces = splitMessage(full, msgLimit, photo ? capLimit : msgLimit);
  pieces.forEach((piece, i) => {
    if (i === 0 && photo) {
      parts.push({
        method: 'sendPhoto',
        params: {
          photo: photo.url,
          caption: piece.text,
          ...withEntities('caption_entities', piece.entities),
          ...silent,
        },
        text: piece.text,
      });
    } else {
      parts.push({
        method: 'sendMessage',
        params: { text: piece.text, ...withEntities('entities', piece.entities), ...silent },
        text: piece.text,
      });
    }
  });
  return parts;
}
