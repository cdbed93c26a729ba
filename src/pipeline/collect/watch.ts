// Keeps followed channels collected until stopped: each channel on its own schedule, busy ones more often.
import type { Follow } from '../../model/collection.js';
import type { Store } from '../../store/store.js';
import { createWakeup, type Wakeup } from '../../util/wakeup.js';
import { ChannelProfiles } from '../channel-profiles.js';
import { assignStories } from '../stories.js';
import { syncChannel, type ChannelSyncResult, type CollectContext, type SyncProgress } from './sync.js';

export interface WatchOptions {
  /** Shortest wait between two checks of one channel. @default 300_000 */
  minIntervalMs?: number;
  /** Longest wait between two checks of one channel. @default 21_600_000 */
  maxIntervalMs?: number;
  /** Stops after the page being read. */
  signal: AbortSignal;
  /** Backfill bounds of a channel, from its follow as read this round (a depth changed meanwhile counts). */
  depthOf?: (follow: Follow) => { since?: string; minId?: number };
  /** After each channel's check; `nextInMs`: when it is checked next (its back-off included). */
  onResult?: (result: ChannelSyncResult, nextInMs: number) => void;
  /**
   * Ends the wait before the next round: a channel followed meanwhile (from the web app) gets its first sync now
   * instead of at the next due check, which can be hours away. @default none
   */
  wakeup?: Wakeup;
  onProgress?: (progress: SyncProgress) => void;
  /**
   * Longest sleep before the followed channels are read again: a channel followed or unfollowed by another process
   * (`tgwire channels add` beside a running serve), which cannot call `wakeup`, is seen within this time.
   * @default 30_000
   */
  followsEveryMs?: number;
  /**
   * New posts get their stories at most this often while channels keep coming due (and always before a longer wait):
   * a grouping compares them with every post of the last days, about 13 s of CPU at 20,000 posts a day, which a
   * round after each busy channel would spend over and over. @default 60_000
   */
  storiesEveryMs?: number;
  /**
   * Asked before each round: true while other collectors (workers on the job queue) keep the channels, so this
   * loop syncs none and looks again after `followsEveryMs`. @default never
   */
  standAside?: () => Promise<boolean>;
}

/** Halves the wait of a channel that posted, stretches that of one that did not. */
export function nextInterval(current: number, newPosts: number, min: number, max: number): number {
  return newPosts > 0 ? Math.max(min, current / 2) : Math.min(max, current * 1.5);
}

export async function watchChannels(ctx: CollectContext, store: Store, options: WatchOptions): Promise<void> {
  const min = options.minIntervalMs ?? 300_000;
  const max = Math.max(min, options.maxIntervalMs ?? 21_600_000);
  const schedule = new Map<string, { due: number; interval: number }>();
  const wakeup = options.wakeup ?? createWakeup();
  const storiesEvery = options.storiesEveryMs ?? 60_000;
  const followsEvery = options.followsEveryMs ?? 30_000;
  // New posts not given their stories yet, and when stories were last assigned.
  let ungrouped = false;
  let groupedAt = 0;
  // Learned once an hour per channel, not at every grouping (channel-profiles.ts).
  const profiles = new ChannelProfiles();
  while (!options.signal.aborted) {
    if (await options.standAside?.()) {
      await wakeup.sleep(followsEvery, options.signal);
      continue;
    }
    const follows = await store.listFollows();
    const now = Date.now();
    for (const f of follows)
      if (!schedule.has(f.channel)) schedule.set(f.channel, { due: now, interval: min });
    // An unfollowed channel's due time must not wake the loop.
    const followed = new Set(follows.map((f) => f.channel));
    for (const ch of schedule.keys()) if (!followed.has(ch)) schedule.delete(ch);
    let changed = false;
    for (const f of follows) {
      const s = schedule.get(f.channel)!;
      if (options.signal.aborted) break;
      if (s.due > Date.now()) continue;
      const r = await syncChannel(ctx, f.channel, {
        ...options.depthOf?.(f),
        signal: options.signal,
        onProgress: options.onProgress,
      });
      s.interval = nextInterval(s.interval, r.newPosts, min, max);
      // A channel backing off (a failure, a host's Retry-After) is not asked before then: trying it sooner would
      // only log it skipped, round after round.
      const held = r.nextCheckAt ? Date.parse(r.nextCheckAt) : NaN;
      s.due = Math.max(Date.now() + s.interval, Number.isNaN(held) ? 0 : held);
      if (r.newPosts + r.edits > 0) changed = true;
      options.onResult?.(r, s.due - Date.now());
    }
    if (changed) ungrouped = true;
    const next = Math.min(...[...schedule.values()].map((s) => s.due), Date.now() + max);
    if (ungrouped && (Date.now() - groupedAt >= storiesEvery || next - Date.now() >= storiesEvery)) {
      await assignStories(store, { profiles });
      ungrouped = false;
      groupedAt = Date.now();
    }
    await wakeup.sleep(
      Math.min(followsEvery, Math.max(Math.min(1000, followsEvery), next - Date.now())),
      options.signal,
    );
  }
}
