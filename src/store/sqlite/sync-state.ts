// SQLite side of SyncState: one JSON row per channel, with the channels' status columns kept in step.
import type Database from 'better-sqlite3';
import type { Follow, SyncState } from '../../model/collection.js';
import type { CollectionStore } from '../store.js';
import type { SqliteConnection } from './connection.js';

export function readSyncState(db: Database.Database, key: string): SyncState | null {
  const row = db.prepare('SELECT state FROM sync_state WHERE channel = ?').get(key) as
    { state: string } | undefined;
  return row ? (JSON.parse(row.state) as SyncState) : null;
}

export function writeSyncState(db: Database.Database, key: string, state: SyncState, now: string): void {
  db.prepare(
    `INSERT INTO sync_state (channel, state, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(state), now);
  db.prepare(
    `UPDATE channels SET status = ?, last_error = ?, error_count = ?, next_check_at = ?, last_sync_at = ?
     WHERE key = ?`,
  ).run(state.status, state.lastError, state.errorCount, state.nextCheckAt, state.lastSyncAt, key);
}

export function writeFollow(
  db: Database.Database,
  key: string,
  depth: string | number | null,
  now: string,
): void {
  // A followed channel is listed (with its collection status) before its first post arrives.
  db.prepare('INSERT OR IGNORE INTO channels (key, username) VALUES (?, ?)').run(key, key);
  db.prepare(
    `INSERT INTO follows (channel, depth, added_at) VALUES (?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET depth = excluded.depth`,
  ).run(key, depth === null ? null : String(depth), now);
}

export function readFollows(db: Database.Database): Follow[] {
  const rows = db.prepare('SELECT channel, depth, added_at FROM follows ORDER BY channel').all() as {
    channel: string;
    depth: string | null;
    added_at: string;
  }[];
  return rows.map((r) => ({
    channel: r.channel,
    depth: r.depth !== null && /^\d+$/.test(r.depth) ? Number(r.depth) : r.depth,
    addedAt: r.added_at,
  }));
}

/** CollectionStore on SQLite: follows and sync state in the archive, written inside the caller's transaction. */
export class SqliteCollection implements CollectionStore {
  constructor(private readonly c: SqliteConnection) {}

  private get db(): Database.Database {
    return this.c.db;
  }

  getSyncState(key: string): Promise<SyncState | null> {
    return this.c.read('getSyncState', () => readSyncState(this.db, key));
  }

  saveSyncState(key: string, state: SyncState): Promise<void> {
    return this.c.write(`sync state of ${key}`, () =>
      writeSyncState(this.db, key, state, new Date().toISOString()),
    );
  }

  follow(channel: string, depth: string | number | null): Promise<void> {
    return this.c.write(`follow ${channel}`, () =>
      writeFollow(this.db, channel, depth, new Date().toISOString()),
    );
  }

  unfollow(channel: string): Promise<boolean> {
    return this.c.write(
      `unfollow ${channel}`,
      () => this.db.prepare('DELETE FROM follows WHERE channel = ?').run(channel).changes > 0,
    );
  }

  listFollows(): Promise<Follow[]> {
    return this.c.read('listFollows', () => readFollows(this.db));
  }
}
