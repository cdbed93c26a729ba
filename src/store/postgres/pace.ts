// A per-host pace shared through PostgreSQL: every worker together makes at most one request per interval to a host.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { heldUp, type PaceRelease, type Pacer } from '../../util/pace.js';
import { realSleep } from '../../util/retry.js';
import { StoreError, errorMessage } from '../../util/errors.js';

export interface SharedPacerOptions {
  /** Minimum time from the end of one request to a host (by any worker) to the start of the next. */
  intervalMs: number;
  /** Up to this much random time added to each interval. @default intervalMs / 4 */
  jitterMs?: number;
  /**
   * How long a request may hold the host before others go on without its release (a worker killed mid-request).
   * Keep it above the HTTP timeout. @default 30_000
   */
  holdMs?: number;
  /** Longest wait between two looks at a held host. @default max(5, intervalMs / 4) */
  pollMs?: number;
  /** A host's pause (holdOff) longer than this is not waited out: wait() fails with the time left. @default 300000 */
  holdLimitMs?: number;
  /** @default Math.random */
  random?: () => number;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/*
 * host_pace.next_at is when the next request to the host may start (the server's clock, so machines agree). A worker
 * starts a request only by a compare-and-set under the row lock: next_at has passed -> it becomes the holder until
 * now + holdMs. Its release sets next_at to an interval after the request ENDED. So requests to a host never overlap
 * and the server sees them at least an interval apart, whatever each process's delays between the database and the
 * socket (a mere "next slot" reservation let a stalled process send its request late, into the next one's slot).
 * A worker killed mid-request blocks the host until its hold runs out, then the others go on.
 *
 * host_pace.held_until is a pause the host asked for (a 429's Retry-After, holdOff): it moves next_at on, and no
 * release brings next_at back before it, so every worker waits it out, or fails at once when it is too long.
 */
const CLAIM = `INSERT INTO host_pace (host, next_at, holder)
  VALUES ($1, clock_timestamp() + $2::float8 * interval '1 millisecond', $3)
  ON CONFLICT (host) DO UPDATE SET next_at = excluded.next_at, holder = excluded.holder
  WHERE host_pace.next_at <= clock_timestamp()
  RETURNING 1`;
const LEFT = `SELECT greatest(0, extract(epoch FROM next_at - clock_timestamp()) * 1000)::float8 AS ms,
    greatest(0, extract(epoch FROM held_until - clock_timestamp()) * 1000)::float8 AS held_ms, holder
  FROM host_pace WHERE host = $1`;
const RELEASE = `UPDATE host_pace
  SET next_at = greatest(clock_timestamp() + $2::float8 * interval '1 millisecond', held_until), holder = NULL
  WHERE host = $1 AND holder = $3`;
const HOLD_OFF = `INSERT INTO host_pace (host, next_at, held_until)
  VALUES ($1, clock_timestamp() + $2::float8 * interval '1 millisecond', clock_timestamp() + $2::float8 * interval '1 millisecond')
  ON CONFLICT (host) DO UPDATE SET next_at = greatest(host_pace.next_at, excluded.next_at),
    held_until = greatest(host_pace.held_until, excluded.held_until)`;

export function createSharedPacer(
  pool: pg.Pool,
  options: SharedPacerOptions,
): Pacer & { close(): Promise<void> } {
  const interval = Math.max(0, options.intervalMs);
  const jitter = Math.max(0, options.jitterMs ?? interval / 4);
  const holdMs = options.holdMs ?? 30_000;
  const pollMs = options.pollMs ?? Math.max(5, interval / 4);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? realSleep;
  const holdLimit = options.holdLimitMs ?? 300_000;
  // Releases and pauses still on their way to the database (close() waits for them).
  const pending = new Set<Promise<unknown>>();
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> => {
    try {
      return (await pool.query<T>(text, values)).rows;
    } catch (e) {
      throw new StoreError(`shared pace: ${errorMessage(e)}`, { cause: e });
    }
  };

  const send = (text: string, values: unknown[]): void => {
    const p = query(text, values).catch(() => {
      // Lost: a release's hold runs out by itself (holdMs), the host only idle longer; a lost pause is the
      // in-memory pacer's case after a restart, and the host answers 429 again.
    });
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const nap = async (ms: number, signal: AbortSignal | undefined): Promise<void> => {
    try {
      // A little spread keeps waiters apart.
      await sleep(Math.max(1, Math.ceil(ms + random() * 2)), signal);
    } catch (e) {
      throw signal?.aborted ? signal.reason : e; // as the in-memory pacer: the signal's own reason
    }
  };
  type Left = { ms: number; held_ms: number | null; holder: string | null };

  return {
    holdOff(host, ms) {
      send(HOLD_OFF, [host.toLowerCase(), Math.max(0, ms)]);
    },
    async wait(host, signal): Promise<PaceRelease> {
      signal?.throwIfAborted();
      const key = host.toLowerCase();
      const token = randomBytes(8).toString('hex');
      for (;;) {
        signal?.throwIfAborted();
        const [row] = await query<Left>(LEFT, [key]);
        const held = row?.held_ms ?? 0;
        if (held > holdLimit) throw heldUp(key, held);
        // Without pacing only a pause the host asked for is kept, as in the in-memory pacer.
        if (interval === 0) {
          if (held <= 0) return () => {};
          await nap(held, signal);
          continue;
        }
        if ((await query(CLAIM, [key, holdMs, token])).length > 0) break;
        // While a request holds the host its end is unknown: look again soon. Otherwise next_at is known.
        await nap(row?.holder ? Math.min(row.ms, pollMs) : (row?.ms ?? 0), signal);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        send(RELEASE, [key, interval + jitter * random(), token]);
      };
    },
    async close() {
      await Promise.all(pending);
    },
  };
}
