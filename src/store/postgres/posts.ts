// Channels and post reads on PostgreSQL: lookups, filtered pages, keyset iteration, history, deletion marks.
import type { Channel, Post } from '../../model/post.js';
import type { PostVersion } from '../../model/version.js';
import { ChannelConflictError } from '../../util/errors.js';
import { rowToChannel, type ChannelRow } from '../shared.js';
import type { ChannelStore, PostFilter, PostQuery } from '../store.js';
import type { PgConnection } from './connection.js';
import { Params, filterConditions, whereClause } from './filter.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';
import { eventsLive, recordEvents } from './webhooks.js';

const PAGE = 500;

export class PgChannels implements ChannelStore {
  constructor(private readonly c: PgConnection) {}

  upsertChannel(c: Channel): Promise<void> {
    return this.c.write(`channel ${c.key}`, async (db) => {
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
    const [r] = await this.c.rows<ChannelRow>('getChannel', 'SELECT * FROM channels WHERE key = $1', [key]);
    return r ? rowToChannel(r) : null;
  }

  async findChannelByNumericId(numericId: number): Promise<Channel | null> {
    const [r] = await this.c.rows<ChannelRow>(
      'findChannelByNumericId',
      'SELECT * FROM channels WHERE numeric_id = $1',
      [numericId],
    );
    return r ? rowToChannel(r) : null;
  }

  async listChannels(): Promise<Channel[]> {
    return (await this.c.rows<ChannelRow>('listChannels', 'SELECT * FROM channels ORDER BY key')).map(
      rowToChannel,
    );
  }
}

/** The reading half of PostStore (savePosts is PgPostWriter's). */
export class PgPostReads {
  constructor(private readonly c: PgConnection) {}

  async getPost(channel: string, id: number): Promise<Post | null> {
    const [r] = await this.c.rows<PostRow>(
      'getPost',
      `SELECT ${POST_COLUMNS} FROM posts p WHERE p.channel = $1 AND p.id = $2`,
      [channel, id],
    );
    return r ? rowToPost(r) : null;
  }

  async getReplies(channel: string, replyTo: number, limit = 1000): Promise<Post[]> {
    const rows = await this.c.rows<PostRow>(
      'getReplies',
      `SELECT ${POST_COLUMNS} FROM posts p WHERE p.channel = $1 AND p.reply_to = $2 ORDER BY p.id LIMIT $3`,
      [channel, replyTo, limit],
    );
    return rows.map(rowToPost);
  }

  async getVersions(channel: string, id: number): Promise<PostVersion[]> {
    // One statement, so a concurrent edit cannot show between reading the history and the current text.
    const rows = await this.c.rows<{
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
    return this.c.write('markDeleted', async (db) => {
      const r = await db.query<{ id: number }>(
        `UPDATE posts SET deleted_at = $1, updated_at = $1
         WHERE channel = $2 AND id = ANY($3::bigint[]) AND deleted_at IS NULL RETURNING id`,
        [when, channel, ids],
      );
      if (r.rows.length && (await eventsLive(db)))
        await recordEvents(
          db,
          r.rows
            .map((row) => Number(row.id))
            .sort((a, b) => a - b)
            .map((id) => ({ type: 'post.deleted' as const, channel, postId: id, at: when })),
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
    return (await this.c.rows<PostRow>('queryPosts', text, params.values)).map(rowToPost);
  }

  async countPosts(filter: PostFilter): Promise<number> {
    const params = new Params();
    const where = filterConditions(filter, params);
    const [r] = await this.c.rows<{ n: number }>(
      'countPosts',
      `SELECT count(*) AS n FROM posts p ${whereClause(where)}`,
      params.values,
    );
    return r!.n;
  }

  async postIds(channel: string, from: number, to: number): Promise<number[]> {
    const rows = await this.c.rows<{ id: string | number }>(
      'postIds',
      'SELECT id FROM posts WHERE channel = $1 AND id BETWEEN $2 AND $3 AND deleted_at IS NULL ORDER BY id',
      [channel, from, to],
    );
    return rows.map((r) => Number(r.id));
  }

  async latestTexts(channel: string, limit: number): Promise<string[]> {
    const rows = await this.c.rows<{ text: string | null }>(
      'latestTexts',
      `SELECT p.text FROM posts p WHERE p.channel = $1 ${this.orderBy('desc')} LIMIT $2`,
      [channel, limit],
    );
    return rows.flatMap((r) => (r.text ? [r.text] : []));
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
      const rows = await this.c.rows<PostRow>(
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
}
