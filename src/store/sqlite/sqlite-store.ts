// The Store on one SQLite file (better-sqlite3): WAL, foreign keys, FTS5 search, async-capable transactions.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Channel, Post } from '../../model/post.js';
import { parseQuery } from '../../search/parse.js';
import { hitSnippet, queryMatchers } from '../../search/snippet.js';
import { stemConfigFor } from '../../text/stems.js';
import { stemmedQueryWords } from '../../search/terms.js';
import { ChannelConflictError, StoreError, errorMessage } from '../../util/errors.js';
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
  ArchivedPost,
  ArchiveStats,
  ChannelDeleteResult,
  ChannelMoveResult,
  DailyCount,
  ImportBatch,
  ImportBatchDone,
  ImportUndoResult,
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
  Follow,
  SyncState,
  Topic,
} from '../store.js';
import { filterSql, whereClause, type Sql } from './filter.js';
import { SearchCache, searchPage } from './search.js';
import { FTS_COLUMNS, ftsValues } from './fts.js';
import {
  dailyCounts,
  forwardEdges,
  hashtagCounts,
  hashtagWriter,
  languageCounts,
  topHashtags,
} from './stats.js';
import { SCHEMA_VERSION, migrations } from './migrations.js';
import { readFollows, readSyncState, writeFollow, writeSyncState } from './sync-state.js';
import { readArchive } from './archive.js';
import { POST_COLUMNS, postParams, rowToPost, type PostRow } from './rows.js';
import { sqliteAdmin, sqliteImportBatches } from './channels.js';
import { deleteChannel, mergeChannels, renameChannel } from '../channel-admin.js';

type Db = Database.Database;
type Stmt = Database.Statement;

const PAGE = 500;

/** Columns compared on re-import before anything else: equal (or missing and merged) means unchanged. */
const QUICK = [
  'date',
  'edited',
  'edit_date',
  'author',
  'text',
  'entities',
  'forwarded_from',
  'reply_to',
  'group_id',
  'media',
  'views',
  'reactions',
  'service',
  'lang',
] as const;

/** True when saving `params` over `row` would change nothing (the common re-import case, no Post built). */
function quickUnchanged(
  params: Record<string, unknown>,
  row: Record<string, unknown>,
  mergeMissing: boolean,
): boolean {
  for (const k of QUICK) {
    const v = params[k];
    if (v === row[k]) continue;
    // mergePost keeps a stored language while the text is the same.
    if (k === 'lang' && mergeMissing && row.lang !== null && params.text === row.text) continue;
    if (mergeMissing && (v === null || v === '' || v === '[]' || (k === 'edited' && v === 0))) continue;
    return false;
  }
  return true;
}
const TOP_HASHTAGS = 20;

function applyMigrations(db: Db, path: string, readonly: boolean): void {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const current = hasTable
    ? ((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0)
    : 0;
  if (current > SCHEMA_VERSION)
    throw new StoreError(
      `database schema v${current} is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
    );
  if (current === SCHEMA_VERSION) return;
  if (readonly)
    throw new StoreError(
      `${path}: database schema v${current} is older than this tgwire (v${SCHEMA_VERSION}): open it once without read-only to upgrade it`,
    );
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
}

export class SqliteStore implements Store {
  private readonly tx = new AsyncLocalStorage<true>();
  private lock: Promise<void> = Promise.resolve();
  private readonly s: Record<string, Stmt>;
  private readonly searchCache = new SearchCache();
  private readonly writeHashtags: ReturnType<typeof hashtagWriter>;
  private readonly admin: ReturnType<typeof sqliteAdmin>;
  private readonly batches: ReturnType<typeof sqliteImportBatches>;
  /** Bumped after every write of this connection: cached search pages of an older generation are stale. */
  private writes = 0;

  constructor(
    private readonly db: Db,
    readonly path: string,
  ) {
    db.function('tg_lower', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? v.toLowerCase() : null,
    );
    const cols =
      'channel, id, date, edited, edit_date, author, text, entities, forwarded_from, fwd_username, fwd_name, ' +
      'fwd_post_id, reply_to, group_id, media, has_media, views, reactions, service, source, lang, hashtags';
    const names = cols.split(', ');
    this.writeHashtags = hashtagWriter(db);
    this.admin = sqliteAdmin(db, (what, fn) => this.write(what, fn));
    this.batches = sqliteImportBatches(db, (what, fn) => this.write(what, fn));
    this.s = {
      insert: db.prepare(
        `INSERT INTO posts (${cols}, first_seen_at, text_seen_at, updated_at)
         VALUES (${names.map((n) => '@' + n).join(', ')}, @seen, @seen, @seen) ON CONFLICT (channel, id) DO NOTHING`,
      ),
      update: db.prepare(
        `UPDATE posts SET ${names
          .filter((n) => n !== 'channel' && n !== 'id')
          .map((n) => `${n} = @${n}`)
          .join(
            ', ',
          )}, text_seen_at = @text_seen_at, deleted_at = @deleted_at, updated_at = @seen WHERE pk = @pk`,
      ),
      quick: db.prepare(`SELECT pk, ${QUICK.join(', ')}, deleted_at FROM posts WHERE channel = ? AND id = ?`),
      existing: db.prepare(
        `SELECT p.pk, p.text_seen_at, p.hashtags, ${POST_COLUMNS} FROM posts p WHERE p.channel = ? AND p.id = ?`,
      ),
      ftsInsert: db.prepare(
        `INSERT INTO posts_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(FTS_COLUMNS.length)})`,
      ),
      ftsDelete: db.prepare('DELETE FROM posts_fts WHERE rowid = ?'),
      versionAppend: db.prepare(
        `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
         SELECT @channel, @id, coalesce(max(pos), 0) + 1, @text, @entities, @edit_date, @seen_at
         FROM post_versions WHERE channel = @channel AND id = @id`,
      ),
      versionPrepend: db.prepare(
        `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
         SELECT @channel, @id, coalesce(min(pos), 1) - 1, @text, @entities, @edit_date, @seen_at
         FROM post_versions WHERE channel = @channel AND id = @id`,
      ),
      versionHas: db.prepare('SELECT 1 FROM post_versions WHERE channel = ? AND id = ? AND text = ?'),
      postsByPk: db.prepare(
        `SELECT p.pk, ${POST_COLUMNS} FROM posts p WHERE p.pk IN (SELECT value FROM json_each(?))`,
      ),
      dataVersion: db.prepare('PRAGMA data_version').pluck(),
      versions: db.prepare(
        'SELECT text, entities, edit_date, seen_at FROM post_versions WHERE channel = ? AND id = ? ORDER BY pos',
      ),
    };
  }

  /** Changes whenever this connection wrote, or another one committed, since the last call. */
  private generation(): string {
    return `${this.writes}:${String(this.s.dataVersion!.get())}`;
  }

  // ---- transactions ----------------------------------------------------------------------------------

  /** Serialises writers on this connection; a transaction holds it from BEGIN to COMMIT. */
  private acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.lock;
    this.lock = prev.then(() => held);
    return prev.then(() => release);
  }

  /**
   * For modules of this backend that share the connection (the publisher outbox): runs fn while holding the
   * writer lock, outside any transaction, so its synchronous writes commit on their own and no transaction of
   * another caller is open across them. fn must not call this store's methods that write (they would wait on it).
   */
  async exclusive<T>(fn: (db: Db) => T): Promise<Awaited<T>> {
    if (this.tx.getStore()) throw new StoreError('exclusive() cannot run inside a transaction');
    const release = await this.acquire();
    try {
      return await fn(this.db);
    } finally {
      this.writes++;
      release();
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn(); // nested: joins the outer transaction
    const release = await this.acquire();
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.tx.run(true, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      // A rollback takes back rows a search inside the transaction may have cached.
      this.writes++;
      release();
    }
  }

  /** A synchronous write, atomic on its own (a savepoint inside an open transaction). */
  private async write<T>(what: string, fn: () => T): Promise<T> {
    const run = (): T => {
      try {
        return this.db.transaction(fn)();
      } catch (e) {
        throw wrap(e, what);
      } finally {
        this.writes++;
      }
    };
    if (this.tx.getStore()) return run();
    const release = await this.acquire();
    try {
      return run();
    } finally {
      release();
    }
  }

  private read<T>(what: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(wrap(e, what));
    }
  }

  // ---- channels --------------------------------------------------------------------------------------

  upsertChannel(c: Channel): Promise<void> {
    return this.write(`channel ${c.key}`, () => {
      if (c.numericId !== null) {
        const other = this.db
          .prepare('SELECT key FROM channels WHERE numeric_id = ? AND key <> ?')
          .get(c.numericId, c.key) as { key: string } | undefined;
        if (other) throw new ChannelConflictError(c.key, c.numericId, other.key);
      }
      this.db
        .prepare(
          `INSERT INTO channels (key, username, numeric_id, title, description, subscribers, avatar_url, kind)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET username = excluded.username, numeric_id = excluded.numeric_id,
             title = excluded.title, description = excluded.description, subscribers = excluded.subscribers,
             avatar_url = excluded.avatar_url, kind = excluded.kind`,
        )
        .run(c.key, c.username, c.numericId, c.title, c.description, c.subscribers, c.avatarUrl, c.kind);
    });
  }

  getChannel(key: string): Promise<Channel | null> {
    return this.read('getChannel', () => {
      const r = this.db.prepare('SELECT * FROM channels WHERE key = ?').get(key) as ChannelRow | undefined;
      return r ? rowToChannel(r) : null;
    });
  }

  findChannelByNumericId(numericId: number): Promise<Channel | null> {
    return this.read('findChannelByNumericId', () => {
      const r = this.db.prepare('SELECT * FROM channels WHERE numeric_id = ?').get(numericId) as
        ChannelRow | undefined;
      return r ? rowToChannel(r) : null;
    });
  }

  listChannels(): Promise<Channel[]> {
    return this.read('listChannels', () =>
      (this.db.prepare('SELECT * FROM channels ORDER BY key').all() as ChannelRow[]).map(rowToChannel),
    );
  }

  // ---- posts -----------------------------------------------------------------------------------------

  private indexText(pk: number | bigint, post: Post, hashtags: string, replace: boolean): void {
    if (replace) this.s.ftsDelete!.run(pk);
    const values = ftsValues(post.text, hashtags, post.lang);
    if (values) this.s.ftsInsert!.run(pk, ...values);
  }

  savePosts(posts: Post[], options: SaveOptions = {}): Promise<SaveResult> {
    const seen = options.seenAt ?? new Date().toISOString();
    const mergeMissing = options.mergeMissing ?? true;
    return this.write('savePosts', () => {
      const result: SaveResult = { added: 0, updated: 0, unchanged: 0 };
      for (const post of posts) {
        const params = postParams(post);
        params.seen = seen;
        const ins = this.s.insert!.run(params);
        if (ins.changes === 1) {
          result.added++;
          this.indexText(ins.lastInsertRowid, post, params.hashtags as string, false);
          this.writeHashtags(ins.lastInsertRowid, post.channel, post.date, params.hashtags as string, false);
          continue;
        }
        const quick = this.s.quick!.get(post.channel, post.id) as Record<string, unknown> | undefined;
        const reviving = quick?.deleted_at != null && post.source === 'tme-live';
        if (quick && !reviving && quickUnchanged(params, quick, mergeMissing)) {
          result.unchanged++;
          continue;
        }
        const row = this.s.existing!.get(post.channel, post.id) as
          (PostRow & { pk: number; text_seen_at: string; hashtags: string }) | undefined;
        if (!row) throw new StoreError(`post ${post.channel}/${post.id}: insert ignored but no row found`);
        const stored = rowToPost(row);
        const revive = row.deleted_at !== null && post.source === 'tme-live';
        const outcome = mergePost(stored, post, mergeMissing);
        if (outcome.kind === 'older') {
          if (this.s.versionHas!.get(post.channel, post.id, post.text)) {
            if (!revive) {
              result.unchanged++;
              continue;
            }
          } else {
            this.s.versionPrepend!.run({
              channel: post.channel,
              id: post.id,
              text: post.text,
              entities: JSON.stringify(post.entities),
              edit_date: post.editDate,
              seen_at: seen,
            });
          }
        }
        if (outcome.kind === 'unchanged' && !revive) {
          result.unchanged++;
          continue;
        }
        if (outcome.kind === 'edited') {
          this.s.versionAppend!.run({
            channel: stored.channel,
            id: stored.id,
            text: stored.text,
            entities: JSON.stringify(stored.entities),
            edit_date: stored.editDate,
            seen_at: row.text_seen_at,
          });
        }
        const next = postParams(outcome.post);
        next.pk = row.pk;
        next.seen = seen;
        next.text_seen_at = outcome.kind === 'edited' ? seen : row.text_seen_at;
        // Tombstones: a deleted post stays deleted when an import brings it again; only a live sighting revives it.
        next.deleted_at = revive ? null : row.deleted_at;
        this.s.update!.run(next);
        if (
          outcome.post.text !== stored.text ||
          next.hashtags !== row.hashtags ||
          stemConfigFor(outcome.post.lang) !== stemConfigFor(stored.lang)
        )
          this.indexText(row.pk, outcome.post, next.hashtags as string, true);
        if (next.hashtags !== row.hashtags || outcome.post.date !== row.date)
          this.writeHashtags(row.pk, row.channel, outcome.post.date, next.hashtags as string, true);
        result.updated++;
      }
      return result;
    });
  }

  getPost(channel: string, id: number): Promise<Post | null> {
    return this.read('getPost', () => {
      const r = this.s.existing!.get(channel, id) as PostRow | undefined;
      return r ? rowToPost(r) : null;
    });
  }

  getVersions(channel: string, id: number): Promise<PostVersion[]> {
    return this.read('getVersions', () => {
      const cur = this.db
        .prepare('SELECT text, entities, edit_date, text_seen_at FROM posts WHERE channel = ? AND id = ?')
        .get(channel, id) as
        { text: string; entities: string; edit_date: string | null; text_seen_at: string } | undefined;
      if (!cur) return [];
      const old = this.s.versions!.all(channel, id) as {
        text: string;
        entities: string;
        edit_date: string | null;
        seen_at: string;
      }[];
      return [
        ...old.map((v) => ({
          text: v.text,
          entities: JSON.parse(v.entities) as PostVersion['entities'],
          editDate: v.edit_date,
          seenAt: v.seen_at,
        })),
        {
          text: cur.text,
          entities: JSON.parse(cur.entities) as PostVersion['entities'],
          editDate: cur.edit_date,
          seenAt: cur.text_seen_at,
        },
      ];
    });
  }

  markDeleted(channel: string, ids: number[], at?: string): Promise<number> {
    const when = at ?? new Date().toISOString();
    return this.write('markDeleted', () => {
      const st = this.db.prepare(
        'UPDATE posts SET deleted_at = ?, updated_at = ? WHERE channel = ? AND id = ? AND deleted_at IS NULL',
      );
      let n = 0;
      for (const id of ids) n += st.run(when, when, channel, id).changes;
      return n;
    });
  }

  private orderBy(order: 'asc' | 'desc'): string {
    const d = order === 'desc' ? ' DESC' : '';
    return `ORDER BY p.sort_date${d}, p.channel${d}, p.id${d}`;
  }

  queryPosts(query: PostQuery): Promise<Post[]> {
    return this.read('queryPosts', () => {
      const sql = filterSql(query);
      const params = [...sql.params];
      let text = `SELECT ${POST_COLUMNS} FROM posts p ${whereClause(sql)} ${this.orderBy(query.order ?? 'asc')}`;
      if (query.limit !== undefined || query.offset !== undefined) {
        text += ' LIMIT ? OFFSET ?';
        params.push(query.limit ?? -1, query.offset ?? 0);
      }
      return (this.db.prepare(text).all(...params) as PostRow[]).map(rowToPost);
    });
  }

  countPosts(filter: PostFilter): Promise<number> {
    return this.read('countPosts', () => {
      const sql = filterSql(filter);
      return (
        this.db.prepare(`SELECT count(*) AS n FROM posts p ${whereClause(sql)}`).get(...sql.params) as {
          n: number;
        }
      ).n;
    });
  }

  async *iteratePosts(query: PostQuery): AsyncIterable<Post> {
    const order = query.order ?? 'asc';
    let remaining = query.limit ?? Infinity;
    let offset = query.offset ?? 0;
    let after: [string, string, number] | null = null;
    const cmp = order === 'desc' ? '<' : '>';
    while (remaining > 0) {
      const sql: Sql = filterSql(query);
      if (after) {
        sql.where.push(`(p.sort_date, p.channel, p.id) ${cmp} (?, ?, ?)`);
        sql.params.push(...after);
      }
      const n = Math.min(PAGE, remaining);
      const rows = await this.read(
        'iteratePosts',
        () =>
          this.db
            .prepare(
              `SELECT ${POST_COLUMNS} FROM posts p ${whereClause(sql)} ${this.orderBy(order)} LIMIT ? OFFSET ?`,
            )
            .all(...sql.params, n, offset) as PostRow[],
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

  async search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const node = parseQuery(text); // QuerySyntaxError rejects as is
    return this.read('search', () => {
      const page = searchPage(this.db, this.searchCache, this.generation(), node, options);
      const byPk = new Map<number, PostRow>();
      if (page.rows.length) {
        const pks = JSON.stringify(page.rows.map((r) => r.pk));
        for (const r of this.s.postsByPk!.all(pks) as (PostRow & { pk: number })[]) byPk.set(r.pk, r);
      }
      const matchers = queryMatchers(node);
      const stemmed = stemmedQueryWords(node);
      const hits = page.rows.flatMap(({ pk, score }) => {
        const r = byPk.get(pk);
        return r ? [{ row: r, score }] : [];
      });
      if (options.sort !== 'date') {
        // bm25 ties (copies of one text) come newest first, as they always have.
        const desc = (a: string | number, b: string | number): number => (a < b ? 1 : a > b ? -1 : 0);
        hits.sort(
          (a, b) =>
            b.score - a.score ||
            desc(a.row.sort_date, b.row.sort_date) ||
            desc(a.row.channel, b.row.channel) ||
            desc(a.row.id, b.row.id),
        );
      }
      return {
        total: page.total,
        ...(page.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
        hits: hits.map(({ row, score }) => ({
          post: rowToPost(row),
          score,
          snippet: hitSnippet(row.text, stemConfigFor(row.lang), matchers, stemmed),
        })),
      };
    });
  }

  stats(): Promise<ArchiveStats> {
    return this.read('stats', () => {
      // Each figure from an index (order indexes, the partial index of deleted posts), not a scan of the rows.
      const one = (sql: string): unknown => this.db.prepare(sql).pluck().get();
      const all = {
        posts: one('SELECT count(*) FROM posts') as number,
        deleted: one('SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL') as number,
        first: one("SELECT min(sort_date) FROM posts WHERE sort_date > ''") as string | null,
        last: one("SELECT max(sort_date) FROM posts WHERE sort_date > ''") as string | null,
      };
      const perChannel = (
        this.db
          .prepare(
            `SELECT c.channel, count(p.id) AS posts, min(nullif(p.sort_date, '')) AS first,
               max(nullif(p.sort_date, '')) AS last
             FROM (SELECT key AS channel FROM channels UNION SELECT DISTINCT channel FROM posts) c
             LEFT JOIN posts p ON p.channel = c.channel GROUP BY c.channel ORDER BY c.channel`,
          )
          .all() as { channel: string; posts: number; first: string | null; last: string | null }[]
      ).map((r) => ({ channel: r.channel, posts: r.posts, firstDate: r.first, lastDate: r.last }));
      const topHashtagList = topHashtags(this.db, TOP_HASHTAGS);
      return {
        channels: perChannel.length,
        posts: all.posts,
        deleted: all.deleted,
        firstDate: all.first,
        lastDate: all.last,
        topHashtags: topHashtagList,
        perChannel,
      };
    });
  }

  dailyCounts(filter: PostFilter): Promise<DailyCount[]> {
    return this.read('dailyCounts', () => dailyCounts(this.db, filter));
  }

  hashtagCounts(options: HashtagCountOptions): Promise<HashtagCount[]> {
    return this.read('hashtagCounts', () => hashtagCounts(this.db, options));
  }

  languageCounts(filter: PostFilter): Promise<LanguageCount[]> {
    return this.read('languageCounts', () => languageCounts(this.db, filter));
  }

  forwardEdges(filter: PostFilter): Promise<ForwardEdge[]> {
    return this.read('forwardEdges', () => forwardEdges(this.db, filter));
  }

  // ---- topics and stories ----------------------------------------------------------------------------

  saveTopic(topic: Topic): Promise<void> {
    return this.write(`topic ${topic.name}`, () => {
      this.db
        .prepare(
          `INSERT INTO topics (name, query, aliases) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET query = excluded.query, aliases = excluded.aliases`,
        )
        .run(topic.name, topic.query, JSON.stringify(topic.aliases));
    });
  }

  removeTopic(name: string): Promise<boolean> {
    return this.write(`topic ${name}`, () => {
      this.db.prepare('DELETE FROM post_topics WHERE topic = ?').run(name);
      return this.db.prepare('DELETE FROM topics WHERE name = ?').run(name).changes > 0;
    });
  }

  listTopics(): Promise<Topic[]> {
    return this.read('listTopics', () =>
      (
        this.db.prepare('SELECT name, query, aliases FROM topics ORDER BY name').all() as {
          name: string;
          query: string;
          aliases: string;
        }[]
      ).map((r) => ({ name: r.name, query: r.query, aliases: JSON.parse(r.aliases) as string[][] })),
    );
  }

  private requirePost(channel: string, id: number): void {
    if (!this.db.prepare('SELECT 1 FROM posts WHERE channel = ? AND id = ?').get(channel, id))
      throw new StoreError(`post ${channel}/${id} is not in the archive: save it before tagging it`);
  }

  setPostTopics(tags: { channel: string; id: number; topics: string[] }[]): Promise<void> {
    return this.write('setPostTopics', () => {
      const del = this.db.prepare('DELETE FROM post_topics WHERE channel = ? AND id = ?');
      const ins = this.db.prepare('INSERT OR IGNORE INTO post_topics (channel, id, topic) VALUES (?, ?, ?)');
      for (const t of tags) {
        this.requirePost(t.channel, t.id);
        del.run(t.channel, t.id);
        for (const topic of t.topics) ins.run(t.channel, t.id, topic);
      }
    });
  }

  setStories(members: StoryMember[]): Promise<void> {
    return this.write('setStories', () => {
      const up = this.db.prepare(
        `INSERT INTO stories (channel, id, story_id, reason, evidence) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel, id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
           evidence = excluded.evidence`,
      );
      for (const m of members) {
        this.requirePost(m.channel, m.id);
        up.run(m.channel, m.id, m.storyId, m.reason, m.evidence ? JSON.stringify(m.evidence) : null);
      }
    });
  }

  storyMembersOf(keys: string[]): Promise<StoryMember[]> {
    return this.read('storyMembersOf', () => {
      const get = this.db.prepare(
        'SELECT channel, id, story_id, reason, evidence FROM stories WHERE channel = ? AND id = ?',
      );
      const out: StoryMember[] = [];
      for (const key of new Set(keys)) {
        const cut = key.lastIndexOf('/');
        const r = get.get(key.slice(0, cut), Number(key.slice(cut + 1))) as MemberRow | undefined;
        if (r) out.push(rowToMember(r));
      }
      return out;
    });
  }

  addStoryCorrection(c: StoryCorrection): Promise<number> {
    return this.write('addStoryCorrection', () => {
      const into = c.kind === 'merge' ? c.into : null;
      const same = this.db
        .prepare('SELECT id FROM story_corrections WHERE kind = ? AND post = ? AND into_post IS ?')
        .get(c.kind, c.post, into) as { id: number } | undefined;
      if (same) return same.id;
      return Number(
        this.db
          .prepare('INSERT INTO story_corrections (kind, post, into_post, created_at) VALUES (?, ?, ?, ?)')
          .run(c.kind, c.post, into, c.createdAt).lastInsertRowid,
      );
    });
  }

  listStoryCorrections(): Promise<StoredStoryCorrection[]> {
    return this.read('listStoryCorrections', () =>
      (
        this.db
          .prepare(
            'SELECT id, kind, post, into_post, created_at FROM story_corrections ORDER BY created_at, id',
          )
          .all() as CorrectionRow[]
      ).map(rowToCorrection),
    );
  }

  removeStoryCorrection(id: number): Promise<boolean> {
    return this.write(
      'removeStoryCorrection',
      () => this.db.prepare('DELETE FROM story_corrections WHERE id = ?').run(id).changes > 0,
    );
  }

  setChannelLanguages(channel: string, languages: string[] | null): Promise<void> {
    return this.write(`languages of ${channel}`, () => {
      // Clearing needs no row; pinning makes one for a channel only followed so far.
      if (!languages?.length) {
        this.db.prepare('UPDATE channels SET languages = NULL WHERE key = ?').run(channel);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO channels (key, languages) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET languages = excluded.languages`,
        )
        .run(channel, JSON.stringify(languages));
    });
  }

  channelLanguageMix(channel: string): Promise<Map<string, number>> {
    return this.read('channelLanguageMix', () =>
      languageShares(
        this.db
          .prepare(
            `SELECT lang, count(*) AS posts FROM posts WHERE channel = ? AND lang IS NOT NULL AND lang <> 'und' GROUP BY lang`,
          )
          .all(channel) as { lang: string; posts: number }[],
      ),
    );
  }

  getSyncState(key: string): Promise<SyncState | null> {
    return this.read('getSyncState', () => readSyncState(this.db, key));
  }

  saveSyncState(key: string, state: SyncState): Promise<void> {
    return this.write(`sync state of ${key}`, () =>
      writeSyncState(this.db, key, state, new Date().toISOString()),
    );
  }

  follow(channel: string, depth: string | number | null): Promise<void> {
    return this.write(`follow ${channel}`, () =>
      writeFollow(this.db, channel, depth, new Date().toISOString()),
    );
  }

  unfollow(channel: string): Promise<boolean> {
    return this.write(
      `unfollow ${channel}`,
      () => this.db.prepare('DELETE FROM follows WHERE channel = ?').run(channel).changes > 0,
    );
  }

  listFollows(): Promise<Follow[]> {
    return this.read('listFollows', () => readFollows(this.db));
  }

  readArchive(after: ArchiveCursor | null, limit: number): Promise<ArchivedPost[]> {
    return this.read('readArchive', () => readArchive(this.db, after, limit));
  }

  getStoryMembers(storyId: string): Promise<StoryMember[]> {
    return this.read('getStoryMembers', () =>
      (
        this.db
          .prepare(
            `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence
             FROM stories s JOIN posts p ON p.channel = s.channel AND p.id = s.id
             WHERE s.story_id = ? ORDER BY p.sort_date, s.channel, s.id`,
          )
          .all(storyId) as MemberRow[]
      ).map(rowToMember),
    );
  }

  // ---- channel admin and import batches (channels.ts) ------------------------------------------------

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
    const release = await this.acquire();
    try {
      if (this.db.open) this.db.close();
    } finally {
      release();
    }
  }
}

interface MemberRow {
  channel: string;
  id: number;
  story_id: string;
  reason: string;
  evidence: string | null;
}

const rowToMember = (r: MemberRow): StoryMember => ({
  channel: r.channel,
  id: r.id,
  storyId: r.story_id,
  reason: r.reason,
  evidence: rowToEvidence(r.evidence),
});

/**
 * Opens (creating it and its folder when missing) the SQLite archive at `path`, migrated to the current schema.
 * Refuses a database whose schema is newer than this code, and, read-only, one that would need migrating.
 */
export async function openSqliteStore(
  path: string,
  options: { readonly?: boolean } = {},
): Promise<SqliteStore> {
  const readonly = options.readonly ?? false;
  let db: Db;
  try {
    if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw new StoreError(`${path}: cannot open the database: ${errorMessage(e)}`, { cause: e });
  }
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // Reads of a large archive (search joins, aggregates) touch pages all over the file: map them, do not copy them.
    db.pragma('mmap_size = 268435456');
    applyMigrations(db, path, readonly);
    return new SqliteStore(db, path);
  } catch (e) {
    db.close();
    throw wrap(e, `${path}: cannot open the database`);
  }
}
