// Copies a whole archive between stores (migrate-store): posts with their history, marks, topics, follows, sync state,
// readers' story corrections, pinned channel languages, saved searches, import batches, the publishing outbox with its route status,
// the webhooks (secrets included) and the media index (the files' bytes: media/copy-recorded.ts, which migrate-store
// runs after this).
import type { ArchiveCursor, ArchiveReader, ArchiveWriter } from '../../store/archive-copy.js';
import type { Store } from '../../store/store.js';

export interface CopyOptions {
  /** Names this copy's progress marker in the target (one per source, so two sources do not share a cursor). */
  marker: string;
  /** Posts per batch (one transaction each, with the cursor). @default 500 */
  batchSize?: number;
  /** Copy again from the start even when the target says this copy completed. @default false */
  restart?: boolean;
  /** Called after each committed batch; a throw stops the copy there (tests simulate a failure with it). */
  onBatch?: (info: { batch: number; posts: number; cursor: ArchiveCursor }) => void | Promise<void>;
  signal?: AbortSignal;
  /**
   * The source as the hint to finish an unfinished copy names it (its URL with the user, the password masked): the
   * marker's name is only its identity. @default none (the hint names the marker's source)
   */
  source?: string;
}

export interface CopyResult {
  /** Where this run started: null from the beginning, else the last post an earlier run copied. */
  resumedFrom: ArchiveCursor | null;
  /** The target already held a completed copy (nothing was done; pass restart to copy again). */
  alreadyDone: boolean;
  batches: number;
  posts: number;
  /** Earlier versions copied (edits). */
  versions: number;
  /** Posts the target already held (merged as an import would; a copy run again finds its own). */
  merged: number;
  channels: number;
  topics: number;
  follows: number;
  syncStates: number;
  /** Readers' story corrections (kept once in the target however often the copy runs). */
  corrections: number;
  savedSearches: number;
  /** Media files recorded in the index (their bytes are not copied). */
  mediaFiles: number;
  /** Outbox rows (planned, sent, skipped… messages with their Telegram ids) in the source. */
  outboxMessages: number;
  /** Route statuses (a route stopped by a refusal stays stopped). */
  routes: number;
  /** Finished import batches, with what `imports undo` needs (an undo still refuses over a later change). */
  importBatches: number;
  /** Webhooks, with their secrets (a webhook the target already has, same URL and secret, is kept once). */
  webhooks: number;
}

/** A copy's marker: whether it completed, and the last post it copied (null: none yet). */
export interface CopyProgress {
  done: boolean;
  after: ArchiveCursor | null;
  /** CopyOptions.source of the copy that wrote it. */
  source?: string;
}
type Progress = CopyProgress;

/** A copy marker's value as copyArchive writes it. */
export const copyProgressOf = (value: string): CopyProgress => JSON.parse(value) as CopyProgress;

/** From any archive that can be read for a copy, to one that can receive it (cli/ checks which, at start). */
export async function copyArchive(
  from: Store & ArchiveReader,
  to: Store & ArchiveWriter,
  options: CopyOptions,
): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 500;
  const mark = (p: Progress): string =>
    JSON.stringify(options.source !== undefined ? { ...p, source: options.source } : p);
  const saved = await to.getMarker(options.marker);
  let progress: Progress = saved && !options.restart ? copyProgressOf(saved) : { done: false, after: null };
  const result: CopyResult = {
    resumedFrom: progress.after,
    alreadyDone: progress.done,
    batches: 0,
    posts: 0,
    versions: 0,
    merged: 0,
    channels: 0,
    topics: 0,
    follows: 0,
    syncStates: 0,
    corrections: 0,
    savedSearches: 0,
    mediaFiles: 0,
    outboxMessages: 0,
    importBatches: 0,
    routes: 0,
    webhooks: 0,
  };
  if (progress.done) return result;

  // Channels, topics and corrections first (small, idempotent: copied again on every run).
  const channels = await from.listChannels();
  const topics = await from.listTopics();
  const corrections = await from.listStoryCorrections();
  const searches = await from.listSavedSearches();
  await to.transaction(async () => {
    // Marked unfinished from its first write: an archive opened before the copy ends can say it is incomplete.
    if (!saved || options.restart) await to.setMarker(options.marker, mark(progress));
    for (const c of channels) {
      await to.upsertChannel(c);
      // upsertChannel leaves a pin as it is, so the source's (or its absence) is written on its own.
      await to.setChannelLanguages(c.key, c.languages ?? null);
    }
    for (const t of topics) await to.saveTopic(t);
    for (const { id: _id, ...c } of corrections) await to.addStoryCorrection(c);
    for (const search of searches) await to.saveSearch(search);
  });
  result.savedSearches = searches.length;
  // The media index before the posts that refer to it (idempotent: a file already recorded is kept as it is).
  for (let after: string | null = null; ;) {
    const files = await from.listMediaFiles(after, batchSize);
    if (files.length === 0) break;
    await to.transaction(async () => {
      for (const f of files) await to.copyMediaFile(f);
    });
    result.mediaFiles += files.length;
    after = files[files.length - 1]!.sha256;
  }
  result.channels = channels.length;
  result.topics = topics.length;
  result.corrections = corrections.length;

  // As one bulk load where the target has one (its indexes are built once at the end, not post by post).
  const load = to.bulkLoad ? to.bulkLoad.bind(to) : <T>(fn: () => Promise<T>) => fn();
  await load(async () => {
    for (;;) {
      options.signal?.throwIfAborted();
      const batch = await from.readArchive(progress.after, batchSize);
      if (batch.length === 0) break;
      const last = batch[batch.length - 1]!.post;
      const next: Progress = { done: false, after: { channel: last.channel, id: last.id } };
      let merged = 0;
      // The batch and the cursor commit together: a copy killed anywhere resumes right after the last whole batch.
      await to.transaction(async () => {
        merged = await to.writeArchive(batch);
        await to.setMarker(options.marker, mark(next));
      });
      progress = next;
      result.merged += merged;
      result.batches++;
      result.posts += batch.length;
      result.versions += batch.reduce((n, i) => n + i.versions.length - 1, 0);
      await options.onBatch?.({ batch: result.batches, posts: result.posts, cursor: next.after! });
    }
  });

  const follows = await from.listFollows();
  // Publishing after the posts: sent messages keep their Telegram ids, so the target neither sends them again nor
  // loses the ids it edits and deletes them by.
  const publishing = {
    outbox: await from.readOutbox(),
    routes: await from.outbox().routeStatuses(),
    webhooks: await from.webhooks().list(),
  };
  const batches = await from.readImportBatches();
  const keys = new Set([...channels.map((c) => c.key), ...follows.map((f) => f.channel)]);
  await to.transaction(async () => {
    for (const f of follows) await to.follow(f.channel, f.depth);
    for (const key of [...keys].sort()) {
      const state = await from.getSyncState(key);
      if (!state) continue;
      await to.saveSyncState(key, state);
      result.syncStates++;
    }
    await to.writePublishing(publishing);
    await to.writeImportBatches(batches);
    await to.setMarker(options.marker, mark({ done: true, after: progress.after }));
  });
  result.follows = follows.length;
  result.outboxMessages = publishing.outbox.length;
  result.routes = publishing.routes.length;
  result.importBatches = batches.length;
  result.webhooks = publishing.webhooks.length;
  return result;
}
