// The one retry/back-off policy (STYLE habit 2): which failures deserve another attempt and how long to wait first.
import { setTimeout as delay } from 'node:timers/promises';
import { FetchError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first one included. @default 5 */
  maxAttempts?: number;
  /** Back-off before the 2nd attempt after a 5xx/network error; doubles each time. @default 1000 */
  baseDelayMs?: number;
  /** Cap of the exponential back-off. @default 60000 */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the failure goes to the caller (who records it). @default 300000 */
  maxRetryAfterMs?: number;
  /** Share (0..1) of an exponential delay that is randomised, so many clients do not retry in step. @default 0.5 */
  jitter?: number;
  /** Source of randomness in [0, 1); tests pass a constant. @default Math.random */
  random?: () => number;
  /** Current time in ms, for Retry-After given as an HTTP date. @default Date.now */
  now?: () => number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

const DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 300_000,
  jitter: 0.5,
};

/** Node/undici error codes of a connection that failed but may work on the next try. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function prop(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

/** The HTTP status an error carries: FetchError.status, Bot API `error_code`, or a `status`/`statusCode` field. */
export function statusOf(error: unknown): number | null {
  if (error instanceof FetchError) return error.status;
  for (const key of ['error_code', 'status', 'statusCode']) {
    const v = prop(error, key);
    if (typeof v === 'number' && Number.isInteger(v)) return v;
  }
  return null;
}

/** Milliseconds the server asked us to wait: FetchError.retryAfterMs or Bot API `parameters.retry_after` (s). */
export function retryAfterOf(error: unknown): number | null {
  if (error instanceof FetchError && error.retryAfterMs !== null) return error.retryAfterMs;
  const s = prop(prop(error, 'parameters'), 'retry_after');
  if (typeof s === 'number' && s >= 0) return s * 1000;
  const ms = prop(error, 'retryAfterMs');
  return typeof ms === 'number' && ms >= 0 ? ms : null;
}

/** A Retry-After header value (delta seconds or HTTP date) in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  return Math.max(0, t - now);
}

/** True for failures of the connection itself (reset, refused, DNS, timeout), not for answers. */
export function isTransientNetworkError(error: unknown): boolean {
  if (error instanceof FetchError) return error.status === null;
  const name = prop(error, 'name');
  // A timeout is worth retrying; an AbortError is the caller cancelling, which must not be retried.
  if (name === 'TimeoutError') return true;
  if (name === 'HttpError') return true; // grammY's wrapper of a network failure
  for (let e: unknown = error, depth = 0; e && depth < 4; e = prop(e, 'cause'), depth++) {
    const code = prop(e, 'code');
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  }
  // undici's fetch rejects with a bare TypeError("fetch failed") when the socket fails.
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** The exponential back-off with jitter of this policy before attempt `attempt + 1` (no decision on the error). */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}): number {
  return backoff(attempt, { ...DEFAULTS, random: Math.random, ...stripUndefined(policy) });
}

function backoff(attempt: number, p: typeof DEFAULTS & { random: () => number }): number {
  const exp = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, p.jitter));
  return Math.round(exp * (1 - jitter * p.random()));
}

/**
 * Whether to try again after `attempt` failed attempts (1 after the first failure), and after how long.
 * 429 waits Retry-After (or backs off when none was given); 408, 5xx, timeouts and network errors back off
 * exponentially with jitter up to a cap; any other 4xx and unknown errors (bugs) are not retried.
 */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy = {}): RetryDecision {
  const p = { ...DEFAULTS, random: Math.random, ...stripUndefined(policy) };
  if (attempt >= p.maxAttempts) return { retry: false };
  const status = statusOf(error);
  if (status === 429) {
    const wait = retryAfterOf(error);
    if (wait === null) return { retry: true, delayMs: backoff(attempt, p) };
    if (wait > p.maxRetryAfterMs) return { retry: false };
    return { retry: true, delayMs: wait };
  }
  if (status !== null) {
    if (status === 408 || (status >= 500 && status <= 599))
      return { retry: true, delayMs: backoff(attempt, p) };
    return { retry: false };
  }
  if (isTransientNetworkError(error)) return { retry: true, delayMs: backoff(attempt, p) };
  return { retry: false };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export interface RetryRun {
  signal?: AbortSignal;
  /** Waits `ms`; rejects when `signal` aborts. Tests pass a fake clock. @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait, for logs ("429 from t.me, retrying in 5 s"). */
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
}

export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, signal ? { signal } : undefined);

/** Runs fn(attempt) until it succeeds or decideRetry says stop; the last error is thrown as is. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = {},
  run: RetryRun = {},
): Promise<T> {
  const sleep = run.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    run.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      if (run.signal?.aborted) throw error;
      const decision = decideRetry(error, attempt, policy);
      if (!decision.retry) throw error;
      run.onRetry?.({ error, attempt, delayMs: decision.delayMs });
      await sleep(decision.delayMs, run.signal);
    }
  }
}
