// Channels and post reads on SQLite: lookups, filtered pages, keyset iteration, history, deletion marks.
import type Database from 'better-sqlite3';
import type { Channel, Post } from '../../model/post.js';
import type { PostVersion } from '../../model/version.js';
import { ChannelConflictError } from '../../util/errors.js';
import { rowToChannel, type ChannelRow } from '../shared.js';
import type { ChannelStore, PostFilter, PostQuery } from '../store.js';
import type { SqliteConnection } from './connection.js';
import { filterSql, whereClause, type Sql } from './filter.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';
import { EventLog } from './webhooks.js';

const PAGE = 500;

export class SqliteChannels implements ChannelStore {
  constructor(private readonly c: SqliteConnection) {}

  private get db(): Database.Database {
    return this.c.db;
  }

  upsertChannel(c: Channel): Promise<void> {
    return this.c.write(`channel ${c.key}`, () => {
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
    return this.c.read('getChannel', () => {
      const r = this.db.prepare('SELECT * FROM channels WHERE key = ?').get(key) as ChannelRow | undefined;
      return r ? rowToChannel(r) : null;
    });
  }

  findChannelByNumericId(numericId: number): Promise<Channel | null> {
    return this.c.read('findChannelByNumericId', () => {
      const r = this.db.prepare('SELECT * FROM channels WHERE numeric_id = ?').get(numericId) as
        ChannelRow | undefined;
      return r ? rowToChannel(r) : null;
    });
  }

  listChannels(): Promise<Channel[]> {
    return this.c.read('listChannels', () =>
      (this.db.prepare('SELECT * FROM channels ORDER BY key').all() as ChannelRow[]).map(rowToChannel),
    );
  }
}

/** The reading half of PostStore (savePosts is PostWriter's). */
export class SqlitePostReads {
  private readonly byKey: Database.Statement;
  private readonly versions: Database.Statement;

  constructor(private readonly c: SqliteConnection) {
    this.byKey = c.db.prepare(`SELECT ${POST_COLUMNS} FROM posts p WHERE p.channel = ? AND p.id = ?`);
    this.versions = c.db.prepare(
      'SELECT text, entities, edit_date, seen_at FROM post_versions WHERE channel = ? AND id = ? ORDER BY pos',
    );
  }

  private get db(): Database.Database {
    return this.c.db;
  }

  getPost(channel: string, id: number): Promise<Post | null> {
    return this.c.read('getPost', () => {
      const r = this.byKey.get(channel, id) as PostRow | undefined;
      return r ? rowToPost(r) : null;
    });
  }

  getReplies(channel: string, replyTo: number, limit = 1000): Promise<Post[]> {
    return this.c.read('getReplies', () =>
      (
        this.db
          .prepare(
            `SELECT ${POST_COLUMNS} FROM posts p WHERE p.channel = ? AND p.reply_to = ? ORDER BY p.id LIMIT ?`,
          )
          .all(channel, replyTo, limit) as PostRow[]
      ).map(rowToPost),
    );
  }

  getVersions(channel: string, id: number): Promise<PostVersion[]> {
    return this.c.read('getVersions', () => {
      const cur = this.db
        .prepare('SELECT text, entities, edit_date, text_seen_at FROM posts WHERE channel = ? AND id = ?')
        .get(channel, id) as
        { text: string; entities: string; edit_date: string | null; text_seen_at: string } | undefined;
      if (!cur) return [];
      const old = this.versions.all(channel, id) as {
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
    return this.c.write('markDeleted', () => {
      const st = this.db.prepare(
        'UPDATE posts SET deleted_at = ?, updated_at = ? WHERE channel = ? AND id = ? AND deleted_at IS NULL',
      );
      const events = new EventLog(this.db);
      const log = events.live();
      let n = 0;
      for (const id of ids) {
        const changed = st.run(when, when, channel, id).changes;
        if (changed && log) events.record('post.deleted', channel, id, when);
        n += changed;
      }
      return n;
    });
  }

  private orderBy(order: 'asc' | 'desc'): string {
    const d = order === 'desc' ? ' DESC' : '';
    return `ORDER BY p.sort_date${d}, p.channel${d}, p.id${d}`;
  }

  queryPosts(query: PostQuery): Promise<Post[]> {
    return this.c.read('queryPosts', () => {
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
    return this.c.read('countPosts', () => {
      const sql = filterSql(filter);
      return (
        this.db.prepare(`SELECT count(*) AS n FROM posts p ${whereClause(sql)}`).get(...sql.params) as {
          n: number;
        }
      ).n;
    });
  }

  postIds(channel: string, from: number, to: number): Promise<number[]> {
    return this.c.read(
      'postIds',
      () =>
        this.db
          .prepare(
            'SELECT id FROM posts WHERE channel = ? AND id BETWEEN ? AND ? AND deleted_at IS NULL ORDER BY id',
          )
          .pluck()
          .all(channel, from, to) as number[],
    );
  }

  latestTexts(channel: string, limit: number): Promise<string[]> {
    return this.c.read('latestTexts', () =>
      (
        this.db
          .prepare(`SELECT p.text FROM posts p WHERE p.channel = ? ${this.orderBy('desc')} LIMIT ?`)
          .pluck()
          .all(channel, limit) as (string | null)[]
      ).filter((t): t is string => !!t),
    );
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
      const rows = await this.c.read(
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
}
