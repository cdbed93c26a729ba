// One SQLite connection shared by every part of the SQLite archive: the writer lock, transactions, error wrapping.
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { StoreError } from '../../util/errors.js';
import { wrapStoreError as wrap } from '../shared.js';

export type Db = Database.Database;

/*
 * better-sqlite3 is synchronous, but a Store transaction spans awaits: writers are serialised by a promise chain, a
 * transaction holds it from BEGIN to COMMIT, and calls made inside it (AsyncLocalStorage) join it instead of waiting.
 */
export class SqliteConnection {
  private readonly tx = new AsyncLocalStorage<true>();
  private lock: Promise<void> = Promise.resolve();
  /** Bumped after every write of this connection: cached search pages of an older generation are stale. */
  private writes = 0;
  private readonly dataVersion: Database.Statement;

  constructor(readonly db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** Changes whenever this connection wrote, or another one committed, since the last call. */
  generation(): string {
    return `${this.writes}:${String(this.dataVersion.get())}`;
  }

  /** Serialises writers on this connection; a transaction holds it from BEGIN to COMMIT. */
  private acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.lock;
    this.lock = prev.then(() => held);
    return prev.then(() => release);
  }

  /**
   * For parts that must commit on their own (the publisher outbox): runs fn while holding the writer lock,
   * outside any transaction, so its synchronous writes commit at once and no transaction of another caller is open
   * across them. fn must not call the store's methods that write (they would wait on it).
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
  async write<T>(what: string, fn: (db: Db) => T): Promise<T> {
    const run = (): T => {
      try {
        return this.db.transaction(() => fn(this.db))();
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

  read<T>(what: string, fn: (db: Db) => T): Promise<T> {
    try {
      return Promise.resolve(fn(this.db));
    } catch (e) {
      return Promise.reject(wrap(e, what));
    }
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
