// Public face of the Telegram Desktop export collectors: readers, format sniffers and source descriptions.
import type { ImportEvent } from '../../model/post.js';
import { ParseError } from '../../util/errors.js';
import type { TimeZone } from '../../util/time-zone.js';
import { adaptChat, adaptMessage, chatKey, localOnlyDate } from './json-adapter.js';
import { zoneNotice } from './zone-notice.js';
import { locate, streamExportJson } from './json-stream.js';
import { readExportHtmlFiles } from './html-reader.js';

export interface ExportJsonOptions {
  /** Provisional key for the (first) chat's posts; the pipeline resolves the final one. @default `c<id>` */
  channelKey?: string;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** The zone of the exporting PC's clock, for messages without `date_unixtime` (2020-21 exports). @default UTC */
  timeZone?: TimeZone;
}

export interface ExportHtmlOptions {
  /** Provisional key for the posts; the pipeline resolves the final one. @default `c<id>` or the folder name */
  channelKey?: string;
  /** The zone of the exporting PC's clock, for date titles without a UTC offset (old exports). @default UTC */
  timeZone?: TimeZone;
}

/**
 * Reads a Desktop JSON export as a stream: a channel event per chat, then its posts. Full-account exports
 * (chats.list, left_chats.list) give one channel per chat; `channelKey` applies to the first chat only.
 * Throws ParseError (`file:line:column`) on malformed or truncated JSON, ImportFormatError on JSON that is no export.
 */
export async function* readExportJson(
  path: string,
  options: ExportJsonOptions = {},
): AsyncIterable<ImportEvent> {
  let key = '';
  let chats = 0;
  let chat = null as Parameters<typeof adaptMessage>[1] | null;
  let dated = 0;
  let localOnly = 0;
  for await (const ev of streamExportJson(path, options.onProgress)) {
    if (ev.type === 'chat') {
      chat = ev.chat;
      key = chatKey(chat, chats === 0 ? options.channelKey : undefined);
      chats++;
      yield { type: 'channel', channel: adaptChat(chat, key) };
      continue;
    }
    const id = ev.message.id;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
      const where = await locate(path, ev.at.safe, ev.at.token);
      const got = JSON.stringify(id) ?? 'none';
      throw new ParseError(
        `expected a message with a numeric "id", got ${got.length > 60 ? `${got.slice(0, 60)}…` : got}`,
        where,
      );
    }
    const post = adaptMessage(ev.message, chat!, key, `${path}: message ${id}`, options.timeZone);
    if (post.date !== null) dated++;
    if (localOnlyDate(ev.message)) localOnly++;
    yield { type: 'post', post };
  }
  const said = zoneNotice(localOnly, dated, options.timeZone, 'no date_unixtime: an export of 2020-21');
  if (said) yield { type: 'notice', message: said, where: path };
}

/** Reads messages.html and its siblings messages2.html, messages3.html … in order. */
export function readExportHtml(path: string, options: ExportHtmlOptions = {}): AsyncIterable<ImportEvent> {
  return readExportHtmlFiles(path, options.channelKey, options.timeZone);
}

/** True when the first ~64KB look like a Desktop JSON export (single chat or full account). */
export function looksLikeExportJson(head: string): boolean {
  const h = head.replace(/^\uFEFF/, '').trimStart();
  if (!h.startsWith('{')) return false;
  if (/"messages"\s*:\s*\[/.test(h) && /"(?:type|date)"\s*:/.test(h)) return true;
  // A full-account export starts with its "about" text and personal data; chats may be far beyond 64KB.
  if (/^\{\s*"about"\s*:\s*"[^"]*Telegram/.test(h) || /"personal_information"\s*:\s*\{/.test(h)) return true;
  return /"chats"\s*:\s*\{\s*"about"[^]*"list"\s*:\s*\[/.test(h);
}

/** True when the first ~64KB look like a Desktop HTML export page (messages.html and siblings). */
export function looksLikeExportHtml(head: string): boolean {
  if (!/<div class="page_wrap">/.test(head)) return false;
  return (
    /<div class="page_body chat_page">/.test(head) || /<div class="message (?:default|service)/.test(head)
  );
}

export const exportJsonSource = {
  id: 'export-json',
  title: 'Telegram Desktop JSON export',
  accepts: 'result.json of "Export chat history" (JSON) or a full-account export, any size (streamed)',
  example: 'tgwire import ~/Downloads/Telegram\\ Desktop/ChatExport_2026-01-22/result.json',
} as const;

export const exportHtmlSource = {
  id: 'export-html',
  title: 'Telegram Desktop HTML export',
  accepts: 'messages.html of "Export chat history" (HTML); messages2.html … beside it are read too',
  example: 'tgwire import ~/Downloads/Telegram\\ Desktop/ChatExport_2026-01-22/messages.html',
} as const;
