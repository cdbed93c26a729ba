// Post text + entities -> Bot API message entities, and splitting long texts into parts Telegram accepts.
import type { Entity } from '../model/post.js';

/*
 * Why message entities and not parse_mode HTML: Post.entities already count UTF-16 code units, exactly as the
 * Bot API's `entities` do, so nothing is converted, nothing needs escaping (no "can't parse entities" refusal on
 * a stray `<`), and a split is a slice with shifted offsets. Telegram's length limits also count the text after
 * entity parsing, which is the very string we measure here.
 */

/** A Bot API MessageEntity (the subset tgwire sends). */
export interface BotEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface MessageText {
  text: string;
  entities: BotEntity[];
}

/** Telegram's limits, in UTF-16 code units. */
export const MESSAGE_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

function isHttp(url: string | undefined): url is string {
  return !!url && /^https?:\/\/[^\s]+$/i.test(url);
}

/** One model entity as the Bot API wants it, or null when bots cannot send it (custom emoji, user mentions). */
export function toBotEntity(e: Entity, text: string): BotEntity | null {
  const base = { offset: e.offset, length: e.length };
  switch (e.type) {
    case 'bold':
    case 'italic':
    case 'underline':
    case 'strikethrough':
    case 'spoiler':
    case 'code':
    case 'hashtag':
    case 'cashtag':
    case 'bot_command':
    case 'email':
    case 'bank_card':
    case 'mention':
      return { type: e.type, ...base };
    case 'phone':
      return { type: 'phone_number', ...base };
    case 'pre':
      return e.language ? { type: 'pre', ...base, language: e.language } : { type: 'pre', ...base };
    case 'blockquote':
      return { type: e.collapsed ? 'expandable_blockquote' : 'blockquote', ...base };
    case 'link': {
      const shown = text.slice(e.offset, e.offset + e.length);
      if (e.url && e.url !== shown && isHttp(e.url)) return { type: 'text_link', ...base, url: e.url };
      return { type: 'url', ...base };
    }
    case 'text_link':
      return isHttp(e.url) ? { type: 'text_link', ...base, url: e.url } : null;
    // Bots may send custom emoji only in rare cases (a Fragment username), the fallback emoji is in the text;
    // a text_mention needs a user object the archive does not have.
    case 'custom_emoji':
    case 'mention_name':
      return null;
  }
}

/** The post's entities for the Bot API, clipped to the text, invalid ones dropped. */
export function botEntities(text: string, entities: readonly Entity[]): BotEntity[] {
  const out: BotEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset);
    const end = Math.min(text.length, e.offset + e.length);
    if (end <= start) continue;
    const b = toBotEntity({ ...e, offset: start, length: end - start }, text);
    if (b) out.push(b);
  }
  return out.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

/** Appends `piece` (with its entities, offsets relative to it) to `acc`. */
export function appendText(acc: MessageText, piece: MessageText): void {
  const shift = acc.text.length;
  acc.text += piece.text;
  for (const e of piece.entities) acc.entities.push({ ...e, offset: e.offset + shift });
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Where to end a part that may hold at most `limit` units from `start`: a paragraph, a line, a space, or hard. */
function cutPoint(text: string, start: number, limit: number, unsplittable: [number, number][]): number {
  const max = start + limit;
  const window = text.slice(start, max);
  // Positions of the window inside an unsplittable entity, marked once (a running count over a difference array),
  // so each candidate cut is checked in constant time whatever the number of entities.
  const inside = new Int32Array(limit + 2);
  for (const [a, b] of unsplittable) {
    const from = Math.max(a + 1, start);
    const to = Math.min(b, max + 1);
    if (from >= to) continue;
    inside[from - start] = inside[from - start]! + 1;
    inside[to - start] = inside[to - start]! - 1;
  }
  for (let i = 1; i < inside.length; i++) inside[i] = inside[i]! + inside[i - 1]!;
  const ok = (pos: number) => pos > start && inside[pos - start] === 0;
  for (const sep of ['\n\n', '\n', ' ']) {
    for (let i = window.lastIndexOf(sep); i > 0; i = window.lastIndexOf(sep, i - 1)) {
      // Do not cut in the first tenth: a part that small means the text has no good boundary there.
      if (i < limit / 10) break;
      if (ok(start + i)) return start + i;
    }
  }
  let pos = max;
  while (pos > start + 1 && (isHigh(text.charCodeAt(pos - 1)) || !ok(pos))) pos--;
  return pos;
}

/**
 * Splits a text into parts of at most `firstLimit` (first part) and `limit` (others) UTF-16 units, at paragraph
 * boundaries when possible; entities crossing a cut are split in two, each part's offsets start at 0. The line
 * breaks at a cut are dropped (Telegram would trim them anyway).
 */
export function splitMessage(msg: MessageText, limit: number, firstLimit = limit): MessageText[] {
  const { text } = msg;
  if (text.length <= firstLimit) return [{ text, entities: msg.entities.map((e) => ({ ...e })) }];
  const unsplittable = msg.entities
    .filter((e) => e.type === 'url' || e.type === 'mention' || e.type === 'hashtag' || e.type === 'email')
    .map((e): [number, number] => [e.offset, e.offset + e.length]);
  const ranges: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    const lim = ranges.length === 0 ? firstLimit : limit;
    if (text.length - start <= lim) {
      ranges.push([start, text.length]);
      break;
    }
    const cut = cutPoint(text, start, lim, unsplittable);
    let end = cut;
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end === start) end = cut;
    ranges.push([start, end]);
    start = cut;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  return ranges.map(([a, b]) => ({
    text: text.slice(a, b),
    entities: msg.entities.flatMap((e) => {
      const s = Math.max(a, e.offset);
      const t = Math.min(b, e.offset + e.length);
      return t > s ? [{ ...e, offset: s - a, length: t - s }] : [];
    }),
  }));
}
