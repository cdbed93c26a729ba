// A search worker that fails on the query "crash!" (an uncaught error ends its thread): the read pool's tests of a
// worker that dies with searches in flight.
import { parentPort, workerData } from 'node:worker_threads';
import { serveSearches, type RequestPort, type SearchRequest, type WorkerInit } from './read-worker.js';

const port = parentPort!;
const crashing: RequestPort = {
  on: (event, listener) =>
    port.on(event, (r: SearchRequest) => {
      if (r.text === 'crash!') throw new Error('deliberate failure for the test');
      listener(r);
    }),
  postMessage: (a) => port.postMessage(a),
};
serveSearches(crashing, workerData as WorkerInit);
