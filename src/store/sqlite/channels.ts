// SQLite side of channel admin (rename, merge, delete) and of import batches (recorded, listed, undone).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { UserError } from '../../util/errors.js';
import { rekey, rekeyEvidence, storyIds, type AdminBackend, type RemovedPosts } from '../channel-admin.js';
import type { StoryEvidence } from '../../model/story.js';
import type { ImportBatch, ImportBatchDone, ImportUndoResult, UnfinishedImport } from '../store.js';
import type { PostVersion } from '../../model/version.js';
import type { CopiedImportBatch } from '../archive-copy.js';
import { assignKey, secondOf, secondOfKey } from './date-key.js';
import { ftsValues, FTS_COLUMNS } from './fts.js';
import { hashtagWriter } from './stats.js';

type Db = Database.Database;
/** Runs a synchronous write atomically (the store's write: a savepoint inside an open transaction). */
type Write = <T>(what: string, fn: () => T) => Promise<T>;

/** Tables that only some archives have (the outbox is created by the publisher's migration). */
function hasTable(db: Db, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** `channel/id` keys in a column (corrections, outbox) of channel `from` given the prefix of `to`. */
function rekeyColumn(db: Db, table: string, column: string, from: string, to: string): void {
  const rows = db
    .prepare(`SELECT rowid AS r, ${column} AS k FROM ${table} WHERE substr(${column}, 1, ?) = ?`)
    .all(from.length + 1, `${from}/`) as { r: number; k: string }[];
  const up = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
  for (const row of rows) up.run(rekey(row.k, from, to), row.r);
}

const IDS = 'SELECT value FROM json_each(?)';

/** The channel has a row (unless `row` is false), posts, a follow or a sync state. */
function channelExists(db: Db, key: string, { row = true } = {}): boolean {
  return !!db
    .prepare(
      `SELECT 1 FROM channels WHERE key = @key AND @row UNION ALL SELECT 1 FROM posts WHERE channel = @key
       UNION ALL SELECT 1 FROM follows WHERE channel = @key UNION ALL SELECT 1 FROM sync_state WHERE channel = @key
       LIMIT 1`,
    )
    .get({ key, row: row ? 1 : 0 });
}

/** Writes the search rows of these posts again: their channel, a token of the index (fts.ts meta), changed. */
function reindexChannel(db: Db, keys: number[]): void {
  const read = db.prepare('SELECT channel, text, hashtags, lang FROM posts WHERE dkey = ?');
  const remove = db.prepare('DELETE FROM posts_fts WHERE rowid = ?');
  const insert = db.prepare(
    `INSERT INTO posts_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(FTS_COLUMNS.length)})`,
  );
  for (const key of keys) {
    const r = read.get(key) as
      { channel: string; text: string; hashtags: string; lang: string | null } | undefined;
    remove.run(key);
    const values = r && ftsValues(r.text, r.hashtags, r.lang, r.channel);
    if (values) insert.run(key, ...values);
  }
}

function moveChannel(db: Db, from: string, to: string): number {
  // posts.channel is referenced by the history, topics and stories: checked at commit, once all have moved.
  db.pragma('defer_foreign_keys = ON');
  const members = db.prepare('SELECT id, story_id AS storyId FROM stories WHERE channel = ?').all(from) as {
    id: number;
    storyId: string;
  }[];
  const keys = db.prepare('SELECT dkey FROM posts WHERE channel = ?').pluck().all(from) as number[];
  const moved = db.prepare('UPDATE posts SET channel = ? WHERE channel = ?').run(to, from).changes;
  reindexChannel(db, keys);
  for (const t of ['post_versions', 'post_topics', 'stories', 'post_hashtags', 'import_batch_posts'])
    db.prepare(`UPDATE ${t} SET channel = ? WHERE channel = ?`).run(to, from);
  const outbox = hasTable(db, 'outbox');
  for (const [was, now] of storyIds(from, to, members)) {
    db.prepare('UPDATE stories SET story_id = ? WHERE story_id = ?').run(now, was);
    if (outbox) db.prepare('UPDATE outbox SET story = ? WHERE story = ?').run(now, was);
  }
  rekeyColumn(db, 'story_corrections', 'post', from, to);
  rekeyColumn(db, 'story_corrections', 'into_post', from, to);
  // A split's `from`: keys in a space-separated list.
  db.prepare(
    `UPDATE story_corrections SET apart = substr(replace(' ' || apart, ' ' || ? || '/', ' ' || ? || '/'), 2)
     WHERE instr(' ' || apart, ' ' || ? || '/') > 0`,
  ).run(from, to, from);
  // The evidence of other members names the posts they matched: by their new key ("translation of NEW/5").
  const named = db
    .prepare('SELECT rowid AS r, evidence FROM stories WHERE instr(evidence, ?) > 0')
    .all(`"${from}/`) as { r: number; evidence: string }[];
  const setEvidence = db.prepare('UPDATE stories SET evidence = ? WHERE rowid = ?');
  for (const row of named) {
    const now = rekeyEvidence(JSON.parse(row.evidence) as StoryEvidence, from, to);
    if (now) setEvidence.run(JSON.stringify(now), row.r);
  }
  // The publisher knows posts by key: a renamed post is the same message, not a new one to send.
  if (outbox) rekeyColumn(db, 'outbox', 'post_key', from, to);
  const renamed = (json: string): string =>
    JSON.stringify([...new Set((JSON.parse(json) as string[]).map((c) => (c === from ? to : c)))]);
  const batches = db.prepare('SELECT id, channels, created_channels FROM import_batches').all() as {
    id: number;
    channels: string;
    created_channels: string;
  }[];
  const setLists = db.prepare('UPDATE import_batches SET channels = ?, created_channels = ? WHERE id = ?');
  for (const b of batches) setLists.run(renamed(b.channels), renamed(b.created_channels), b.id);
  // INTO's own sync state and follow win; FROM's move only where INTO has none.
  for (const t of ['sync_state', 'follows']) {
    db.prepare(`UPDATE OR IGNORE ${t} SET channel = ? WHERE channel = ?`).run(to, from);
    db.prepare(`DELETE FROM ${t} WHERE channel = ?`).run(from);
  }
  const fromRow = db.prepare('SELECT * FROM channels WHERE key = ?').get(from) as
    Record<string, unknown> | undefined;
  if (fromRow) {
    db.prepare('DELETE FROM channels WHERE key = ?').run(from);
    const toRow = db.prepare('SELECT * FROM channels WHERE key = ?').get(to) as
      Record<string, unknown> | undefined;
    const row: Record<string, unknown> = { ...fromRow, key: to };
    // What INTO's row lacks (a numeric id, a title) is taken from FROM's.
    if (toRow) for (const [k, v] of Object.entries(toRow)) if (v !== null) row[k] = v;
    const cols = Object.keys(row);
    db.prepare(
      `INSERT OR REPLACE INTO channels (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`,
    ).run(row);
  }
  return moved;
}

/**
 * `keepCorrections`: the readers' corrections naming the posts stay (a merge moves them with the channel; an
 * undone import may bring the posts back, and a correction waits for its posts as an imported one does).
 */
function removePosts(db: Db, channel: string, ids: number[] | 'all', keepCorrections = false): RemovedPosts {
  const all = ids === 'all';
  const which = all ? 'channel = ?' : `channel = ? AND id IN (${IDS})`;
  const args = all ? [channel] : [channel, JSON.stringify(ids)];
  const rows = db.prepare(`SELECT pk, dkey, id FROM posts WHERE ${which}`).all(...args) as {
    pk: number;
    dkey: number;
    id: number;
  }[];
  const stories = db
    .prepare(`SELECT DISTINCT story_id FROM stories WHERE ${which}`)
    .pluck()
    .all(...args) as string[];
  const versions = db
    .prepare(`SELECT count(*) FROM post_versions WHERE ${which}`)
    .pluck()
    .get(...args) as number;
  const fts = db.prepare('DELETE FROM posts_fts WHERE rowid = ?');
  const tags = db.prepare('DELETE FROM post_hashtags WHERE pk = ?');
  for (const r of rows) {
    fts.run(r.dkey);
    tags.run(r.pk);
  }
  const keys = all ? null : new Set(rows.map((r) => `${channel}/${r.id}`));
  const corrections = keepCorrections
    ? []
    : (
        db.prepare('SELECT id, post, into_post FROM story_corrections').all() as {
          id: number;
          post: string;
          into_post: string | null;
        }[]
      ).filter((c) =>
        [c.post, c.into_post].some((k) => k !== null && (keys ? keys.has(k) : k.startsWith(`${channel}/`))),
      );
  for (const c of corrections) db.prepare('DELETE FROM story_corrections WHERE id = ?').run(c.id);
  db.prepare(`DELETE FROM import_batch_posts WHERE ${which}`).run(...args);
  const posts = db.prepare(`DELETE FROM posts WHERE ${which}`).run(...args).changes;
  return { posts, versions, ungrouped: ungroup(db, stories), corrections: corrections.length };
}

/** Drops the memberships of these stories: their posts are regrouped (assignStories) without the lost ones. */
function ungroup(db: Db, stories: string[]): number {
  if (stories.length === 0) return 0;
  return db.prepare(`DELETE FROM stories WHERE story_id IN (${IDS})`).run(JSON.stringify(stories)).changes;
}

function prependVersions(db: Db, channel: string, id: number, versions: PostVersion[]): void {
  const st = db.prepare(
    `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
     SELECT @channel, @id, coalesce(min(pos), 1) - 1, @text, @entities, @edit_date, @seen_at
     FROM post_versions WHERE channel = @channel AND id = @id`,
  );
  for (const v of [...versions].reverse())
    st.run({
      channel,
      id,
      text: v.text,
      entities: JSON.stringify(v.entities),
      edit_date: v.editDate,
      seen_at: v.seenAt,
    });
}

function removeChannelState(db: Db, key: string): boolean {
  db.prepare('DELETE FROM sync_state WHERE channel = ?').run(key);
  const followed = db.prepare('DELETE FROM follows WHERE channel = ?').run(key).changes > 0;
  db.prepare('DELETE FROM channels WHERE key = ?').run(key);
  return followed;
}

export function sqliteAdmin(db: Db, write: Write): AdminBackend {
  return {
    channelExists: (key) => write('channelExists', () => channelExists(db, key)),
    sharedIds: (a, b) =>
      write(
        'sharedIds',
        () =>
          db
            .prepare(
              'SELECT a.id FROM posts a JOIN posts b ON b.channel = ? AND b.id = a.id WHERE a.channel = ? ORDER BY a.id',
            )
            .pluck()
            .all(b, a) as number[],
      ),
    moveChannel: (from, to) => write(`channel ${from}`, () => moveChannel(db, from, to)),
    removePosts: (channel, ids, keep) =>
      write(`posts of ${channel}`, () => removePosts(db, channel, ids, keep)),
    prependVersions: (channel, id, versions) =>
      write(`history of ${channel}/${id}`, () => prependVersions(db, channel, id, versions)),
    removeChannelState: (key) => write(`channel ${key}`, () => removeChannelState(db, key)),
  };
}

// ---- import batches --------------------------------------------------------------------------------

interface BatchRow {
  id: number;
  file: string;
  format: string;
  channels: string;
  created_channels: string;
  started_at: string;
  finished_at: string | null;
  added: number;
  updated: number;
  versions: number;
  undone_at: string | null;
}

const toBatch = (r: BatchRow): ImportBatch => ({
  id: r.id,
  file: r.file,
  format: r.format,
  channels: JSON.parse(r.channels) as string[],
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  added: r.added,
  updated: r.updated,
  versions: r.versions,
  undoneAt: r.undone_at,
});

interface RecordRow {
  channel: string;
  id: number;
  before: string | null;
  min_pos: number | null;
  max_pos: number | null;
  after_state: string | null;
}

/** A post as it stood before a batch: its row (every stored column but pk) and its topics. */
interface Snapshot {
  row: Record<string, unknown>;
  topics: string[];
}

/**
 * The posts columns a snapshot keeps: every stored one (generated columns are computed again) but the keys: the
 * date key of a restored post is taken again when its date moved (its old one may have been reused since).
 */
function postColumns(db: Db): string[] {
  return (db.prepare('PRAGMA table_xinfo(posts)').all() as { name: string; hidden: number }[])
    .filter((c) => c.hidden === 0 && c.name !== 'pk' && c.name !== 'dkey')
    .map((c) => c.name);
}

const posRange = (db: Db, channel: string, id: number) =>
  db
    .prepare('SELECT min(pos) AS lo, max(pos) AS hi FROM post_versions WHERE channel = ? AND id = ?')
    .get(channel, id) as {
    lo: number | null;
    hi: number | null;
  };

/** Versions outside the positions the post had before the batch: the ones the batch added. */
const NEW_VERSIONS = `channel = ? AND id = ? AND (? IS NULL OR pos < ? OR pos > ?)`;
const newVersionArgs = (r: RecordRow) => [r.channel, r.id, r.min_pos, r.min_pos, r.max_pos];

type BatchStart = { file: string; format: string; startedAt: string; owner?: string };

function startBatch(db: Db, b: BatchStart): number {
  return Number(
    db
      .prepare(
        'INSERT INTO import_batches (file, format, channels, started_at, owner) VALUES (?, ?, ?, ?, ?)',
      )
      .run(b.file, b.format, '[]', b.startedAt, b.owner ?? null).lastInsertRowid,
  );
}

function progressBatch(db: Db, batchId: number, p: { channels: string[]; created: string[] }): void {
  db.prepare(
    'UPDATE import_batches SET channels = ?, created_channels = ? WHERE id = ? AND finished_at IS NULL',
  ).run(JSON.stringify(p.channels), JSON.stringify(p.created), batchId);
}

function unfinishedBatches(db: Db): UnfinishedImport[] {
  return (
    db.prepare('SELECT * FROM import_batches WHERE finished_at IS NULL ORDER BY id').all() as (BatchRow & {
      owner: string | null;
    })[]
  ).map((r) => ({
    id: r.id,
    file: r.file,
    owner: r.owner,
    startedAt: r.started_at,
    channels: JSON.parse(r.channels) as string[],
    created: JSON.parse(r.created_channels) as string[],
  }));
}

function notePosts(db: Db, batchId: number, posts: { channel: string; id: number }[]): void {
  const cols = postColumns(db);
  const known = db.prepare('SELECT 1 FROM import_batch_posts WHERE batch_id = ? AND channel = ? AND id = ?');
  const read = db.prepare(`SELECT ${cols.join(', ')} FROM posts WHERE channel = ? AND id = ?`);
  const topics = db
    .prepare('SELECT topic FROM post_topics WHERE channel = ? AND id = ? ORDER BY topic')
    .pluck();
  const ins = db.prepare(
    'INSERT INTO import_batch_posts (batch_id, channel, id, before, min_pos, max_pos) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const p of posts) {
    if (known.get(batchId, p.channel, p.id)) continue;
    const row = read.get(p.channel, p.id) as Record<string, unknown> | undefined;
    if (!row) {
      ins.run(batchId, p.channel, p.id, null, null, null);
      continue;
    }
    const snap: Snapshot = { row, topics: topics.all(p.channel, p.id) as string[] };
    const range = posRange(db, p.channel, p.id);
    ins.run(batchId, p.channel, p.id, JSON.stringify(snap), range.lo, range.hi);
  }
}

/** The post's row (every stored column) and a fingerprint of it and its history; null when absent. */
function stateOf(
  db: Db,
  cols: string[],
  channel: string,
  id: number,
): { row: Record<string, unknown>; hash: string } | null {
  const row = db
    .prepare(`SELECT ${cols.join(', ')} FROM posts WHERE channel = ? AND id = ?`)
    .get(channel, id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const history = db
    .prepare(
      'SELECT count(*) AS n, min(pos) AS lo, max(pos) AS hi FROM post_versions WHERE channel = ? AND id = ?',
    )
    .get(channel, id);
  return {
    row,
    // Not the channel: a rename is not a change of the post.
    hash: createHash('sha1')
      .update(JSON.stringify([{ ...row, channel: null }, history]))
      .digest('hex'),
  };
}

function finishBatch(db: Db, batchId: number, done: ImportBatchDone): ImportBatch {
  const records = db
    .prepare('SELECT * FROM import_batch_posts WHERE batch_id = ?')
    .all(batchId) as RecordRow[];
  const cols = postColumns(db);
  const drop = db.prepare('DELETE FROM import_batch_posts WHERE batch_id = ? AND channel = ? AND id = ?');
  const keep = db.prepare(
    'UPDATE import_batch_posts SET after_state = ? WHERE batch_id = ? AND channel = ? AND id = ?',
  );
  const created = db.prepare(`SELECT count(*) FROM post_versions WHERE ${NEW_VERSIONS}`).pluck();
  let added = 0;
  let updated = 0;
  let versions = 0;
  for (const r of records) {
    const now = stateOf(db, cols, r.channel, r.id);
    const made = now ? (created.get(...newVersionArgs(r)) as number) : 0;
    const before = r.before === null ? null : (JSON.parse(r.before) as Snapshot);
    if (!now || (before && JSON.stringify(before.row) === JSON.stringify(now.row) && made === 0)) {
      drop.run(batchId, r.channel, r.id);
      continue;
    }
    keep.run(now.hash, batchId, r.channel, r.id);
    if (before) updated++;
    else added++;
    versions += made;
  }
  db.prepare(
    `UPDATE import_batches SET channels = ?, created_channels = ?, finished_at = ?, added = ?, updated = ?, versions = ?
     WHERE id = ?`,
  ).run(
    JSON.stringify(done.channels),
    JSON.stringify(done.created),
    done.finishedAt,
    added,
    updated,
    versions,
    batchId,
  );
  return toBatch(db.prepare('SELECT * FROM import_batches WHERE id = ?').get(batchId) as BatchRow);
}

function listBatches(db: Db): ImportBatch[] {
  return (
    db.prepare('SELECT * FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id').all() as BatchRow[]
  ).map(toBatch);
}

function undoBatch(db: Db, id: number, at: string): ImportUndoResult {
  const batch = db
    .prepare('SELECT * FROM import_batches WHERE id = ? AND finished_at IS NOT NULL')
    .get(id) as BatchRow | undefined;
  if (!batch) throw new UserError(`no import batch ${id} (tgwire imports list shows them)`);
  if (batch.undone_at) throw new UserError(`import batch ${id} was already undone (${batch.undone_at})`);
  const later = db
    .prepare(
      `SELECT b.id, b.file, count(*) AS posts FROM import_batch_posts l JOIN import_batch_posts r
         ON r.channel = l.channel AND r.id = l.id AND r.batch_id = ?
       JOIN import_batches b ON b.id = l.batch_id WHERE l.batch_id > ? GROUP BY b.id ORDER BY b.id DESC`,
    )
    .all(id, id) as { id: number; file: string; posts: number }[];
  if (later.length) {
    const l = later[0]!;
    throw new UserError(
      `import batch ${id} cannot be undone: batch ${l.id} (${l.file}) changed ${l.posts} of its posts since; undo batch ${l.id} first (tgwire imports undo ${l.id})`,
    );
  }
  const records = db.prepare('SELECT * FROM import_batch_posts WHERE batch_id = ?').all(id) as RecordRow[];
  const cols = postColumns(db);
  const live: RecordRow[] = [];
  let gone = 0;
  for (const r of records) {
    const now = stateOf(db, cols, r.channel, r.id);
    if (!now) gone++;
    else if (now.hash !== r.after_state)
      throw new UserError(
        `import batch ${id} cannot be undone: post ${r.channel}/${r.id} changed after it (at ${String(now.row.updated_at)}, by a sync or another change), and undoing would lose that`,
      );
    else live.push(r);
  }
  const result: ImportUndoResult = { removed: 0, restored: 0, gone, ungrouped: 0, channels: [] };
  const addedBy = new Map<string, number[]>();
  for (const r of live.filter((r) => r.before === null))
    addedBy.set(r.channel, [...(addedBy.get(r.channel) ?? []), r.id]);
  for (const [channel, ids] of addedBy) {
    const removed = removePosts(db, channel, ids, true);
    result.removed += removed.posts;
    result.ungrouped += removed.ungrouped;
  }
  const restoredStories = new Set<string>();
  const writeTags = hashtagWriter(db);
  for (const r of live.filter((r) => r.before !== null)) {
    const snap = JSON.parse(r.before!) as Snapshot;
    const cols = Object.keys(snap.row).filter((c) => c !== 'channel' && c !== 'id');
    db.prepare(
      `UPDATE posts SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE channel = @at_channel AND id = @id`,
    ).run({ ...snap.row, at_channel: r.channel });
    const { pk, dkey, text, hashtags, lang, date } = db
      .prepare('SELECT pk, dkey, text, hashtags, lang, date FROM posts WHERE channel = ? AND id = ?')
      .get(r.channel, r.id) as {
      pk: number;
      dkey: number;
      text: string;
      hashtags: string;
      lang: string | null;
      date: string | null;
    };
    db.prepare('DELETE FROM posts_fts WHERE rowid = ?').run(dkey);
    const key = secondOf(date) === secondOfKey(dkey) ? dkey : assignKey(db, pk, date);
    const values = ftsValues(text, hashtags, lang, r.channel);
    if (values)
      db.prepare(
        `INSERT INTO posts_fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?${', ?'.repeat(FTS_COLUMNS.length)})`,
      ).run(key, ...values);
    writeTags(pk, r.channel, date, hashtags, true);
    db.prepare('DELETE FROM post_topics WHERE channel = ? AND id = ?').run(r.channel, r.id);
    for (const t of snap.topics)
      db.prepare('INSERT INTO post_topics (channel, id, topic) VALUES (?, ?, ?)').run(r.channel, r.id, t);
    db.prepare(`DELETE FROM post_versions WHERE ${NEW_VERSIONS}`).run(...newVersionArgs(r));
    const story = db
      .prepare('SELECT story_id FROM stories WHERE channel = ? AND id = ?')
      .pluck()
      .get(r.channel, r.id);
    if (typeof story === 'string') restoredStories.add(story);
    result.restored++;
  }
  // A restored text may not belong where the batch's text was grouped: its story is grouped again.
  result.ungrouped += ungroup(db, [...restoredStories]);
  // The channels it made go too when it leaves them empty (nothing collected or followed there since).
  for (const key of JSON.parse(batch.created_channels) as string[])
    if (!channelExists(db, key, { row: false })) {
      db.prepare('DELETE FROM channels WHERE key = ?').run(key);
      result.channels.push(key);
    }
  db.prepare('DELETE FROM import_batch_posts WHERE batch_id = ?').run(id);
  db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?').run(at, id);
  return result;
}

/** The import-batch half of the store, each call atomic. */
export function sqliteImportBatches(db: Db, write: Write, read: Write) {
  return {
    start: (b: BatchStart) => write('startImportBatch', () => startBatch(db, b)),
    progress: (batchId: number, p: { channels: string[]; created: string[] }) =>
      write('progressImportBatch', () => progressBatch(db, batchId, p)),
    // A read: every command looks when it opens the archive, and must not wait for a writer to do so. Inside a
    // transaction (a take-back checking the batch is still open) it sees that transaction, which holds the writer lock.
    unfinished: () => read('unfinishedImportBatches', () => unfinishedBatches(db)),
    note: (batchId: number, posts: { channel: string; id: number }[]) =>
      write('noteImportPosts', () => notePosts(db, batchId, posts)),
    finish: (batchId: number, done: ImportBatchDone) =>
      write('finishImportBatch', () => finishBatch(db, batchId, done)),
    list: () => write('listImportBatches', () => listBatches(db)),
    undo: (id: number, at: string) => write(`undo import ${id}`, () => undoBatch(db, id, at)),
  };
}

/** Finished batches with their posts, for a copy to another archive (ArchiveReader.readImportBatches). */
export function readImportBatches(db: Db): CopiedImportBatch[] {
  const cols = postColumns(db);
  const rank = db
    .prepare('SELECT count(*) FROM post_versions WHERE channel = ? AND id = ? AND pos <= ?')
    .pluck();
  const records = db.prepare('SELECT * FROM import_batch_posts WHERE batch_id = ? ORDER BY channel, id');
  const batches = db
    .prepare('SELECT * FROM import_batches WHERE finished_at IS NOT NULL ORDER BY id')
    .all() as BatchRow[];
  // The next batch's record of the same post: the state it found, fingerprinted as stateOf does (an undo leaves
  // the history between min_pos and max_pos, so its count is their span).
  const next = db.prepare(
    `SELECT * FROM import_batch_posts WHERE channel = ? AND id = ? AND batch_id > ?
     AND batch_id IN (SELECT id FROM import_batches WHERE finished_at IS NOT NULL) ORDER BY batch_id LIMIT 1`,
  );
  const foundBy = (r: RecordRow & { batch_id: number }): string | null => {
    const n = next.get(r.channel, r.id, r.batch_id) as RecordRow | undefined;
    if (!n?.before) return null;
    const snap = JSON.parse(n.before) as Snapshot;
    const history = {
      n: n.min_pos === null ? 0 : n.max_pos! - n.min_pos + 1,
      lo: n.min_pos,
      hi: n.max_pos,
    };
    return createHash('sha1')
      .update(JSON.stringify([{ ...snap.row, channel: null }, history]))
      .digest('hex');
  };
  return batches.map((b) => ({
    ...toBatch(b),
    finishedAt: b.finished_at!,
    createdChannels: JSON.parse(b.created_channels) as string[],
    posts: (records.all(b.id) as (RecordRow & { batch_id: number })[]).map((r) => ({
      channel: r.channel,
      id: r.id,
      before: r.before === null ? null : (JSON.parse(r.before) as Snapshot),
      minRank: r.min_pos === null ? null : (rank.get(r.channel, r.id, r.min_pos) as number),
      maxRank: r.max_pos === null ? null : (rank.get(r.channel, r.id, r.max_pos) as number),
      current: stateOf(db, cols, r.channel, r.id)?.hash === r.after_state,
      leftForNext: r.after_state !== null && foundBy(r) === r.after_state,
    })),
  }));
}
