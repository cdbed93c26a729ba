// Failed admin logins per client address in a sliding window, so the admin token cannot be guessed at speed.
import type { Context } from 'hono';

export interface LoginLimitOptions {
  /** Failed logins one address may make within the window. @default 10 */
  maxFailures?: number;
  /** @default 60_000 */
  windowMs?: number;
  /** Addresses remembered at most; the oldest are forgotten first (bounded memory under a spray). @default 10_000 */
  maxAddresses?: number;
}

export interface LoginLimiter {
  /** Seconds the address must wait before it may try again, or 0 when it may try now. */
  retryAfter(address: string, now: number): number;
  failed(address: string, now: number): void;
}

export function createLoginLimiter(options: LoginLimitOptions = {}): LoginLimiter {
  const max = options.maxFailures ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  // Insertion order of a Map is the order addresses were last touched (each touch re-inserts).
  const failures = new Map<string, number[]>();
  const recent = (address: string, now: number) =>
    (failures.get(address) ?? []).filter((t) => now - t < windowMs);
  return {
    retryAfter(address, now) {
      const times = recent(address, now);
      if (times.length === 0) failures.delete(address);
      if (times.length < max) return 0;
      return Math.max(1, Math.ceil((times[times.length - max]! + windowMs - now) / 1000));
    },
    failed(address, now) {
      const times = recent(address, now);
      times.push(now);
      failures.delete(address);
      failures.set(address, times.slice(-max));
      while (failures.size > maxAddresses) failures.delete(failures.keys().next().value!);
    },
  };
}

/**
 * The client's address: the socket's peer, or, only when the reverse proxy is trusted, the address that proxy
 * appended to X-Forwarded-For (the last entry; earlier ones are whatever the client chose to send).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
