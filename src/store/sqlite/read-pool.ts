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

function startWorker(url: URL, workerData: WorkerInit): Worker {
  // The process's own flags are not the worker's: `--input-type` (node -e) makes a worker refuse to start.
  const options = { workerData, execArgv: [] };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  return new Worker(TS_WORKER, { ...options, argv: [url.href] });
}

class PoolWorker {
  readonly pending = new Map<number, { resolve(r: SearchResult): void; reject(e: Error): void }>();
  answered = 0;
  failure: string | null = null;
  private idle: (() => void) | null = null;

  constructor(readonly worker: Worker) {}

  settle(id: number): { resolve(r: SearchResult): void; reject(e: Error): void } | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) {
      this.worker.unref();
      this.idle?.();
    }
    return p;
  }

  /** Resolves once every search sent to it has its answer. */
  drained(): Promise<void> {
    return this.pending.size === 0 ? Promise.resolve() : new Promise((r) => (this.idle = r));
  }
}

/**
 * Worker threads that each search the archive file on a read-only connection; a search goes to the worker with the
 * fewest searches waiting. They start with the first search; a worker that dies fails the searches it held, with an
 * error that says so, and is replaced.
 */
export class ReadPool {
  private readonly slots: (PoolWorker | null)[];
  private turn = 0;
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly options: ReadPoolOptions,
  ) {
    this.slots = Array.from({ length: Math.max(1, options.workers) }, () => null);
  }

  /** Throws what SqliteSearch on the main thread throws (QuerySyntaxError, StoreError, ArchiveBusyError). */
  search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    if (this.closed) return Promise.reject(new StoreError('search: the archive is closed'));
    const w = this.pick();
    const id = this.nextId++;
    const answer = new Promise<SearchResult>((resolve, reject) => w.pending.set(id, { resolve, reject }));
    if (w.pending.size === 1) w.worker.ref();
    try {
      w.worker.postMessage({ id, text, options } satisfies SearchRequest);
    } catch (e) {
      w.settle(id)?.reject(new StoreError(`search: ${errorMessage(e)}`, { cause: e }));
    }
    return answer;
  }

  /** Lets the searches already sent finish, then stops every worker. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.slots.filter((w): w is PoolWorker => w !== null);
    this.slots.fill(null);
    await Promise.all(workers.map((w) => w.drained()));
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private pick(): PoolWorker {
    let best: PoolWorker | null = null;
    const n = this.slots.length;
    for (let k = 0; k < n; k++) {
      const i = (this.turn + k) % n;
      const w = (this.slots[i] ??= this.spawn(i));
      if (!best || w.pending.size < best.pending.size) best = w;
    }
    this.turn = (this.turn + 1) % n;
    return best!;
  }

  private spawn(slot: number): PoolWorker {
    const w = new PoolWorker(startWorker(this.options.workerUrl ?? WORKER_URL, { path: this.path }));
    w.worker.on('message', (a: SearchAnswer) => {
      const p = w.settle(a.id);
      w.answered++;
      if ('result' in a) p?.resolve(a.result);
      else p?.reject(errorFromWire(a.error));
    });
    w.worker.on('error', (e) => (w.failure = errorMessage(e)));
    w.worker.on('exit', (code) => this.exited(slot, w, code));
    // An idle worker does not keep the process alive (a command that forgets close() still exits), a busy one does.
    // After the listeners: adding one refs the worker again.
    w.worker.unref();
    return w;
  }

  private exited(slot: number, w: PoolWorker, code: number): void {
    if (this.slots[slot] === w) this.slots[slot] = null;
    const why = w.failure ?? `exit code ${code}`;
    for (const id of [...w.pending.keys()])
      w.settle(id)?.reject(
        new StoreError(`search: the search worker stopped (${why}) before it answered; try the search again`),
      );
    // A worker that has answered before is replaced at once; one that never did (it cannot start) is tried again by
    // the next search only, not in a loop.
    if (!this.closed && w.answered > 0 && this.slots[slot] === null) this.slots[slot] = this.spawn(slot);
  }
}
