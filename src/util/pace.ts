// Per-host pacing: at most one request per interval to a host, so a scraper stays polite to t.me.
import { realSleep } from './retry.js';

/** Called when the request has finished (answered or failed); the next request's interval counts from then. */
export type PaceRelease = () => void;

/**
 * What the collector waits on before each request. A later implementation (a token bucket shared through the
 * database by several processes) can replace the in-memory one without the callers changing.
 */
export interface Pacer {
  /**
   * Resolves when a request to `host` may start; rejects when `signal` aborts. The caller must call the returned
   * release when its request is over (in a finally), or later requests to that host wait forever.
   */
  wait(host: string, signal?: AbortSignal): Promise<PaceRelease>;
}

export interface PacerOptions {
  /** Minimum time from the end of one request to a host to the start of the next; 0 disables pacing. @default 1000 */
  intervalMs?: number;
  /** Up to this much random time added to each interval (never taken off). @default intervalMs / 4 */
  jitterMs?: number;
  /** @default Math.random */
  random?: () => number;
  /** Monotonic clock in ms. @default performance.now */
  now?: () => number;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const nothing: PaceRelease = () => {};

/** A pacer that never waits (tests, local files). */
export const noPacer: Pacer = {
  wait: async (_host, signal) => {
    signal?.throwIfAborted();
    return nothing;
  },
};

function aborted(signal: AbortSignal | undefined): Promise<never> | null {
  if (!signal) return null;
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The in-memory pacer. Requests to one host run one at a time, in the order they asked; each starts no sooner
 * than the interval after the previous one ENDED. Counting from the end (not the start) keeps the gaps the server
 * sees at least the interval, whatever the latency, and keeps a slow server from being asked faster.
 */
export function createPacer(options: PacerOptions = {}): Pacer {
  const interval = Math.max(0, options.intervalMs ?? 1000);
  if (interval === 0) return noPacer;
  const jitter = Math.max(0, options.jitterMs ?? interval / 4);
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const hosts = new Map<string, { tail: Promise<void>; last: number }>();

  return {
    async wait(host, signal) {
      signal?.throwIfAborted();
      const key = host.toLowerCase();
      let state = hosts.get(key);
      if (!state) hosts.set(key, (state = { tail: Promise.resolve(), last: -Infinity }));
      const prev = state.tail;
      let done!: () => void;
      state.tail = new Promise<void>((r) => (done = r));
      try {
        const abort = aborted(signal);
        await (abort ? Promise.race([prev, abort]) : prev);
        const due = state.last + interval + jitter * random();
        // Timers may fire a fraction of a millisecond early; loop so a request never starts before its time.
        for (let left = due - now(); left > 0; left = due - now()) await sleep(Math.ceil(left), signal);
      } catch (e) {
        // Our turn is given up, but the next caller must still wait for the one before us.
        void prev.then(done);
        throw e;
      }
      const s = state;
      s.last = now();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        s.last = now();
        done();
      };
    },
  };
}
