// Helpers every Store backend uses the same way, so SQLite and PostgreSQL count, filter and report alike.
import type { Channel, Entity, Post, SourceKind } from '../model/post.js';
import type { StoredStoryCorrection, StoryEvidence } from '../model/story.js';
import type { PostFilter } from './store.js';
import { postHashtags } from '../text/tags.js';
import {
  ArchiveBusyError,
  ArchiveUnavailableError,
  StoreError,
  UserError,
  errorMessage,
} from '../util/errors.js';

/**
 * One step of upgrading an existing archive to this code's schema, reported before and after it runs: some steps
 * re-index many posts (a minute or more at a million), and a command that says nothing meanwhile looks hung. A new
 * archive's schema is made without reports.
 */
export interface UpgradeStep {
  version: number;
  name: string;
  /** The step reads words differently: topics tagged before it need tagging again. */
  rereadsWords: boolean;
  /** Set once the step is done: how long it took. */
  ms?: number;
}

/** The post's hashtags as the store keeps them (text/tags.ts postHashtags). */
export const hashtagsOf = postHashtags;

const BARE_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Searches count matches exactly up to here, then say "1,000+" (totalIsLowerBound): past it an exact number costs a
 * read of every match, and no reader needs it. Both stores stop here. On PostgreSQL each match counted is a row read
 * from the table; on SQLite, counting to 10,000 made the count most of a newest-first page (at 1M posts, median 8.0
 * against 5.0 ms, BENCHMARKS.md).
 */
export const COUNT_CAP = 1_000;

/** ISO instant for comparison with stored dates; a bare day is its midnight UTC (+1 day for `until`). */
export function boundary(value: string, end: boolean): string {
  const t = Date.parse(BARE_DAY.test(value) ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(t)) throw new UserError(`not a date: "${value}" (use YYYY-MM-DD or an ISO date-time)`);
  return new Date(end && BARE_DAY.test(value) ? t + 86_400_000 : t).toISOString();
}

export interface ChannelRow {
  key: string;
  username: string | null;
  numeric_id: number | string | null;
  title: string | null;
  description: string | null;
  subscribers: number | null;
  avatar_url: string | null;
  kind: string | null;
  /** SQLite: JSON text; PostgreSQL: text[]; null when not pinned. */
  languages?: string | string[] | null;
}

export function rowToChannel(r: ChannelRow): Channel {
  const channel: Channel = {
    key: r.key,
    username: r.username,
    numericId: r.numeric_id === null ? null : Number(r.numeric_id),
    title: r.title,
    description: r.description,
    subscribers: r.subscribers,
    avatarUrl: r.avatar_url,
    kind: r.kind,
  };
  const langs = typeof r.languages === 'string' ? (JSON.parse(r.languages) as string[]) : r.languages;
  // Only a pinned channel carries the field, so an unpinned one reads back exactly as it was saved.
  if (langs && langs.length) channel.languages = langs;
  return channel;
}

/** A stored evidence value (SQLite: JSON text; PostgreSQL: jsonb, parsed by the driver) as the model has it. */
export function rowToEvidence(value: unknown): StoryEvidence | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as StoryEvidence;
}

/** The kept form of a correction (`into_post` null for a split). */
export interface CorrectionRow {
  id: number | string;
  kind: string;
  post: string;
  into_post: string | null;
  /** A split's `from`, space-separated; null for merges and splits made before it was recorded. */
  apart: string | null;
  created_at: string;
}

export function rowToCorrection(r: CorrectionRow): StoredStoryCorrection {
  return r.kind === 'merge'
    ? { id: Number(r.id), kind: 'merge', post: r.post, into: r.into_post ?? '', createdAt: r.created_at }
    : {
        id: Number(r.id),
        kind: 'split',
        post: r.post,
        ...(r.apart !== null ? { from: r.apart.split(' ').filter(Boolean) } : {}),
        createdAt: r.created_at,
      };
}

/**
 * When a correction being added is stored, or null when the identical one already kept (`same`) stands as it is.
 * A correction made again after a later one may have overridden it is recorded anew at the end of the order (never
 * before the latest kept), so a correction that says it was saved takes effect. One with a time no later than the
 * kept one's is the same correction copied again (a re-import), not made again.
 */
export function recordAt(
  same: { id: number; created_at: string } | undefined,
  last: { id: number; created_at: string } | undefined,
  createdAt: string,
): string | null {
  if (!same) return createdAt;
  if (!last || last.id === same.id || createdAt <= same.created_at) return null;
  return last.created_at > createdAt ? last.created_at : createdAt;
}

/** Shares of each language among the counted posts, largest first (ties by code). */
export function languageShares(rows: { lang: string; posts: number | string }[]): Map<string, number> {
  const total = rows.reduce((n, r) => n + Number(r.posts), 0);
  return new Map(
    rows
      .map((r) => [r.lang, Number(r.posts) / total] as const)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  );
}

/** SQLite's "another connection holds the lock" (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

// A server that is not there or went away: the socket's errors, SQLSTATE class 08 (connection exceptions), and
// 57P01–57P03 (shut down, crashed, starting up).
const UNREACHABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|EPIPE|08...|57P0[123])$/;

/** Whether a driver error says the database server cannot be reached now (not that a statement failed). */
export function isUnreachable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return UNREACHABLE_CODES.test(code);
  return e instanceof Error && /^Connection terminated/.test(e.message);
}

/** Errors the user or the store already explained pass through; driver errors become StoreError. */
export function wrapStoreError(e: unknown, what: string): Error {
  if (e instanceof UserError || e instanceof StoreError) return e;
  if (isBusy(e)) return new ArchiveBusyError(5, { cause: e });
  if (isUnreachable(e)) return new ArchiveUnavailableError(`${what}: ${errorMessage(e)}`, { cause: e });
  // PostgreSQL's insufficient_privilege: a role given SELECT only (an analyst's login) that a command asks to write.
  if ((e as { code?: unknown } | null)?.code === '42501')
    return new UserError(
      `${what}: ${errorMessage(e)}: the database role lacks a privilege this command needs (reading needs SELECT on ` +
        "tgwire's tables, writing INSERT, UPDATE and DELETE too; the archive's owner has them all)",
      { cause: e },
    );
  return new StoreError(`${what}: ${errorMessage(e)}`, { cause: e });
}

/** Whether a filter keeps every post (the archive's own figures can then be read from indexes). */
export function isWholeArchive(f: PostFilter | undefined): boolean {
  return f === undefined || Object.values(f).every((v) => v === undefined);
}

/**
 * A slice's per-channel rows with every channel the filter names, a channel without posts in the slice as 0: a
 * reader who picked a channel sees it listed.
 */
export function withNamedChannels<R extends { channel: string; posts: number }>(
  rows: R[],
  f: PostFilter,
  empty: (channel: string) => R,
): R[] {
  const named = f.channel === undefined ? [] : Array.isArray(f.channel) ? f.channel : [f.channel];
  const have = new Set(rows.map((r) => r.channel));
  const out = [...rows, ...named.filter((c) => !have.has(c)).map(empty)];
  return out.sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
}

/** A posts row as either backend returns it (SQLite: 0/1 and JSON text; PostgreSQL: booleans and arrays). */
export interface PostRow {
  channel: string;
  id: number;
  date: string | null;
  edited: boolean | number;
  edit_date: string | null;
  author: string | null;
  text: string;
  entities: string;
  forwarded_from: string | null;
  reply_to: number | null;
  group_id: string | null;
  media: string;
  views: number | null;
  /** Absent from selects that do not name them. */
  forwards?: number | null;
  replies?: number | null;
  reactions: string;
  service: string | null;
  source: string;
  lang: string | null;
  deleted_at: string | null;
  /** Absent from selects that do not name them. */
  restored_at?: string | null;
  restored_from?: string | null;
  sort_date: string;
  topics?: string[] | string | null;
  story?: string | null;
}

export function rowToPost(r: PostRow): Post {
  return {
    channel: r.channel,
    id: r.id,
    date: r.date,
    edited: r.edited === true || r.edited === 1,
    editDate: r.edit_date,
    author: r.author,
    text: r.text,
    entities: JSON.parse(r.entities) as Entity[],
    forwardedFrom: r.forwarded_from === null ? null : (JSON.parse(r.forwarded_from) as Post['forwardedFrom']),
    replyTo: r.reply_to,
    groupId: r.group_id,
    media: JSON.parse(r.media) as Post['media'],
    views: r.views,
    ...(r.forwards != null ? { forwards: r.forwards } : {}),
    ...(r.replies != null ? { replies: r.replies } : {}),
    reactions: JSON.parse(r.reactions) as Post['reactions'],
    service: r.service === null ? null : (JSON.parse(r.service) as Post['service']),
    source: r.source as SourceKind,
    lang: r.lang,
    deleted: r.deleted_at !== null,
    ...(r.deleted_at !== null ? { deletedAt: r.deleted_at } : {}),
    ...(r.restored_at != null && r.restored_from != null
      ? { restored: { deletedAt: r.restored_from, at: r.restored_at } }
      : {}),
    topics: Array.isArray(r.topics) ? r.topics : r.topics ? (JSON.parse(r.topics) as string[]) : [],
    story: r.story ?? null,
  };
}
