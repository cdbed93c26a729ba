// Faithful copies between archives (migrate-store): capabilities beside the Store, not part of it. Every backend can
// be read for a copy; only the PostgreSQL archive can receive one and keeps the markers the copy resumes from.
import type { Post } from '../model/post.js';
import type { StoryEvidence } from '../model/story.js';
import type { PostVersion } from '../model/version.js';
import type { Webhook } from '../model/webhook.js';
import type { RouteStatus } from './outbox.js';
import type { Row as OutboxTableRow } from './outbox-rows.js';

/** A post as an archive holds it, history and marks included: what migrate-store copies between backends. */
export interface ArchivedPost {
  post: Post;
  /** Every version, oldest first, the last one the current text (as getVersions gives them). */
  versions: PostVersion[];
  /** When the post was marked deleted (ISO); null when it is not. */
  deletedAt: string | null;
  /** When its row last changed (ISO): what import batches tell a later change by. Absent: its last text's time. */
  updatedAt?: string;
  /** Why the post joined its story (post.story); null without a story. */
  storyReason: string | null;
  /** What it shared with the story's other posts (StoryMember.evidence); null without a story or evidence. */
  storyEvidence: StoryEvidence | null;
}

/** Where a walk through an archive in (channel, id) order stands: the last post read. */
export interface ArchiveCursor {
  channel: string;
  id: number;
}

/** An outbox row as both archives store it (the same columns on each), with the rate limiter's clock. */
export type OutboxRecord = OutboxTableRow & { sent_ms: number | null };

/**
 * What publishing keeps beside the posts: the outbox (which message went where, with Telegram's message ids: what
 * makes sending exactly-once), the routes' status, and the webhooks with their secrets (shown only once).
 */
export interface PublishingState {
  /** In plan (seq) order. */
  outbox: OutboxRecord[];
  routes: RouteStatus[];
  webhooks: Webhook[];
}

/** A finished import batch with what `imports undo` needs, as another archive can take it. */
export interface CopiedImportBatch {
  id: number;
  file: string;
  format: string;
  channels: string[];
  createdChannels: string[];
  startedAt: string;
  finishedAt: string;
  added: number;
  updated: number;
  versions: number;
  undoneAt: string | null;
  posts: CopiedBatchPost[];
}

export interface CopiedBatchPost {
  channel: string;
  id: number;
  /** The post before the batch: its row as the source archive stores it, and its topics; null: the batch added it. */
  before: { row: Record<string, unknown>; topics: string[] } | null;
  /**
   * The history the post had before the batch, as ranks in its versions oldest first (1 = the oldest); null when it
   * had none. Positions differ between archives, ranks do not.
   */
  minRank: number | null;
  maxRank: number | null;
  /** The post is still as the batch left it (an undo may take it back); false: changed since. */
  current: boolean;
  /**
   * The next batch that changed the post found it as this one left it: once that batch is undone, this one can be
   * undone too (nothing else changed the post in between).
   */
  leftForNext: boolean;
}

/** An archive a copy can read from, history included. */
export interface ArchiveReader {
  /** Up to `limit` posts after `after` in (channel, id) byte order, each with its history and marks. */
  readArchive(after: ArchiveCursor | null, limit: number): Promise<ArchivedPost[]>;
  /** Every outbox row, in seq order (route statuses and webhooks are read through the Store). */
  readOutbox(): Promise<OutboxRecord[]>;
  /** Finished import batches in id order, with their posts (an import still running or cut off is not copied). */
  readImportBatches(): Promise<CopiedImportBatch[]>;
}

/** Named values kept in the archive (a copy's cursor, the workers' story tokens). */
export interface Markers {
  /** null when unset. */
  getMarker(name: string): Promise<string | null>;
  /** Writes inside the current transaction when called from Store.transaction; null removes it. */
  setMarker(name: string, value: string | null): Promise<void>;
}

/** Markers listed by the start of their name (what an archive opened for reading checks for an unfinished copy). */
export interface MarkerList {
  listMarkers(prefix: string): Promise<{ name: string; value: string }[]>;
}

/**
 * An archive a copy can be written to. savePosts records versions with its own seenAt, so copying history needs
 * this; the copy records its progress in the target's markers.
 */
export interface ArchiveWriter extends Markers {
  /**
   * Stores the posts as the other archive had them: current text, history (seenAt included), deletion time,
   * topics and story. A post already stored is merged (archive-merge.ts): versions only the target kept stay, and
   * the one seen last is current. Idempotent; joins the current transaction. Returns how many of the posts it
   * already held (writeImportBatches records those in the copied batches as found, not added).
   */
  writeArchive(items: ArchivedPost[]): Promise<number>;
  /**
   * Adds the other archive's publishing state: outbox rows it lacks (a row it planned but never sent takes the
   * other's message id when that one sent it), route statuses it lacks, webhooks it lacks (same URL and secret);
   * a copied webhook is told about changes from now on. Idempotent; joins the current transaction.
   */
  writePublishing(state: PublishingState): Promise<{ outbox: number; routes: number; webhooks: number }>;
  /**
   * Adds the import batches it lacks (the same file, format and start), under their own ids when free, so `imports
   * list` and `imports undo` go on as before; a post changed since its batch blocks that batch's undo, as it did.
   * Call after the posts are written. Returns how many were added. Joins the current transaction.
   */
  writeImportBatches(batches: CopiedImportBatch[]): Promise<number>;
  /**
   * Runs fn (writes committed as they go) as one bulk load, when the archive can load faster that way; the archive
   * is whole again when it ends, or, after a crash, when it is next opened.
   */
  bulkLoad?<T>(fn: () => Promise<T>): Promise<T>;
}
