// Starts a worker thread on TypeScript source (tests, benchmarks; `npm start` runs compiled workers and never this):
// tsx registers its hooks in the main thread only (Node >= 20.6, tsx issue #354, still so with tsx 4.23 in 2026-11),
// so the worker registers them itself, then loads the entry module given as its first argument.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
