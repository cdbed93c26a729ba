// The entry of a read pool's worker thread (read-pool.ts starts it; read-worker.ts does the work).
import { parentPort, workerData } from 'node:worker_threads';
import { serveSearches, type WorkerInit } from './read-worker.js';

if (!parentPort) throw new Error('search-worker.ts runs in a worker thread started by the read pool');
serveSearches(parentPort, workerData as WorkerInit);
