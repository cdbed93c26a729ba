// Whether the media store answers, as serve sees it: failures logged once per kind, shown to the operator on /channels.
import type { MediaStoreError, MediaStoreProblem } from '../util/errors.js';

/** A failure of one kind is logged again, with how many were not logged, after this long. */
const REPEAT_MS = 10 * 60_000;

export interface MediaProblem {
  /** Failed reads (and checks) in a row. */
  failures: number;
  /** The latest one's message: what to fix, for the operator only (it names the bucket, endpoint and settings). */
  message: string;
  /** When the first of them happened (ISO 8601). */
  since: string;
}

export interface MediaHealth {
  /**
   * A read (or, with `when`, serve's start-up check) failed: logged unless this kind was logged within the last ten
   * minutes, so a page of forty thumbnails is one line, not forty.
   */
  failed(e: MediaStoreError, when?: string): void;
  /** A file was served: the store answers again. */
  served(): void;
  /** The failure since the last file served, for the operator on /channels; null while the store works. */
  problem(): MediaProblem | null;
}

export function createMediaHealth(
  options: { log?: (line: string) => void; now?: () => Date } = {},
): MediaHealth {
  const log = options.log ?? ((line: string) => console.error(line));
  const now = options.now ?? (() => new Date());
  const logged = new Map<MediaStoreProblem, { at: number; unlogged: number }>();
  let failing: MediaProblem | null = null;

  return {
    failed(e, when = 'reading a file') {
      const t = now();
      failing = {
        failures: (failing?.failures ?? 0) + 1,
        message: e.message,
        since: failing?.since ?? t.toISOString(),
      };
      const last = logged.get(e.problem);
      if (last && t.getTime() - last.at < REPEAT_MS) {
        last.unlogged++;
        return;
      }
      const more = last?.unlogged ? ` (${last.unlogged} more since the last line)` : '';
      logged.set(e.problem, { at: t.getTime(), unlogged: 0 });
      log(`web: /media answers 503 (${when}): ${e.message}${more}`);
    },
    served() {
      if (!failing) return;
      failing = null;
      logged.clear();
      log('web: the media store answers again');
    },
    problem() {
      return failing;
    },
  };
}
