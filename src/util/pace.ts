// Per-host pacing: at most one request per interval to a host, so a scraper stays polite to t.me.
import { FetchError } from './errors.js';
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
  /**
   * The host asked for a pause (a 429's Retry-After): no request to it starts before `ms` from now. A wait that
   * would last longer than the pacer's limit fails at once with a 429 FetchError carrying the time left, so a
   * caller records it and moves on instead of hanging. @default not kept (a pacer that cannot share it)
   */
  holdOff?(host: string, ms: number): void;
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
  /** A host's pause (holdOff) longer than this is not waited out: wait() fails with the time left. @default 300000 */
  holdLimitMs?: number;
}

const nothing: PaceRelease = () => {};

/** A pacer that never waits (tests, local files). */
export const noPacer: Pacer = {
  wait: async (_host, signal) => {
    signal?.throwIfAborted();
    return nothing;
  },
};

/**
 * `p`, or the signal's reason once it aborts. The listener goes when `p` settles: one signal lives as long as a
 * `watch`, and a listener left per request would pile up on it.
 */
async function unlessAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  signal.throwIfAborted();
  let onAbort!: () => void;
  const abort = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p, abort]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The error of a wait refused because the host asked for a pause longer than the pacer waits out. */
export function heldUp(host: string, leftMs: number): FetchError {
  const at = new Date(Date.now() + leftMs).toISOString().slice(11, 19);
  return new FetchError(
    `429 Too Many Requests earlier from ${host}: it asked for a pause until ${at} UTC (${Math.ceil(leftMs / 1000)} s), not asked before then`,
    `https://${host}/`,
    429,
    leftMs,
  );
}

/**
 * The in-memory pacer. Requests to one host run one at a time, in the order they asked; each starts no sooner
 * than the interval after the previous one ENDED. Counting from the end (not the start) keeps the gaps the server
 * sees at least the interval, whatever the latency, and keeps a slow server from being asked faster.
 */
export function createPacer(options: PacerOptions = {}): Pacer {
  const interval = Math.max(0, options.intervalMs ?? 1000);
  const jitter = Math.max(0, options.jitterMs ?? interval / 4);
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const holdLimit = options.holdLimitMs ?? 300_000;
  const hosts = new Map<string, { tail: Promise<void>; last: number }>();
  // Pauses hosts asked for, kept even without pacing: a Retry-After is the server's rule, not our politeness.
  const held = new Map<string, number>();
  const holdOff = (host: string, ms: number): void => {
    const key = host.toLowerCase();
    held.set(key, Math.max(held.get(key) ?? -Infinity, now() + ms));
  };
  /** Waits out a short pause of the host; a long one fails at once. */
  const pause = async (key: string, signal: AbortSignal | undefined): Promise<void> => {
    const until = held.get(key);
    if (until === undefined) return;
    const left = until - now();
    if (left > holdLimit) throw heldUp(key, left);
    for (let l = left; l > 0; l = until - now()) await sleep(Math.ceil(l), signal);
    if (held.get(key) === until) held.delete(key);
  };
  if (interval === 0)
    return {
      async wait(host, signal) {
        signal?.throwIfAborted();
        await pause(host.toLowerCase(), signal);
        return nothing;
      },
      holdOff,
    };

  return {
    holdOff,
    async wait(host, signal) {
      signal?.throwIfAborted();
      const key = host.toLowerCase();
      let state = hosts.get(key);
      if (!state) hosts.set(key, (state = { tail: Promise.resolve(), last: -Infinity }));
      const prev = state.tail;
      let done!: () => void;
      state.tail = new Promise<void>((r) => (done = r));
      try {
        await unlessAborted(prev, signal);
        await pause(key, signal);
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
