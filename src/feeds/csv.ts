// Renders posts as CSV, one row per post, for spreadsheets (RFC 4180 quoting; a BOM so Excel reads UTF-8).
import { stringify } from 'csv-stringify/sync';
import type { Post } from '../model/post.js';
import { defaultPostUrl } from './jsonl.js';

export const CSV_COLUMNS = [
  'channel',
  'id',
  'url',
  'date',
  'edited',
  'author',
  'forwarded_from',
  'forwarded_username',
  'forwarded_post_id',
  'reply_to',
  'views',
  'media_types',
  'hashtags',
  'lang',
  'text',
] as const;

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark: Excel otherwise reads the file as the system's ANSI code page. */
  bom?: boolean;
  /**
   * Prefix cells starting with = + - @ (and tab/CR) with a quote so spreadsheets show them instead of running them
   * as formulas ("CSV injection"); it changes the cell text, so it is off by default.
   */
  escapeFormulas?: boolean;
  /** @default defaultPostUrl (see jsonl.ts) */
  urlFor?: (post: Post) => string | null;
}

/** The header line (with the BOM when asked: write it once, first). */
export function csvHeader(options: CsvOptions = {}): string {
  return (options.bom ? '\uFEFF' : '') + stringify([[...CSV_COLUMNS]], { record_delimiter: 'unix' });
}

/** The cells of one post; media types and hashtags are space-separated, empty cells for unknown values. */
export function postCsvCells(post: Post, options: CsvOptions = {}): string[] {
  const f = post.forwardedFrom;
  const hashtags = post.entities
    .filter((e) => e.type === 'hashtag')
    .map((e) => post.text.slice(e.offset, e.offset + e.length));
  const cell = (v: string | number | boolean | null | undefined) =>
    v === null || v === undefined ? '' : String(v);
  return [
    post.channel,
    cell(post.id),
    cell((options.urlFor ?? defaultPostUrl)(post)),
    cell(post.date),
    cell(post.edited),
    cell(post.author),
    cell(f?.name),
    cell(f?.username),
    cell(f?.postId),
    cell(post.replyTo),
    cell(post.views),
    post.media.map((m) => m.type).join(' '),
    hashtags.join(' '),
    cell(post.lang),
    post.text,
  ];
}

/** One post as one CSV record (text with commas, quotes and line breaks is quoted), with its line break. */
export function postToCsvRow(post: Post, options: CsvOptions = {}): string {
  return stringify([postCsvCells(post, options)], {
    record_delimiter: 'unix',
    escape_formulas: options.escapeFormulas ?? false,
  });
}

export function renderCsv(posts: Iterable<Post>, options: CsvOptions = {}): string {
  let out = csvHeader(options);
  for (const p of posts) out += postToCsvRow(p, options);
  return out;
}
