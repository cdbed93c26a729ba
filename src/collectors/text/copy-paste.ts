// Reads Telegram Desktop's "copy selected messages" text: `SENDER, [dd/mm/yyyy hh:mm]`, the text, a blank line.
import { emptyPost, type Post } from '../../model/post.js';
import { ParseError } from '../../util/errors.js';
import { UTC_ZONE, type TimeZone } from '../../util/time-zone.js';
import { detectEntities } from './entities.js';

/*
 * Desktop writes the time in the computer's local zone and does not say which: it is read in the zone the import is
 * given (--timezone), UTC when none, so without it a date is off by the copier's offset. Seconds, when present
 * ([25/06/2022 07:25:13]), are kept.
 */
const HEADER = /^(.+), \[(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?\]$/;

export function isCopyPasteHeader(line: string): boolean {
  return HEADER.test(line);
}

/** The first non-blank line is a `SENDER, [dd/mm/yyyy hh:mm]` header. */
export function looksLikeCopyPaste(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '');
  return first !== undefined && isCopyPasteHeader(first);
}

function isoDate(m: RegExpExecArray, where: string, zone: TimeZone): string {
  const [, , dd, mm, yyyy, hh, mi, ss = '00'] = m;
  const ms = Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
  const d = new Date(ms);
  // Date.UTC rolls 31/02 over to March: refuse instead of storing a date nobody wrote.
  if (
    d.getUTCDate() !== Number(dd) ||
    d.getUTCMonth() !== Number(mm) - 1 ||
    Number(hh) > 23 ||
    Number(mi) > 59
  )
    throw new ParseError(`"${m[0]}" is not a real date and time (expected dd/mm/yyyy hh:mm)`, where);
  return new Date(zone.toUtc(ms)).toISOString();
}

/**
 * Messages in order, ids 1..N (positions; readTextDump gives them their ids). A header line starts a message only
 * at the top or after a blank line, since a message's own text may contain lines of any shape; the blank line
 * before the next header is the separator.
 */
export function readCopyPaste(
  text: string,
  channel: string,
  where: string,
  zone: TimeZone = UTC_ZONE,
): Post[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const posts: Post[] = [];
  let body: string[] | null = null;
  const close = () => {
    const post = posts.at(-1);
    if (!post || !body) return;
    while (body.length > 0 && body.at(-1)!.trim() === '') body.pop();
    post.text = body.join('\n');
    post.entities = detectEntities(post.text);
  };
  lines.forEach((line, i) => {
    const m = HEADER.exec(line);
    if (m && (i === 0 || lines[i - 1]!.trim() === '')) {
      close();
      const post = emptyPost(channel, posts.length + 1, 'text');
      post.author = m[1]!.trim();
      post.date = isoDate(m, `${where}:${i + 1}`, zone);
      posts.push(post);
      body = [];
      return;
    }
    if (body) body.push(line);
    else if (line.trim() !== '')
      throw new ParseError('text before the first "NAME, [dd/mm/yyyy hh:mm]" line', where);
  });
  close();
  return posts;
}
