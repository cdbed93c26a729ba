// One PostgreSQL pool shared by every part of the PostgreSQL archive: transactions on a dedicated client, savepoints
// for writes inside them, errors wrapped. The job queue and the shared pace use the same pool.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import { wrapStoreError as wrap } from '../shared.js';

export type Queryable = pg.Pool | pg.PoolClient;

/** Serialises the writes of one transaction: savepoints must nest, not interleave. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => held);
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

interface Tx {
  client: pg.PoolClient;
  writes: Mutex;
  /** Set at COMMIT/ROLLBACK: work started from inside fn but still running afterwards no longer joins it. */
  done: boolean;
}

export class PgConnection {
  private readonly tx = new AsyncLocalStorage<Tx>();

  constructor(readonly pool: pg.Pool) {}

  private current(): Tx | null {
    const t = this.tx.getStore();
    return t && !t.done ? t : null;
  }

  /** The client of the current transaction, else the pool: reads see what the transaction wrote. */
  reader(): Queryable {
    return this.current()?.client ?? this.pool;
  }

  async rows<T>(what: string, text: string, values: unknown[] = []): Promise<T[]> {
    try {
      return (await this.reader().query(text, values)).rows as T[];
    } catch (e) {
      throw wrap(e, what);
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current()) return fn(); // nested: joins the outer transaction
    const client = await this.connect('transaction');
    const t: Tx = { client, writes: new Mutex(), done: false };
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN', 'transaction');
      const result = await this.tx.run(t, fn);
      // Writes started inside fn and not awaited by it still belong to this transaction.
      await t.writes.run(async () => {
        t.done = true;
      });
      await run(client, 'COMMIT', 'transaction');
      return result;
    } catch (e) {
      // A write fn started without awaiting must not run after ROLLBACK, outside any transaction.
      await t.writes.run(async () => {
        t.done = true;
      });
      broken = await rollback(client, 'ROLLBACK');
      throw e;
    } finally {
      t.done = true;
      client.release(broken);
    }
  }

  private async connect(what: string): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw wrap(e, what);
    }
  }

  /** Runs fn atomically on one client: a savepoint inside an open transaction, else its own transaction. */
  async write<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const t = this.current();
    if (t) {
      return t.writes.run(async () => {
        await run(t.client, 'SAVEPOINT tg_write', what);
        try {
          const result = await fn(t.client);
          await run(t.client, 'RELEASE SAVEPOINT tg_write', what);
          return result;
        } catch (e) {
          await rollback(t.client, 'ROLLBACK TO SAVEPOINT tg_write; RELEASE SAVEPOINT tg_write');
          throw wrap(e, what);
        }
      });
    }
    return this.alone(what, fn);
  }

  /**
   * Runs fn on a client of its own in its own transaction, outside any Store transaction (the outbox commits each
   * step on its own).
   */
  async alone<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect(what);
    let broken: Error | undefined;
    try {
      await run(client, 'BEGIN', what);
      const result = await fn(client);
      await run(client, 'COMMIT', what);
      return result;
    } catch (e) {
      broken = await rollback(client, 'ROLLBACK');
      throw wrap(e, what);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A control statement (BEGIN, COMMIT, SAVEPOINT …); its failure is a StoreError naming the operation. */
export async function run(client: pg.PoolClient, text: string, what: string): Promise<void> {
  try {
    await client.query(text);
  } catch (e) {
    throw wrap(e, what);
  }
}

/** Rolls back; returns the error when that failed too, so the client is discarded instead of reused. */
export async function rollback(client: pg.PoolClient, text: string): Promise<Error | undefined> {
  try {
    await client.query(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
