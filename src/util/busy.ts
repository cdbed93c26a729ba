// How long a write waits for the archive while another writer holds it: one policy for every connection, and a
// shorter wait for callers that must answer at once (a web request answers 503 instead of hanging).
import { AsyncLocalStorage } from 'node:async_hooks';

/** A normal import commits a batch of posts in well under this; a second writer waits its turn, not minutes. */
export const DEFAULT_WRITE_WAIT_MS = 60_000;

const patience = new AsyncLocalStorage<number>();

/** Runs fn with every archive write inside it waiting at most `ms` for the writer lock. */
export function withWriteWait<T>(ms: number, fn: () => T): T {
  return patience.run(ms, fn);
}

/** The wait that applies here: the caller's (withWriteWait), else the connection's own policy. */
export function writeWait(policyMs: number): number {
  return patience.getStore() ?? policyMs;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
