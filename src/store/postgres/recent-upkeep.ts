// The recent index kept to its share of a live archive (recent-index.ts): new posts all go into it, so it is looked
// at every hour and built again once it has doubled, beside the web app, under the supervisor.
import { superviseEvery, type Supervised } from '../../util/supervise.js';
import type { RecentIndexReport } from './recent-index.js';

export interface RecentUpkeepOptions {
  signal: AbortSignal;
  /** Before the first look, so that it does not compete with start-up work. @default 60000 */
  firstDelayMs?: number;
  /**
   * Between looks. A look reads the planner's statistics; a rebuild reads the table twice (a concurrent build), about
   * once per tenth of the archive's size in new posts. @default 3600000
   */
  everyMs?: number;
  /** One line per look that did something. @default console.error */
  log?: (line: string) => void;
}

/** refresh() (PostgresStore.refreshRecentIndex) until the signal; a failed look is retried after a back-off. */
export function keepRecentIndex(
  refresh: () => Promise<RecentIndexReport>,
  options: RecentUpkeepOptions,
): Supervised {
  const log = options.log ?? ((line: string) => console.error(line));
  return superviseEvery(
    async () => {
      const r = await refresh();
      if (r.action === 'built' || r.action === 'dropped')
        log(`recent-index event=${r.action} from=${r.from ?? '-'} posts=${r.posts} seconds=${r.seconds}`);
    },
    {
      // Named for the operator on /channels (it holds the newest posts, for fast first pages), not as the code says.
      name: 'newest-posts index',
      signal: options.signal,
      log,
      firstDelayMs: options.firstDelayMs ?? 60_000,
      everyMs: options.everyMs ?? 3_600_000,
    },
  );
}
