// The Store on PostgreSQL (pg): one pool, a dedicated client per transaction, tsvector search, batched writes.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Channel, Post } from '../../model/post.js';
import { ChannelConflictError, StoreError, UserError } from '../../util/errors.js';
import { mergePost } from '../merge.js';
import {
  languageShares,
  rowToChannel,
  rowToCorrection,
  rowToEvidence,
  wrapStoreError as wrap,
  type ChannelRow,
  type CorrectionRow,
} from '../shared.js';
import type {
  ArchiveCursor,
  ArchiveStats,
  ArchivedPost,
  ChannelDeleteResult,
  ChannelMoveResult,
  DailyCount,
  ImportBatch,
  ImportBatchDone,
  ImportUndoResult,
  Follow,
  ForwardEdge,
  HashtagCount,
  HashtagCountOptions,
  LanguageCount,
  PostFilter,
  PostQuery,
  PostVersion,
  SaveOptions,
  SaveResult,
  SearchOptions,
  SearchResult,
  Store,
  StoredStoryCorrection,
  StoryCorrection,
  StoryMember,
  SyncState,
  Topic,
} from '../store.js';
import { clearPosts, readArchive, readMarker, restoreHistory, writeMarker } from './archive.js';
import { readFollows, readSyncState, writeFollow, writeSyncState } from './sync-state.js';
import * as aggregates from './stats.js';
import { Params, filterConditions, whereClause } from './filter.js';
import { SCHEMA_VERSION, migrations } from './migrations.js';
import {
  MERGE_COLUMNS,
  POST_COLUMNS,
  WRITE_COLUMNS,
  postParams,
  rowToPost,
  type PostParams,
  type PostRow,
} from './rows.js';
import { PostgresSearch } from './searcher.js';
import { postgresAdmin, postgresImportBatches } from './channels.js';
import { deleteChannel, mergeChannels, renameChannel } from '../channel-admin.js';
import { Stemmer, type Lexicon, type SearchColumns } from './stem.js';

type Queryable = pg.Pool | pg.PoolClient;

const PAGE = 500;
/** Posts per batched statement: large enough to amortise round trips, small enough for modest parameters. */
const CHUNK = 1000;
const TOP_HASHTAGS = 20;

/** Serialises the writes of one transaction: savepoints must nest, not interleave. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => held);
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

interface Tx {
  client: pg.PoolClient;
  writes: Mutex;
  /** Set at COMMIT/ROLLBACK: work started from inside fn but still running afterwards no longer joins it. */
  done: boolean;
}

type MergeRow = PostRow & { text_seen_at: string; hashtags: string; ts_config: string };

interface UpdateRow {
  params: PostParams;
  reindex: boolean;
  /** channel, id, text, entities, edit_date, seen_at of the version this update replaces. */
  previous: [string, number, string, string, string | null, string] | null;
  textSeenAt: string;
  deletedAt: string | null;
}

const keyOf = (p: { channel: string; id: number }): string => `${p.channel}\u0000${p.id}`;
const byKey = (a: Post, b: Post): number =>
  a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.id - b.id;

/** Splits posts into batches with each post once; a repeated post starts a new batch so it merges in order. */
function* batches(posts: Post[]): Generator<Post[]> {
  let cur: Post[] = [];
  let seen = new Set<string>();
  for (const p of posts) {
    const k = keyOf(p);
    if (cur.length >= CHUNK || seen.has(k)) {
      yield cur;
      cur = [];
      seen = new Set();
    }
    cur.push(p);
    seen.add(k);
  }
  if (cur.length) yield cur;
}

const COLS = WRITE_COLUMNS.map(([n]) => n);
const UNNEST_TYPES = WRITE_COLUMNS.map(([, t]) => t);

function columnArrays(rows: PostParams[]): unknown[][] {
  return COLS.map((c) => rows.map((r) => r[c]));
}

function unnestOf(types: readonly string[], first: number): string {
  return types.map((t, i) => `$${first + i}::${t}[]`).join(', ');
}

const INSERT_SQL = `INSERT INTO posts (${COLS.join(', ')}, tsv, tsv_tags, tsv_stem, tsv_tf,
    first_seen_at, text_seen_at, updated_at)
  SELECT ${COLS.map((c) => `u.${c}`).join(', ')}, u.tsv::tsvector, u.tags::tsvector,
    u.stem::tsvector, u.tf::tsvector, $1, $1, $1
  FROM unnest(${unnestOf([...UNNEST_TYPES, 'text', 'text', 'text', 'text'], 2)})
    AS u(${COLS.join(', ')}, tsv, tags, stem, tf)
  ON CONFLICT (channel, id) DO NOTHING RETURNING channel, id`;

const UPDATE_SQL = `UPDATE posts p SET ${COLS.filter((c) => c !== 'channel' && c !== 'id')
  .map((c) => `${c} = u.${c}`)
  .join(', ')},
    tsv = CASE WHEN u.reindex THEN u.tsv::tsvector ELSE p.tsv END,
    tsv_tags = CASE WHEN u.reindex THEN u.tags::tsvector ELSE p.tsv_tags END,
    tsv_stem = CASE WHEN u.reindex THEN u.stem::tsvector ELSE p.tsv_stem END,
    tsv_tf = CASE WHEN u.reindex THEN u.tf::tsvector ELSE p.tsv_tf END,
    text_seen_at = u.text_seen_at, deleted_at = u.deleted_at, updated_at = $1
  FROM unnest(${unnestOf([...UNNEST_TYPES, 'boolean', 'text', 'text', 'text', 'text', 'text', 'text'], 2)})
    AS u(${COLS.join(', ')}, reindex, tsv, tags, stem, tf, text_seen_at, deleted_at)
  WHERE p.channel = u.channel AND p.id = u.id`;

// Each post at most once per batch, so max(pos) + 1 is free.
const APPEND_VERSIONS_SQL = `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
  SELECT u.channel, u.id,
    coalesce((SELECT max(v.pos) FROM post_versions v WHERE v.channel = u.channel AND v.id = u.id), 0) + 1,
    u.text, u.entities, u.edit_date, u.seen_at
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS u(channel, id, text, entities, edit_date, seen_at)`;

const LOCK_SQL = `SELECT ${MERGE_COLUMNS} FROM posts p
  JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON p.channel = k.channel AND p.id = k.id
  ORDER BY p.channel, p.id FOR UPDATE OF p`;

export class PostgresStore implements Store {
  private readonly tx = new AsyncLocalStorage<Tx>();
  private readonly stemmer = new Stemmer();
  private readonly searcher = new PostgresSearch({
    rows: (what, text, values) => this.rows(what, text, values),
    lexicon: (words) => this.lexicon(words),
  });

  constructor(
    private readonly pool: pg.Pool,
    /** The schema holding the tables (null: the server's default search_path). */
    readonly schema: string | null,
  ) {}

  // ---- connections and transactions ------------------------------------------------------------------

  private current(): Tx | null {
    const t = this.tx.getStore();
    return t && !t.done ? t : null;
  }

  private async rows<T>(what: string, text: string, values: unknown[] = []): Promise<T[]> {
    const db: Queryable = this.current()?.client ?? this.pool;
    try {
      return (await db.query(text, values)).rows as T[];
    } catch (e) {
      throw wrap(e, what);
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current()) return fn(); // nested: joins the outer transaction
    const client = await this.connect('transaction');
    const t: Tx = { client, writes: new Mutex(), done: false };
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN', 'transaction');
      const result = await this.tx.run(t, fn);
      // Writes started inside fn and not awaited by it still belong to this transaction.
      await t.writes.run(async () => {
        t.done = true;
      });
      await run(client, 'COMMIT', 'transaction');
      return result;
    } catch (e) {
      // A write fn started without awaiting must not run after ROLLBACK, outside any transaction.
      await t.writes.run(async () => {
        t.done = true;
      });
      broken = await rollback(client, 'ROLLBACK');
      throw e;
    } finally {
      t.done = true;
      client.release(broken);
    }
  }

  private async connect(what: string): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw wrap(e, what);
    }
  }

  /** Runs fn atomically on one client: a savepoint inside an open transaction, else its own transaction. */
  private async write<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const t = this.current();
    if (t) {
      return t.writes.run(async () => {
        await run(t.client, 'SAVEPOINT tg_write', what);
        try {
          const result = await fn(t.client);
          await run(t.client, 'RELEASE SAVEPOINT tg_write', what);
          return result;
        } catch (e) {
          await rollback(t.client, 'ROLLBACK TO SAVEPOINT tg_write; RELEASE SAVEPOINT tg_write');
          throw wrap(e, what);
        }
      });
    }
    const client = await this.connect(what);
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN', what);
      const result = await fn(client);
      await run(client, 'COMMIT', what);
      return result;
    } catch (e) {
      broken = await rollback(client, 'ROLLBACK');
      throw wrap(e, what);
    } finally {
      client.release(broken);
    }
  }

  // ---- channels --------------------------------------------------------------------------------------

  upsertChannel(c: Channel): Promise<void> {
    return this.write(`channel ${c.key}`, async (db) => {
      if (c.numericId !== null) {
        const other = await db.query<{ key: string }>(
          'SELECT key FROM channels WHERE numeric_id = $1 AND key <> $2',
          [c.numericId, c.key],
        );
        if (other.rows[0]) throw new ChannelConflictError(c.key, c.numericId, other.rows[0].key);
      }
      await db.query(
        `INSERT INTO channels (key, username, numeric_id, title, description, subscribers, avatar_url, kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (key) DO UPDATE SET username = excluded.username, numeric_id = excluded.numeric_id,
           title = excluded.title, description = excluded.description, subscribers = excluded.subscribers,
           avatar_url = excluded.avatar_url, kind = excluded.kind`,
        [c.key, c.username, c.numericId, c.title, c.description, c.subscribers, c.avatarUrl, c.kind],
      );
    });
  }

  async getChannel(key: string): Promise<Channel | null> {
    const [r] = await this.rows<ChannelRow>('getChannel', 'SELECT * FROM channels WHERE key = $1', [key]);
    return r ? rowToChannel(r) : null;
  }

  async findChannelByNumericId(numericId: number): Promise<Channel | null> {
    const [r] = await this.rows<ChannelRow>(
      'findChannelByNumericId',
      'SELECT * FROM channels WHERE numeric_id = $1',
      [numericId],
    );
    return r ? rowToChannel(r) : null;
  }

  async listChannels(): Promise<Channel[]> {
    return (await this.rows<ChannelRow>('listChannels', 'SELECT * FROM channels ORDER BY key')).map(
      rowToChannel,
    );
  }

  // ---- posts -----------------------------------------------------------------------------------------

  savePosts(posts: Post[], options: SaveOptions = {}): Promise<SaveResult> {
    const seen = options.seenAt ?? new Date().toISOString();
    const mergeMissing = options.mergeMissing ?? true;
    return this.write('savePosts', async (db) => {
      const result: SaveResult = { added: 0, updated: 0, unchanged: 0 };
      for (const batch of batches(posts))
        await this.saveBatch(db, batch.sort(byKey), seen, mergeMissing, result);
      return result;
    });
  }

  private async lockExisting(db: pg.PoolClient, posts: Post[], into: Map<string, MergeRow>): Promise<void> {
    const { rows } = await db.query<MergeRow>(LOCK_SQL, [
      posts.map((p) => p.channel),
      posts.map((p) => p.id),
    ]);
    for (const r of rows) into.set(keyOf(r), r);
  }

  /** One batch of distinct posts, sorted by key so concurrent writers lock rows in the same order. */
  private async saveBatch(
    db: pg.PoolClient,
    posts: Post[],
    seen: string,
    mergeMissing: boolean,
    result: SaveResult,
  ): Promise<void> {
    const existing = new Map<string, MergeRow>();
    await this.lockExisting(db, posts, existing);
    const fresh = posts.filter((p) => !existing.has(keyOf(p)));
    if (fresh.length) {
      const params = fresh.map(postParams);
      const index = await this.indexParams(db, params);
      const { rows } = await db.query<{ channel: string; id: number }>(INSERT_SQL, [
        seen,
        ...columnArrays(params),
        index.map((i) => i.tsv),
        index.map((i) => i.tags),
        index.map((i) => i.stem),
        index.map((i) => i.tf),
      ]);
      result.added += rows.length;
      // Inserted meanwhile by another writer: merged like any stored post.
      if (rows.length < fresh.length) {
        const added = new Set(rows.map(keyOf));
        await this.lockExisting(
          db,
          fresh.filter((p) => !added.has(keyOf(p))),
          existing,
        );
      }
    }
    const updates: UpdateRow[] = [];
    for (const post of posts) {
      const row = existing.get(keyOf(post));
      if (!row) continue;
      const u = await this.merge(db, post, row, seen, mergeMissing);
      if (u) {
        updates.push(u);
        result.updated++;
      } else result.unchanged++;
    }
    if (updates.length) {
      const reindexed = await this.indexParams(
        db,
        updates.filter((u) => u.reindex).map((u) => u.params),
      );
      let next = 0;
      const index = updates.map((u) => (u.reindex ? reindexed[next++]! : null));
      const previous = updates.flatMap((u) => (u.previous ? [u.previous] : []));
      if (previous.length)
        await db.query(
          APPEND_VERSIONS_SQL,
          [0, 1, 2, 3, 4, 5].map((i) => previous.map((v) => v[i])),
        );
      await db.query(UPDATE_SQL, [
        seen,
        ...columnArrays(updates.map((u) => u.params)),
        updates.map((u) => u.reindex),
        index.map((i) => i?.tsv ?? ''),
        index.map((i) => i?.tags ?? ''),
        index.map((i) => i?.stem ?? ''),
        index.map((i) => i?.tf ?? ''),
        updates.map((u) => u.textSeenAt),
        updates.map((u) => u.deletedAt),
      ]);
    }
  }

  /** The search columns of rows about to be written (stems looked up for the words not seen yet). */
  private indexParams(db: pg.PoolClient, rows: PostParams[]): Promise<SearchColumns[]> {
    return this.stemmer.columns(
      db,
      rows.map((r) => ({
        text: r.text as string,
        hashtags: r.hashtags as string,
        config: r.ts_config as string,
      })),
    );
  }

  /** The same rules as the SQLite store (merge.ts + tombstones); null when the post is unchanged. */
  private async merge(
    db: pg.PoolClient,
    post: Post,
    row: MergeRow,
    seen: string,
    mergeMissing: boolean,
  ): Promise<UpdateRow | null> {
    const stored = rowToPost(row);
    // Tombstones: a deleted post stays deleted when an import brings it again; only a live sighting revives it.
    const revive = row.deleted_at !== null && post.source === 'tme-live';
    const outcome = mergePost(stored, post, mergeMissing);
    if (outcome.kind === 'older') {
      const has = await db.query('SELECT 1 FROM post_versions WHERE channel = $1 AND id = $2 AND text = $3', [
        post.channel,
        post.id,
        post.text,
      ]);
      if (has.rowCount) {
        if (!revive) return null;
      } else {
        await db.query(
          `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
           SELECT $1, $2, coalesce(min(pos), 1) - 1, $3, $4, $5, $6
           FROM post_versions WHERE channel = $1 AND id = $2`,
          [post.channel, post.id, post.text, JSON.stringify(post.entities), post.editDate, seen],
        );
      }
    }
    if (outcome.kind === 'unchanged' && !revive) return null;
    const params = postParams(outcome.post);
    const reindex =
      outcome.post.text !== stored.text ||
      params.hashtags !== row.hashtags ||
      params.ts_config !== row.ts_config;
    return {
      params,
      reindex,
      // The replaced text joins the history (written with the batch: edits come by thousands on re-imports).
      previous:
        outcome.kind === 'edited'
          ? [
              stored.channel,
              stored.id,
              stored.text,
              JSON.stringify(stored.entities),
              stored.editDate,
              row.text_seen_at,
            ]
          : null,
      textSeenAt: outcome.kind === 'edited' ? seen : row.text_seen_at,
      deletedAt: revive ? null : row.deleted_at,
    };
  }

  async getPost(channel: string, id: number): Promise<Post | null> {
    const [r] = await this.rows<PostRow>(
      'getPost',
      `SELECT ${POST_COLUMNS} FROM posts p WHERE p.channel = $1 AND p.id = $2`,
      [channel, id],
    );
    return r ? rowToPost(r) : null;
  }

  async getVersions(channel: string, id: number): Promise<PostVersion[]> {
    // One statement, so a concurrent edit cannot show between reading the history and the current text.
    const rows = await this.rows<{
      text: string;
      entities: string;
      edit_date: string | null;
      seen_at: string;
    }>(
      'getVersions',
      `SELECT text, entities, edit_date, seen_at FROM (
         SELECT v.text, v.entities, v.edit_date, v.seen_at, 0 AS cur, v.pos FROM post_versions v
           WHERE v.channel = $1 AND v.id = $2 AND EXISTS (SELECT 1 FROM posts WHERE channel = $1 AND id = $2)
         UNION ALL
         SELECT text, entities, edit_date, text_seen_at, 1, 0 FROM posts WHERE channel = $1 AND id = $2
       ) x ORDER BY cur, pos`,
      [channel, id],
    );
    return rows.map((v) => ({
      text: v.text,
      entities: JSON.parse(v.entities) as PostVersion['entities'],
      editDate: v.edit_date,
      seenAt: v.seen_at,
    }));
  }

  markDeleted(channel: string, ids: number[], at?: string): Promise<number> {
    const when = at ?? new Date().toISOString();
    return this.write('markDeleted', async (db) => {
      const r = await db.query(
        `UPDATE posts SET deleted_at = $1, updated_at = $1
         WHERE channel = $2 AND id = ANY($3::bigint[]) AND deleted_at IS NULL`,
        [when, channel, ids],
      );
      return r.rowCount ?? 0;
    });
  }

  private orderBy(order: 'asc' | 'desc'): string {
    const d = order === 'desc' ? ' DESC' : '';
    return `ORDER BY p.sort_date${d}, p.channel${d}, p.id${d}`;
  }

  async queryPosts(query: PostQuery): Promise<Post[]> {
    const params = new Params();
    const where = filterConditions(query, params);
    let text = `SELECT ${POST_COLUMNS} FROM posts p ${whereClause(where)} ${this.orderBy(query.order ?? 'asc')}`;
    if (query.limit !== undefined) text += ` LIMIT ${params.add(query.limit)}`;
    if (query.offset !== undefined) text += ` OFFSET ${params.add(query.offset)}`;
    return (await this.rows<PostRow>('queryPosts', text, params.values)).map(rowToPost);
  }

  async countPosts(filter: PostFilter): Promise<number> {
    const params = new Params();
    const where = filterConditions(filter, params);
    const [r] = await this.rows<{ n: number }>(
      'countPosts',
      `SELECT count(*) AS n FROM posts p ${whereClause(where)}`,
      params.values,
    );
    return r!.n;
  }

  async *iteratePosts(query: PostQuery): AsyncIterable<Post> {
    const order = query.order ?? 'asc';
    let remaining = query.limit ?? Infinity;
    let offset = query.offset ?? 0;
    let after: [string, string, number] | null = null;
    const cmp = order === 'desc' ? '<' : '>';
    while (remaining > 0) {
      const params = new Params();
      const where = filterConditions(query, params);
      if (after)
        where.push(
          `(p.sort_date, p.channel, p.id) ${cmp} (${params.add(after[0])}, ${params.add(after[1])}, ${params.add(after[2])})`,
        );
      const n = Math.min(PAGE, remaining);
      const rows = await this.rows<PostRow>(
        'iteratePosts',
        `SELECT ${POST_COLUMNS} FROM posts p ${whereClause(where)} ${this.orderBy(order)}
         LIMIT ${params.add(n)} OFFSET ${params.add(offset)}`,
        params.values,
      );
      offset = 0; // only the first page skips; the rest continue from the last key
      for (const r of rows) yield rowToPost(r);
      remaining -= rows.length;
      if (rows.length < n) break;
      const last = rows[rows.length - 1]!;
      after = [last.sort_date, last.channel, last.id];
    }
  }

  // ---- search ----------------------------------------------------------------------------------------

  private async lexicon(words: Map<string, Iterable<string>>): Promise<Lexicon> {
    try {
      return await this.stemmer.lexicon(this.current()?.client ?? this.pool, words);
    } catch (e) {
      throw wrap(e, 'search');
    }
  }

  search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    return this.searcher.search(text, options);
  }

  async stats(): Promise<ArchiveStats> {
    const [all] = await this.rows<{
      posts: number;
      deleted: number;
      first: string | null;
      last: string | null;
    }>(
      'stats',
      'SELECT count(*) AS posts, count(deleted_at) AS deleted, min(date) AS first, max(date) AS last FROM posts',
    );
    const perChannel = (
      await this.rows<{ channel: string; posts: number; first: string | null; last: string | null }>(
        'stats',
        `SELECT c.channel, count(p.id) AS posts, min(p.date) AS first, max(p.date) AS last
         FROM (SELECT key AS channel FROM channels UNION SELECT DISTINCT channel FROM posts) c
         LEFT JOIN posts p ON p.channel = c.channel GROUP BY c.channel ORDER BY c.channel`,
      )
    ).map((r) => ({ channel: r.channel, posts: r.posts, firstDate: r.first, lastDate: r.last }));
    const topHashtags = await this.rows<{ tag: string; count: number }>(
      'stats',
      `SELECT tag, count(*) AS count FROM posts, unnest(string_to_array(hashtags, ' ')) AS tag
       WHERE hashtags <> '' GROUP BY tag ORDER BY count DESC, tag LIMIT ${TOP_HASHTAGS}`,
    );
    return {
      channels: perChannel.length,
      posts: all!.posts,
      deleted: all!.deleted,
      firstDate: all!.first,
      lastDate: all!.last,
      topHashtags,
      perChannel,
    };
  }

  // ---- dashboard aggregates (stats.ts) ---------------------------------------------------------------

  private async aggregate<T>(what: string, fn: (db: aggregates.Reader) => Promise<T>): Promise<T> {
    try {
      return await fn(this.current()?.client ?? this.pool);
    } catch (e) {
      throw wrap(e, what);
    }
  }

  dailyCounts(filter: PostFilter): Promise<DailyCount[]> {
    return this.aggregate('dailyCounts', (db) => aggregates.dailyCounts(db, filter));
  }

  hashtagCounts(options: HashtagCountOptions): Promise<HashtagCount[]> {
    return this.aggregate('hashtagCounts', (db) => aggregates.hashtagCounts(db, options));
  }

  languageCounts(filter: PostFilter): Promise<LanguageCount[]> {
    return this.aggregate('languageCounts', (db) => aggregates.languageCounts(db, filter));
  }

  forwardEdges(filter: PostFilter): Promise<ForwardEdge[]> {
    return this.aggregate('forwardEdges', (db) => aggregates.forwardEdges(db, filter));
  }

  // ---- topics and stories ----------------------------------------------------------------------------

  saveTopic(topic: Topic): Promise<void> {
    return this.write(`topic ${topic.name}`, async (db) => {
      await db.query(
        `INSERT INTO topics (name, query, aliases) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, aliases = excluded.aliases`,
        [topic.name, topic.query, JSON.stringify(topic.aliases)],
      );
    });
  }

  removeTopic(name: string): Promise<boolean> {
    return this.write(`topic ${name}`, async (db) => {
      await db.query('DELETE FROM post_topics WHERE topic = $1', [name]);
      return ((await db.query('DELETE FROM topics WHERE name = $1', [name])).rowCount ?? 0) > 0;
    });
  }

  async listTopics(): Promise<Topic[]> {
    return (
      await this.rows<{ name: string; query: string; aliases: string }>(
        'listTopics',
        'SELECT name, query, aliases FROM topics ORDER BY name',
      )
    ).map((r) => ({ name: r.name, query: r.query, aliases: JSON.parse(r.aliases) as string[][] }));
  }

  private async requirePosts(db: pg.PoolClient, posts: { channel: string; id: number }[]): Promise<void> {
    if (posts.length === 0) return;
    const { rows } = await db.query<{ channel: string; id: number }>(
      `SELECT k.channel, k.id FROM unnest($1::text[], $2::bigint[]) AS k(channel, id)
       WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.channel = k.channel AND p.id = k.id) LIMIT 1`,
      [posts.map((p) => p.channel), posts.map((p) => p.id)],
    );
    if (rows[0])
      throw new StoreError(
        `post ${rows[0].channel}/${rows[0].id} is not in the archive: save it before tagging it`,
      );
  }

  setPostTopics(tags: { channel: string; id: number; topics: string[] }[]): Promise<void> {
    return this.write('setPostTopics', async (db) => {
      await this.requirePosts(db, tags);
      for (const t of tags) {
        await db.query('DELETE FROM post_topics WHERE channel = $1 AND id = $2', [t.channel, t.id]);
        if (t.topics.length)
          await db.query(
            `INSERT INTO post_topics (channel, id, topic) SELECT $1, $2, unnest($3::text[])
             ON CONFLICT DO NOTHING`,
            [t.channel, t.id, t.topics],
          );
      }
    });
  }

  setStories(members: StoryMember[]): Promise<void> {
    return this.write('setStories', async (db) => {
      await this.requirePosts(db, members);
      for (const m of members)
        await db.query(
          `INSERT INTO stories (channel, id, story_id, reason, evidence) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT (channel, id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
             evidence = excluded.evidence`,
          [m.channel, m.id, m.storyId, m.reason, m.evidence ? JSON.stringify(m.evidence) : null],
        );
    });
  }

  async getStoryMembers(storyId: string): Promise<StoryMember[]> {
    return (
      await this.rows<MemberRow>(
        'getStoryMembers',
        `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence FROM stories s
         JOIN posts p ON p.channel = s.channel AND p.id = s.id
         WHERE s.story_id = $1 ORDER BY p.sort_date, s.channel, s.id`,
        [storyId],
      )
    ).map(rowToMember);
  }

  async storyMembersOf(keys: string[]): Promise<StoryMember[]> {
    const wanted = [...new Set(keys)].filter((k) => /^.+\/\d{1,15}$/.test(k));
    if (wanted.length === 0) return [];
    const split = wanted.map((k) => [k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1)]);
    const rows = await this.rows<MemberRow & { ord: number }>(
      'storyMembersOf',
      `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence, k.ord
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS k(channel, id, ord)
       JOIN stories s ON s.channel = k.channel AND s.id = k.id ORDER BY k.ord`,
      [split.map((k) => k[0]), split.map((k) => k[1])],
    );
    return rows.map(rowToMember);
  }

  addStoryCorrection(c: StoryCorrection): Promise<number> {
    return this.write('addStoryCorrection', async (db) => {
      const into = c.kind === 'merge' ? c.into : null;
      const same = await db.query<{ id: string }>(
        'SELECT id FROM story_corrections WHERE kind = $1 AND post = $2 AND into_post IS NOT DISTINCT FROM $3',
        [c.kind, c.post, into],
      );
      if (same.rows[0]) return Number(same.rows[0].id);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO story_corrections (kind, post, into_post, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [c.kind, c.post, into, c.createdAt],
      );
      return Number(rows[0]!.id);
    });
  }

  async listStoryCorrections(): Promise<StoredStoryCorrection[]> {
    return (
      await this.rows<CorrectionRow>(
        'listStoryCorrections',
        'SELECT id, kind, post, into_post, created_at FROM story_corrections ORDER BY created_at, id',
      )
    ).map(rowToCorrection);
  }

  removeStoryCorrection(id: number): Promise<boolean> {
    return this.write(
      'removeStoryCorrection',
      async (db) => ((await db.query('DELETE FROM story_corrections WHERE id = $1', [id])).rowCount ?? 0) > 0,
    );
  }

  setChannelLanguages(channel: string, languages: string[] | null): Promise<void> {
    return this.write(`languages of ${channel}`, async (db) => {
      // Clearing needs no row; pinning makes one for a channel only followed so far.
      if (!languages?.length) {
        await db.query('UPDATE channels SET languages = NULL WHERE key = $1', [channel]);
        return;
      }
      await db.query(
        `INSERT INTO channels (key, languages) VALUES ($1, $2::text[])
         ON CONFLICT (key) DO UPDATE SET languages = excluded.languages`,
        [channel, languages],
      );
    });
  }

  async channelLanguageMix(channel: string): Promise<Map<string, number>> {
    return languageShares(
      await this.rows<{ lang: string; posts: string }>(
        'channelLanguageMix',
        "SELECT lang, count(*) AS posts FROM posts WHERE channel = $1 AND lang IS NOT NULL AND lang <> 'und' GROUP BY lang",
        [channel],
      ),
    );
  }

  // ---- live collection state and follows (sync-state.ts) ------------------------------------------

  async getSyncState(key: string): Promise<SyncState | null> {
    try {
      return await readSyncState(this.current()?.client ?? this.pool, key);
    } catch (e) {
      throw wrap(e, 'getSyncState');
    }
  }

  saveSyncState(key: string, state: SyncState): Promise<void> {
    return this.write(`sync state ${key}`, (db) => writeSyncState(db, key, state, new Date().toISOString()));
  }

  follow(channel: string, depth: string | number | null): Promise<void> {
    return this.write(`follow ${channel}`, (db) => writeFollow(db, channel, depth, new Date().toISOString()));
  }

  unfollow(channel: string): Promise<boolean> {
    return this.write(
      `unfollow ${channel}`,
      async (db) => ((await db.query('DELETE FROM follows WHERE channel = $1', [channel])).rowCount ?? 0) > 0,
    );
  }

  async listFollows(): Promise<Follow[]> {
    try {
      return await readFollows(this.current()?.client ?? this.pool);
    } catch (e) {
      throw wrap(e, 'listFollows');
    }
  }

  // ---- faithful copies (archive.ts) ------------------------------------------------------------------

  async readArchive(after: ArchiveCursor | null, limit: number): Promise<ArchivedPost[]> {
    try {
      return await readArchive(this.current()?.client ?? this.pool, after, limit);
    } catch (e) {
      throw wrap(e, 'readArchive');
    }
  }

  writeArchive(items: ArchivedPost[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return this.transaction(async () => {
      // Stored afresh, so what the target held before (an older copy) cannot merge into the source's history.
      await this.write('writeArchive', (db) => clearPosts(db, items));
      const posts = items.map(({ post }) => {
        const { deleted: _d, topics: _t, story: _s, ...rest } = post;
        return rest;
      });
      await this.savePosts(posts, { mergeMissing: false });
      await this.write('writeArchive', (db) => restoreHistory(db, items));
    });
  }

  async getMarker(name: string): Promise<string | null> {
    try {
      return await readMarker(this.current()?.client ?? this.pool, name);
    } catch (e) {
      throw wrap(e, 'getMarker');
    }
  }

  setMarker(name: string, value: string | null): Promise<void> {
    return this.write(`marker ${name}`, (db) => writeMarker(db, name, value));
  }

  // ---- channel admin and import batches (channels.ts) ------------------------------------------------

  private readonly admin = postgresAdmin((what, fn) => this.write(what, fn));
  private readonly batches = postgresImportBatches((what, fn) => this.write(what, fn));

  renameChannel(from: string, to: string): Promise<ChannelMoveResult> {
    return renameChannel(this, this.admin, from, to);
  }

  mergeChannels(from: string, into: string): Promise<ChannelMoveResult> {
    return mergeChannels(this, this.admin, from, into);
  }

  deleteChannel(key: string): Promise<ChannelDeleteResult> {
    return deleteChannel(this, this.admin, key);
  }

  startImportBatch(batch: { file: string; format: string; startedAt: string }): Promise<number> {
    return this.batches.start(batch);
  }

  noteImportPosts(batchId: number, posts: { channel: string; id: number }[]): Promise<void> {
    return this.batches.note(batchId, posts);
  }

  finishImportBatch(batchId: number, done: ImportBatchDone): Promise<ImportBatch> {
    return this.batches.finish(batchId, done);
  }

  listImportBatches(): Promise<ImportBatch[]> {
    return this.batches.list();
  }

  undoImportBatch(id: number, at = new Date().toISOString()): Promise<ImportUndoResult> {
    return this.batches.undo(id, at);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface MemberRow {
  channel: string;
  id: number;
  story_id: string;
  reason: string;
  evidence: unknown;
}

const rowToMember = (r: MemberRow): StoryMember => ({
  channel: r.channel,
  id: Number(r.id),
  storyId: r.story_id,
  reason: r.reason,
  evidence: rowToEvidence(r.evidence),
});

/** A control statement (BEGIN, COMMIT, SAVEPOINT …); its failure is a StoreError naming the operation. */
async function run(client: pg.PoolClient, text: string, what: string): Promise<void> {
  try {
    await client.query(text);
  } catch (e) {
    throw wrap(e, what);
  }
}

/** Rolls back; returns the error when that failed too, so the client is discarded instead of reused. */
async function rollback(client: pg.PoolClient, text: string): Promise<Error | undefined> {
  try {
    await client.query(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

// ---- opening ---------------------------------------------------------------------------------------

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL server';
  }
}

// bigint (count(*), ids, views) as a JS number: every value tgwire stores fits in 2^53.
const parseInt8 = (v: string): number => Number(v);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? parseInt8
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

async function applyMigrations(pool: pg.Pool, schema: string | null): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // Two tgwire processes opening the same schema take turns instead of racing to create tables.
  const lock = "SELECT pg_advisory_xact_lock(hashtext('tgwire:' || coalesce($1, current_schema(), '')))";
  const inTx = async (fn: () => Promise<void>): Promise<void> => {
    await client.query('BEGIN');
    try {
      await client.query(lock, [schema]);
      await fn();
      await client.query('COMMIT');
    } catch (e) {
      broken = await rollback(client, 'ROLLBACK');
      throw e;
    }
  };
  const currentVersion = async (): Promise<number> =>
    (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]
      ?.v ?? 0;
  try {
    let current = 0;
    await inTx(async () => {
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
      current = await currentVersion();
    });
    if (current > SCHEMA_VERSION)
      throw new StoreError(
        `database schema v${current} is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
      );
    for (const m of migrations) {
      if (m.version <= current) continue;
      await inTx(async () => {
        if ((await currentVersion()) >= m.version) return; // another process applied it meanwhile
        await m.up(client);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
      });
    }
  } finally {
    client.release(broken);
  }
}

export interface PostgresOptions {
  /**
   * The schema holding tgwire's tables, created when missing (lower-case letters, digits, '_'). Default: the
   * server's search_path (usually `public`). Tests use a fresh one each and drop it.
   */
  schema?: string;
  /** Connections in the pool. @default 10 */
  poolSize?: number;
}

/**
 * Connects to PostgreSQL at `url` (postgres://user:pass@host:port/db) and migrates the schema to the current
 * version. Refuses a schema newer than this code.
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema))
    throw new UserError(
      `PostgreSQL schema "${schema}": use lower-case letters, digits and '_' (starting with a letter or '_')`,
    );
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    // JIT off: the searches' large cost estimates make the server compile them, which costs more than it saves (in
    // a 1M-post trial of the tiered ranking, p99 went from 1.0 s to 0.4 s with JIT off and a larger work_mem).
    options: `-c jit=off${schema ? ` -c search_path=${schema}` : ''}`,
  });
  // An idle connection dropped by the server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  try {
    await applyMigrations(pool, schema);
    return new PostgresStore(pool, schema);
  } catch (e) {
    await pool.end().catch(() => {});
    throw wrap(e, `${redact(url)}: cannot open the database`);
  }
}
