// Saving posts on PostgreSQL: batched inserts and updates (unnest), rows locked in key order, merge.ts per post,
// history rows and the search columns written with the batch. Many new posts at once go through COPY instead.
import type pg from 'pg';
import type { Entity, Post } from '../../model/post.js';
import { isLiveSource } from '../../model/post.js';
import { mergePost, needsHistory } from '../merge.js';
import type { SaveOptions, SaveResult } from '../store.js';
import type { PgConnection } from './connection.js';
import { copyBinary, type BinaryType } from './binary-copy.js';
import { noteFound } from './channels.js';
import {
  MERGE_COLUMNS,
  WRITE_COLUMNS,
  postParams,
  rowToPost,
  type PostParams,
  type PostRow,
} from './rows.js';
import type { SearchColumns, SearchVectors, Stemmer } from './stem.js';
import { eventsLive, recordEvents, type NewEvent } from './webhooks.js';

/** Posts per batch: large enough for COPY to pay, small enough that a batch's rows sit in memory at ease. */
const CHUNK = 10_000;

/** How new posts of a batch are inserted (the same rows either way). */
export interface InsertOptions {
  /**
   * New posts in a batch from which they are streamed with COPY into a staging table and inserted from there;
   * fewer go in one INSERT over unnest() (cheaper for a few posts: no staging table). @default 250
   */
  copyMin?: number;
}

/** Whether new posts go straight into the posts table (a bulk load, bulk-load.ts) or through a staging table. */
export interface BulkState {
  /** True while this process loads in bulk: the table is locked against other writers per transaction. */
  readonly active: boolean;
}

type MergeRow = PostRow & { text_seen_at: string; hashtags: string; ts_config: string };

interface UpdateRow {
  params: PostParams;
  reindex: boolean;
  /** channel, id, text, entities, edit_date, seen_at of the version this update replaces. */
  previous: [string, number, string, string, string | null, string] | null;
  textSeenAt: string;
  deletedAt: string | null;
  /** A deleted post seen live again (post.restored). */
  restored: boolean;
  /** The note that it came back: when, and the deletion it undid. */
  restoredAt: string | null;
  restoredFrom: string | null;
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

/** What the search columns of a row are built from. */
const searchInput = (r: PostParams) => ({
  text: r.text as string,
  hashtags: r.hashtags as string,
  config: r.ts_config as string,
});

/** Staged rows: the written columns, then the search vectors (STAGE_COLUMNS order), then `extra`. */
function* stagedRows(
  params: PostParams[],
  vectorsOf: (i: number) => SearchVectors,
  extra: readonly unknown[],
): Generator<unknown[]> {
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const x = vectorsOf(i);
    yield [...COLS.map((c) => p[c]), x.tsv, x.tags, x.stem, x.tf, x.all, ...extra];
  }
}

function columnArrays(rows: PostParams[]): unknown[][] {
  return COLS.map((c) => rows.map((r) => r[c]));
}

function unnestOf(types: readonly string[], first: number): string {
  return types.map((t, i) => `$${first + i}::${t}[]`).join(', ');
}

const INSERT_SQL = `INSERT INTO posts (${COLS.join(', ')}, tsv, tsv_tags, tsv_stem, tsv_tf, tsv_all,
    first_seen_at, text_seen_at, updated_at)
  SELECT ${COLS.map((c) => `u.${c}`).join(', ')}, u.tsv::tsvector, u.tags::tsvector,
    u.stem::tsvector, u.tf::tsvector, u.all_::tsvector, $1, $1, $1
  FROM unnest(${unnestOf([...UNNEST_TYPES, 'text', 'text', 'text', 'text', 'text'], 2)})
    AS u(${COLS.join(', ')}, tsv, tags, stem, tf, all_)
  ON CONFLICT (channel, id) DO NOTHING RETURNING channel, id`;

const UPDATE_SQL = `UPDATE posts p SET ${COLS.filter((c) => c !== 'channel' && c !== 'id')
  .map((c) => `${c} = u.${c}`)
  .join(', ')},
    tsv = CASE WHEN u.reindex THEN u.tsv::tsvector ELSE p.tsv END,
    tsv_tags = CASE WHEN u.reindex THEN u.tags::tsvector ELSE p.tsv_tags END,
    tsv_stem = CASE WHEN u.reindex THEN u.stem::tsvector ELSE p.tsv_stem END,
    tsv_tf = CASE WHEN u.reindex THEN u.tf::tsvector ELSE p.tsv_tf END,
    tsv_all = CASE WHEN u.reindex THEN u.all_::tsvector ELSE p.tsv_all END,
    text_seen_at = u.text_seen_at, deleted_at = u.deleted_at, restored_at = u.restored_at,
    restored_from = u.restored_from, updated_at = $1
  FROM unnest(${unnestOf([...UNNEST_TYPES, 'boolean', ...Array<string>(9).fill('text')], 2)})
    AS u(${COLS.join(', ')}, reindex, tsv, tags, stem, tf, all_, text_seen_at, deleted_at, restored_at, restored_from)
  WHERE p.channel = u.channel AND p.id = u.id`;

// Each post at most once per batch, so max(pos) + 1 is free.
const APPEND_VERSIONS_SQL = `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
  SELECT u.channel, u.id,
    coalesce((SELECT max(v.pos) FROM post_versions v WHERE v.channel = u.channel AND v.id = u.id), 0) + 1,
    u.text, u.entities, u.edit_date, u.seen_at
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS u(channel, id, text, entities, edit_date, seen_at)`;

/** The staging table of COPY: the written columns and the search columns, as the posts table types them. */
const STAGE_COLUMNS = [...COLS, 'tsv', 'tsv_tags', 'tsv_stem', 'tsv_tf', 'tsv_all'];
const STAGE_TYPES: (readonly [string, BinaryType])[] = [
  ...WRITE_COLUMNS.map(([n, t]) => [n, t] as const),
  ...STAGE_COLUMNS.slice(COLS.length).map((n) => [n, 'tsvector'] as const),
];
/** A bulk load copies straight into posts: the staged columns and the times of the save. */
const DIRECT_TYPES: (readonly [string, BinaryType])[] = [
  ...STAGE_TYPES,
  ...['first_seen_at', 'text_seen_at', 'updated_at'].map((n) => [n, 'text'] as const),
];
const STAGE_SQL = `CREATE TEMP TABLE IF NOT EXISTS posts_stage (${[
  ...WRITE_COLUMNS.map(([n, t]) => `${n} ${t}`),
  'tsv tsvector, tsv_tags tsvector, tsv_stem tsvector, tsv_tf tsvector, tsv_all tsvector',
].join(', ')}) ON COMMIT DROP`;

const INSERT_STAGED_SQL = `INSERT INTO posts (${STAGE_COLUMNS.join(', ')}, first_seen_at, text_seen_at, updated_at)
  SELECT ${STAGE_COLUMNS.map((c) => `s.${c}`).join(', ')}, $1, $1, $1 FROM posts_stage s
  ORDER BY s.channel COLLATE "C", s.id
  ON CONFLICT (channel, id) DO NOTHING RETURNING channel, id`;

const LZ4_SQL = `SELECT 'lz4' = ANY(enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`;

const LOCK_SQL = `SELECT ${MERGE_COLUMNS} FROM posts p
  JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON p.channel = k.channel AND p.id = k.id
  ORDER BY p.channel, p.id FOR UPDATE OF p`;

export class PgPostWriter {
  private readonly copyMin: number;
  /** Whether the server can compress with lz4 (asked once). */
  private lz4: Promise<boolean> | null = null;

  constructor(
    private readonly c: PgConnection,
    private readonly stemmer: Stemmer,
    options: InsertOptions = {},
    private readonly bulk: BulkState = { active: false },
  ) {
    this.copyMin = options.copyMin ?? 250;
  }

  savePosts(posts: Post[], options: SaveOptions = {}): Promise<SaveResult> {
    const seen = options.seenAt ?? new Date().toISOString();
    const mergeMissing = options.mergeMissing ?? true;
    return this.c.write('savePosts', async (db) => {
      const result: SaveResult = { added: 0, updated: 0, unchanged: 0, edited: 0 };
      // A post's search columns are large enough to be compressed; pglz, the default, made up a third of the
      // server's time per new post (1M generated posts), lz4 a few percent. Values of either kind read the same.
      this.lz4 ??= db
        .query<{ ok: boolean }>(LZ4_SQL)
        .then((r) => r.rows[0]?.ok === true)
        .catch(() => false);
      if (await this.lz4) await db.query("SET LOCAL default_toast_compression = 'lz4'");
      // A bulk load inserts new posts without ON CONFLICT: no other writer may add one between the check and the
      // COPY. Taken first, before any row lock, so writers queue instead of deadlocking.
      if (this.bulk.active) await db.query('LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE');
      // Change events are written with the change, in this transaction (webhooks).
      const events: NewEvent[] | null = (await eventsLive(db)) ? [] : null;
      for (const batch of batches(posts))
        await this.saveBatch(db, batch.sort(byKey), seen, mergeMissing, result, events, options.importBatch);
      if (events) await recordEvents(db, events);
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
    events: NewEvent[] | null,
    importBatch: number | undefined,
  ): Promise<void> {
    const existing = new Map<string, MergeRow>();
    await this.lockExisting(db, posts, existing);
    const fresh = posts.filter((p) => !existing.has(keyOf(p)));
    if (fresh.length) {
      const { rows } = await this.insert(db, fresh.map(postParams), seen);
      result.added += rows.length;
      if (events)
        for (const r of rows)
          events.push({ type: 'post.created', channel: r.channel, postId: Number(r.id), at: seen });
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
    // Noted absent but there now (another writer committed it since): locked, so recorded as that writer left it,
    // before this save merges into it.
    if (importBatch !== undefined) await noteFound(db, importBatch, [...existing.values()]);
    const updates: UpdateRow[] = [];
    for (const post of posts) {
      const row = existing.get(keyOf(post));
      if (!row) continue;
      const u = await this.merge(db, post, row, seen, mergeMissing);
      if (u) {
        updates.push(u);
        result.updated++;
        if (u.previous) result.edited++;
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
      // Receivers were told it was deleted: they are told it is back (before an edit it came back with).
      if (events)
        for (const u of updates)
          if (u.restored)
            events.push({
              type: 'post.restored',
              channel: u.params.channel as string,
              postId: u.params.id as number,
              at: seen,
            });
      if (events)
        for (const [channel, id, text, entities] of previous)
          events.push({
            type: 'post.edited',
            channel,
            postId: id,
            at: seen,
            previous: { text, entities: JSON.parse(entities) as unknown[] },
          });
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
        index.map((i) => i?.all ?? ''),
        updates.map((u) => u.textSeenAt),
        updates.map((u) => u.deletedAt),
        updates.map((u) => u.restoredAt),
        updates.map((u) => u.restoredFrom),
      ]);
    }
  }

  /** Inserts new posts (ON CONFLICT DO NOTHING); returns the keys inserted, in key order. */
  private async insert(
    db: pg.PoolClient,
    params: PostParams[],
    seen: string,
  ): Promise<{ rows: { channel: string; id: number }[] }> {
    if (params.length < this.copyMin) {
      const index = await this.indexParams(db, params);
      return db.query<{ channel: string; id: number }>(INSERT_SQL, [
        seen,
        ...columnArrays(params),
        index.map((i) => i.tsv),
        index.map((i) => i.tags),
        index.map((i) => i.stem),
        index.map((i) => i.tf),
        index.map((i) => i.all),
      ]);
    }
    const vectorsOf = await this.stemmer.vectorBuilder(db, params.map(searchInput));
    // Each row's search vectors are built as the stream asks for it, while the server reads the rows before.
    if (this.bulk.active) {
      // The table is locked (savePosts) and these keys were not in it: every row is new.
      await copyBinary(db, 'posts', DIRECT_TYPES, stagedRows(params, vectorsOf, [seen, seen, seen]));
      return { rows: params.map((p) => ({ channel: p.channel as string, id: p.id as number })) };
    }
    // Dropped at commit; a second batch of the same transaction finds it and empties it.
    await db.query(STAGE_SQL);
    await db.query('TRUNCATE posts_stage');
    await copyBinary(db, 'posts_stage', STAGE_TYPES, stagedRows(params, vectorsOf, []));
    return db.query<{ channel: string; id: number }>(INSERT_STAGED_SQL, [seen]);
  }

  /** The search columns of rows about to be written (stems looked up for the words not seen yet). */
  private indexParams(db: pg.PoolClient, rows: PostParams[]): Promise<SearchColumns[]> {
    return this.stemmer.columns(db, rows.map(searchInput));
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
    const revive = row.deleted_at !== null && isLiveSource(post.source);
    const history = needsHistory(stored, post)
      ? (
          await db.query<{ text: string; entities: string }>(
            'SELECT text, entities FROM post_versions WHERE channel = $1 AND id = $2',
            [post.channel, post.id],
          )
        ).rows.map((v) => ({ text: v.text, entities: JSON.parse(v.entities) as Entity[] }))
      : [];
    // A reading saved at the current text's time or later is the later one (several in one save: in their order).
    const outcome = mergePost(stored, post, mergeMissing, history, seen >= row.text_seen_at);
    if (outcome.kind === 'older') {
      await db.query(
        `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
         SELECT $1, $2, coalesce(min(pos), 1) - 1, $3, $4, $5, $6
         FROM post_versions WHERE channel = $1 AND id = $2`,
        [post.channel, post.id, post.text, JSON.stringify(post.entities), post.editDate, seen],
      );
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
      restored: revive,
      // The post's history notes that it came back (the deletion receivers were told about is not undone silently).
      restoredAt: revive ? seen : (row.restored_at ?? null),
      restoredFrom: revive ? row.deleted_at : (row.restored_from ?? null),
    };
  }
}
