// Per-chat send limits: at most N messages in a sliding window and a minimum gap between two (Telegram's limits).
import { realSleep } from '../util/retry.js';

export interface RateLimit {
  /** Messages allowed in any window. @default 20 */
  perWindow: number;
  /** @default 60000 */
  windowMs: number;
  /** Minimum time between two messages to one chat. @default 1000 */
  minIntervalMs: number;
}

/** Telegram asks bots for no more than 20 messages a minute in one group or channel, and about one a second. */
export const DEFAULT_CHAT_LIMIT: RateLimit = { perWindow: 20, windowMs: 60_000, minIntervalMs: 1000 };
/** And about 30 messages a second over all chats. */
export const DEFAULT_GLOBAL_LIMIT: RateLimit = { perWindow: 30, windowMs: 1000, minIntervalMs: 0 };

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: realSleep };

/**
 * How long to wait from `now` before the next message, given the times of earlier ones (ascending). Pure, so the
 * default limits are tested with a fake clock.
 */
export function waitBeforeNext(sent: readonly number[], now: number, limit: RateLimit): number {
  let wait = 0;
  const last = sent[sent.length - 1];
  if (last !== undefined) wait = Math.max(wait, last + limit.minIntervalMs - now);
  if (sent.length >= limit.perWindow) {
    // The oldest message that must leave the window before one more fits.
    const blocker = sent[sent.length - limit.perWindow]!;
    wait = Math.max(wait, blocker + limit.windowMs - now);
  }
  return Math.max(0, wait);
}

/** A sliding-window limiter; seeded with past sends so a restart does not reset the budget. */
export class Limiter {
  /** Boxed so `done` can move its own entry after pruning copied the array. */
  private sent: { t: number }[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock = realClock,
  ) {}

  seed(times: readonly number[]): void {
    this.sent = [...times.map((t) => ({ t })), ...this.sent];
    this.prune(this.clock.now());
  }

  private prune(now: number): void {
    const keep = Math.max(this.limit.perWindow, 1);
    const from = now - this.limit.windowMs;
    this.sent = this.sent
      .filter((e) => e.t > from)
      .sort((a, b) => a.t - b.t)
      .slice(-keep);
  }

  /**
   * Resolves when one more message may go; callers are served in order. The message counts from now, and from
   * when the caller calls the returned `done` (request answered): Telegram saw it somewhere in between, so counting
   * from the later time keeps the gaps Telegram sees at least the limit, whatever the latency.
   */
  take(signal?: AbortSignal): Promise<() => void> {
    const run = async (): Promise<() => void> => {
      for (;;) {
        const now = this.clock.now();
        this.prune(now);
        const wait = waitBeforeNext(
          this.sent.map((e) => e.t),
          now,
          this.limit,
        );
        if (wait <= 0) {
          const entry = { t: now };
          this.sent.push(entry);
          return () => {
            entry.t = Math.max(entry.t, this.clock.now());
          };
        }
        await this.clock.sleep(wait, signal);
      }
    };
    const p = this.tail.then(run);
    this.tail = p.then(
      () => {},
      () => {},
    );
    return p;
  }
}
