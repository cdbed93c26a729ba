import { test } from 'node:test';
import assert from 'node:assert/strict';
import { supervise, type TaskStatus } from './supervise.js';

/** A fake sleep that records the waits and returns at once (or when the signal aborts). */
function fakeSleep() {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
      await new Promise((r) => setImmediate(r));
    },
  };
}

test('a failing task is retried with the exponential back-off until it goes well; healthy() resets the count', async () => {
  const stop = new AbortController();
  const { waits, sleep } = fakeSleep();
  const logs: string[] = [];
  let attempts = 0;
  const statuses: TaskStatus[] = [];
  const s = supervise(
    async ({ signal, healthy }) => {
      attempts++;
      if (attempts <= 3) throw new Error(`database is locked (${attempts})`);
      healthy();
      statuses.push({ ...s.status });
      stop.abort();
      await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r())));
    },
    {
      name: 'collector',
      signal: stop.signal,
      backoff: { baseDelayMs: 100, maxDelayMs: 250, jitter: 0 },
      log: (l) => logs.push(l),
      sleep,
    },
  );
  await s.done;
  assert.equal(attempts, 4);
  assert.deepEqual(waits, [100, 200, 250]);
  assert.equal(statuses[0]?.state, 'running');
  assert.equal(statuses[0]?.failures, 0);
  assert.match(statuses[0]?.lastError ?? '', /database is locked \(3\)/, 'the last failure stays visible');
  assert.equal(s.status.state, 'stopped');
  assert.equal(
    logs[0],
    'supervisor task=collector event=error failures=1 retry_in_ms=100 error="database is locked (1)"',
  );
  assert.equal(logs.at(-1), 'supervisor task=collector event=recovered after_failures=3');
});

test('a failure that cannot be recorded yet is recorded before the next attempt', async () => {
  const stop = new AbortController();
  const { sleep } = fakeSleep();
  let storeUp = false;
  const recorded: string[] = [];
  let attempts = 0;
  const s = supervise(
    async () => {
      attempts++;
      if (attempts === 1) throw new Error('page refused');
      if (attempts === 2) {
        storeUp = true;
        throw new Error('still refused');
      }
      stop.abort();
    },
    {
      name: 'collector',
      signal: stop.signal,
      sleep,
      log: () => {},
      record: (e) => {
        if (!storeUp) throw new Error('database is locked');
        recorded.push((e as Error).message);
      },
    },
  );
  await s.done;
  assert.deepEqual(recorded, ['still refused'], 'the latest failure, once the store takes it');
});

test('the status says retrying, with the failure count and the time of the next attempt', async () => {
  const stop = new AbortController();
  let seen: TaskStatus | null = null;
  const s = supervise(
    async () => {
      throw new Error('boom');
    },
    {
      name: 'publisher',
      signal: stop.signal,
      backoff: { baseDelayMs: 1000, jitter: 0 },
      now: () => new Date('2026-01-01T00:00:00Z'),
      log: () => {},
      sleep: async () => {
        seen = { ...s.status };
        stop.abort();
      },
    },
  );
  await s.done;
  assert.deepEqual(seen, {
    name: 'publisher',
    state: 'retrying',
    failures: 1,
    lastError: 'boom',
    lastErrorAt: '2026-01-01T00:00:00.000Z',
    nextAttemptAt: '2026-01-01T00:00:01.000Z',
  });
});

test('only a fatal failure ends the task before the shutdown: done rejects with it', async () => {
  const stop = new AbortController();
  class TokenRefused extends Error {}
  const s = supervise(
    async () => {
      throw new TokenRefused('401 Unauthorized');
    },
    { name: 'publisher', signal: stop.signal, fatal: (e) => e instanceof TokenRefused, log: () => {} },
  );
  await assert.rejects(s.done, TokenRefused);
  assert.equal(s.status.state, 'stopped');
});
