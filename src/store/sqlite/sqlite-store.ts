// The Store on one SQLite file (better-sqlite3): every concern in its own module, sharing one connection.
import { backupSqlite, type SqliteBackup } from './backup.js';
import type {
  ArchiveCursor,
  ArchivedPost,
  ArchiveReader,
  CopiedImportBatch,
  OutboxRecord,
} from '../archive-copy.js';
import type { Store } from '../store.js';
import { deleteChannel, mergeChannels, renameChannel } from '../channel-admin.js';
import { readArchive, readOutbox } from './archive.js';
import { readImportBatches, sqliteAdmin, sqliteImportBatches } from './channels.js';
import { addSqlFunctions, type SqliteConnection } from './connection.js';
import { SqliteCuration } from './curation.js';
import { SqliteMedia } from './media.js';
import { SqliteSavedSearches } from './saved-searches.js';
import { sqliteOutbox } from './outbox.js';
import { SqliteChannels, SqlitePostReads } from './posts.js';
import { SqliteReports } from './reports.js';
import type { ReadPool } from './read-pool.js';
import { PostWriter } from './save.js';
import { SqliteSearch } from './searcher.js';
import { SqliteCollection } from './sync-state.js';
import { sqliteWebhooks } from './webhooks.js';

/** The SQLite archive: the whole Store, and a source for copies (migrate-store reads it). */
export class SqliteStore implements Store, ArchiveReader {
  private readonly channels: SqliteChannels;
  private readonly writer: PostWriter;
  private readonly reads: SqlitePostReads;
  private readonly searcher: SqliteSearch;
  private readonly reports: SqliteReports;
  private readonly curation: SqliteCuration;
  private readonly collection: SqliteCollection;
  private readonly media: SqliteMedia;
  private readonly savedSearches: SqliteSavedSearches;
  private readonly admin: ReturnType<typeof sqliteAdmin>;
  private readonly batches: ReturnType<typeof sqliteImportBatches>;

  constructor(
    private readonly c: SqliteConnection,
    readonly path: string,
    /** Runs searches in worker threads (open.ts decides when there is one). */
    private readonly pool: ReadPool | null = null,
  ) {
    addSqlFunctions(c.db);
    this.channels = new SqliteChannels(c);
    this.writer = new PostWriter(c);
    this.reads = new SqlitePostReads(c);
    this.searcher = new SqliteSearch(c, pool);
    this.reports = new SqliteReports(c);
    this.curation = new SqliteCuration(c);
    this.collection = new SqliteCollection(c);
    this.media = new SqliteMedia(c, path);
    this.savedSearches = new SqliteSavedSearches(c);
    this.admin = sqliteAdmin(c.db, (what, fn) => c.write(what, fn));
    this.batches = sqliteImportBatches(
      c.db,
      (what, fn) => c.write(what, fn),
      (what, fn) => c.read(what, fn),
    );
  }

  /** `tgwire backup`: an online copy of the whole archive into a new file, while others write (backup.ts). */
  backupTo = (target: string): Promise<SqliteBackup> => backupSqlite(this.c.db, target);

  transaction: Store['transaction'] = (fn) => this.c.transaction(fn);
  close: Store['close'] = async () => {
    await this.pool?.close();
    await this.c.close();
  };

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

  /** The outbox on this connection (same file, same writer lock); sends commit on their own, never in a transaction. */
  outbox: Store['outbox'] = (options) => sqliteOutbox(this.c, options);
  /** The webhooks, their change log and delivery log, on this connection. */
  webhooks: Store['webhooks'] = (options) => sqliteWebhooks(this.c, options);

  readArchive(after: ArchiveCursor | null, limit: number): Promise<ArchivedPost[]> {
    return this.c.read('readArchive', (db) => readArchive(db, after, limit));
  }

  readImportBatches(): Promise<CopiedImportBatch[]> {
    return this.c.read('readImportBatches', (db) => readImportBatches(db));
  }

  readOutbox(): Promise<OutboxRecord[]> {
    return this.c.read('readOutbox', (db) => readOutbox(db));
  }
}
