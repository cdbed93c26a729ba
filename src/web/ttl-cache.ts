// A small time-bounded memo for expensive reads (counts, rendered feeds) that may lag the archive by seconds.

export interface TtlCache<T> {
  get(key: string, compute: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createTtlCache<T>(ttlMs: number, max = 500, now: () => number = Date.now): TtlCache<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key, compute) {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      const value = compute();
      // A failure must not be remembered.
      value.catch(() => entries.delete(key));
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, { at: now(), value });
      return value;
    },
    clear: () => entries.clear(),
  };
}
