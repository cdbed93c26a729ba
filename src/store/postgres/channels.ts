// PostgreSQL side of channel admin (rename, merge, delete) and of import batches (recorded, listed, undone).
import type pg from 'pg';
import { UserError } from '../../util/errors.js';
import { rekeyEvidence, storyIds, type AdminBackend, type RemovedPosts } from '../channel-admin.js';
import type { StoryEvidence } from '../../model/story.js';
import type { ImportBatch, ImportBatchDone, ImportUndoResult, UnfinishedImport } from '../store.js';
import type { PostVersion } from '../../model/version.js';
import type { CopiedImportBatch } from '../archive-copy.js';
import type { Queryable } from './connection.js';
import type { Stemmer } from './stem.js';
import { tsConfigFor } from './text.js';

type Db = pg.PoolClient;
/** Runs fn atomically on the transaction's client (the store's write: a savepoint inside an open transaction). */
type Write = <T>(what: string, fn: (db: Db) => Promise<T>) => Promise<T>;

/** Stored (not generated) columns of a table in the store's schema, in table order. */
async function columns(db: Db, table: string): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/** Tables only some archives have (the outbox, the worker queue). */
async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  return (await columns(db, table)).includes(column);
}

/** Rewrites `from/…` keys of a column to `to/…`. */
async function rekeyColumn(db: Db, table: string, column: string, from: string, to: string): Promise<void> {
  await db.query(
    `UPDATE ${table} SET ${column} = $2 || substr(${column}, length($1) + 1)
     WHERE left(${column}, length($1) + 1) = $1 || '/'`,
    [from, to],
  );
}

/** The channel has a row (unless `row` is false), posts, a follow or a sync state. */
async function channelExists(db: Db, key: string, { row = true } = {}): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM channels WHERE key = $1 AND $2 UNION ALL SELECT 1 FROM posts WHERE channel = $1
     UNION ALL SELECT 1 FROM follows WHERE channel = $1 UNION ALL SELECT 1 FROM sync_state WHERE channel = $1
     LIMIT 1`,
    [key, row],
  );
  return rows.length > 0;
}

async function moveChannel(db: Db, from: string, to: string): Promise<number> {
  const { rows: members } = await db.query<{ id: number; storyId: string }>(
    'SELECT id, story_id AS "storyId" FROM stories WHERE channel = $1',
    [from],
  );
  // The foreign keys of history, topics and stories are checked at once: the posts are copied under the new key,
  // what refers to them follows, then the old rows go.
  const cols = await columns(db, 'posts');
  const moved =
    (
      await db.query(
        `INSERT INTO posts (${cols.join(', ')})
         SELECT ${cols.map((c) => (c === 'channel' ? '$2' : c)).join(', ')} FROM posts WHERE channel = $1`,
        [from, to],
      )
    ).rowCount ?? 0;
  for (const t of ['post_versions', 'post_topics', 'stories', 'import_batch_posts'])
    await db.query(`UPDATE ${t} SET channel = $2 WHERE channel = $1`, [from, to]);
  await db.query('DELETE FROM posts WHERE channel = $1', [from]);
  const outbox = await hasColumn(db, 'outbox', 'post_key');
  for (const [was, now] of storyIds(from, to, members)) {
    await db.query('UPDATE stories SET story_id = $2 WHERE story_id = $1', [was, now]);
    if (outbox) await db.query('UPDATE outbox SET story = $2 WHERE story = $1', [was, now]);
  }
  await rekeyColumn(db, 'story_corrections', 'post', from, to);
  await rekeyColumn(db, 'story_corrections', 'into_post', from, to);
  // A split's `from`: keys in a space-separated list.
  await db.query(
    `UPDATE story_corrections SET apart = substr(replace(' ' || apart, ' ' || $1 || '/', ' ' || $2 || '/'), 2)
     WHERE strpos(' ' || apart, ' ' || $1 || '/') > 0`,
    [from, to],
  );
  // The evidence of other members names the posts they matched: by their new key ("translation of NEW/5").
  const { rows: named } = await db.query<{ channel: string; id: string; evidence: StoryEvidence }>(
    `SELECT channel, id, evidence FROM stories WHERE strpos(evidence::text, $1) > 0`,
    [`"${from}/`],
  );
  for (const row of named) {
    const now = rekeyEvidence(row.evidence, from, to);
    if (now)
      await db.query('UPDATE stories SET evidence = $3::jsonb WHERE channel = $1 AND id = $2', [
        row.channel,
        row.id,
        JSON.stringify(now),
      ]);
  }
  // The publisher knows posts by key: a renamed post is the same message, not a new one to send.
  if (outbox) await rekeyColumn(db, 'outbox', 'post_key', from, to);
  for (const list of ['channels', 'created_channels'])
    await db.query(
      `UPDATE import_batches SET ${list} = (
         SELECT jsonb_agg(DISTINCT CASE WHEN c = $1 THEN $2 ELSE c END) FROM jsonb_array_elements_text(${list}) c)
       WHERE ${list} ? $1`,
      [from, to],
    );
  // INTO's own sync state, follow and job win; FROM's move only where INTO has none.
  const keyed: [string, string][] = [
    ['sync_state', 'channel'],
    ['follows', 'channel'],
  ];
  if (await hasColumn(db, 'sync_jobs', 'channel')) keyed.push(['sync_jobs', 'channel']);
  for (const [t, c] of keyed) {
    await db.query(
      `UPDATE ${t} SET ${c} = $2 WHERE ${c} = $1 AND NOT EXISTS (SELECT 1 FROM ${t} WHERE ${c} = $2)`,
      [from, to],
    );
    await db.query(`DELETE FROM ${t} WHERE ${c} = $1`, [from]);
  }
  const read = async (key: string) =>
    (await db.query<Record<string, unknown>>('SELECT * FROM channels WHERE key = $1', [key])).rows[0];
  const fromRow = await read(from);
  if (fromRow) {
    const toRow = await read(to);
    if (!toRow) await db.query('UPDATE channels SET key = $2 WHERE key = $1', [from, to]);
    else {
      await db.query('DELETE FROM channels WHERE key = $1', [from]);
      // What INTO's row lacks (a numeric id, a title) is taken from FROM's.
      const fill = Object.keys(fromRow).filter(
        (k) => k !== 'key' && toRow[k] === null && fromRow[k] !== null,
      );
      if (fill.length)
        await db.query(
          `UPDATE channels SET ${fill.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE key = $1`,
          [to, ...fill.map((k) => fromRow[k])],
        );
    }
  }
  return moved;
}

/** `keepCorrections`: as in the SQLite store's removePosts. */
async function removePosts(
  db: Db,
  channel: string,
  ids: number[] | 'all',
  keepCorrections = false,
): Promise<RemovedPosts> {
  const all = ids === 'all';
  const which = all ? 'channel = $1' : 'channel = $1 AND id = ANY($2::bigint[])';
  const args = all ? [channel] : [channel, ids];
  const stories = (
    await db.query<{ story_id: string }>(`SELECT DISTINCT story_id FROM stories WHERE ${which}`, args)
  ).rows.map((r) => r.story_id);
  const versions = Number(
    (await db.query<{ n: number }>(`SELECT count(*) AS n FROM post_versions WHERE ${which}`, args)).rows[0]!
      .n,
  );
  const keys = all ? null : ids.map((id) => `${channel}/${id}`);
  const corrections = keepCorrections
    ? 0
    : ((
        await db.query(
          keys
            ? 'DELETE FROM story_corrections WHERE post = ANY($1::text[]) OR into_post = ANY($1::text[])'
            : `DELETE FROM story_corrections WHERE left(post, length($1) + 1) = $1 || '/'
             OR left(into_post, length($1) + 1) = $1 || '/'`,
          [keys ?? channel],
        )
      ).rowCount ?? 0);
  await db.query(`DELETE FROM import_batch_posts WHERE ${which}`, args);
  const posts = (await db.query(`DELETE FROM posts WHERE ${which}`, args)).rowCount ?? 0;
  return { posts, versions, ungrouped: await ungroup(db, stories), corrections };
}

/** Drops the memberships of these stories: their posts are regrouped (assignStories) without the lost ones. */
async function ungroup(db: Db, stories: string[]): Promise<number> {
  if (stories.length === 0) return 0;
  return (await db.query('DELETE FROM stories WHERE story_id = ANY($1::text[])', [stories])).rowCount ?? 0;
}

async function prependVersions(db: Db, channel: string, id: number, versions: PostVersion[]): Promise<void> {
  for (const v of [...versions].reverse())
    await db.query(
      `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
       SELECT $1, $2, coalesce(min(pos), 1) - 1, $3, $4, $5, $6 FROM post_versions WHERE channel = $1 AND id = $2`,
      [channel, id, v.text, JSON.stringify(v.entities), v.editDate, v.seenAt],
    );
}

async function removeChannelState(db: Db, key: string): Promise<boolean> {
  await db.query('DELETE FROM sync_state WHERE channel = $1', [key]);
  if (await hasColumn(db, 'sync_jobs', 'channel'))
    await db.query('DELETE FROM sync_jobs WHERE channel = $1', [key]);
  const followed = ((await db.query('DELETE FROM follows WHERE channel = $1', [key])).rowCount ?? 0) > 0;
  await db.query('DELETE FROM channels WHERE key = $1', [key]);
  return followed;
}

export function postgresAdmin(write: Write): AdminBackend {
  return {
    channelExists: (key) => write('channelExists', (db) => channelExists(db, key)),
    sharedIds: (a, b) =>
      write('sharedIds', async (db) =>
        (
          await db.query<{ id: number }>(
            'SELECT a.id FROM posts a JOIN posts b ON b.channel = $2 AND b.id = a.id WHERE a.channel = $1 ORDER BY a.id',
            [a, b],
          )
        ).rows.map((r) => Number(r.id)),
      ),
    moveChannel: (from, to) => write(`channel ${from}`, (db) => moveChannel(db, from, to)),
    removePosts: (channel, ids, keep) =>
      write(`posts of ${channel}`, (db) => removePosts(db, channel, ids, keep)),
    prependVersions: (channel, id, versions) =>
      write(`history of ${channel}/${id}`, (db) => prependVersions(db, channel, id, versions)),
    removeChannelState: (key) => write(`channel ${key}`, (db) => removeChannelState(db, key)),
  };
}

// ---- import batches --------------------------------------------------------------------------------

interface BatchRow {
  id: number;
  file: string;
  format: string;
  channels: string[];
  created_channels: string[];
  started_at: string;
  finished_at: string | null;
  added: number;
  updated: number;
  versions: number;
  undone_at: string | null;
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: Number(r.id),
  file: r.file,
  format: r.format,
  channels: r.channels,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  added: r.added,
  updated: r.updated,
  versions: r.versions,
  undoneAt: r.undone_at,
});

/** A post's row as a snapshot keeps it (p: the posts row; generated columns are computed again). */
const ROW = `to_jsonb(p) - 'sort_date'`;
/** A fingerprint of the post's row and history (p: the posts row); null when there is no row. */
// Not the channel: a rename is not a change of the post.
const STATE = `CASE WHEN p.channel IS NULL THEN NULL ELSE md5((${ROW} - 'channel')::text || (
  SELECT concat_ws('/', count(*), min(pos), max(pos)) FROM post_versions v WHERE v.channel = p.channel AND v.id = p.id)) END`;

/** Versions outside the positions the post had before the batch (r: the record): the ones the batch added. */
const NEW_VERSIONS = `v.channel = r.channel AND v.id = r.id AND (r.min_pos IS NULL OR v.pos < r.min_pos OR v.pos > r.max_pos)`;

type BatchStart = { file: string; format: string; startedAt: string; owner?: string };

async function startBatch(db: Db, b: BatchStart): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO import_batches (file, format, channels, started_at, owner) VALUES ($1, $2, '[]', $3, $4) RETURNING id`,
    [b.file, b.format, b.startedAt, b.owner ?? null],
  );
  return Number(rows[0]!.id);
}

async function progressBatch(
  db: Db,
  batchId: number,
  p: { channels: string[]; created: string[] },
): Promise<void> {
  await db.query(
    `UPDATE import_batches SET channels = $2::jsonb, created_channels = $3::jsonb WHERE id = $1 AND finished_at IS NULL`,
    [batchId, JSON.stringify(p.channels), JSON.stringify(p.created)],
  );
}

async function unfinishedBatches(db: Db): Promise<UnfinishedImport[]> {
  const { rows } = await db.query<BatchRow & { owner: string | null }>(
    'SELECT * FROM import_batches WHERE finished_at IS NULL ORDER BY id',
  );
  return rows.map((r) => ({
    id: Number(r.id),
    file: r.file,
    owner: r.owner,
    startedAt: r.started_at,
    channels: r.channels,
    created: r.created_channels,
  }));
}

async function notePosts(db: Db, batchId: number, posts: { channel: string; id: number }[]): Promise<void> {
  if (posts.length === 0) return;
  // The post as it stands: its row (generated columns are computed again) and its topics; null when absent.
  await db.query(
    `INSERT INTO import_batch_posts (batch_id, channel, id, before, min_pos, max_pos)
     SELECT $1, k.channel, k.id,
       CASE WHEN p.channel IS NULL THEN NULL ELSE jsonb_build_object(
         'row', ${ROW},
         'topics', coalesce((SELECT jsonb_agg(t.topic ORDER BY t.topic) FROM post_topics t
                             WHERE t.channel = k.channel AND t.id = k.id), '[]'::jsonb)) END,
       (SELECT min(pos) FROM post_versions v WHERE v.channel = k.channel AND v.id = k.id),
       (SELECT max(pos) FROM post_versions v WHERE v.channel = k.channel AND v.id = k.id)
     FROM unnest($2::text[], $3::bigint[]) AS k(channel, id)
     LEFT JOIN posts p ON p.channel = k.channel AND p.id = k.id
     WHERE NOT EXISTS (SELECT 1 FROM import_batch_posts r WHERE r.batch_id = $1 AND r.channel = k.channel AND r.id = k.id)
     ON CONFLICT DO NOTHING`,
    [batchId, posts.map((p) => p.channel), posts.map((p) => p.id)],
  );
}

/**
 * The posts another writer inserted between noteImportPosts and this batch's own insert (its ON CONFLICT said so):
 * noted as absent, they are recorded as found (the row that writer committed, locked before this batch merges into
 * it), so the batch does not claim as added what another one added, and its undo does not remove them.
 */
export async function noteFound(
  db: Db,
  batchId: number,
  keys: { channel: string; id: number }[],
): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `UPDATE import_batch_posts r SET before = jsonb_build_object('row', ${ROW},
         'topics', coalesce((SELECT jsonb_agg(t.topic ORDER BY t.topic) FROM post_topics t
                             WHERE t.channel = p.channel AND t.id = p.id), '[]'::jsonb)),
       min_pos = (SELECT min(pos) FROM post_versions v WHERE v.channel = p.channel AND v.id = p.id),
       max_pos = (SELECT max(pos) FROM post_versions v WHERE v.channel = p.channel AND v.id = p.id)
     FROM posts p JOIN unnest($2::text[], $3::bigint[]) AS k(channel, id) ON p.channel = k.channel AND p.id = k.id
     WHERE r.batch_id = $1 AND r.before IS NULL AND r.channel = p.channel AND r.id = p.id`,
    [batchId, keys.map((k) => k.channel), keys.map((k) => k.id)],
  );
}

async function finishBatch(db: Db, batchId: number, done: ImportBatchDone): Promise<ImportBatch> {
  await db.query(
    `UPDATE import_batch_posts r SET after_state = ${STATE} FROM posts p
     WHERE r.batch_id = $1 AND p.channel = r.channel AND p.id = r.id`,
    [batchId],
  );
  // Posts never stored, and posts the batch left as they were, are forgotten.
  await db.query(
    `DELETE FROM import_batch_posts r WHERE r.batch_id = $1 AND (r.after_state IS NULL
       OR (r.before IS NOT NULL
           AND r.before->'row' = (SELECT ${ROW} FROM posts p WHERE p.channel = r.channel AND p.id = r.id)
           AND NOT EXISTS (SELECT 1 FROM post_versions v WHERE ${NEW_VERSIONS})))`,
    [batchId],
  );
  const { rows } = await db.query<BatchRow>(
    `UPDATE import_batches b SET channels = $2::jsonb, created_channels = $4::jsonb, finished_at = $3,
       added = (SELECT count(*) FROM import_batch_posts r WHERE r.batch_id = b.id AND r.before IS NULL),
       updated = (SELECT count(*) FROM import_batch_posts r WHERE r.batch_id = b.id AND r.before IS NOT NULL),
       versions = (SELECT count(*) FROM import_batch_posts r JOIN post_versions v ON ${NEW_VERSIONS}
                   WHERE r.batch_id = b.id)
     WHERE id = $1 RETURNING *`,
    [batchId, JSON.stringify(done.channels), done.finishedAt, JSON.stringify(done.created)],
  );
  return toBatch(rows[0]!);
}

async function listBatches(db: Db): Promise<ImportBatch[]> {
  return (
    await db.query<BatchRow>('SELECT * FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id')
  ).rows.map(toBatch);
}

interface RecordRow {
  channel: string;
  id: number;
  before: { row: Record<string, unknown>; topics: string[] } | null;
  after_state: string;
  now: string | null;
  updated_at: string | null;
}

async function undoBatch(db: Db, id: number, at: string): Promise<ImportUndoResult> {
  const batch = (
    await db.query<BatchRow>('SELECT * FROM import_batches WHERE id = $1 AND finished_at IS NOT NULL', [id])
  ).rows[0];
  if (!batch) throw new UserError(`no import batch ${id} (tgwire imports list shows them)`);
  if (batch.undone_at) throw new UserError(`import batch ${id} was already undone (${batch.undone_at})`);
  const later = (
    await db.query<{ id: number; file: string; posts: number }>(
      `SELECT b.id, b.file, count(*) AS posts FROM import_batch_posts l JOIN import_batch_posts r
         ON r.channel = l.channel AND r.id = l.id AND r.batch_id = $1
       JOIN import_batches b ON b.id = l.batch_id WHERE l.batch_id > $1 GROUP BY b.id ORDER BY b.id DESC`,
      [id],
    )
  ).rows;
  if (later.length) {
    const l = later[0]!;
    throw new UserError(
      `import batch ${id} cannot be undone: batch ${l.id} (${l.file}) changed ${l.posts} of its posts since; undo batch ${l.id} first (tgwire imports undo ${l.id})`,
    );
  }
  const records = (
    await db.query<RecordRow>(
      `SELECT r.channel, r.id, r.before, r.after_state, ${STATE} AS now, p.updated_at FROM import_batch_posts r
       LEFT JOIN posts p ON p.channel = r.channel AND p.id = r.id WHERE r.batch_id = $1 ORDER BY r.channel, r.id`,
      [id],
    )
  ).rows;
  const changed = records.find((r) => r.now !== null && r.now !== r.after_state);
  if (changed)
    throw new UserError(
      `import batch ${id} cannot be undone: post ${changed.channel}/${changed.id} changed after it (at ${changed.updated_at}, by a sync or another change), and undoing would lose that`,
    );
  const live = records.filter((r) => r.now !== null);
  const result: ImportUndoResult = {
    removed: 0,
    restored: 0,
    gone: records.length - live.length,
    ungrouped: 0,
    channels: [],
  };
  const addedBy = new Map<string, number[]>();
  for (const r of live.filter((r) => r.before === null))
    addedBy.set(r.channel, [...(addedBy.get(r.channel) ?? []), Number(r.id)]);
  for (const [channel, ids] of addedBy) {
    const removed = await removePosts(db, channel, ids, true);
    result.removed += removed.posts;
    result.ungrouped += removed.ungrouped;
  }
  const restored = live.filter((r) => r.before !== null);
  if (restored.length) {
    const cols = (await columns(db, 'posts')).filter((c) => c !== 'channel' && c !== 'id');
    const stories = new Set<string>();
    for (const r of restored) {
      await db.query(
        `UPDATE posts p SET (${cols.join(', ')}) = (${cols.map((c) => `s.${c}`).join(', ')})
         FROM jsonb_populate_record(NULL::posts, $3::jsonb) s WHERE p.channel = $1 AND p.id = $2`,
        [r.channel, r.id, JSON.stringify(r.before!.row)],
      );
      await db.query('DELETE FROM post_topics WHERE channel = $1 AND id = $2', [r.channel, r.id]);
      if (r.before!.topics.length)
        await db.query('INSERT INTO post_topics (channel, id, topic) SELECT $1, $2, unnest($3::text[])', [
          r.channel,
          r.id,
          r.before!.topics,
        ]);
      const story = (
        await db.query<{ story_id: string }>('SELECT story_id FROM stories WHERE channel = $1 AND id = $2', [
          r.channel,
          r.id,
        ])
      ).rows[0];
      if (story) stories.add(story.story_id);
    }
    await db.query(
      `DELETE FROM post_versions v USING import_batch_posts r
       WHERE r.batch_id = $1 AND r.before IS NOT NULL AND ${NEW_VERSIONS}`,
      [id],
    );
    // A restored text may not belong where the batch's text was grouped: its story is grouped again.
    result.ungrouped += await ungroup(db, [...stories]);
    result.restored = restored.length;
  }
  // The channels it made go too when it leaves them empty (nothing collected or followed there since).
  for (const key of batch.created_channels)
    if (!(await channelExists(db, key, { row: false }))) {
      await db.query('DELETE FROM channels WHERE key = $1', [key]);
      result.channels.push(key);
    }
  await db.query('DELETE FROM import_batch_posts WHERE batch_id = $1', [id]);
  await db.query('UPDATE import_batches SET undone_at = $2 WHERE id = $1', [id, at]);
  return result;
}

/** The import-batch half of the store, each call atomic. */
export function postgresImportBatches(write: Write) {
  return {
    start: (b: BatchStart) => write('startImportBatch', (db) => startBatch(db, b)),
    progress: (batchId: number, p: { channels: string[]; created: string[] }) =>
      write('progressImportBatch', (db) => progressBatch(db, batchId, p)),
    unfinished: () => write('unfinishedImportBatches', (db) => unfinishedBatches(db)),
    note: (batchId: number, posts: { channel: string; id: number }[]) =>
      write('noteImportPosts', (db) => notePosts(db, batchId, posts)),
    finish: (batchId: number, done: ImportBatchDone) =>
      write('finishImportBatch', (db) => finishBatch(db, batchId, done)),
    list: () => write('listImportBatches', (db) => listBatches(db)),
    undo: (id: number, at: string) => write(`undo import ${id}`, (db) => undoBatch(db, id, at)),
  };
}

/** Finished batches with their posts, for a copy to another archive (ArchiveReader.readImportBatches). */
export async function readImportBatches(db: Queryable): Promise<CopiedImportBatch[]> {
  const batches = (
    await db.query<BatchRow>('SELECT * FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id')
  ).rows;
  const rank = (pos: string) =>
    `CASE WHEN ${pos} IS NULL THEN NULL ELSE (SELECT count(*)::int FROM post_versions v
       WHERE v.channel = r.channel AND v.id = r.id AND v.pos <= ${pos}) END`;
  const { rows } = await db.query<{
    batch_id: number;
    channel: string;
    id: number;
    before: CopiedImportBatch['posts'][number]['before'];
    min_rank: number | null;
    max_rank: number | null;
    current: boolean | null;
    left_for_next: boolean | null;
  }>(
    `SELECT r.batch_id, r.channel, r.id, r.before, ${rank('r.min_pos')} AS min_rank, ${rank('r.max_pos')} AS max_rank,
       ${STATE} = r.after_state AS current,
       (SELECT md5(((n.before->'row') - 'channel')::text || CASE WHEN n.min_pos IS NULL THEN '0'
          ELSE concat_ws('/', n.max_pos - n.min_pos + 1, n.min_pos, n.max_pos) END)
        FROM import_batch_posts n JOIN import_batches nb ON nb.id = n.batch_id AND nb.finished_at IS NOT NULL
        WHERE n.channel = r.channel AND n.id = r.id AND n.batch_id > r.batch_id
        ORDER BY n.batch_id LIMIT 1) = r.after_state AS left_for_next
     FROM import_batch_posts r JOIN import_batches b ON b.id = r.batch_id AND b.finished_at IS NOT NULL
     LEFT JOIN posts p ON p.channel = r.channel AND p.id = r.id
     ORDER BY r.batch_id, r.channel, r.id`,
  );
  const posts = new Map<number, CopiedImportBatch['posts']>();
  for (const r of rows) {
    let list = posts.get(Number(r.batch_id));
    if (!list) posts.set(Number(r.batch_id), (list = []));
    list.push({
      channel: r.channel,
      id: Number(r.id),
      before: r.before,
      minRank: r.min_rank,
      maxRank: r.max_rank,
      current: r.current === true,
      leftForNext: r.left_for_next === true,
    });
  }
  return batches.map((b) => ({
    ...toBatch(b),
    id: Number(b.id),
    finishedAt: b.finished_at!,
    createdChannels: b.created_channels,
    posts: posts.get(Number(b.id)) ?? [],
  }));
}

/**
 * A fingerprint of what a post says (p: the posts row): its row and history without the times it was seen, which a
 * copy takes from the other archive even when the post is the same; null when there is no row.
 */
const CONTENT = `CASE WHEN p.channel IS NULL THEN NULL ELSE md5(
  (${ROW} - 'channel' - 'updated_at' - 'text_seen_at' - 'first_seen_at')::text || coalesce((
    SELECT jsonb_agg(jsonb_build_array(v.text, v.entities, v.edit_date) ORDER BY v.pos)
    FROM post_versions v WHERE v.channel = p.channel AND v.id = p.id)::text, '')) END`;

/**
 * ArchiveWriter.writeArchive, before it merges into posts the target holds: each one as it stands (the first time
 * only, so a copy resumed keeps what the target had before it began), for writeImportBatches.
 */
export async function noteHeld(db: Db, keys: { channel: string; id: number }[]): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `INSERT INTO copy_held (channel, id, before, state, history)
     SELECT p.channel, p.id, jsonb_build_object('row', ${ROW},
         'topics', coalesce((SELECT jsonb_agg(t.topic ORDER BY t.topic) FROM post_topics t
                             WHERE t.channel = p.channel AND t.id = p.id), '[]'::jsonb)),
       ${CONTENT},
       coalesce((SELECT jsonb_agg(jsonb_build_array(v.text, v.entities, v.edit_date) ORDER BY v.pos)
                 FROM post_versions v WHERE v.channel = p.channel AND v.id = p.id), '[]'::jsonb)
     FROM posts p JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON p.channel = k.channel AND p.id = k.id
     ON CONFLICT DO NOTHING`,
    [keys.map((k) => k.channel), keys.map((k) => k.id)],
  );
}

interface Held {
  before: { row: Record<string, unknown>; topics: string[] };
  /** What it said before the copy (CONTENT), and what it says now (null: gone). */
  state: string;
  now: string | null;
  /** Its earlier versions before the copy, oldest first: [text, entities, edit date]. */
  history: [string, string, string | null][];
}

/** Those of these posts the copy found in the target (noteHeld), by key. */
async function heldPosts(db: Db, keys: { channel: string; id: number }[]): Promise<Map<string, Held>> {
  const { rows } = await db.query<Held & { channel: string; id: string }>(
    `SELECT h.channel, h.id, h.before, h.state, h.history,
       (SELECT ${CONTENT} FROM posts p WHERE p.channel = h.channel AND p.id = h.id) AS now
     FROM copy_held h JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON h.channel = k.channel AND h.id = k.id`,
    [keys.map((k) => k.channel), keys.map((k) => k.id)],
  );
  return new Map(rows.map((r) => [`${r.channel}\u0000${r.id}`, r]));
}

const versionKey = (text: string, entities: string, editDate: string | null): string =>
  JSON.stringify([text, JSON.parse(entities) as unknown, editDate]);

/**
 * Where the versions a held post had before the copy stand now: the range an undo keeps (the others came with the
 * copy); null when they are not one run of positions (the merge put copied versions between them).
 */
async function heldRange(
  db: Db,
  channel: string,
  id: number,
  h: Held,
): Promise<{ lo: number | null; hi: number | null } | null> {
  if (h.history.length === 0) return { lo: null, hi: null };
  const { rows } = await db.query<{ pos: number; text: string; entities: string; edit_date: string | null }>(
    'SELECT pos, text, entities, edit_date FROM post_versions WHERE channel = $1 AND id = $2 ORDER BY pos',
    [channel, id],
  );
  const free = rows.map((v) => ({ pos: v.pos, key: versionKey(v.text, v.entities, v.edit_date) }));
  const found: number[] = [];
  for (const [text, entities, editDate] of h.history) {
    const k = versionKey(text, entities, editDate);
    const at = free.findIndex((v) => v.key === k);
    if (at < 0) return null;
    found.push(free[at]!.pos);
    free.splice(at, 1);
  }
  const [lo, hi] = [Math.min(...found), Math.max(...found)];
  return hi - lo + 1 === found.length ? { lo, hi } : null;
}

/**
 * A copied batch's record of a post the target held before the copy, as an import would have recorded it: nothing
 * when the copy left the post saying what it said (its seen times aside); else the post as the target had it, so an undo restores that instead of
 * removing the target's own post. An undo that cannot be faithful (the post changed since, by a later copied batch,
 * or its versions were interleaved) is refused, as after any later change.
 */
async function noteCopiedOverHeld(
  db: Db,
  batchId: number,
  r: CopiedImportBatch['posts'][number],
  h: Held,
): Promise<void> {
  if (h.now === h.state) return;
  const range = await heldRange(db, r.channel, r.id, h);
  await db.query(
    `INSERT INTO import_batch_posts (batch_id, channel, id, before, min_pos, max_pos, after_state)
     SELECT $1, $2, $3, $4::jsonb, $5, $6,
       CASE WHEN $7 THEN (SELECT ${STATE} FROM posts p WHERE p.channel = $2 AND p.id = $3) ELSE $8 END`,
    [
      batchId,
      r.channel,
      r.id,
      JSON.stringify(h.before),
      range?.lo ?? null,
      range?.hi ?? null,
      r.current && range !== null,
      CHANGED_BEFORE_COPY,
    ],
  );
}

/** What a record's after_state is when the post changed before the copy: never a post's fingerprint (md5). */
const CHANGED_BEFORE_COPY = 'changed before the copy';

/**
 * A snapshot's row as this archive stores it: another archive (SQLite) keeps other columns, and the search columns
 * depend on this archive's plan, so they are built here again from the text, as a save builds them.
 */
async function localRow(
  db: Db,
  stemmer: Stemmer,
  cols: string[],
  row: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const c of cols) if (c in row) out[c] = row[c];
  for (const c of ['edited', 'has_media']) if (c in row) out[c] = !!row[c];
  const fwdName = typeof row.fwd_name === 'string' ? row.fwd_name : null;
  out.fwd_name_lc = fwdName ? fwdName.toLowerCase() : null;
  const config = tsConfigFor(row.lang as string | null);
  out.ts_config = config;
  const [x] = await stemmer.columns(db, [
    { text: String(row.text ?? ''), hashtags: String(row.hashtags ?? ''), config },
  ]);
  Object.assign(out, { tsv: x!.tsv, tsv_tags: x!.tags, tsv_stem: x!.stem, tsv_tf: x!.tf, tsv_all: x!.all });
  return out;
}

/** ArchiveWriter.writeImportBatches: after the posts were written, so a record's fingerprint is taken from them. */
export async function writeImportBatches(
  db: Db,
  stemmer: Stemmer,
  batches: CopiedImportBatch[],
): Promise<number> {
  const cols = await columns(db, 'posts');
  // Each record's next batch on the same post (whose snapshot is the state this one left, when leftForNext).
  const following = new Map<CopiedImportBatch['posts'][number], CopiedImportBatch['posts'][number]>();
  const last = new Map<string, CopiedImportBatch['posts'][number]>();
  for (const b of [...batches].reverse())
    for (const r of b.posts) {
      const k = `${r.channel}\u0000${r.id}`;
      const n = last.get(k);
      if (n) following.set(r, n);
      last.set(k, r);
    }
  // Only the posts the batches name: a copy into a large archive may have found far more.
  const held = await heldPosts(
    db,
    batches.flatMap((b) => b.posts),
  );
  let added = 0;
  for (const b of batches) {
    const known = await db.query(
      'SELECT 1 FROM import_batches WHERE file = $1 AND format = $2 AND started_at = $3',
      [b.file, b.format, b.startedAt],
    );
    if (known.rowCount) continue;
    // Its own id when free, so `imports undo N` names the same batch as before the copy.
    const free = (await db.query('SELECT 1 FROM import_batches WHERE id = $1', [b.id])).rowCount === 0;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO import_batches (id, file, format, channels, created_channels, started_at, finished_at, added,
         updated, versions, undone_at)
       VALUES (coalesce($1, nextval(pg_get_serial_sequence('import_batches', 'id'))), $2, $3, $4::jsonb, $5::jsonb,
         $6, $7, $8, $9, $10, $11)
       RETURNING id`,
      [
        free ? b.id : null,
        b.file,
        b.format,
        JSON.stringify(b.channels),
        JSON.stringify(b.createdChannels),
        b.startedAt,
        b.finishedAt,
        b.added,
        b.updated,
        b.versions,
        b.undoneAt,
      ],
    );
    const id = Number(rows[0]!.id);
    let overHeld = false;
    for (const r of b.posts) {
      const h = held.get(`${r.channel}\u0000${r.id}`);
      if (h) {
        await noteCopiedOverHeld(db, id, r, h);
        overHeld = true;
        continue;
      }
      const before = r.before && {
        row: await localRow(db, stemmer, cols, r.before.row),
        topics: r.before.topics,
      };
      // Changed since by a later batch only: the fingerprint of what that batch found, as this archive will hold
      // it once that batch is undone (its snapshot restored, the history between its ranks left).
      const n = !r.current && r.leftForNext ? following.get(r) : undefined;
      const found = n?.before ? await localRow(db, stemmer, cols, n.before.row) : null;
      await db.query(
        `INSERT INTO import_batch_posts (batch_id, channel, id, before, min_pos, max_pos, after_state)
         SELECT $1, $2, $3, $4::jsonb, $5, $6,
           CASE WHEN $7 THEN (SELECT ${STATE} FROM posts p WHERE p.channel = $2 AND p.id = $3)
             WHEN $9::jsonb IS NOT NULL THEN md5(
               ((to_jsonb(jsonb_populate_record(NULL::posts, $9::jsonb)) - 'sort_date') - 'channel')::text
               || CASE WHEN $10::int IS NULL THEN '0' ELSE concat_ws('/', $11::int - $10::int + 1, $10::int, $11::int) END)
             ELSE $8 END`,
        [
          id,
          r.channel,
          r.id,
          JSON.stringify(before),
          r.minRank,
          r.maxRank,
          r.current,
          CHANGED_BEFORE_COPY,
          found && JSON.stringify(found),
          n?.minRank ?? null,
          n?.maxRank ?? null,
        ],
      );
    }
    // What it added and changed here, not in the source: a post the target held is no post it added.
    if (overHeld)
      await db.query(
        `UPDATE import_batches b SET
           added = (SELECT count(*) FROM import_batch_posts r WHERE r.batch_id = b.id AND r.before IS NULL),
           updated = (SELECT count(*) FROM import_batch_posts r WHERE r.batch_id = b.id AND r.before IS NOT NULL)
         WHERE id = $1`,
        [id],
      );
    added++;
  }
  // Read once, by this copy's batches: a later copy notes the posts it finds afresh.
  await db.query('DELETE FROM copy_held');
  await db.query(
    `SELECT setval(pg_get_serial_sequence('import_batches', 'id'),
       greatest((SELECT max(id) FROM import_batches), 1))`,
  );
  return added;
}
