// Runs background work (the collector, the publisher) until shutdown: a failure is logged, recorded where the user
// looks and retried after a back-off; only the shutdown signal (or a failure no retry can mend) ends it.
import { backoffDelay, realSleep, type RetryPolicy } from './retry.js';
import { errorMessage } from './errors.js';

export type TaskState = 'running' | 'retrying' | 'stopped';

/** What a supervised task is doing, for the pages and the JSON API (a snapshot; the supervisor updates it). */
export interface TaskStatus {
  name: string;
  state: TaskState;
  /** Consecutive failures; back to 0 once the task reports progress again. */
  failures: number;
  /** The latest failure (kept after recovery, with its time, so a past outage stays visible). */
  lastError: string | null;
  lastErrorAt: string | null;
  /** When the next attempt starts (state 'retrying'). */
  nextAttemptAt: string | null;
}

export interface TaskRun {
  signal: AbortSignal;
  /** The task made progress (a channel synced, a pass published): resets the failure count and the back-off. */
  healthy(): void;
}

export interface SuperviseOptions {
  /** Stable name in logs and status ("collector", "publisher"). */
  name: string;
  /** The shutdown: the only way a supervised task ends on purpose. */
  signal: AbortSignal;
  /**
   * Back-off between attempts: util/retry.ts's exponential back-off with jitter, never giving up.
   * @default { baseDelayMs: 1000, maxDelayMs: 300000 }
   */
  backoff?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'jitter' | 'random'>;
  /**
   * Records a failure where the user looks (a channel's sync state, a route's status). When it throws (the store is
   * what failed), the failure is recorded again before each next attempt until it succeeds. @default none
   */
  record?: (error: unknown, status: TaskStatus) => Promise<void> | void;
  /** Failures no retry can mend (a wrong token): the task stops and `done` rejects with the error. @default none */
  fatal?: (error: unknown) => boolean;
  /** One line per event, with stable keys. @default console.error */
  log?: (line: string) => void;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @default () => new Date() */
  now?: () => Date;
}

export interface Supervised {
  /** Live status (read it, do not change it). */
  readonly status: TaskStatus;
  /** Resolves after the shutdown, when the task has returned; rejects only with a `fatal` failure. */
  readonly done: Promise<void>;
}

const quote = (s: string) => JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s);

/**
 * Runs `task` under supervision. The task is a long-running loop that returns when its signal aborts; a return
 * before the shutdown counts as the end of its work (state 'stopped'), a throw as a failure to retry.
 */
export function supervise(task: (run: TaskRun) => Promise<void>, options: SuperviseOptions): Supervised {
  const log = options.log ?? ((line: string) => console.error(line));
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? (() => new Date());
  const backoff = { baseDelayMs: 1000, maxDelayMs: 300_000, ...options.backoff };
  const { name, signal } = options;
  const status: TaskStatus = {
    name,
    state: 'running',
    failures: 0,
    lastError: null,
    lastErrorAt: null,
    nextAttemptAt: null,
  };
  let unrecorded: unknown = null;
  let hasUnrecorded = false;

  const record = async (): Promise<void> => {
    if (!options.record || !hasUnrecorded) return;
    try {
      await options.record(unrecorded, status);
      hasUnrecorded = false;
      unrecorded = null;
    } catch (e) {
      log(`supervisor task=${name} event=record_failed error=${quote(errorMessage(e))}`);
    }
  };

  const run: TaskRun = {
    signal,
    healthy() {
      if (status.failures > 0)
        log(`supervisor task=${name} event=recovered after_failures=${status.failures}`);
      status.failures = 0;
      status.state = 'running';
      status.nextAttemptAt = null;
    },
  };

  const loop = async (): Promise<void> => {
    while (!signal.aborted) {
      await record();
      status.state = 'running';
      status.nextAttemptAt = null;
      try {
        await task(run);
        if (!signal.aborted) log(`supervisor task=${name} event=finished`);
        break;
      } catch (e) {
        if (signal.aborted) break;
        const message = errorMessage(e);
        status.lastError = message;
        status.lastErrorAt = now().toISOString();
        if (options.fatal?.(e)) {
          status.state = 'stopped';
          log(`supervisor task=${name} event=fatal error=${quote(message)}`);
          throw e;
        }
        status.failures++;
        const delayMs = backoffDelay(status.failures, backoff);
        status.state = 'retrying';
        status.nextAttemptAt = new Date(now().getTime() + delayMs).toISOString();
        log(
          `supervisor task=${name} event=error failures=${status.failures} retry_in_ms=${delayMs} error=${quote(message)}`,
        );
        unrecorded = e;
        hasUnrecorded = true;
        await record();
        await sleep(delayMs, signal).catch(() => {});
      }
    }
    status.state = 'stopped';
    status.nextAttemptAt = null;
  };

  return { status, done: loop() };
}

/**
 * Runs `look` under supervision `firstDelayMs` after the start (so that it does not compete with start-up work), then
 * every `everyMs` until the shutdown; a failed look is retried after the back-off.
 */
export function superviseEvery(
  look: () => Promise<void>,
  options: SuperviseOptions & { firstDelayMs: number; everyMs: number },
): Supervised {
  return supervise(async ({ signal, healthy }) => {
    await realSleep(options.firstDelayMs, signal).catch(() => {});
    while (!signal.aborted) {
      await look();
      healthy();
      await realSleep(options.everyMs, signal).catch(() => {});
    }
  }, options);
}
