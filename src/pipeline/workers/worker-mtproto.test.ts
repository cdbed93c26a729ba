import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { SessionLockedError } from '../../collectors/mtproto/session.js';
import type { HttpClient } from '../../util/http.js';
import { initialSyncState } from '../collect/state.js';
import type { ChannelSyncResult, CollectContext } from '../collect/sync.js';
import type { Job, JobQueue } from './queue.js';
import { runWorker } from './worker.js';

/** A queue holding one job for `channel`, recording what the worker did with it. */
function oneJob(channel: string) {
  let queued = true;
  const log: string[] = [];
  const queue: JobQueue = {
    schedule: async () => null,
    claim: async () => (queued ? ((queued = false), { channel, attempt: 1 } satisfies Job) : null),
    renew: async () => true,
    complete: async (_j, _w, status) => (log.push(`complete ${status}`), true),
    release: async (_j, _w, retryInMs, error) => (log.push(`release ${retryInMs} ${error}`), true),
    counts: async () => ({ queued: 0, running: 0, done: 0, unscheduled: 0 }),
    exclusive: async (_n, fn) => ({ ran: true, value: await fn() }),
  };
  return { queue, log };
}

test('a worker without the account hands an MTProto job back; the one holding it completes it', async (t) => {
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  await store.follow('wire', null);
  await store.saveSyncState('wire', { ...initialSyncState(), via: 'mtproto' });
  const http = { get: () => Promise.reject(new Error('t.me must not be asked')) } as unknown as HttpClient;
  const run = (mtproto: CollectContext['mtproto'], queue: JobQueue) =>
    runWorker({ store, http, mtproto }, queue, { id: 'w', untilIdle: true, schedule: false, retryMs: 5000 });

  const other = oneJob('wire');
  await run(() => Promise.reject(new SessionLockedError('/data/telegram.session', 4242)), other.queue);
  assert.equal(other.log.length, 1);
  assert.match(other.log[0]!, /^release 5000 .*in use by process 4242/);

  const holder = oneJob('wire');
  const ok: ChannelSyncResult = {
    channel: 'wire',
    status: 'ok',
    newPosts: 3,
    edits: 0,
    deletions: 0,
    pages: 1,
  };
  await run(async () => ok, holder.queue);
  assert.deepEqual(holder.log, ['complete ok']);
});
