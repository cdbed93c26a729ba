// The collection workers' job queue on PostgreSQL: one row per followed channel, claimed with SKIP LOCKED and a lease.
// It lives on the archive's own pool (PostgresStore.queue).
import pg from 'pg';
import { StoreError, errorMessage } from '../../util/errors.js';

/*
 * A table of our own rather than pg-boss: the job is "sync channel X" and there is at most one per channel, which
 * a primary key on the channel gives for free (scheduling twice is a no-op); the table lives in the archive's schema
 * and migration list, so a per-test schema isolates everything; and the lease is a column we can read in tests.
 * All times are the server's clock (clock_timestamp()), so workers on different machines agree on expiry.
 */

export interface Job {
  channel: string;
  attempt: number;
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  unscheduled: number;
}

async function q<T extends pg.QueryResultRow>(
  db: pg.Pool | pg.PoolClient,
  what: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  try {
    return (await db.query<T>(text, values)).rows;
  } catch (e) {
    throw new StoreError(`job queue: ${what}: ${errorMessage(e)}`, { cause: e });
  }
}

const MS = "* interval '1 millisecond'";

export class PostgresJobQueue {
  constructor(private readonly pool: pg.Pool) {}

  async schedule(options: { everyMs: number; maxAttempts: number }): Promise<string[] | null> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      // One scheduler at a time per schema; the others skip this round instead of waiting.
      const [lock] = await q<{ ok: boolean }>(
        client,
        'schedule',
        "SELECT pg_try_advisory_xact_lock(hashtext('tgwire:schedule:' || current_schema())) AS ok",
      );
      if (!lock!.ok) {
        await client.query('ROLLBACK');
        return null;
      }
      // A job that killed every worker that took it is given up, or it would hold its channel forever.
      await q(
        client,
        'give up',
        `UPDATE sync_jobs SET state = 'done', finished_at = clock_timestamp(), locked_by = NULL,
           locked_until = NULL, last_status = 'error',
           last_error = 'given up: the lease ran out ' || attempts || ' times (workers died or hung)'
         WHERE state = 'running' AND locked_until < clock_timestamp() AND attempts >= $1`,
        [options.maxAttempts],
      );
      await q(
        client,
        'unfollowed',
        `DELETE FROM sync_jobs j WHERE j.state <> 'running'
         AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.channel = j.channel)`,
      );
      const rows = await q<{ channel: string }>(
        client,
        'enqueue',
        `INSERT INTO sync_jobs (channel, state, run_at, enqueued_at)
         SELECT f.channel, 'queued', clock_timestamp(), clock_timestamp() FROM follows f
         ON CONFLICT (channel) DO UPDATE SET state = 'queued', run_at = excluded.run_at, attempts = 0,
           enqueued_at = excluded.enqueued_at
         WHERE sync_jobs.state = 'done' AND sync_jobs.finished_at <= clock_timestamp() - $1::float8 ${MS}
         RETURNING channel`,
        [options.everyMs],
      );
      await client.query('COMMIT');
      return rows.map((r) => r.channel).sort();
    } catch (e) {
      broken = await client.query('ROLLBACK').then(
        () => undefined,
        (r: unknown) => (r instanceof Error ? r : new Error(String(r))),
      );
      throw e instanceof StoreError
        ? e
        : new StoreError(`job queue: schedule: ${errorMessage(e)}`, { cause: e });
    } finally {
      client.release(broken);
    }
  }

  async exclusive<T>(name: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    // A session lock on a connection of its own: held for as long as fn runs, whatever fn's own transactions do.
    const client = await this.pool.connect();
    const key = "hashtext('tgwire:' || $1 || ':' || current_schema())";
    let broken: Error | undefined;
    try {
      const [lock] = await q<{ ok: boolean }>(client, name, `SELECT pg_try_advisory_lock(${key}) AS ok`, [
        name,
      ]);
      if (!lock!.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await q(client, name, `SELECT pg_advisory_unlock(${key})`, [name]).catch((e: unknown) => {
          broken = e instanceof Error ? e : new Error(String(e)); // dropped with the connection
        });
      }
    } finally {
      client.release(broken);
    }
  }

  async claim(workerId: string, leaseMs: number): Promise<Job | null> {
    // SKIP LOCKED: workers claiming at once each get a different row instead of queueing on one.
    const [row] = await q<{ channel: string; attempts: number }>(
      this.pool,
      'claim',
      `UPDATE sync_jobs j SET state = 'running', locked_by = $1,
         locked_until = clock_timestamp() + $2::float8 ${MS}, attempts = j.attempts + 1,
         started_at = clock_timestamp()
       FROM (SELECT channel FROM sync_jobs
             WHERE (state = 'queued' AND run_at <= clock_timestamp())
                OR (state = 'running' AND locked_until < clock_timestamp())
             ORDER BY run_at, channel LIMIT 1 FOR UPDATE SKIP LOCKED) c
       WHERE j.channel = c.channel
       RETURNING j.channel, j.attempts`,
      [workerId, leaseMs],
    );
    return row ? { channel: row.channel, attempt: row.attempts } : null;
  }

  async renew(job: Job, workerId: string, leaseMs: number): Promise<boolean> {
    const rows = await q(
      this.pool,
      'renew',
      `UPDATE sync_jobs SET locked_until = clock_timestamp() + $3::float8 ${MS}
       WHERE channel = $1 AND locked_by = $2 AND state = 'running' RETURNING 1`,
      [job.channel, workerId, leaseMs],
    );
    return rows.length > 0;
  }

  async complete(job: Job, workerId: string, status: string, error: string | null): Promise<boolean> {
    const rows = await q(
      this.pool,
      'complete',
      `UPDATE sync_jobs SET state = 'done', finished_at = clock_timestamp(), locked_by = NULL,
         locked_until = NULL, last_status = $3, last_error = $4
       WHERE channel = $1 AND locked_by = $2 AND state = 'running' RETURNING 1`,
      [job.channel, workerId, status, error],
    );
    return rows.length > 0;
  }

  async release(job: Job, workerId: string, retryInMs: number, error: string | null): Promise<boolean> {
    const rows = await q(
      this.pool,
      'release',
      `UPDATE sync_jobs SET state = 'queued', run_at = clock_timestamp() + $3::float8 ${MS},
         locked_by = NULL, locked_until = NULL, last_error = $4
       WHERE channel = $1 AND locked_by = $2 AND state = 'running' RETURNING 1`,
      [job.channel, workerId, retryInMs, error],
    );
    return rows.length > 0;
  }

  /**
   * Whether collection workers are at work: a job held under a live lease, or one taken or finished within
   * `withinMs`. serve's collector stands aside while this holds, so no channel is fetched by both.
   */
  async workersActive(withinMs: number): Promise<boolean> {
    const [r] = await q<{ active: boolean }>(
      this.pool,
      'workers active',
      `SELECT EXISTS (SELECT 1 FROM sync_jobs
                       WHERE (state = 'running' AND locked_until > clock_timestamp())
                          OR started_at > clock_timestamp() - $1::float8 ${MS}
                          OR finished_at > clock_timestamp() - $1::float8 ${MS}) AS active`,
      [withinMs],
    );
    return r!.active;
  }

  async counts(): Promise<QueueCounts> {
    const [r] = await q<{ queued: string; running: string; done: string; unscheduled: string }>(
      this.pool,
      'counts',
      `SELECT count(*) FILTER (WHERE state = 'queued') AS queued,
              count(*) FILTER (WHERE state = 'running') AS running,
              count(*) FILTER (WHERE state = 'done') AS done,
              (SELECT count(*) FROM follows f
                WHERE NOT EXISTS (SELECT 1 FROM sync_jobs s WHERE s.channel = f.channel)) AS unscheduled
       FROM sync_jobs`,
    );
    return {
      queued: Number(r!.queued),
      running: Number(r!.running),
      done: Number(r!.done),
      unscheduled: Number(r!.unscheduled),
    };
  }

  /** Every job row, for status output and tests. */
  async list(): Promise<
    {
      channel: string;
      state: string;
      attempts: number;
      lastStatus: string | null;
      lastError: string | null;
    }[]
  > {
    const rows = await q<{
      channel: string;
      state: string;
      attempts: number;
      last_status: string | null;
      last_error: string | null;
    }>(
      this.pool,
      'list',
      'SELECT channel, state, attempts, last_status, last_error FROM sync_jobs ORDER BY channel',
    );
    return rows.map((r) => ({
      channel: r.channel,
      state: r.state,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
    }));
  }
}
