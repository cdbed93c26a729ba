// The Store on PostgreSQL (pg): every concern in its own module on one pool; and what only this archive has, for
// running collection on several machines: the job queue, the shared pace toward t.me, faithful copies and markers.
import pg from 'pg';
import type { Pacer } from '../../util/pace.js';
import { wrapStoreError as wrap } from '../shared.js';
import type {
  ArchiveCursor,
  ArchivedPost,
  ArchiveReader,
  ArchiveWriter,
  CopiedImportBatch,
  MarkerList,
  OutboxRecord,
  PublishingState,
} from '../archive-copy.js';
import type { Store } from '../store.js';
import { mergeArchived } from '../archive-merge.js';
import { deleteChannel, mergeChannels, renameChannel } from '../channel-admin.js';
import { PgBulkLoad, type BulkLoadOptions } from './bulk-load.js';
import {
  clearPosts,
  dropCopyEvents,
  lastEvent,
  readArchive,
  readArchivedPosts,
  readMarker,
  readMarkers,
  readOutbox,
  restoreHistory,
  writeMarker,
  writePublishing,
} from './archive.js';
import {
  noteHeld,
  postgresAdmin,
  postgresImportBatches,
  readImportBatches,
  writeImportBatches,
} from './channels.js';
import type { PgConnection } from './connection.js';
import { PgCuration } from './curation.js';
import { PgMedia } from './media.js';
import { PgSavedSearches } from './saved-searches.js';
import { postgresOutbox } from './outbox.js';
import { createSharedPacer, type SharedPacerOptions } from './pace.js';
import { PgChannels, PgPostReads } from './posts.js';
import { PostgresJobQueue } from './queue.js';
import { refreshRecentIndex, type RecentIndexOptions, type RecentIndexReport } from './recent-index.js';
import { PgReports } from './reports.js';
import { PgPostWriter, type InsertOptions } from './save.js';
import { PostgresSearch } from './searcher.js';
import { Stemmer } from './stem.js';
import type { Rows } from './newest.js';
import { withSettings } from './settings.js';
import { PgCollection } from './sync-state.js';
import { postgresWebhooks } from './webhooks.js';

export class PostgresStore implements Store, ArchiveReader, ArchiveWriter, MarkerList {
  private readonly channels: PgChannels;
  private readonly writer: PgPostWriter;
  private readonly reads: PgPostReads;
  private readonly searcher: PostgresSearch;
  private readonly reports: PgReports;
  private readonly curation: PgCuration;
  private readonly collection: PgCollection;
  private readonly media: PgMedia;
  private readonly savedSearches: PgSavedSearches;
  private readonly admin: ReturnType<typeof postgresAdmin>;
  private readonly batches: ReturnType<typeof postgresImportBatches>;
  /** The collection workers' job queue, on this archive's pool and schema. */
  readonly queue: PostgresJobQueue;
  /** Bulk loads into this archive (bulkLoad); its last report is there for benchmarks. */
  readonly bulk: PgBulkLoad;
  private readonly stemmer: Stemmer;

  constructor(
    private readonly c: PgConnection,
    /** The schema holding the tables (null: the server's default search_path). */
    readonly schema: string | null,
    /** The schema of the rum extension when the archive searches through RUM (migration 15); null: GIN. */
    readonly rumSchema: string | null = null,
    insert: InsertOptions = {},
    private readonly recent: RecentIndexOptions = {},
  ) {
    const stemmer = (this.stemmer = new Stemmer(rumSchema !== null));
    this.channels = new PgChannels(c);
    this.bulk = new PgBulkLoad(c.pool, recent);
    this.writer = new PgPostWriter(c, stemmer, insert, this.bulk);
    this.reads = new PgPostReads(c);
    const rows: Rows = (what, text, values) => c.rows(what, text, values);
    this.searcher = new PostgresSearch({
      rum: rumSchema,
      rows,
      // No JIT either: a query over a big archive is priced past jit_above_cost by the rows it might read, and
      // compiling it took 70-200 ms at 10M posts where running it took under one.
      indexed: (fn) => c.transaction(() => withSettings(rows, { enable_seqscan: 'off', jit: 'off' }, fn)),
      lexicon: async (words) => {
        try {
          return await stemmer.lexicon(c.reader(), words);
        } catch (e) {
          throw wrap(e, 'search');
        }
      },
    });
    this.reports = new PgReports(c);
    this.curation = new PgCuration(c);
    this.collection = new PgCollection(c);
    this.media = new PgMedia(c);
    this.savedSearches = new PgSavedSearches(c);
    this.admin = postgresAdmin((what, fn) => c.write(what, fn));
    this.batches = postgresImportBatches((what, fn) => c.write(what, fn));
    this.queue = new PostgresJobQueue(c.pool);
  }

  transaction: Store['transaction'] = (fn) => this.c.transaction(fn);
  close: Store['close'] = () => this.c.close();

  upsertChannel: Store['upsertChannel'] = (c) => this.channels.upsertChannel(c);
  getChannel: Store['getChannel'] = (key) => this.channels.getChannel(key);
  findChannelByNumericId: Store['findChannelByNumericId'] = (n) => this.channels.findChannelByNumericId(n);
  listChannels: Store['listChannels'] = () => this.channels.listChannels();

  savePosts: Store['savePosts'] = (posts, options) => this.writer.savePosts(posts, options);
  getPost: Store['getPost'] = (channel, id) => this.reads.getPost(channel, id);
  getVersions: Store['getVersions'] = (channel, id) => this.reads.getVersions(channel, id);
  getReplies: Store['getReplies'] = (channel, replyTo, limit) =>
    this.reads.getReplies(channel, replyTo, limit);
  markDeleted: Store['markDeleted'] = (channel, ids, at) => this.reads.markDeleted(channel, ids, at);
  queryPosts: Store['queryPosts'] = (query) => this.reads.queryPosts(query);
  countPosts: Store['countPosts'] = (filter) => this.reads.countPosts(filter);
  iteratePosts: Store['iteratePosts'] = (query) => this.reads.iteratePosts(query);
  latestTexts: Store['latestTexts'] = (channel, limit) => this.reads.latestTexts(channel, limit);
  postIds: Store['postIds'] = (channel, from, to) => this.reads.postIds(channel, from, to);

  search: Store['search'] = (text, options) => this.searcher.search(text, options);

  stats: Store['stats'] = (filter) => this.reports.stats(filter);
  dailyCounts: Store['dailyCounts'] = (filter) => this.reports.dailyCounts(filter);
  hashtagCounts: Store['hashtagCounts'] = (options) => this.reports.hashtagCounts(options);
  languageCounts: Store['languageCounts'] = (filter) => this.reports.languageCounts(filter);
  forwardEdges: Store['forwardEdges'] = (filter) => this.reports.forwardEdges(filter);

  saveTopic: Store['saveTopic'] = (topic) => this.curation.saveTopic(topic);
  removeTopic: Store['removeTopic'] = (name) => this.curation.removeTopic(name);
  listTopics: Store['listTopics'] = () => this.curation.listTopics();
  setPostTopics: Store['setPostTopics'] = (tags) => this.curation.setPostTopics(tags);
  setStories: Store['setStories'] = (members) => this.curation.setStories(members);
  getStoryMembers: Store['getStoryMembers'] = (storyId) => this.curation.getStoryMembers(storyId);
  storyMembersOf: Store['storyMembersOf'] = (keys) => this.curation.storyMembersOf(keys);
  addStoryCorrection: Store['addStoryCorrection'] = (c) => this.curation.addStoryCorrection(c);
  listStoryCorrections: Store['listStoryCorrections'] = () => this.curation.listStoryCorrections();
  removeStoryCorrection: Store['removeStoryCorrection'] = (id) => this.curation.removeStoryCorrection(id);
  addStoryAliases: Store['addStoryAliases'] = (renamed) => this.curation.addStoryAliases(renamed);
  storyAlias: Store['storyAlias'] = (id) => this.curation.storyAlias(id);
  setChannelLanguages: Store['setChannelLanguages'] = (channel, languages) =>
    this.curation.setChannelLanguages(channel, languages);
  channelLanguageMix: Store['channelLanguageMix'] = (channel) => this.curation.channelLanguageMix(channel);

  getSyncState: Store['getSyncState'] = (key) => this.collection.getSyncState(key);
  saveSyncState: Store['saveSyncState'] = (key, state) => this.collection.saveSyncState(key, state);
  follow: Store['follow'] = (channel, depth) => this.collection.follow(channel, depth);
  unfollow: Store['unfollow'] = (channel) => this.collection.unfollow(channel);
  listFollows: Store['listFollows'] = () => this.collection.listFollows();

  reserveMediaFile: Store['reserveMediaFile'] = (file, caps, at) =>
    this.media.reserveMediaFile(file, caps, at);
  getMediaFile: Store['getMediaFile'] = (sha256) => this.media.getMediaFile(sha256);
  setMediaPreview: Store['setMediaPreview'] = (sha256, preview) =>
    this.media.setMediaPreview(sha256, preview);
  removeMediaFile: Store['removeMediaFile'] = (sha256) => this.media.removeMediaFile(sha256);
  mediaTotals: Store['mediaTotals'] = () => this.media.mediaTotals();
  listMediaFiles: Store['listMediaFiles'] = (after, limit) => this.media.listMediaFiles(after, limit);
  copyMediaFile: Store['copyMediaFile'] = (file) => this.media.copyMediaFile(file);
  channelMediaBytes: Store['channelMediaBytes'] = (channel) => this.media.channelMediaBytes(channel);
  channelMediaFailed: Store['channelMediaFailed'] = (channel) => this.media.channelMediaFailed(channel);
  unreferencedMediaFiles: Store['unreferencedMediaFiles'] = () => this.media.unreferencedMediaFiles();
  archiveIdentity: Store['archiveIdentity'] = () => this.media.archiveIdentity();

  saveSearch: Store['saveSearch'] = (search) => this.savedSearches.saveSearch(search);
  getSavedSearch: Store['getSavedSearch'] = (name) => this.savedSearches.getSavedSearch(name);
  listSavedSearches: Store['listSavedSearches'] = () => this.savedSearches.listSavedSearches();
  removeSavedSearch: Store['removeSavedSearch'] = (name) => this.savedSearches.removeSavedSearch(name);

  // Channel admin and import batches (channels.ts; the steps shared by both archives in channel-admin.ts).
  renameChannel: Store['renameChannel'] = (from, to) => renameChannel(this, this.admin, from, to);
  mergeChannels: Store['mergeChannels'] = (from, into) => mergeChannels(this, this.admin, from, into);
  deleteChannel: Store['deleteChannel'] = (key) => deleteChannel(this, this.admin, key);
  startImportBatch: Store['startImportBatch'] = (batch) => this.batches.start(batch);
  noteImportPosts: Store['noteImportPosts'] = (batchId, posts) => this.batches.note(batchId, posts);
  finishImportBatch: Store['finishImportBatch'] = (batchId, done) => this.batches.finish(batchId, done);
  progressImportBatch: Store['progressImportBatch'] = (batchId, p) => this.batches.progress(batchId, p);
  unfinishedImportBatches: Store['unfinishedImportBatches'] = () => this.batches.unfinished();
  listImportBatches: Store['listImportBatches'] = () => this.batches.list();
  undoImportBatch: Store['undoImportBatch'] = (id, at = new Date().toISOString()) =>
    this.batches.undo(id, at);

  /** The outbox on this pool; every step commits on its own, never inside a Store transaction. */
  outbox: Store['outbox'] = (options) => postgresOutbox(this.c, options);
  /** The webhooks, their change log and delivery log, on this pool. */
  webhooks: Store['webhooks'] = (options) => postgresWebhooks(this.c, options);

  // ---- scale-out: not part of Store --------------------------------------------------------------------

  /** A per-host pace every worker on this archive shares (host_pace table), on this archive's pool. */
  sharedPacer(options: SharedPacerOptions): Pacer & { close(): Promise<void> } {
    return createSharedPacer(this.c.pool, options);
  }

  async readArchive(after: ArchiveCursor | null, limit: number): Promise<ArchivedPost[]> {
    try {
      return await readArchive(this.c.reader(), after, limit);
    } catch (e) {
      throw wrap(e, 'readArchive');
    }
  }

  async readOutbox(): Promise<OutboxRecord[]> {
    try {
      return await readOutbox(this.c.reader());
    } catch (e) {
      throw wrap(e, 'readOutbox');
    }
  }

  async readImportBatches(): Promise<CopiedImportBatch[]> {
    try {
      return await readImportBatches(this.c.reader());
    } catch (e) {
      throw wrap(e, 'readImportBatches');
    }
  }

  writeImportBatches(batches: CopiedImportBatch[]): Promise<number> {
    return this.c.write('writeImportBatches', (db) => writeImportBatches(db, this.stemmer, batches));
  }

  writePublishing(state: PublishingState): Promise<{ outbox: number; routes: number; webhooks: number }> {
    return this.c.write('writePublishing', (db) => writePublishing(db, state));
  }

  writeArchive(items: ArchivedPost[]): Promise<number> {
    if (items.length === 0) return Promise.resolve(0);
    return this.transaction(async () => {
      // A post the target already holds (a copy run again, or resumed after edits reached the target) is merged
      // as an import would: the target's own later versions stay. Then the posts are stored afresh as merged.
      const held = new Map(
        (
          await this.c.write('writeArchive', (db) =>
            readArchivedPosts(
              db,
              items.map((i) => i.post),
            ),
          )
        ).map((h) => [`${h.post.channel}\u0000${h.post.id}`, h]),
      );
      items = items.map((i) => {
        const h = held.get(`${i.post.channel}\u0000${i.post.id}`);
        return h ? mergeArchived(i, h) : i;
      });
      // As they stand before the merge: what the copied import batches record them by (writeImportBatches).
      await this.c.write('writeArchive', (db) =>
        noteHeld(
          db,
          [...held.values()].map((h) => h.post),
        ),
      );
      await this.c.write('writeArchive', (db) => clearPosts(db, items));
      const posts = items.map(({ post }) => {
        const { deleted: _d, deletedAt: _da, topics: _t, story: _s, ...rest } = post;
        return rest;
      });
      const events = await this.c.write('writeArchive', (db) => lastEvent(db));
      await this.savePosts(posts, { mergeMissing: false });
      await this.c.write('writeArchive', async (db) => {
        await restoreHistory(db, items);
        // A copy is no change of the posts: webhooks the target has (a copy run again) are not told of it.
        await dropCopyEvents(db, events, items);
      });
      return held.size;
    });
  }

  /**
   * Runs fn (saves and archive writes, committed as they go) as a bulk load: the secondary indexes of the posts are
   * set aside when the load is large beside the archive and built again at the end (also after a failure, or on the
   * next open after a crash); new posts go straight into the table, which other writers wait for, batch by batch.
   * Searches during the load read without those indexes.
   */
  bulkLoad<T>(fn: () => Promise<T>, options?: BulkLoadOptions): Promise<T> {
    return this.bulk.run(fn, options);
  }

  /**
   * Builds, rebuilds or drops the recent index as the archive's size asks (recent-index.ts), on a connection of its
   * own: the concurrent build runs outside any transaction and lets writers go on.
   */
  async refreshRecentIndex(): Promise<RecentIndexReport> {
    const client = new pg.Client({ ...this.c.pool.options, application_name: 'tgwire recent index' });
    client.on('error', () => {});
    try {
      await client.connect();
      return await refreshRecentIndex(client, this.recent);
    } catch (e) {
      throw wrap(e, 'refreshRecentIndex');
    } finally {
      await client.end().catch(() => {});
    }
  }

  async getMarker(name: string): Promise<string | null> {
    try {
      return await readMarker(this.c.reader(), name);
    } catch (e) {
      throw wrap(e, 'getMarker');
    }
  }

  async listMarkers(prefix: string): Promise<{ name: string; value: string }[]> {
    try {
      return await readMarkers(this.c.reader(), prefix);
    } catch (e) {
      throw wrap(e, 'listMarkers');
    }
  }

  setMarker(name: string, value: string | null): Promise<void> {
    return this.c.write(`marker ${name}`, (db) => writeMarker(db, name, value));
  }
}
