// Import of files (t.me pages, Desktop exports, text dumps) into a Store: detect, adapt, resolve identity, save.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Channel, ImportEvent, Post } from '../model/post.js';
import type { SaveResult, Store } from '../store/store.js';
import { ImportFormatError, ParseError } from '../util/errors.js';
import { looksLikeTmeHtml, readTmeHtml } from '../collectors/tme/index.js';
import {
  looksLikeExportHtml,
  looksLikeExportJson,
  readExportHtml,
  readExportJson,
} from '../collectors/export/index.js';
import { looksLikeTextFeed, readTextDumpBytes } from '../collectors/text/index.js';
import { createEnricher, type Enricher } from './enrich.js';

export const IMPORT_FORMATS = ['auto', 'tme-html', 'export-json', 'export-html', 'text'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ConcreteFormat = Exclude<ImportFormat, 'auto'>;

export interface ImportOptions {
  /** @default 'auto' (sniffed from the content) */
  format?: ImportFormat;
  /** Channel key for posts whose source carries no username (exports, text dumps). */
  channel?: string;
  /** Called as the import advances: bytes read (when known) and posts seen. */
  onProgress?: (p: {
    file: string;
    bytesRead: number | null;
    totalBytes: number | null;
    posts: number;
  }) => void;
  /** Posts per savePosts call inside the file's transaction. @default 500 */
  batchSize?: number;
}

export interface FileImportResult extends SaveResult {
  file: string;
  format: ConcreteFormat;
  channels: string[];
  posts: number;
  notices: string[];
}

const SNIFF_BYTES = 64 * 1024;

async function resolvePath(path: string): Promise<{ file: string; dirFormat: ConcreteFormat | null }> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new ImportFormatError(`${path}: no such file`);
  }
  if (!st.isDirectory()) return { file: path, dirFormat: null };
  // A Telegram Desktop export folder: prefer the JSON (it carries more than the HTML).
  for (const [name, format] of [
    ['result.json', 'export-json'],
    ['messages.html', 'export-html'],
  ] as const) {
    const candidate = join(path, name);
    if (
      await stat(candidate).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return { file: candidate, dirFormat: format };
  }
  throw new ImportFormatError(`${path}: a folder without result.json or messages.html`);
}

async function readHead(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Decides the format from the content, never from the file name alone. Null for readable text that carries no
 * mark of any format (a README, notes): a text dump only when the user says so, since any text would parse as one.
 */
export function sniffFormat(file: string, head: Buffer): ConcreteFormat | null {
  if (head.length === 0) throw new ImportFormatError(`${file}: the file is empty`);
  if (head.includes(0))
    throw new ImportFormatError(`${file}: a binary file, not a page, an export or a text dump`);
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (looksLikeExportJson(text)) return 'export-json';
  const first = text.trimStart()[0];
  if (first === '{' || first === '[')
    throw new ImportFormatError(`${file}: JSON, but not a Telegram Desktop export (no "messages")`);
  if (looksLikeExportHtml(text)) return 'export-html';
  if (looksLikeTmeHtml(text)) return 'tme-html';
  if (first === '<' && /<(?:!doctype|html|body|div)\b/i.test(text.slice(0, 2048)))
    throw new ImportFormatError(`${file}: HTML, but neither a t.me page nor a Telegram Desktop export`);
  return looksLikeTextFeed(text) ? 'text' : null;
}

function defaultChannelName(file: string): string {
  const stem = basename(file, extname(file))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '_')
    .replace(/^_+|_+$/g, '');
  return stem || 'imported';
}

async function* eventsFor(
  file: string,
  format: ConcreteFormat,
  options: ImportOptions,
  onBytes: (n: number) => void,
) {
  switch (format) {
    case 'tme-html': {
      const html = await readFile(file, 'utf8');
      onBytes(Buffer.byteLength(html));
      yield* readTmeHtml(html, file);
      return;
    }
    case 'export-json':
      yield* readExportJson(file, { onProgress: onBytes });
      return;
    case 'export-html':
      yield* readExportHtml(file);
      return;
    case 'text': {
      const bytes = await readFile(file);
      onBytes(bytes.length);
      yield* readTextDumpBytes(bytes, { channel: options.channel ?? defaultChannelName(file), where: file });
      return;
    }
  }
}

function mergeChannel(existing: Channel | null, incoming: Channel): Channel {
  if (!existing) return incoming;
  return {
    key: existing.key,
    username: incoming.username ?? existing.username,
    numericId: incoming.numericId ?? existing.numericId,
    title: incoming.title ?? existing.title,
    description: incoming.description ?? existing.description,
    subscribers: incoming.subscribers ?? existing.subscribers,
    avatarUrl: incoming.avatarUrl ?? existing.avatarUrl,
    kind: incoming.kind ?? existing.kind,
  };
}

/**
 * Imports one file (or export folder) in one transaction: a file that fails half-way leaves nothing behind.
 * Identity is resolved here: a username from the source wins; else --channel; else a channel already known by its
 * numeric id (so an export lands on the posts a scrape of the same channel stored); else the source's own key.
 */
export async function importFile(
  store: Store,
  path: string,
  options: ImportOptions = {},
  enricher?: Enricher,
): Promise<FileImportResult> {
  const { file, dirFormat } = await resolvePath(path);
  const totalBytes = (await stat(file)).size;
  const sniffed = dirFormat ?? sniffFormat(file, await readHead(file));
  const asked = options.format && options.format !== 'auto' ? options.format : null;
  if (asked === null && sniffed === null)
    throw new ImportFormatError(
      `${file}: not a t.me page, a Telegram Desktop export or a text dump (no "Forwarded from" line, media ` +
        `placeholder or Desktop copy header in its first ${SNIFF_BYTES / 1024} KB); ` +
        `give --format text to import it as a text dump of own posts anyway`,
    );
  if (asked !== null && asked !== (sniffed ?? 'text'))
    throw new ImportFormatError(
      `${file}: --format ${asked} was asked, but the file looks like ${sniffed ?? 'plain text'}`,
    );
  const format = asked ?? sniffed!;
  const enrich = enricher ?? (await createEnricher(store));
  const batchSize = options.batchSize ?? 500;
  const result: FileImportResult = {
    file,
    format,
    channels: [],
    posts: 0,
    notices: [],
    added: 0,
    updated: 0,
    unchanged: 0,
  };
  const keyMap = new Map<string, string>();
  let usedChannelOption = false;
  let bytesRead: number | null = null;
  const progress = () => options.onProgress?.({ file, bytesRead, totalBytes, posts: result.posts });

  await store.transaction(async () => {
    let batch: Post[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await enrich.prepare(batch);
      const r = await store.savePosts(batch);
      await enrich.afterSave(batch);
      result.added += r.added;
      result.updated += r.updated;
      result.unchanged += r.unchanged;
      batch = [];
      progress();
    };
    const events: AsyncIterable<ImportEvent> | Iterable<ImportEvent> = eventsFor(
      file,
      format,
      options,
      (n) => {
        bytesRead = n;
      },
    );
    for await (const ev of events) {
      if (ev.type === 'notice') {
        result.notices.push(ev.where ? `${ev.where}: ${ev.message}` : ev.message);
      } else if (ev.type === 'channel') {
        await flush();
        const ch = ev.channel;
        let key = ch.username?.toLowerCase() ?? null;
        if (!key && options.channel && !usedChannelOption && format !== 'text') {
          key = options.channel;
          usedChannelOption = true;
        }
        if (!key && ch.numericId != null)
          key = (await store.findChannelByNumericId(ch.numericId))?.key ?? null;
        key ??= ch.key;
        const merged = mergeChannel(await store.getChannel(key), { ...ch, key });
        await store.upsertChannel(merged);
        keyMap.set(ch.key, key);
        if (!result.channels.includes(key)) result.channels.push(key);
      } else {
        const post = ev.post;
        const key = keyMap.get(post.channel);
        if (key === undefined) {
          throw new ParseError(`post ${post.id} comes before its channel`, file);
        }
        post.channel = key;
        batch.push(post);
        result.posts++;
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    await enrich.finish();
  });
  return result;
}
