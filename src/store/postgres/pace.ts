// A per-host pace shared through PostgreSQL: every worker together makes at most one request per interval to a host.
import type pg from 'pg';
import type { PaceRelease, Pacer } from '../../util/pace.js';
import { realSleep } from '../../util/retry.js';
import { StoreError, errorMessage } from '../../util/errors.js';

export interface SharedPacerOptions {
  /** Minimum time between the starts of two requests to one host (and from the end of one to the next). */
  intervalMs: number;
  /** Up to this much random time added to each interval. @default intervalMs / 4 */
  jitterMs?: number;
  /** @default Math.random */
  random?: () => number;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/*
 * host_pace.next_at is when the next request to the host may start, on the server's clock. A request starts only by
 * moving next_at forward in one statement that succeeds only when next_at has passed (a compare-and-set under the
 * row lock), so two workers can never both start within one interval. Its release moves next_at to at least an
 * interval after the request ENDED, like the in-memory pacer: a slow answer slows everyone. A worker killed
 * mid-request holds nothing: the host is free again an interval after its start.
 */
const CLAIM = `INSERT INTO host_pace (host, next_at) VALUES ($1, clock_timestamp() + $2::float8 * interval '1 millisecond')
  ON CONFLICT (host) DO UPDATE SET next_at = excluded.next_at WHERE host_pace.next_at <= clock_timestamp()
  RETURNING 1`;
const LEFT = `SELECT greatest(0, extract(epoch FROM next_at - clock_timestamp()) * 1000)::float8 AS ms
  FROM host_pace WHERE host = $1`;
const RELEASE = `UPDATE host_pace
  SET next_at = greatest(next_at, clock_timestamp() + $2::float8 * interval '1 millisecond') WHERE host = $1`;

export function createSharedPacer(
  pool: pg.Pool,
  options: SharedPacerOptions,
): Pacer & { close(): Promise<void> } {
  const interval = Math.max(0, options.intervalMs);
  const jitter = Math.max(0, options.jitterMs ?? interval / 4);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  // This process's release still on its way to the database: its next request must not overtake it.
  const pending = new Set<Promise<unknown>>();

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> => {
    try {
      return (await pool.query<T>(text, values)).rows;
    } catch (e) {
      throw new StoreError(`shared pace: ${errorMessage(e)}`, { cause: e });
    }
  };

  return {
    async wait(host, signal): Promise<PaceRelease> {
      signal?.throwIfAborted();
      if (interval === 0) return () => {};
      const key = host.toLowerCase();
      await Promise.all(pending);
      for (;;) {
        signal?.throwIfAborted();
        const step = interval + jitter * random();
        if ((await query(CLAIM, [key, step])).length > 0) break;
        const [row] = await query<{ ms: number }>(LEFT, [key]);
        // A little spread so waiting workers do not all ask again in the same millisecond.
        await sleep(Math.ceil((row?.ms ?? 0) + random() * 2), signal);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const p = query(RELEASE, [key, interval + jitter * random()]).catch(() => {
          // The claim already spaced the next start by an interval; a lost release only loses the extra wait.
        });
        pending.add(p);
        void p.finally(() => pending.delete(p));
      };
    },
    async close() {
      await Promise.all(pending);
    },
  };
}
