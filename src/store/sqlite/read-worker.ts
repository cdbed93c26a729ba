// What a read pool's worker thread does: searches on its own read-only connection to the archive file, and the
// messages it exchanges with the pool (read-pool.ts).
import Database from 'better-sqlite3';
import { QuerySyntaxError } from '../../search/parse.js';
import { ArchiveBusyError, StoreError, UserError, errorMessage } from '../../util/errors.js';
import type { SearchOptions, SearchResult } from '../store.js';
import { wrapStoreError } from '../shared.js';
import { addSqlFunctions } from './connection.js';
import { Searcher } from './searcher.js';

export interface WorkerInit {
  /** The archive file (never in-memory: a worker cannot see another connection's memory database). */
  path: string;
}

export interface SearchRequest {
  id: number;
  text: string;
  options: SearchOptions;
}

/** An error as it crosses threads: structured clone keeps only Error's own class, not UserError's or ours. */
export interface WireError {
  name: string;
  message: string;
  /** QuerySyntaxError */
  kind?: string;
  offset?: number;
  /** ArchiveBusyError */
  retryAfterS?: number;
}

export type SearchAnswer = { id: number; result: SearchResult } | { id: number; error: WireError };

/** The part of a MessagePort the worker uses (a test wraps it to make a worker fail on purpose). */
export interface RequestPort {
  on(event: 'message', listener: (request: SearchRequest) => void): unknown;
  postMessage(answer: SearchAnswer): void;
}

/**
 * A reader blocks only its own worker while another connection holds a lock SQLite makes readers wait for (WAL
 * recovery, a checkpoint resetting the log), so it may wait longer than the main thread's statements do.
 */
const READER_BUSY_MS = 2000;

/**
 * Pages a reader keeps between searches, in KiB (SQLite's default is 2 MiB). Searches share the long index entries
 * of common words, which a worker then reads from its cache instead of the file: on a 1M-post archive a worker's
 * newest-first p99 fell by a fifth to a third (BENCHMARKS.md). Filled only as pages are read, so a small archive
 * costs what it reads.
 */
const READER_CACHE_KIB = 128 * 1024;

function openReader(path: string): Searcher {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('mmap_size = 268435456');
    db.pragma(`cache_size = -${READER_CACHE_KIB}`);
    db.pragma(`busy_timeout = ${READER_BUSY_MS}`);
    addSqlFunctions(db);
    // data_version changes when another connection commits: the store's writes invalidate this worker's cache.
    const dataVersion = db.prepare('PRAGMA data_version').pluck();
    return new Searcher(db, () => String(dataVersion.get()));
  } catch (e) {
    db.close();
    throw e;
  }
}

export function errorToWire(e: unknown): WireError {
  if (e instanceof QuerySyntaxError)
    return { name: e.name, message: e.message, kind: e.kind, offset: e.offset };
  if (e instanceof ArchiveBusyError) return { name: e.name, message: e.message, retryAfterS: e.retryAfterS };
  if (e instanceof UserError) return { name: 'UserError', message: e.message };
  return { name: 'StoreError', message: errorMessage(e) };
}

/** The error the main thread would have thrown for the same search. */
export function errorFromWire(w: WireError): Error {
  if (w.name === 'QuerySyntaxError' && w.kind !== undefined && w.offset !== undefined)
    return new QuerySyntaxError(w.kind, w.offset);
  if (w.name === 'ArchiveBusyError') return new ArchiveBusyError(w.retryAfterS);
  if (w.name === 'UserError') return new UserError(w.message);
  return new StoreError(w.message);
}

/**
 * Answers search requests one at a time. The connection is opened at once, so the first search does not wait for it;
 * when that fails, each request tries again and is answered with the error.
 */
export function serveSearches(port: RequestPort, init: WorkerInit): void {
  let searcher: Searcher | null = null;
  try {
    searcher = openReader(init.path);
  } catch {
    // The first request opens it again and answers with the error.
  }
  port.on('message', ({ id, text, options }) => {
    try {
      searcher ??= openReader(init.path);
      port.postMessage({ id, result: searcher.search(text, options) });
    } catch (e) {
      // Wrapped as the store's own connection wraps it (SqliteConnection.read).
      port.postMessage({ id, error: errorToWire(wrapStoreError(e, 'search')) });
    }
  });
}
