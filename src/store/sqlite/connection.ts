// One SQLite connection shared by every part of the SQLite archive: the writer lock, transactions, error wrapping.
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { ArchiveBusyError, StoreError } from '../../util/errors.js';
import { sleep, writeWait } from '../../util/busy.js';
import { isBusy, wrapStoreError as wrap } from '../shared.js';

export type Db = Database.Database;

/**
 * The longest one statement blocks the event loop waiting for another process's lock (PRAGMA busy_timeout):
 * better-sqlite3 waits synchronously, so longer waits are taken in short tries with the event loop free between.
 */
export const STATEMENT_BUSY_MS = 100;
/** The same for the statements of exclusive() (the outbox's sends), which commit one by one. */
const EXCLUSIVE_BUSY_MS = 2000;

/** The SQL functions the archive's queries call; every connection to the file registers them. */
export function addSqlFunctions(db: Db): void {
  db.function('tg_lower', { deterministic: true }, (v: unknown) =>
    typeof v === 'string' ? v.toLowerCase() : null,
  );
}

/*
 * better-sqlite3 is synchronous, but a Store transaction spans awaits: writers are serialised by a promise chain, a
 * transaction holds it from BEGIN to COMMIT, and calls made inside it (AsyncLocalStorage) join it instead of waiting.
 * Every write waits for the writer lock (this process's, then SQLite's) at most the write wait (util/busy.ts), then
 * fails with ArchiveBusyError.
 */
export class SqliteConnection {
  private readonly tx = new AsyncLocalStorage<true>();
  private lock: Promise<void> = Promise.resolve();
  /** Bumped after every write of this connection: cached search pages of an older generation are stale. */
  private writes = 0;
  private readonly dataVersion: Database.Statement;

  /** @param waitMs how long a write waits for the writer lock by default (DEFAULT_WRITE_WAIT_MS). */
  constructor(
    readonly db: Db,
    private readonly waitMs: number,
  ) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
  }

  /** True inside a Store transaction: its reads must see its own uncommitted writes, on this connection. */
  inTransaction(): boolean {
    return this.tx.getStore() === true;
  }

  /** Changes whenever this connection wrote, or another one committed, since the last call. */
  generation(): string {
    return `${this.writes}:${String(this.dataVersion.get())}`;
  }

  /**
   * Serialises writers on this connection; a transaction holds it from BEGIN to COMMIT. Without a deadline (close)
   * it waits as long as it takes; past the deadline it gives its turn up (released as soon as it comes).
   */
  private async acquire(deadline?: number): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.lock;
    this.lock = prev.then(() => held);
    if (deadline === undefined) return prev.then(() => release);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), deadline - Date.now())));
    const turn = await Promise.race([prev.then(() => 'turn' as const), late]);
    clearTimeout(timer);
    if (turn === 'late') {
      void prev.then(release);
      throw new ArchiveBusyError();
    }
    return release;
  }

  /** BEGIN IMMEDIATE (SQLite's writer lock), tried again with the event loop free until the deadline. */
  private async begin(deadline: number): Promise<void> {
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      try {
        this.db.exec('BEGIN IMMEDIATE');
        return;
      } catch (e) {
        if (!isBusy(e)) throw wrap(e, 'begin a transaction');
        if (Date.now() + pause >= deadline) throw new ArchiveBusyError(5, { cause: e });
      }
      await sleep(pause);
    }
  }

  private deadline(): number {
    return Date.now() + writeWait(this.waitMs);
  }

  /**
   * For parts that must commit on their own (the publisher outbox): runs fn while holding the writer lock,
   * outside any transaction, so its synchronous writes commit at once and no transaction of another caller is open
   * across them. fn must not call the store's methods that write (they would wait on it).
   */
  async exclusive<T>(fn: (db: Db) => T): Promise<Awaited<T>> {
    if (this.tx.getStore()) throw new StoreError('exclusive() cannot run inside a transaction');
    const release = await this.acquire(this.deadline());
    // Its statements commit one by one and cannot be tried again as a whole: each may block a little longer.
    this.db.pragma(`busy_timeout = ${Math.min(writeWait(this.waitMs), EXCLUSIVE_BUSY_MS)}`);
    try {
      return await fn(this.db);
    } catch (e) {
      throw isBusy(e) ? new ArchiveBusyError(5, { cause: e }) : e;
    } finally {
      if (this.db.open) this.db.pragma(`busy_timeout = ${STATEMENT_BUSY_MS}`);
      this.writes++;
      release();
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn(); // nested: joins the outer transaction
    const deadline = this.deadline();
    const release = await this.acquire(deadline);
    try {
      await this.begin(deadline);
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
    // Outside a transaction: one of its own, so the wait for another process's lock is taken at BEGIN, not here.
    return this.tx.getStore() ? run() : this.transaction(() => Promise.resolve(run()));
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
