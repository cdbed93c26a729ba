// The full-text index merged into one segment, in a worker thread. FTS5 writes each batch of posts as a new segment
// and merges segments by levels, so at a million posts a word's list is spread over about fifteen segments and every
// search reads each of them: merged into one, the newest-first p99 of the 1M benchmark fell from 26 to 12 ms
// (BENCHMARKS.md). A pass rewrites the whole index, in steps with pauses between them so that other writers (the
// collector, an import) get the writer lock; it runs in a worker because a step blocks its thread (the first one
// for most of a second at 1M).
import Database from 'better-sqlite3';
import { StoreError } from '../../util/errors.js';
import { superviseEvery, type Supervised } from '../../util/supervise.js';
import { segmentPages, worthMerging, type MergeJob, type MergeReport } from './index-segments.js';
import { startWorker } from './read-pool.js';

export interface MergeOptions {
  /** Index pages merged per step: one step holds the writer lock for about this many page writes. @default 200 */
  pages?: number;
  /** Pause between steps, for other writers. @default 20 */
  pauseMs?: number;
  /** Segments from which a pass is worth its cost (fewer: nothing is done). @default 2 */
  minSegments?: number;
  /**
   * Share of the index's pages outside its largest segment from which a pass is worth its cost: the small segments
   * new posts make cost searches little, and a pass rewrites everything (at 20,000 posts a day, a 10M-post archive
   * reaches 10% in about seven weeks, a 1M-post one in five days). @default 0.1
   */
  minOutside?: number;
  /** Index pages (4 kB each) from which a pass is worth its cost: a small index is read quickly anyway. @default 10000 */
  minPages?: number;
  /** Stops the pass between two steps; what was merged stays merged (each step commits a consistent index). */
  signal?: AbortSignal;
}

function jobOf(path: string, options: MergeOptions): MergeJob {
  return {
    path,
    pages: options.pages ?? 200,
    pauseMs: options.pauseMs ?? 20,
    minSegments: options.minSegments ?? 2,
    minOutside: options.minOutside ?? 0.1,
    minPages: options.minPages ?? 10_000,
  };
}

/**
 * Whether the archive file's index is worth a pass (MergeOptions), read on a connection of its own: a quick look
 * that spares starting a worker when it is not (a small import into an archive).
 */
export function searchIndexWorthMerging(path: string, options: MergeOptions = {}): boolean {
  const db = new Database(path, { readonly: true });
  try {
    return worthMerging(segmentPages(db), jobOf(path, options));
  } finally {
    db.close();
  }
}

/** The entry beside this module: merge-worker.js once compiled (dist/), merge-worker.ts under tsx. */
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './merge-worker.ts' : './merge-worker.js',
  import.meta.url,
);

/** Merges the full-text index of the archive file at `path` in a worker thread; resolves with what it did. */
export async function mergeSearchIndex(path: string, options: MergeOptions = {}): Promise<MergeReport> {
  if (path === ':memory:' || path === '')
    throw new StoreError('an in-memory archive has no file to merge in a worker');
  const job = jobOf(path, options);
  const worker = startWorker(WORKER_URL, job);
  const stop = () => worker.postMessage('stop');
  options.signal?.addEventListener('abort', stop, { once: true });
  if (options.signal?.aborted) stop();
  try {
    // The worker answers once; a worker that dies first (an error thrown outside its loop, out of memory) ends
    // the wait with an error, not never.
    const answer = await new Promise<MergeReport | { error: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new StoreError(`the merge worker exited (code ${code}) before answering`)),
      );
    });
    if ('error' in answer) throw new StoreError(`merging the search index: ${answer.error}`);
    return answer;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    await worker.terminate();
  }
}

export interface UpkeepOptions extends Omit<MergeOptions, 'signal'> {
  signal: AbortSignal;
  /** Before the first pass, so that it does not compete with start-up work. @default 60000 */
  firstDelayMs?: number;
  /**
   * Between looks. A pass rewrites the whole index (about 17 s at a million posts, its pauses included), while the
   * segments new posts make are small and merged by FTS5 itself as they come: a look a day is enough, and most find
   * nothing worth a pass (MergeOptions). @default 86400000
   */
  everyMs?: number;
  /** One line per pass. @default console.error */
  log?: (line: string) => void;
}

/** Passes of mergeSearchIndex until the signal, under the supervisor (a failed pass is retried after a back-off). */
export function keepSearchIndexMerged(path: string, options: UpkeepOptions): Supervised {
  const log = options.log ?? ((line: string) => console.error(line));
  const { signal } = options;
  return superviseEvery(
    async () => {
      const r = await mergeSearchIndex(path, { ...options, signal });
      log(
        `search-index event=${r.steps > 0 ? 'merged' : 'checked'} segments_before=${r.segmentsBefore} segments_after=${r.segmentsAfter} steps=${r.steps} seconds=${r.seconds}${r.stopped ? ' stopped=true' : ''}`,
      );
    },
    {
      name: 'search index',
      signal,
      log,
      firstDelayMs: options.firstDelayMs ?? 60_000,
      everyMs: options.everyMs ?? 86_400_000,
    },
  );
}
