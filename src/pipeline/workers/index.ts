// Work beyond one machine: collection workers on a shared job queue, and copying an archive between stores.
export { runWorker } from './worker.js';
export type { WorkerEvent, WorkerOptions, WorkerSummary } from './worker.js';
export type { Job, JobQueue, QueueCounts, ScheduleOptions } from './queue.js';
export { storyUpkeep } from './stories.js';
export type { StoryUpkeep } from './stories.js';
export { copyArchive, copyProgressOf } from './copy-archive.js';
export type { CopyOptions, CopyResult } from './copy-archive.js';
