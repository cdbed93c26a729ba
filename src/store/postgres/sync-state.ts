// PostgreSQL side of SyncState and follows (as sqlite/sync-state.ts): one JSON row per channel, status columns in step.
import type pg from 'pg';
import type { Follow, SyncState } from '../../model/collection.js';
import { wrapStoreError as wrap } from '../shared.js';
import type { CollectionStore } from '../store.js';
import type { PgConnection } from './connection.js';

type Db = pg.Pool | pg.PoolClient;

export async function readSyncState(db: Db, key: string): Promise<SyncState | null> {
  const { rows } = await db.query<{ state: string }>('SELECT state FROM sync_state WHERE channel = $1', [
    key,
  ]);
  return rows[0] ? (JSON.parse(rows[0].state) as SyncState) : null;
}

export async function writeSyncState(db: Db, key: string, state: SyncState, now: string): Promise<void> {
  await db.query(
    `INSERT INTO sync_state (channel, state, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (channel) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
    [key, JSON.stringify(state), now],
  );
  await db.query(
    `UPDATE channels SET status = $1, last_error = $2, error_count = $3, next_check_at = $4, last_sync_at = $5
     WHERE key = $6`,
    [state.status, state.lastError, state.errorCount, state.nextCheckAt, state.lastSyncAt, key],
  );
}

export async function writeFollow(
  db: Db,
  key: string,
  depth: string | number | null,
  addedAt: string,
): Promise<void> {
  // A followed channel is listed (with its collection status) before its first post arrives, as on SQLite.
  await db.query('INSERT INTO channels (key, username) VALUES ($1, $1) ON CONFLICT (key) DO NOTHING', [key]);
  await db.query(
    `INSERT INTO follows (channel, depth, added_at) VALUES ($1, $2, $3)
     ON CONFLICT (channel) DO UPDATE SET depth = excluded.depth`,
    [key, depth === null ? null : String(depth), addedAt],
  );
}

export async function readFollows(db: Db): Promise<Follow[]> {
  const { rows } = await db.query<{ channel: string; depth: string | null; added_at: string }>(
    'SELECT channel, depth, added_at FROM follows ORDER BY channel',
  );
  return rows.map((r) => ({
    channel: r.channel,
    depth: r.depth !== null && /^\d+$/.test(r.depth) ? Number(r.depth) : r.depth,
    addedAt: r.added_at,
  }));
}

/** CollectionStore on PostgreSQL: follows and sync state in the archive, written inside the caller's transaction. */
export class PgCollection implements CollectionStore {
  constructor(private readonly c: PgConnection) {}

  async getSyncState(key: string): Promise<SyncState | null> {
    try {
      return await readSyncState(this.c.reader(), key);
    } catch (e) {
      throw wrap(e, 'getSyncState');
    }
  }

  saveSyncState(key: string, state: SyncState): Promise<void> {
    return this.c.write(`sync state ${key}`, (db) =>
      writeSyncState(db, key, state, new Date().toISOString()),
    );
  }

  follow(channel: string, depth: string | number | null): Promise<void> {
    return this.c.write(`follow ${channel}`, (db) =>
      writeFollow(db, channel, depth, new Date().toISOString()),
    );
  }

  unfollow(channel: string): Promise<boolean> {
    return this.c.write(
      `unfollow ${channel}`,
      async (db) => ((await db.query('DELETE FROM follows WHERE channel = $1', [channel])).rowCount ?? 0) > 0,
    );
  }

  async listFollows(): Promise<Follow[]> {
    try {
      return await readFollows(this.c.reader());
    } catch (e) {
      throw wrap(e, 'listFollows');
    }
  }
}
