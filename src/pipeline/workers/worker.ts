// A collection worker: takes "sync channel X" jobs from the shared queue under a lease and runs them until stopped.
import {
  addTally,
  emptyTally,
  syncChannel,
  type ChannelSyncResult,
  type CollectContext,
  type MediaTally,
} from '../collect/index.js';
import { errorMessage } from '../../util/errors.js';
import { realSleep } from '../../util/retry.js';
import type { AssignResult } from '../assign-pass.js';
import type { Job, JobQueue } from './queue.js';
import type { StoryUpkeep } from './stories.js';

export interface WorkerOptions {
  /** Names this worker in the queue (locked_by); unique per process. */
  id: string;
  /** How long a claimed job stays this worker's without a renewal; renewed every third of it. @default 60_000 */
  leaseMs?: number;
  /** Wait when there is no job, and between two scheduling rounds. @default 5_000 */
  pollMs?: number;
  /** Run the scheduler too (one scheduling worker at a time; the queue's lock decides). @default true */
  schedule?: boolean;
  /** Only schedule, never take jobs (a `--schedule-only` role). @default false */
  scheduleOnly?: boolean;
  /** A channel is synced again this long after its last job finished. @default 900_000 */
  everyMs?: number;
  /** A job whose lease ran out this many times is given up. @default 5 */
  maxAttempts?: number;
  /** A job that threw (the database failed, not t.me: sync records those itself) runs again after this. @default 60_000 */
  retryMs?: number;
  /** Exit once every followed channel's job is done (batch runs, tests). @default false */
  untilIdle?: boolean;
  /** Stops after the page being read; the job goes back to the queue at once. */
  signal?: AbortSignal;
  /** Backfill bounds of a channel (from its follow depth). */
  depthOf?: (channel: string) => Promise<{ since?: string; minId?: number }>;
  /** Keeps stories current: marked stale after new posts or edits, rebuilt by one worker at a time. */
  stories?: StoryUpkeep;
  /** How often a scheduling worker looks whether stories need a rebuild. @default 60_000 */
  storiesEveryMs?: number;
  /** The media collector of ctx (its running totals): each done job says what it kept and what failed. @default none */
  media?: { readonly totals: MediaTally } | null;
  onEvent?: (event: WorkerEvent) => void;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type WorkerEvent =
  | { type: 'scheduled'; channels: string[] }
  | { type: 'claimed'; job: Job }
  /** `media`: this job's media (kept, failed, …), null when the worker keeps none. */
  | { type: 'done'; job: Job; result: ChannelSyncResult; media: MediaTally | null }
  /** The lease ran out (this worker was too slow) and another worker took the job: this one stopped it. */
  | { type: 'lost'; job: Job }
  | { type: 'released'; job: Job; error: string | null }
  | { type: 'stories'; result: AssignResult }
  | { type: 'stories-failed'; error: string }
  | { type: 'idle' };

export interface WorkerSummary {
  jobs: number;
  ok: number;
  errors: number;
  lost: number;
  released: number;
  /** Media of the jobs done, when the worker keeps media. */
  media?: MediaTally;
}

export async function runWorker(
  ctx: CollectContext,
  queue: JobQueue,
  options: WorkerOptions,
): Promise<WorkerSummary> {
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 5_000;
  const scheduling = options.schedule ?? true;
  const everyMs = options.everyMs ?? 900_000;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryMs = options.retryMs ?? 60_000;
  const sleep = options.sleep ?? realSleep;
  const stop = options.signal;
  const emit = (e: WorkerEvent) => options.onEvent?.(e);
  const summary: WorkerSummary = {
    jobs: 0,
    ok: 0,
    errors: 0,
    lost: 0,
    released: 0,
    ...(options.media ? { media: emptyTally() } : {}),
  };
  let lastSchedule = -Infinity;
  let lastStories = Date.now();
  const storiesEveryMs = options.storiesEveryMs ?? 60_000;

  // A failed rebuild is reported and tried again next round: collection goes on.
  const refreshStories = async () => {
    if (!options.stories) return;
    lastStories = Date.now();
    try {
      const r = await queue.exclusive('stories', () => options.stories!.refresh());
      if (r.ran && r.value) emit({ type: 'stories', result: r.value });
    } catch (e) {
      emit({ type: 'stories-failed', error: errorMessage(e) });
    }
  };

  const nap = async (ms: number) => {
    try {
      await sleep(ms, stop);
    } catch {
      // stopped while idle
    }
  };

  while (!stop?.aborted) {
    if (scheduling && Date.now() - lastSchedule >= pollMs) {
      lastSchedule = Date.now();
      const queued = await queue.schedule({ everyMs, maxAttempts });
      if (queued && queued.length) emit({ type: 'scheduled', channels: queued });
      if (Date.now() - lastStories >= storiesEveryMs) await refreshStories();
    }
    const job = options.scheduleOnly ? null : await queue.claim(options.id, leaseMs);
    if (!job) {
      if (options.untilIdle) {
        const c = await queue.counts();
        if (c.queued + c.running + c.unscheduled === 0) {
          // Every job is complete, so every worker's "changed" mark is in: the stories end current.
          await refreshStories();
          emit({ type: 'idle' });
          break;
        }
      }
      // Idle workers poll often enough to take over a dead worker's job soon after its lease runs out.
      await nap(options.untilIdle ? Math.min(pollMs, leaseMs / 4) : pollMs);
      continue;
    }
    summary.jobs++;
    emit({ type: 'claimed', job });
    await runJob(job);
  }
  return summary;

  async function runJob(job: Job): Promise<void> {
    const lostLease = new AbortController();
    const signal = stop ? AbortSignal.any([stop, lostLease.signal]) : lostLease.signal;
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      queue
        .renew(job, options.id, leaseMs)
        .then((mine) => {
          if (!mine) lostLease.abort(new Error(`lease of ${job.channel} lost`));
        })
        // A failed renewal is retried at the next tick; the lease is three ticks long.
        .catch(() => {})
        .finally(() => (renewing = false));
    }, leaseMs / 3);
    try {
      const depth = (await options.depthOf?.(job.channel)) ?? {};
      // One job at a time per worker: what the totals grew by during it is this job's.
      const before = options.media ? { ...options.media.totals } : null;
      const result = await syncChannel(ctx, job.channel, { ...depth, signal });
      if (lostLease.signal.aborted) {
        summary.lost++;
        emit({ type: 'lost', job });
      } else if (result.aborted) {
        // Stopping: the pages read are saved; another worker continues from the saved state.
        await queue.release(job, options.id, 0, null);
        summary.released++;
        emit({ type: 'released', job, error: null });
      } else {
        // Marked before the job completes, so that a queue seen idle has every mark.
        if (result.newPosts > 0) await options.stories?.changed();
        const mine = await queue.complete(job, options.id, result.status, result.error ?? null);
        if (!mine) {
          summary.lost++;
          emit({ type: 'lost', job });
        } else {
          if (result.status === 'error') summary.errors++;
          else summary.ok++;
          const media = before && options.media ? since(before, options.media.totals) : null;
          if (media && summary.media) addTally(summary.media, media);
          emit({ type: 'done', job, result, media });
        }
      }
    } catch (e) {
      const error = errorMessage(e);
      await queue.release(job, options.id, retryMs, error).catch(() => false);
      summary.released++;
      emit({ type: 'released', job, error });
    } finally {
      clearInterval(timer);
    }
  }
}

/** What `now` added to `before`. */
function since(before: MediaTally, now: MediaTally): MediaTally {
  return {
    kept: now.kept - before.kept,
    reused: now.reused - before.reused,
    skipped: now.skipped - before.skipped,
    failed: now.failed - before.failed,
    bytes: now.bytes - before.bytes,
  };
}
