// Import of files (t.me pages, Desktop exports, text dumps) into a Store: detect, adapt, resolve identity, save.
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Channel, ImportEvent, Post } from '../model/post.js';
import { limitPost } from '../model/limits.js';
import type { SaveResult, Store } from '../store/store.js';
import { ChannelConflictError, ImportFormatError, ParseError, UserError } from '../util/errors.js';
import { looksLikeTmeHtml, readTmeHtml } from '../collectors/tme/index.js';
import {
  looksLikeExportHtml,
  looksLikeExportJson,
  readExportHtml,
  readExportJson,
} from '../collectors/export/index.js';
import {
  looksLikeTextFeed,
  looseForwardAdvice,
  looseForwardLines,
  readTextDumpBytes,
  storedIdentity,
} from '../collectors/text/index.js';
import { createEnricher, type Enricher } from './enrich.js';
import { invalidUtf8Notice } from '../util/utf8.js';
import { PROCESS_OWNER, ownerGone } from '../util/lock-file.js';
import type { TimeZone } from '../util/time-zone.js';
import { assignStories } from './stories.js';
import type { MediaKeeper } from './media/keep.js';
import { exportFolder } from './media/export-path.js';
import {
  describeTally,
  emptyTally,
  keepExportMedia,
  type ExportMediaOptions,
  type ExportMediaTally,
} from './media/export-files.js';

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
  /** Posts per committed batch (other writers get their turn between two). @default 500 */
  batchSize?: number;
  /**
   * Keeps the files a Desktop export names (relative to its folder) in the media store; none are read without it.
   * Other formats carry no files. @default null
   */
  media?: MediaKeeper | null;
  /**
   * The zone of times written without one: a Desktop copy dump's header times, an old Desktop export's dates (JSON
   * without date_unixtime, HTML titles without an offset). @default UTC
   */
  timeZone?: TimeZone;
}

export interface FileImportResult extends SaveResult {
  file: string;
  format: ConcreteFormat;
  channels: string[];
  posts: number;
  notices: string[];
  /** The import batch recorded for the file (`tgwire imports list`, `tgwire imports undo ID`). */
  batch: number;
  /** What became of the files a Desktop export names, when a media keeper was given. */
  media?: ExportMediaTally;
  /**
   * Posts of the archive within the id range a Desktop export covers (per channel) that the file does not hold: kept
   * (an export leaving a post out is no deletion), and named in a notice. 0 for other formats.
   */
  notInFile: number;
}

const SNIFF_BYTES = 64 * 1024;

const notRegular = (path: string) =>
  `${path}: not a regular file (a pipe, FIFO, socket or device); save what it carries to a file and import that`;

async function resolvePath(path: string): Promise<{ file: string; dirFormat: ConcreteFormat | null }> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new ImportFormatError(`${path}: no such file`);
  }
  // A FIFO or pipe would block the import until a writer comes (or fail with ESPIPE when sniffed): refused.
  if (!st.isDirectory() && !st.isFile()) throw new ImportFormatError(notRegular(path));
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

/** What to do with a file whose first bytes say it holds a known format in another wrapping; null otherwise. */
function packedKind(head: Buffer): string | null {
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04)
    return 'a zip archive: unpack it, then import the export folder (or its result.json or messages.html)';
  if (head[0] === 0x1f && head[1] === 0x8b)
    return 'gzip-compressed: decompress it, then import the file inside';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return 'UTF-16 text: save it as UTF-8, then import it again';
  return null;
}

/**
 * Decides the format from the content, never from the file name alone. Null for readable text that carries no
 * mark of any format (a README, notes): a text dump only when the user says so, since any text would parse as one.
 */
export function sniffFormat(file: string, head: Buffer): ConcreteFormat | null {
  if (head.length === 0) throw new ImportFormatError(`${file}: the file is empty`);
  const packed = packedKind(head);
  if (packed) throw new ImportFormatError(`${file}: ${packed}`);
  if (head.includes(0))
    throw new ImportFormatError(`${file}: a binary file, not a page, an export or a text dump`);
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (looksLikeExportJson(text)) return 'export-json';
  const first = text.trimStart()[0];
  if (first === '{' || first === '[')
    throw new ImportFormatError(`${file}: JSON, but not a Telegram Desktop export (no "messages")`);
  // Markup counts only in a file that is HTML: notes or docs quoting a page's markup (a Markdown file) are not one.
  if (first === '<' && looksLikeExportHtml(text)) return 'export-html';
  if (first === '<' && looksLikeTmeHtml(text)) return 'tme-html';
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
  store: Store,
  file: string,
  format: ConcreteFormat,
  options: ImportOptions,
  onBytes: (n: number) => void,
) {
  // A t.me page's dates are UTC. Desktop copies and old Desktop exports write the PC's clock without its zone: their
  // readers read it in --timezone and say so (or that it was not needed).
  if (options.timeZone && format === 'tme-html')
    yield {
      type: 'notice' as const,
      message: `--timezone ${options.timeZone.name} not used: it is for Telegram Desktop copies and exports, whose times may carry no zone; a t.me page's dates say theirs`,
      where: file,
    };
  switch (format) {
    case 'tme-html': {
      const bytes = await readFile(file);
      onBytes(bytes.length);
      const garbled = invalidUtf8Notice(bytes);
      if (garbled) yield { type: 'notice' as const, message: garbled, where: file };
      yield* readTmeHtml(bytes.toString('utf8'), file);
      return;
    }
    case 'export-json':
      yield* readExportJson(file, { onProgress: onBytes, timeZone: options.timeZone });
      return;
    case 'export-html':
      yield* readExportHtml(file, { timeZone: options.timeZone });
      return;
    case 'text': {
      const bytes = await readFile(file);
      onBytes(bytes.length);
      const channel = options.channel ?? defaultChannelName(file);
      // A dump names no ids: its posts are matched with what the channel holds (collectors/text/identity.ts).
      const identity = await storedIdentity(store.iteratePosts({ channel }));
      yield* readTextDumpBytes(bytes, { channel, where: file, identity, timeZone: options.timeZone });
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
 * A post whose incoming text carries U+FFFD (bytes of the file that were not UTF-8) where its stored text has none
 * keeps the stored text and entities: a garbled copy of a file never becomes a new version of a post.
 */
async function keepCleanText(store: Store, posts: Post[], notices: string[]): Promise<void> {
  for (const post of posts) {
    if (!post.text.includes('\uFFFD')) continue;
    const stored = await store.getPost(post.channel, post.id);
    if (!stored || stored.text.includes('\uFFFD')) continue;
    post.text = stored.text;
    post.entities = stored.entities;
    notices.push(
      `post ${post.channel}/${post.id}: its text here has U+FFFD (invalid UTF-8) where the archive's has none: the stored text is kept`,
    );
  }
}

/** Posts of an export read before its channel is decided by comparing them with the archive. */
const TWIN_SAMPLE = 50;
/** Of the sampled dated posts, the share a stored channel must hold with the same id and date to be the same one. */
const TWIN_SHARE = 0.9;

const sameTitle = (a: string | null, b: string | null): boolean =>
  !!a && !!b && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/**
 * The stored channel an export without id or username is (a Desktop HTML export names neither; a JSON export whose
 * id the archive does not know yet may be the twin of an HTML export imported first): one with the same title
 * holding the sampled posts, same ids with the same dates. Null when none does; the reason when one does.
 */
async function twinOf(
  store: Store,
  channel: Channel,
  sample: Post[],
): Promise<{ key: string; why: string } | null> {
  const dated = sample.filter((p) => p.date);
  if (dated.length === 0) return null;
  let best: { key: string; why: string; matched: number } | null = null;
  for (const c of await store.listChannels()) {
    if (!sameTitle(c.title, channel.title)) continue;
    if (c.numericId != null && channel.numericId != null && c.numericId !== channel.numericId) continue;
    let matched = 0;
    for (const p of dated) if ((await store.getPost(c.key, p.id))?.date === p.date) matched++;
    if (matched / dated.length >= TWIN_SHARE && (!best || matched > best.matched))
      best = {
        key: c.key,
        matched,
        why: `same title, ${matched} of ${dated.length} post ids with the same dates`,
      };
  }
  return best && { key: best.key, why: best.why };
}

/**
 * Where an export's channel goes when --channel names it but the archive already holds the export's channel (by
 * its numeric id) under another key: there, when the name is free (a notice says how to rename it); a user error
 * naming the fix when the name is another channel's.
 */
async function askedChannel(store: Store, ch: Channel, asked: string, notices: string[]): Promise<string> {
  const named = await store.getChannel(asked);
  if (ch.numericId == null) return asked;
  if (named?.numericId != null && named.numericId !== ch.numericId)
    throw new UserError(
      `--channel ${asked}: that channel is numeric id ${named.numericId}, this export is ${ch.numericId}${ch.title ? ` ("${ch.title}")` : ''}: choose another name`,
    );
  const owner = await store.findChannelByNumericId(ch.numericId);
  if (!owner || owner.key === asked) return asked;
  if (named || (await store.countPosts({ channel: asked })) > 0)
    throw new ChannelConflictError(
      asked,
      ch.numericId,
      owner.key,
      `import without --channel (the posts go to ${owner.key})`,
    );
  notices.push(
    `--channel ${asked}: this export is channel ${owner.key} of the archive (numeric id ${ch.numericId}); its posts went there (to call it ${asked}: tgwire channels rename ${owner.key} ${asked})`,
  );
  return owner.key;
}

/** Ids a notice about posts left out of an export names; the count says how many there are in all. */
const LEFT_OUT_NAMED = 5;

/**
 * Counts the archive's posts (not deleted) within each channel's id range of this export that the export does not
 * hold, and says so in a notice naming a few: they stay, since an export leaving a post out does not say why (deleted
 * on Telegram since, or never shown to the exporting account). One index range read
 * per channel and a sort of the ids read, so a 1M-post export costs a second or so, not a lookup per post.
 */
async function leftOut(
  store: Store,
  seen: Map<string, number[]>,
  file: string,
  notices: string[],
): Promise<number> {
  let total = 0;
  for (const [channel, list] of seen) {
    const ids = Float64Array.from(list).sort();
    const [from, to] = [ids[0]!, ids[ids.length - 1]!];
    const missing: number[] = [];
    let i = 0;
    for (const id of await store.postIds(channel, from, to)) {
      while (i < ids.length && ids[i]! < id) i++;
      if (ids[i] !== id) missing.push(id);
    }
    if (missing.length === 0) continue;
    total += missing.length;
    const named =
      missing.slice(0, LEFT_OUT_NAMED).join(', ') + (missing.length > LEFT_OUT_NAMED ? ', …' : '');
    notices.push(
      `${file}: ${missing.length} ${missing.length === 1 ? 'post' : 'posts'} of channel ${channel} within this export's range (ids ${from}–${to}) ${missing.length === 1 ? 'is' : 'are'} not in this file (kept: an export leaving a post out does not delete it): ${named}`,
    );
  }
  return total;
}

/** This process, as import records name it: an import whose process is gone was cut off. */
const OWNER = PROCESS_OWNER;

/**
 * Takes back what an import that did not finish committed: closes its record and undoes it, in one transaction,
 * so it shows in `imports list` as undone. When a later import changed its posts since (the undo refuses), the
 * record is only closed, and the message says how to undo it by hand. Null when another process took it back first
 * (serve and every command opening the archive look for such imports, so two may find the same one).
 */
export async function rollBackImport(
  store: Store,
  batch: { id: number; channels: string[]; created: string[] },
): Promise<string | null> {
  const done = { channels: batch.channels, created: batch.created, finishedAt: new Date().toISOString() };
  const stillOpen = async () => (await store.unfinishedImportBatches()).some((b) => b.id === batch.id);
  try {
    const r = await store.transaction(async () => {
      if (!(await stillOpen())) return null;
      await store.finishImportBatch(batch.id, done);
      return store.undoImportBatch(batch.id, done.finishedAt);
    });
    if (r === null) return null;
    // Stories that lost a post are grouped again without it (as `imports undo` does).
    if (r.ungrouped > 0) await assignStories(store);
    return `import batch ${batch.id} did not finish: its ${r.removed + r.restored} posts saved so far were taken back`;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    const closed = await store.transaction(async () => {
      if (!(await stillOpen())) return false;
      await store.finishImportBatch(batch.id, done);
      return true;
    });
    if (!closed) return null;
    return `import batch ${batch.id} did not finish and cannot be taken back (${e.message}): tgwire imports list shows it`;
  }
}

/**
 * Imports cut off part-way (their process was killed) are taken back before anything else is imported: the archive
 * never keeps half of a file. Imports still running (in this or another live process) are left alone.
 */
export async function recoverCutOffImports(store: Store, notices: string[] = []): Promise<string[]> {
  for (const b of await store.unfinishedImportBatches()) {
    if (b.owner !== null && !ownerGone(b.owner)) continue;
    const said = await rollBackImport(store, b);
    if (said !== null) notices.push(`${b.file}: ${said}`);
  }
  return notices;
}

/**
 * Imports one file (or export folder) as one recorded batch (`tgwire imports undo` takes it back). Its posts commit
 * in batches of `batchSize`, so other writers get their turn; a file that fails half-way is taken back at once,
 * one whose process was killed at the next import (recoverCutOffImports): the archive never keeps half a file.
 * Identity is resolved here: a username from the source wins; else --channel (unless the archive knows the export's
 * numeric id under another name); else a channel already known by its numeric id (so an export lands on the posts a
 * scrape of the same channel stored); else a channel with the same title holding the same posts (the JSON and
 * HTML exports of one channel); else the source's own key.
 */
export async function importFile(
  store: Store,
  path: string,
  options: ImportOptions = {},
  enricher?: Enricher,
): Promise<FileImportResult> {
  const { file, dirFormat } = await resolvePath(path);
  const totalBytes = (await stat(file)).size;
  const head = dirFormat ? null : await readHead(file);
  const sniffed = dirFormat ?? sniffFormat(file, head!);
  const asked = options.format && options.format !== 'auto' ? options.format : null;
  if (asked === null && sniffed === null) {
    const loose = looseForwardLines(head!.toString('utf8'));
    if (loose)
      throw new ImportFormatError(
        `${file}: ${looseForwardAdvice(loose)}; put a no-break space there, or give --format text to ` +
          'import every line as own posts',
      );
    throw new ImportFormatError(
      `${file}: not a t.me page, a Telegram Desktop export or a text dump (no "Forwarded from" line, media ` +
        `placeholder or Desktop copy header in its first ${SNIFF_BYTES / 1024} KB); ` +
        `give --format text to import it as a text dump of own posts anyway`,
    );
  }
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
    edited: 0,
    batch: 0,
    notInFile: 0,
  };
  // The ids a Desktop export brought per channel, to find the archive's posts within its range that it left out.
  const seenIds = format === 'export-json' || format === 'export-html' ? new Map<string, number[]>() : null;
  const keyMap = new Map<string, string>();
  /** Channels this import made (no row before): an undo removes them again when it leaves them empty. */
  const created: string[] = [];
  let usedChannelOption = false;
  let bytesRead: number | null = null;
  const progress = () => options.onProgress?.({ file, bytesRead, totalBytes, posts: result.posts });
  // Only a Desktop export names files of its own; they are read beside it, before each batch's transaction.
  let media: ExportMediaOptions | null = null;
  if (options.media && (format === 'export-json' || format === 'export-html')) {
    result.media = emptyTally();
    media = {
      keeper: options.media,
      root: await exportFolder(file),
      tally: result.media,
      onUnsafe: (post, detail) =>
        result.notices.push(`${file}: post ${post.channel}/${post.id}: ${detail}: not read`),
    };
  }

  await recoverCutOffImports(store, result.notices);
  const batchId = await store.startImportBatch({
    file,
    format,
    startedAt: new Date().toISOString(),
    owner: OWNER,
  });
  // Each batch of posts commits on its own (with the record an undo needs), so another writer waits at most one
  // batch, not the whole file; a failure takes back what was committed (rollBackImport), a kill the next start.
  const tracked = () => ({ channels: result.channels, created });
  try {
    let batch: Post[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const posts = batch;
      batch = [];
      // Files are read and stored outside the transaction: other writers do not wait on the disk. A failure after
      // this leaves stored files no post refers to, which `media gc` removes.
      if (media) await keepExportMedia(posts, media);
      const r = await store.transaction(async () => {
        await keepCleanText(store, posts, result.notices);
        await enrich.prepare(posts);
        await store.noteImportPosts(batchId, posts);
        const saved = await store.savePosts(posts, { importBatch: batchId });
        await enrich.afterSave(posts);
        await store.progressImportBatch(batchId, tracked());
        return saved;
      });
      result.added += r.added;
      result.updated += r.updated;
      result.unchanged += r.unchanged;
      result.edited += r.edited;
      progress();
    };
    const bind = async (ch: Channel, key: string) =>
      store.transaction(async () => {
        const existing = await store.getChannel(key);
        if (!existing && !created.includes(key)) created.push(key);
        const merged = mergeChannel(existing, { ...ch, key });
        await store.upsertChannel(merged);
        keyMap.set(ch.key, key);
        if (!result.channels.includes(key)) result.channels.push(key);
        await store.progressImportBatch(batchId, tracked());
      });
    const add = async (post: Post) => {
      const key = keyMap.get(post.channel);
      if (key === undefined) {
        throw new ParseError(`post ${post.id} comes before its channel`, file);
      }
      post.channel = key;
      if (seenIds) {
        const ids = seenIds.get(key);
        if (ids) ids.push(post.id);
        else seenIds.set(key, [post.id]);
      }
      batch.push(post);
      result.posts++;
      if (batch.length >= batchSize) await flush();
    };
    // A channel whose key waits for its first posts (compared with the archive's) and those posts.
    let pending: { channel: Channel; posts: Post[] } | null = null;
    const settle = async () => {
      if (!pending) return;
      const { channel, posts } = pending;
      pending = null;
      const twin = await twinOf(store, channel, posts);
      if (twin && twin.key !== channel.key)
        result.notices.push(
          `${channel.title ?? channel.key}: the channel ${twin.key} of the archive (${twin.why})`,
        );
      await bind(channel, twin?.key ?? channel.key);
      for (const p of posts) await add(p);
    };
    const events: AsyncIterable<ImportEvent> | Iterable<ImportEvent> = eventsFor(
      store,
      file,
      format,
      options,
      (n) => {
        bytesRead = n;
      },
    );
    // A post over the limits is cut as soon as it is read, so nothing after the reader handles its full size.
    const within = (post: Post): Post => {
      const limited = limitPost(post);
      if (limited.notice) result.notices.push(`${file}: ${limited.notice}`);
      return limited.post;
    };
    for await (const read of events) {
      const ev: ImportEvent = read.type === 'post' ? { type: 'post', post: within(read.post) } : read;
      if (ev.type === 'notice') {
        result.notices.push(ev.where ? `${ev.where}: ${ev.message}` : ev.message);
      } else if (ev.type === 'channel') {
        await settle();
        await flush();
        const ch = ev.channel;
        let key = ch.username?.toLowerCase() ?? null;
        if (!key && options.channel && !usedChannelOption && format !== 'text') {
          key = await askedChannel(store, ch, options.channel, result.notices);
          usedChannelOption = true;
        }
        if (!key && ch.numericId != null)
          key = (await store.findChannelByNumericId(ch.numericId))?.key ?? null;
        if (!key && format !== 'text' && format !== 'tme-html') {
          pending = { channel: ch, posts: [] };
          continue;
        }
        await bind(ch, key ?? ch.key);
      } else if (pending && pending.channel.key === ev.post.channel) {
        pending.posts.push(ev.post);
        if (pending.posts.length >= TWIN_SAMPLE) await settle();
      } else {
        await add(ev.post);
      }
    }
    await settle();
    await flush();
    if (seenIds) result.notInFile = await leftOut(store, seenIds, file, result.notices);
    const line = result.media && describeTally(result.media);
    if (line) result.notices.push(`${file}: ${line}`);
    result.batch = await store.transaction(async () => {
      await enrich.finish();
      const done = { ...tracked(), finishedAt: new Date().toISOString() };
      return (await store.finishImportBatch(batchId, done)).id;
    });
  } catch (e) {
    // What the failed file committed goes again; when even that fails, the next import takes it back.
    await rollBackImport(store, { id: batchId, ...tracked() }).catch(() => undefined);
    throw e;
  }
  return result;
}
