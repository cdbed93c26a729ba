// The Store interface every backend (SQLite, PostgreSQL) implements in full; code outside cli/ sees only this.
// It is grouped by concern; what only one backend can do (scale-out on PostgreSQL) is not part of it.
import type { Follow, SyncState } from '../model/collection.js';
import type {
  MediaCaps,
  MediaFileKind,
  MediaFileRecord,
  MediaReservation,
  MediaTotal,
} from '../model/media.js';
import type { Channel, Post } from '../model/post.js';
import type { OriginKind } from '../model/origin.js';
import type { StoredStoryCorrection, StoryCorrection, StoryMember } from '../model/story.js';
import type { SavedSearch } from '../model/saved-search.js';
import type { Topic } from '../model/topic.js';
import type { PostVersion } from '../model/version.js';
import type { OutboxOptions, OutboxStore } from './outbox.js';
import type { WebhookStore, WebhookStoreOptions } from './webhooks.js';

export interface SaveResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Of the updated: posts whose text or formatting changed, the replaced version kept in their history. */
  edited: number;
}

export interface SaveOptions {
  /** When these versions were seen (ISO); defaults to now. Recorded on history rows. */
  seenAt?: string;
  /**
   * Fields a source does not carry must not erase what another source gave (a text dump has no dates,
   * an export has no views). Default true: null/empty incoming fields keep the stored value.
   */
  mergeMissing?: boolean;
  /**
   * The import batch (noteImportPosts) these posts are saved for: a post another writer inserts between the note
   * and this save is recorded in it as found, not added. Stores whose writers never overlap need not read it.
   */
  importBatch?: number;
}

export interface PostFilter {
  channel?: string | string[];
  /** Inclusive, ISO date or datetime. */
  since?: string;
  /** Exclusive when a datetime, inclusive of the whole day when a bare YYYY-MM-DD. */
  until?: string;
  topic?: string;
  story?: string;
  /** Only posts not yet in any story (new since the last grouping). */
  storyless?: boolean;
  lang?: string;
  /** true: only forwards; false: only the channel's own posts. */
  forwarded?: boolean;
  hasMedia?: boolean;
  /** Deleted posts are kept and returned (marked) unless this is false. */
  includeDeleted?: boolean;
}

export interface PostQuery extends PostFilter {
  /** Oldest first by default (date, then channel, then id; undated posts in id order). */
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface SearchOptions extends PostFilter {
  sort?: 'relevance' | 'date';
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  post: Post;
  /** Relevance, higher is better; 0 in a search sorted by date (scoring a date-ordered page costs more than it). */
  score: number;
  /** Text around the matches, matches wrapped in U+E000 … U+E001 so a renderer can escape and then mark them. */
  snippet: string;
}

export interface SearchResult {
  /** Matching posts; a backend may stop counting at a cap (then totalIsLowerBound is true). */
  total: number;
  /** True when `total` is a cap (SQLite: 10,000) and more posts match. */
  totalIsLowerBound?: boolean;
  hits: SearchHit[];
}

export interface ArchiveStats {
  channels: number;
  posts: number;
  deleted: number;
  firstDate: string | null;
  lastDate: string | null;
  topHashtags: { tag: string; count: number }[];
  perChannel: { channel: string; posts: number; firstDate: string | null; lastDate: string | null }[];
}

/** Posts per UTC day per channel (days without posts absent; undated posts not counted). */
export interface DailyCount {
  day: string;
  channel: string;
  posts: number;
}

/** Posts carrying a hashtag per period ("2024-09-09" for day, "2024-09" for month); tag lower-cased, no '#'. */
export interface HashtagCount {
  period: string;
  tag: string;
  posts: number;
}

export interface LanguageCount {
  /** null: not detected. */
  lang: string | null;
  posts: number;
}

/** One edge of the forward network: `channel` carried `posts` posts forwarded from `origin`. */
export interface ForwardEdge {
  channel: string;
  /** The origin's identity (model/origin.ts): its username, else `channel:ID` / `user:ID`, else its name as shown. */
  origin: string;
  /** The origin's name as its forwards showed it (of several, the greatest in sort order: the same in every store). */
  originName: string;
  originKind: OriginKind;
  posts: number;
}

export interface HashtagCountOptions extends PostFilter {
  /** @default 'day' */
  period?: 'day' | 'month';
  /** Only the `top` tags over the whole range. @default 10 */
  top?: number;
}

/** What `channels rename` or `channels merge` did. */
export interface ChannelMoveResult {
  /** Posts that moved to the new key. */
  moved: number;
  /** Merge: posts both channels held (same id), kept once under INTO; 0 for a rename. */
  both: number;
  /** Of those, the ones INTO's copy took something from FROM's (a missing field, or FROM's text as a version). */
  bothChanged: number;
  /** Versions the posts both held gained: FROM's texts (current or earlier) that INTO's copies lacked. */
  versionsKept: number;
  /** Story memberships dropped because their story lost a post: those posts are regrouped (assignStories). */
  ungrouped: number;
}

/** What `channels delete` removed. */
export interface ChannelDeleteResult {
  posts: number;
  /** Earlier versions of those posts. */
  versions: number;
  /** Memberships (of other channels' posts) dropped because their story lost a post; regrouped afterwards. */
  ungrouped: number;
  /** Readers' story corrections that named the channel's posts. */
  corrections: number;
  followed: boolean;
}

/** One `tgwire import` of one file, remembered so it can be listed and undone. */
export interface ImportBatch {
  id: number;
  file: string;
  format: string;
  channels: string[];
  startedAt: string;
  /** Null while the import runs. */
  finishedAt: string | null;
  /** Posts the batch added. */
  added: number;
  /** Posts it changed (text, fields, or history). */
  updated: number;
  /** Versions it added to the history of the posts it changed. */
  versions: number;
  /** When `imports undo` took it back; null while it stands. */
  undoneAt: string | null;
}

/** An import that has not finished: still running, or cut off part-way. */
export interface UnfinishedImport {
  id: number;
  file: string;
  /** host:pid of the importing process; null when unknown. */
  owner: string | null;
  startedAt: string;
  channels: string[];
  created: string[];
}

/** How an import ended: the channels its posts went to, those it created, when. */
export interface ImportBatchDone {
  channels: string[];
  created: string[];
  finishedAt: string;
}

export interface ImportUndoResult {
  /** Posts the batch had added, removed again. */
  removed: number;
  /** Posts it had changed, put back as they were before it. */
  restored: number;
  /** Posts already gone (a channel deleted since): nothing to undo for them. */
  gone: number;
  /** Story memberships dropped because their story lost or changed a post; regrouped afterwards. */
  ungrouped: number;
  /** Channels the batch had created, removed with its posts (no post, follow or sync state left). */
  channels: string[];
}

/**
 * Channel admin: renaming, merging and deleting channels, and imports remembered as batches that can be undone.
 * Each operation is one transaction.
 */
export interface ChannelAdminQueries {
  /**
   * Gives channel `from` the key `to`: its posts, history, topics, stories (their ids follow the canonical post's
   * key), corrections, sync state, follow and import records. UserError when `from` is unknown or `to` exists.
   */
  renameChannel(from: string, to: string): Promise<ChannelMoveResult>;
  /**
   * Moves the posts of `from` into `into`. A post both hold stays once, under `into`, merged as an import of
   * `from`'s copy would merge (missing fields filled, a different text kept as a version), `from`'s earlier texts
   * joining its history. Then `from` is gone. UserError when either is unknown or they are the same.
   */
  mergeChannels(from: string, into: string): Promise<ChannelMoveResult>;
  /** Removes the channel and everything of it; stories that lose a post are ungrouped. UserError when unknown. */
  deleteChannel(key: string): Promise<ChannelDeleteResult>;

  /**
   * Opens the record of an import, committed before its posts (an import commits its posts in batches); returns
   * its id. `owner` names the process importing (host:pid), so a later one can tell an import that was killed.
   */
  startImportBatch(batch: {
    file: string;
    format: string;
    startedAt: string;
    owner?: string;
  }): Promise<number>;
  /** Records the channels a running import writes to and made so far, for the undo of an import cut off. */
  progressImportBatch(batchId: number, progress: { channels: string[]; created: string[] }): Promise<void>;
  /** Imports started and not finished: running now, or cut off (killed) part-way. Oldest first. */
  unfinishedImportBatches(): Promise<UnfinishedImport[]>;
  /**
   * Remembers how the given posts stand before the batch saves them (absent: the batch adds them). Call before each
   * savePosts of the import; a post noted twice keeps its first state.
   */
  noteImportPosts(batchId: number, posts: { channel: string; id: number }[]): Promise<void>;
  /**
   * Closes the record: keeps the posts that were added or changed, forgets the unchanged ones. `created`: the
   * channels the batch made (an undo removes them again when it leaves them empty).
   */
  finishImportBatch(batchId: number, done: ImportBatchDone): Promise<ImportBatch>;
  /** Every finished batch, oldest first. */
  listImportBatches(): Promise<ImportBatch[]>;
  /**
   * Takes a batch back: removes the posts it added, restores the posts it changed (text, fields, topics, history)
   * to what they were before it. Refuses (UserError, nothing changed) when a later batch still standing, or a sync,
   * changed one of those posts since: that one has to be undone first.
   */
  undoImportBatch(id: number, at?: string): Promise<ImportUndoResult>;
}

/** The channels posts belong to. */
export interface ChannelStore {
  upsertChannel(channel: Channel): Promise<void>;
  getChannel(key: string): Promise<Channel | null>;
  findChannelByNumericId(numericId: number): Promise<Channel | null>;
  listChannels(): Promise<Channel[]>;
}

/** Posts, their history and their deletion marks. */
export interface PostStore {
  /** Inserts new posts, updates changed ones (old text kept as a version), counts the rest as unchanged. */
  savePosts(posts: Post[], options?: SaveOptions): Promise<SaveResult>;
  getPost(channel: string, id: number): Promise<Post | null>;
  /** Every version of a post, oldest first; the last one is the current text. */
  getVersions(channel: string, id: number): Promise<PostVersion[]>;
  /** Posts of `channel` replying to post `replyTo` (a discussion group's comments on a channel post), oldest first. */
  getReplies(channel: string, replyTo: number, limit?: number): Promise<Post[]>;
  markDeleted(channel: string, ids: number[], at?: string): Promise<number>;
  queryPosts(query: PostQuery): Promise<Post[]>;
  countPosts(filter: PostFilter): Promise<number>;
  /** Streams posts in pages so an export of a large archive does not hold it in memory. */
  iteratePosts(query: PostQuery): AsyncIterable<Post>;
  /**
   * The texts of a channel's latest `limit` posts, newest first as iteratePosts orders them, empty ones left out:
   * what story grouping learns a channel's boilerplate from, read without the rest of each post (a tenth the cost).
   */
  latestTexts(channel: string, limit: number): Promise<string[]>;
  /**
   * The ids of the channel's posts from `from` to `to` (both included) that are not marked deleted, ascending: what an
   * import compares with the ids a file brought, to say which posts of the archive it left out.
   */
  postIds(channel: string, from: number, to: number): Promise<number[]>;
}

export interface SearchStore {
  /** Full-text search with the user query language of search/ (never raw FTS syntax). */
  search(text: string, options?: SearchOptions): Promise<SearchResult>;
}

/** Figures about the archive: the `stats` command and the web dashboard. */
export interface ReportStore {
  /**
   * The archive's figures, or a slice's: with a filter, only its posts count, `perChannel` lists the channels with
   * posts in it (and every channel the filter names), and `topHashtags` its posts' tags.
   */
  stats(filter?: PostFilter): Promise<ArchiveStats>;
  dailyCounts(filter: PostFilter): Promise<DailyCount[]>;
  hashtagCounts(options: HashtagCountOptions): Promise<HashtagCount[]>;
  languageCounts(filter: PostFilter): Promise<LanguageCount[]>;
  forwardEdges(filter: PostFilter): Promise<ForwardEdge[]>;
}

/** What readers and rules add to posts: topics, stories and their corrections, channel language pins. */
export interface CurationStore {
  saveTopic(topic: Topic): Promise<void>;
  removeTopic(name: string): Promise<boolean>;
  listTopics(): Promise<Topic[]>;
  /** Replaces the topics of the given posts. */
  setPostTopics(tags: { channel: string; id: number; topics: string[] }[]): Promise<void>;
  /** Replaces the story assignment (reason and evidence included) of the given posts. */
  setStories(members: StoryMember[]): Promise<void>;
  /** A story's members, oldest post first, each with its evidence (null when none was recorded). */
  getStoryMembers(storyId: string): Promise<StoryMember[]>;
  /**
   * The stored assignments of the posts named `channel/id` (in the order given; posts without a story, or not in
   * the archive, are left out): what a partial update of a few posts' stories starts from.
   */
  storyMembersOf(keys: string[]): Promise<StoryMember[]>;

  /**
   * Keeps a reader's correction (kept across rebuilds, which apply them); returns its id. An identical correction
   * (same kind, post and target) already kept is not added twice: its id is returned when it is the latest kept or
   * the new one is no later than it (a copy). Made again after other corrections, it moves to the end of the order
   * (a new id, created at the later of its time and the latest kept), so it wins over those it came after.
   */
  addStoryCorrection(correction: StoryCorrection): Promise<number>;
  /** Every kept correction, in the order they were made (createdAt, then id): the order they are applied in. */
  listStoryCorrections(): Promise<StoredStoryCorrection[]>;
  /** False when there was no correction with that id. */
  removeStoryCorrection(id: number): Promise<boolean>;
  /**
   * Records stories that took another id (`[old, new]`: a rebuild or a new canonical post renamed them), so links to
   * the old id lead to the new story. A chain of renames leads to the last id; an id in use again is no alias.
   */
  addStoryAliases(renamed: readonly (readonly [string, string])[]): Promise<void>;
  /** The story an id that is no longer in use became, or null. */
  storyAlias(id: string): Promise<string | null>;

  /**
   * Pins the languages a channel writes in (ISO 639-1, validated by the caller); null or [] clears the pin. A
   * channel without a row yet (followed, never collected) gets one.
   */
  setChannelLanguages(channel: string, languages: string[] | null): Promise<void>;
  /**
   * The channel's language mix: for each detected language, its share (0–1) of the channel's posts whose
   * language was detected, largest first. Empty when none was.
   */
  channelLanguageMix(channel: string): Promise<Map<string, number>>;
}

/** Live collection: the channels followed, and each one's sync state (kept beside the posts it describes). */
export interface CollectionStore {
  getSyncState(key: string): Promise<SyncState | null>;
  /** Writes inside the current transaction when called from Store.transaction. */
  saveSyncState(key: string, state: SyncState): Promise<void>;
  follow(channel: string, depth: string | number | null): Promise<void>;
  unfollow(channel: string): Promise<boolean>;
  listFollows(): Promise<Follow[]>;
}

/**
 * The index of the media files the archive keeps (their bytes live in a MediaBlobStore: a folder or S3). The caps
 * are checked here, in the database every process shares, so they hold however many processes download.
 */
export interface MediaIndex {
  /**
   * Records a file before its bytes are stored, unless that would pass a cap: the total of every recorded file, or
   * the share of the channel that brings it. Atomic across processes (SQLite's write lock; a table lock on
   * PostgreSQL). 'present': the file is already recorded (nothing changes, no cap is checked).
   */
  reserveMediaFile(
    file: { sha256: string; size: number; contentType: string; kind: MediaFileKind; channel: string | null },
    caps: MediaCaps,
    at?: string,
  ): Promise<MediaReservation>;
  getMediaFile(sha256: string): Promise<MediaFileRecord | null>;
  /** Links the preview made of a file (itself recorded with kind 'preview'). */
  setMediaPreview(sha256: string, preview: string): Promise<void>;
  /** Forgets a file (`media gc`, or bytes that could not be stored after the reservation). False when unknown. */
  removeMediaFile(sha256: string): Promise<boolean>;
  /** Files and bytes per kind, largest first. */
  mediaTotals(): Promise<MediaTotal[]>;
  /** Recorded files in hash order after `after` (null: from the first), `limit` at most: what a copy reads. */
  listMediaFiles(after: string | null, limit: number): Promise<MediaFileRecord[]>;
  /** Records a file as another archive had it (migrate-store): no cap is checked; one already recorded is kept. */
  copyMediaFile(file: MediaFileRecord): Promise<void>;
  /** Bytes recorded for files the channel brought first (what its cap counts). */
  channelMediaBytes(channel: string): Promise<number>;
  /**
   * Media items of the channel's posts whose download or storing failed and that have no copy yet (`media fetch`
   * tries them again): what `channels list` and /channels show beside the channel's status.
   */
  channelMediaFailed(channel: string): Promise<number>;
  /**
   * Recorded files no post refers to (a media item's copy, thumbCopy or copy.preview; deleted posts count: they
   * keep their media). What `media gc` removes.
   */
  unreferencedMediaFiles(): Promise<string[]>;
  /**
   * Who this archive is, for its media store's owner marker: `id` is made once (a restored or copied archive keeps
   * it); `database` names where this copy lives (the SQLite file; the PostgreSQL database, schema and its rows'
   * own identity, which a pg_restore does not keep), so a restored copy reads as the same archive elsewhere.
   */
  archiveIdentity(): Promise<ArchiveIdentity>;
}

export interface ArchiveIdentity {
  id: string;
  database: string;
}

/** Searches kept under a name (alerts for webhooks and bot routes, feeds of their own). */
export interface SavedSearchStore {
  /** Adds or replaces the search of that name. */
  saveSearch(search: SavedSearch): Promise<void>;
  getSavedSearch(name: string): Promise<SavedSearch | null>;
  /** By name. */
  listSavedSearches(): Promise<SavedSearch[]>;
  /** False when there was none of that name. */
  removeSavedSearch(name: string): Promise<boolean>;
}

/** The publisher's outbox, kept in the archive beside the posts it publishes. */
export interface OutboxAccess {
  outbox(options?: OutboxOptions): OutboxStore;
}

/**
 * The webhooks, their change log and delivery log, kept in the archive: savePosts, markDeleted and setStories write
 * the change log in the transaction of the change (only while an enabled webhook exists).
 */
export interface WebhookAccess {
  webhooks(options?: WebhookStoreOptions): WebhookStore;
}

export interface Store
  extends
    ChannelStore,
    PostStore,
    SearchStore,
    ReportStore,
    CurationStore,
    CollectionStore,
    OutboxAccess,
    WebhookAccess,
    MediaIndex,
    SavedSearchStore,
    ChannelAdminQueries {
  /** Runs fn in one transaction: everything it wrote is kept, or nothing is. Nested calls join the outer one. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
