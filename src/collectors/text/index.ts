// Public face of the plain-text collector: tgwire's text feed format and Desktop "copy selected" dumps.
import { emptyChannel, type ImportEvent, type Post } from '../../model/post.js';
import { MEDIA_LABELS } from '../../model/labels.js';
import { ImportFormatError } from '../../util/errors.js';
import type { TimeZone } from '../../util/time-zone.js';
import { looksLikeCopyPaste, readCopyPaste } from './copy-paste.js';
import { decodeTextDump } from './decode.js';
import { readFeed } from './feed.js';
import { assignDumpIds, FRESH_CHANNEL, type DumpIdentity } from './identity.js';
import { FORWARD_PREFIX, isLooseForwardLine } from './segment.js';

export { detectEntities } from './entities.js';
export { storedIdentity, TEXT_ID_BASE, type DumpIdentity } from './identity.js';
export type { BoundaryReason } from './segment.js';

export const textSource = {
  id: 'text',
  title: 'Plain-text dump',
  accepts:
    "a UTF-8 text feed (posts one after another, 'Forwarded from NAME' lines, media placeholders), " +
    'or messages copied from Telegram Desktop ("NAME, [dd/mm/yyyy hh:mm]" headers); ' +
    'text with none of these marks only with --format text',
  example: 'tgwire import feed.txt --channel mfa_russia',
} as const;

export interface TextDumpOptions {
  /** Channel key for every post (a text dump never names its channel). */
  channel: string;
  /** The file name, for notices and errors. @default '<text>' */
  where?: string;
  /**
   * What the archive holds of the channel (storedIdentity): stored posts keep their ids, new ones continue the
   * channel's sequence. @default a fresh channel (ids 1..N in file order)
   */
  identity?: DumpIdentity;
  /**
   * The zone of a Desktop copy's header times (the copier's clock; the dump does not say it). The feed format has
   * no dates. @default UTC
   */
  timeZone?: TimeZone;
}

export type TextDumpKind = 'feed' | 'copy-paste';

/** Which of the two text formats the content is in (the copy format when its first line is a Desktop header). */
export function textDumpKind(text: string): TextDumpKind {
  return looksLikeCopyPaste(text) ? 'copy-paste' : 'feed';
}

/**
 * Positive evidence that `head` (the start of a file) is a text dump: a `Forwarded from\u00A0` line, a media
 * placeholder line or a Desktop copy header. Import sniffs with it; other UTF-8 text is imported (as a feed of own
 * posts) only when the text format is asked for.
 */
export function looksLikeTextFeed(head: string): boolean {
  if (head.length === 0 || head.includes('\0')) return false;
  if (looksLikeCopyPaste(head)) return true;
  return head
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .some((l) => l.startsWith(FORWARD_PREFIX) || MEDIA_LABELS.includes(l));
}

/** The 1-based line of the first "Forwarded from NAME" written with a plain space, and how many there are. */
export function looseForwardLines(text: string): { first: number; count: number } | null {
  let first = 0;
  let count = 0;
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((line, i) => {
      if (!isLooseForwardLine(line)) return;
      count++;
      if (first === 0) first = i + 1;
    });
  return count > 0 ? { first, count } : null;
}

/** What to tell about loose forward lines: why they did not start forwards. */
export function looseForwardAdvice(loose: { first: number; count: number }): string {
  const which =
    loose.count === 1
      ? `line ${loose.first} reads`
      : `${loose.count} lines (the first: line ${loose.first}) read`;
  return `${which} "Forwarded from NAME" without the no-break space (U+00A0) after "from" that a forward's header has`;
}

function describe(posts: Post[], guessed: number): string {
  const forwards = posts.filter((p) => p.forwardedFrom).length;
  const own = posts.length - forwards;
  const guess = guessed > 0 ? `; ${guessed} own-post start(s) guessed from a change of language` : '';
  return `${posts.length} posts: ${forwards} forwarded, ${own} own${guess}`;
}

/**
 * Reads a text dump: a channel event, the posts (identified by content, see identity.ts: ids 1..N in file order
 * for a fresh channel; date null for the feed format; source 'text'), then a notice saying how many were found. Eager, so a bad file throws before anything is stored.
 * @throws ImportFormatError for an empty, blank or binary text; ParseError for a bad date in a copy dump.
 */
export function readTextDump(text: string, options: TextDumpOptions): ImportEvent[] {
  const where = options.where ?? '<text>';
  if (text.length === 0 || text === '\uFEFF') throw new ImportFormatError(`${where}: the file is empty`);
  if (text.includes('\0')) throw new ImportFormatError(`${where}: a binary file (NUL byte), not a text dump`);
  // trim() also drops a BOM (U+FEFF counts as white space).
  if (text.trim() === '') throw new ImportFormatError(`${where}: only blank lines, no posts`);
  const identity = options.identity ?? FRESH_CHANNEL;
  const events: ImportEvent[] = [{ type: 'channel', channel: emptyChannel(options.channel) }];
  if (textDumpKind(text) === 'copy-paste') {
    const posts = readCopyPaste(text, options.channel, where, options.timeZone);
    assignDumpIds(posts, identity);
    for (const post of posts) events.push({ type: 'post', post });
    // The dump does not say its zone: the notice says which one its times were read in.
    const zone = options.timeZone
      ? `times read in ${options.timeZone.name}`
      : 'times read as UTC; --timezone ZONE names the clock they were copied on';
    events.push({
      type: 'notice',
      message: `${posts.length} messages (Telegram Desktop copy; ${zone})`,
      where,
    });
    return events;
  }
  const found = readFeed(text, options.channel);
  assignDumpIds(
    found.map((f) => f.post),
    identity,
  );
  for (const { post } of found) events.push({ type: 'post', post });
  const guessed = found.filter((f) => f.reason === 'language').length;
  events.push({
    type: 'notice',
    message: describe(
      found.map((f) => f.post),
      guessed,
    ),
    where,
  });
  const loose = looseForwardLines(text);
  if (loose)
    events.push({
      type: 'notice',
      message: `${looseForwardAdvice(loose)}; read as text, not as forwards`,
      where,
    });
  return events;
}

/** readTextDump for a file's bytes: refuses binary files and invalid UTF-8 (ParseError naming file and line). */
export function readTextDumpBytes(bytes: Uint8Array, options: TextDumpOptions): ImportEvent[] {
  return readTextDump(decodeTextDump(bytes, options.where ?? '<text>'), options);
}
