// The entry of the worker that merges an archive's full-text index (index-merge.ts starts it).
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { errorMessage } from '../../util/errors.js';
import { mergeStep, segmentPages, worthMerging, type MergeJob, type MergeReport } from './index-segments.js';

if (!parentPort) throw new Error('merge-worker.ts runs in a worker thread started by index-merge.ts');
const port = parentPort;
const job = workerData as MergeJob;
let stopping = false;
port.on('message', (m) => {
  if (m === 'stop') stopping = true;
});

async function run(): Promise<MergeReport> {
  const t0 = performance.now();
  const db = new Database(job.path);
  try {
    // This thread may wait: a writer that holds the lock (an import's batch) is waited for, the event loop is not.
    db.pragma('busy_timeout = 10000');
    const pages = segmentPages(db);
    let steps = 0;
    if (worthMerging(pages, job)) {
      while (!stopping && mergeStep(db, job.pages, steps === 0)) {
        steps++;
        await sleep(job.pauseMs);
      }
    }
    const seconds = Number(((performance.now() - t0) / 1000).toFixed(1));
    return {
      segmentsBefore: pages.length,
      segmentsAfter: segmentPages(db).length,
      steps,
      stopped: stopping,
      seconds,
    };
  } finally {
    db.close();
  }
}

run().then(
  (report) => port.postMessage(report),
  (e: unknown) => port.postMessage({ error: errorMessage(e) }),
);
