// Saving posts on SQLite: insert or merge (merge.ts), history rows, the FTS index and hashtag rows kept in step.
import type Database from 'better-sqlite3';
import type { Entity, Post } from '../../model/post.js';
import { isLiveSource } from '../../model/post.js';
import { StoreError } from '../../util/errors.js';
import { mergePost, needsHistory } from '../merge.js';
import type { SaveOptions, SaveResult } from '../store.js';
import type { SqliteConnection } from './connection.js';
import { assignKey, fullSecond, secondOf, secondOfKey, secondRange } from './date-key.js';
import { FTS_COLUMNS, ftsValues } from './fts.js';
import { POST_COLUMNS, postParams, rowToPost, type PostRow } from './rows.js';
import { hashtagWriter } from './stats.js';
import { EventLog } from './webhooks.js';

type Stmt = Database.Statement;

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
  'forwards',
  'replies',
  'reactions',
  'service',
  'lang',
] as const;

/**
 * True when saving `params` over `row` would change nothing (the common re-import case, no Post built). It only
 * ever answers for byte-equal columns, so it can never call unchanged what mergePost calls an edit; what only
 * mergePost's normalisation finds equal (whitespace, formatting a source cannot show) takes the full path.
 */
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

export class PostWriter {
  private readonly s: Record<string, Stmt>;
  private readonly writeHashtags: ReturnType<typeof hashtagWriter>;
  private readonly events: EventLog;

  constructor(private readonly c: SqliteConnection) {
    const db = c.db;
    this.events = new EventLog(db);
    const cols =
      'channel, id, date, edited, edit_date, author, text, entities, forwarded_from, fwd_username, fwd_name, ' +
      'fwd_post_id, reply_to, group_id, media, has_media, views, forwards, replies, reactions, service, source, lang, hashtags';
    const names = cols.split(', ');
    this.writeHashtags = hashtagWriter(db);
    this.s = {
      insert: db.prepare(
        `INSERT INTO posts (${cols}, first_seen_at, text_seen_at, updated_at, dkey)
         VALUES (${names.map((n) => '@' + n).join(', ')}, @seen, @seen, @seen, @dkey)
         ON CONFLICT (channel, id) DO NOTHING`,
      ),
      // The highest key taken in a second, from the unique index (one seek). Read apart from the insert: an INSERT …
      // RETURNING cost the import a third of its speed.
      lastKey: db.prepare('SELECT max(dkey) FROM posts WHERE dkey BETWEEN ? AND ?').pluck(),
      update: db.prepare(
        `UPDATE posts SET ${names
          .filter((n) => n !== 'channel' && n !== 'id')
          .map((n) => `${n} = @${n}`)
          .join(', ')}, text_seen_at = @text_seen_at, deleted_at = @deleted_at, restored_at = @restored_at,
          restored_from = @restored_from, updated_at = @seen WHERE pk = @pk`,
      ),
      quick: db.prepare(`SELECT pk, ${QUICK.join(', ')}, deleted_at FROM posts WHERE channel = ? AND id = ?`),
      existing: db.prepare(
        `SELECT p.pk, p.dkey, p.text_seen_at, p.hashtags, ${POST_COLUMNS} FROM posts p WHERE p.channel = ? AND p.id = ?`,
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
      versionTexts: db.prepare('SELECT text, entities FROM post_versions WHERE channel = ? AND id = ?'),
    };
  }

  private get db(): Database.Database {
    return this.c.db;
  }

  /** The post's search row, under its date key (date-key.ts); `replace`: the key its old row is under. */
  private indexText(key: number, post: Post, hashtags: string, replace: number | null): void {
    if (replace !== null) this.s.ftsDelete!.run(replace);
    const values = ftsValues(post.text, hashtags, post.lang, post.channel);
    if (values) this.s.ftsInsert!.run(key, ...values);
  }

  savePosts(posts: Post[], options: SaveOptions = {}): Promise<SaveResult> {
    const seen = options.seenAt ?? new Date().toISOString();
    const mergeMissing = options.mergeMissing ?? true;
    return this.c.write('savePosts', () => {
      const result: SaveResult = { added: 0, updated: 0, unchanged: 0, edited: 0 };
      // Change events are written with the change, in this transaction (webhooks).
      const log = this.events.live();
      for (const post of posts) {
        const params = postParams(post);
        params.seen = seen;
        const [lo, hi] = secondRange(secondOf(post.date));
        const last = this.s.lastKey!.get(lo, hi) as number | null;
        params.dkey = last === null ? lo : last === hi ? null : last + 1;
        const ins = this.s.insert!.run(params);
        if (ins.changes === 1) {
          if (params.dkey === null) throw fullSecond(post.date);
          result.added++;
          if (log) this.events.record('post.created', post.channel, post.id, seen);
          this.indexText(params.dkey as number, post, params.hashtags as string, null);
          this.writeHashtags(ins.lastInsertRowid, post.channel, post.date, params.hashtags as string, false);
          continue;
        }
        const quick = this.s.quick!.get(post.channel, post.id) as Record<string, unknown> | undefined;
        const reviving = quick?.deleted_at != null && isLiveSource(post.source);
        if (quick && !reviving && quickUnchanged(params, quick, mergeMissing)) {
          result.unchanged++;
          continue;
        }
        const row = this.s.existing!.get(post.channel, post.id) as
          (PostRow & { pk: number; dkey: number; text_seen_at: string; hashtags: string }) | undefined;
        if (!row) throw new StoreError(`post ${post.channel}/${post.id}: insert ignored but no row found`);
        const stored = rowToPost(row);
        const revive = row.deleted_at !== null && isLiveSource(post.source);
        const history = needsHistory(stored, post)
          ? (this.s.versionTexts!.all(post.channel, post.id) as { text: string; entities: string }[]).map(
              (v) => ({ text: v.text, entities: JSON.parse(v.entities) as Entity[] }),
            )
          : [];
        // A reading saved at the current text's time or later is the later one (several in one save: in their order).
        const outcome = mergePost(stored, post, mergeMissing, history, seen >= row.text_seen_at);
        if (outcome.kind === 'older') {
          this.s.versionPrepend!.run({
            channel: post.channel,
            id: post.id,
            text: post.text,
            entities: JSON.stringify(post.entities),
            edit_date: post.editDate,
            seen_at: seen,
          });
        }
        if (outcome.kind === 'unchanged' && !revive) {
          result.unchanged++;
          continue;
        }
        // Receivers were told it was deleted: they are told it is back (before an edit it came back with).
        if (revive && log) this.events.record('post.restored', stored.channel, stored.id, seen);
        if (outcome.kind === 'edited') {
          result.edited++;
          this.s.versionAppend!.run({
            channel: stored.channel,
            id: stored.id,
            text: stored.text,
            entities: JSON.stringify(stored.entities),
            edit_date: stored.editDate,
            seen_at: row.text_seen_at,
          });
          if (log)
            this.events.record('post.edited', stored.channel, stored.id, seen, {
              previous: { text: stored.text, entities: stored.entities },
            });
        }
        const next = postParams(outcome.post);
        next.pk = row.pk;
        next.seen = seen;
        next.text_seen_at = outcome.kind === 'edited' ? seen : row.text_seen_at;
        // Tombstones: a deleted post stays deleted when an import brings it again; only a live sighting revives it.
        next.deleted_at = revive ? null : row.deleted_at;
        // The post's history notes that it came back (the deletion receivers were told about is not undone silently).
        next.restored_at = revive ? seen : (row.restored_at ?? null);
        next.restored_from = revive ? row.deleted_at : (row.restored_from ?? null);
        this.s.update!.run(next);
        // A post whose date moves to another second moves its search row to a key of that second.
        const key =
          secondOf(outcome.post.date) === secondOfKey(row.dkey)
            ? row.dkey
            : assignKey(this.db, row.pk, outcome.post.date);
        if (
          key !== row.dkey ||
          outcome.post.text !== stored.text ||
          next.hashtags !== row.hashtags ||
          outcome.post.lang !== stored.lang
        )
          this.indexText(key, outcome.post, next.hashtags as string, row.dkey);
        if (next.hashtags !== row.hashtags || outcome.post.date !== row.date)
          this.writeHashtags(row.pk, row.channel, outcome.post.date, next.hashtags as string, true);
        result.updated++;
      }
      return result;
    });
  }
}
