// Searches of a SQLite archive off the main thread: a few worker threads, each with its own read-only connection, so
// concurrent searches use more than one core and the event loop stays free for the web app's other requests.
import { Worker } from 'node:worker_threads';
import { StoreError, errorMessage } from '../../util/errors.js';
import type { SearchOptions, SearchResult } from '../store.js';
import { errorFromWire, type SearchAnswer, type SearchRequest, type WorkerInit } from './read-worker.js';

export interface ReadPoolOptions {
  /** Worker threads, each with one connection running one search at a time. */
  workers: number;
  /** The worker's entry module. @default search-worker beside this module */
  workerUrl?: URL;
}

/** The entry beside this module: search-worker.js once compiled (dist/), search-worker.ts under tsx. */
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './search-worker.ts' : './search-worker.js',
  import.meta.url,
);

/** Only when running from source: scripts/ holds the development tools, next to src/. */
const TS_WORKER = new URL('../../../scripts/ts-worker.mjs', import.meta.url);

/** A worker thread on `url`, compiled or (under tsx) TypeScript. */
export function startWorker(url: URL, workerData: unknown): Worker {
  // The process's own flags are not the worker's: `--input-type` (node -e) makes a worker refuse to start.
  const options = { workerData, execArgv: [] };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  return new Worker(TS_WORKER, { ...options, argv: [url.href] });
}

interface Job {
  text: string;
  options: SearchOptions;
  /** The worker this search prefers: the one that holds its cached ranking, if an earlier page ran there. */
  home: number;
  resolve(r: SearchResult): void;
  reject(e: Error): void;
}

interface PoolWorker {
  worker: Worker;
  /** The search it is running; the others wait in the pool's queue. */
  job: Job | null;
  answered: number;
  failure: string | null;
}

/**
 * Worker threads that each search the archive file on a read-only connection. Searches wait in one queue and go to
 * the first worker that is free: a search never waits behind a slow one while another worker is idle. The workers
 * start with warm() or the first search; one that dies fails the search it was running, with an error that says so, and is
 * replaced.
 */
export class ReadPool {
  private readonly slots: (PoolWorker | null)[];
  private readonly queue: Job[] = [];
  private turn = 0;
  private nextId = 0;
  private closed = false;
  private idle: (() => void) | null = null;

  constructor(
    private readonly path: string,
    private readonly options: ReadPoolOptions,
  ) {
    this.slots = Array.from({ length: Math.max(1, options.workers) }, () => null);
  }

  /**
   * Starts the workers not yet running, so the first searches do not wait for a thread to start and load the code
   * (about half a second each). Idle workers never keep the process alive.
   */
  warm(): void {
    if (this.closed) return;
    for (let i = 0; i < this.slots.length; i++) this.slots[i] ??= this.spawn(i);
  }

  /** Searches each worker has answered, by slot. */
  get answered(): number[] {
    return this.slots.map((w) => w?.answered ?? 0);
  }

  /**
   * Each worker caches the rankings it computed (search.ts); the pages of one search (the same words and filters,
   * another offset) go to the same worker when it is free, so the next page reads the cached ranking.
   */
  private homeOf(text: string, options: SearchOptions): number {
    const { limit: _limit, offset: _offset, ...rest } = options;
    const key = JSON.stringify([text, rest]);
    let h = 0;
    for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
    return Math.abs(h) % this.slots.length;
  }

  /** Workers running now. */
  get running(): number {
    return this.slots.filter((w) => w !== null).length;
  }

  /** Throws what SqliteSearch on the main thread throws (QuerySyntaxError, StoreError, ArchiveBusyError). */
  search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    if (this.closed) return Promise.reject(new StoreError('search: the archive is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ text, options, home: this.homeOf(text, options), resolve, reject });
      this.dispatch();
    });
  }

  /** Lets the searches already asked for finish, then stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.busy()) await new Promise<void>((r) => (this.idle = r));
    const workers = this.slots.filter((w): w is PoolWorker => w !== null);
    this.slots.fill(null);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private busy(): boolean {
    return this.queue.length > 0 || this.slots.some((w) => w?.job);
  }

  private dispatch(): void {
    while (this.queue.length) {
      const w = this.freeWorker(this.queue[0]!.home);
      if (!w) return;
      const job = this.queue.shift()!;
      w.job = job;
      w.worker.ref();
      try {
        w.worker.postMessage({
          id: this.nextId++,
          text: job.text,
          options: job.options,
        } satisfies SearchRequest);
      } catch (e) {
        this.finish(w)?.reject(new StoreError(`search: ${errorMessage(e)}`, { cause: e }));
      }
    }
    if (!this.busy()) this.idle?.();
  }

  /** The search's own worker when it is free, else the next free worker in turn, starting the missing ones. */
  private freeWorker(home: number): PoolWorker | null {
    const n = this.slots.length;
    const own = (this.slots[home] ??= this.spawn(home));
    if (!own.job) return own;
    for (let k = 0; k < n; k++) {
      const i = (this.turn + k) % n;
      const w = (this.slots[i] ??= this.spawn(i));
      if (!w.job) {
        this.turn = (i + 1) % n;
        return w;
      }
    }
    return null;
  }

  /** Takes the worker's job off it: it is free again. */
  private finish(w: PoolWorker): Job | null {
    const job = w.job;
    w.job = null;
    // An idle worker does not keep the process alive (a command that forgets close() still exits); a busy one does.
    w.worker.unref();
    return job;
  }

  private spawn(slot: number): PoolWorker {
    const w: PoolWorker = {
      worker: startWorker(this.options.workerUrl ?? WORKER_URL, { path: this.path } satisfies WorkerInit),
      job: null,
      answered: 0,
      failure: null,
    };
    w.worker.on('message', (a: SearchAnswer) => {
      const job = this.finish(w);
      w.answered++;
      if ('result' in a) job?.resolve(a.result);
      else job?.reject(errorFromWire(a.error));
      this.dispatch();
    });
    w.worker.on('error', (e) => (w.failure = errorMessage(e)));
    w.worker.on('exit', (code) => this.exited(slot, w, code));
    // After the listeners: adding one refs the worker again.
    w.worker.unref();
    return w;
  }

  private exited(slot: number, w: PoolWorker, code: number): void {
    if (this.slots[slot] === w) this.slots[slot] = null;
    const why = w.failure ?? `exit code ${code}`;
    this.finish(w)?.reject(
      new StoreError(`search: the search worker stopped (${why}) before it answered; try the search again`),
    );
    // A worker that has answered before is replaced at once; one that never did (it cannot start) is tried again
    // only when a search needs it, not in a loop.
    if (!this.closed && w.answered > 0 && this.slots[slot] === null) this.slots[slot] = this.spawn(slot);
    this.dispatch();
  }
}
