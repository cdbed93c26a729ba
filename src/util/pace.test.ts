import { test } from 'node:test';
import assert from 'node:assert/strict';
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
