import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { FetchError } from './errors.js';
import { createPacer } from './pace.js';

/** A fake monotonic clock whose sleep advances time. */
function fakeClock() {
  let t = 1000;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}

test('pacer spaces requests to one host by the interval plus jitter', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 1000, jitterMs: 200, random: () => 0.5, ...clock });
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const release = await pacer.wait('t.me');
    starts.push(clock.now());
    release();
  }
  assert.deepEqual(starts, [1000, 2100, 3200]);
});

test('pacer keeps hosts independent and ignores host case', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 500, jitterMs: 0, ...clock });
  const release = await pacer.wait('t.me');
  await pacer.wait('example.org');
  assert.equal(clock.now(), 1000, 'a second host does not wait for the first');
  release();
  await pacer.wait('T.ME');
  assert.equal(clock.now(), 1500);
});

test('pacer does not wait when the interval has already passed', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 100, jitterMs: 0, ...clock });
  (await pacer.wait('t.me'))();
  await clock.sleep(5000);
  const before = clock.now();
  await pacer.wait('t.me');
  assert.equal(clock.now(), before);
});

test('concurrent callers run one at a time, an interval after the previous one ended (real clock)', async () => {
  const pacer = createPacer({ intervalMs: 20, jitterMs: 5 });
  const spans: { start: number; end: number }[] = [];
  await Promise.all(
    Array.from({ length: 5 }, async () => {
      const release = await pacer.wait('t.me');
      const start = performance.now();
      await new Promise((r) => setTimeout(r, 5)); // the request
      spans.push({ start, end: performance.now() });
      release();
    }),
  );
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const gap = spans[i]!.start - spans[i - 1]!.end;
    assert.ok(gap >= 20, `gap ${gap} ms after the previous request ended is under 20 ms`);
  }
});

test('a caller that gives up its turn does not let the next one overtake the running request', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 100, jitterMs: 0, ...clock });
  const first = await pacer.wait('t.me');
  const ac = new AbortController();
  const second = pacer.wait('t.me', ac.signal);
  let thirdStarted = false;
  const third = pacer.wait('t.me').then((r) => {
    thirdStarted = true;
    return r;
  });
  ac.abort();
  await assert.rejects(second);
  await new Promise((r) => setImmediate(r));
  assert.equal(thirdStarted, false, 'the third waits for the first request to end');
  first();
  (await third)();
  assert.equal(clock.now(), 1100);
});

test('interval 0 disables pacing', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 0, ...clock });
  for (let i = 0; i < 5; i++) await pacer.wait('t.me');
  assert.equal(clock.now(), 1000);
});

test('an aborted wait rejects', async () => {
  const pacer = createPacer({ intervalMs: 10_000, jitterMs: 0 });
  (await pacer.wait('t.me'))();
  const ac = new AbortController();
  const p = pacer.wait('t.me', ac.signal);
  ac.abort();
  await assert.rejects(p, (e: unknown) => (e as Error).name === 'AbortError');
});

test('a pacer leaves no abort listener behind on a long-lived signal', async () => {
  const clock = fakeClock();
  const pacer = createPacer({ intervalMs: 10, jitterMs: 0, ...clock });
  const stop = new AbortController();
  for (let i = 0; i < 30; i++) (await pacer.wait('t.me', stop.signal))();
  assert.equal(getEventListeners(stop.signal, 'abort').length, 0);
});

for (const intervalMs of [0, 1000])
  test(`a host's pause is waited out when short and refused at once when long (interval ${intervalMs} ms)`, async () => {
    const clock = fakeClock();
    const pacer = createPacer({ intervalMs, jitterMs: 0, holdLimitMs: 60_000, ...clock });
    pacer.holdOff!('t.me', 30_000);
    const start = clock.now();
    (await pacer.wait('T.ME'))();
    assert.ok(clock.now() - start >= 30_000, `waited ${clock.now() - start} ms`);
    (await pacer.wait('example.org'))();

    pacer.holdOff!('t.me', 3_600_000);
    const at = clock.now();
    await assert.rejects(pacer.wait('t.me'), (e: unknown) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.status, 429);
      assert.ok(e.retryAfterMs! > 3_500_000);
      assert.match(e.message, /pause until/);
      return true;
    });
    assert.equal(clock.now(), at, 'nothing waited');
    // Other hosts are not held.
    (await pacer.wait('example.org'))();
  });
