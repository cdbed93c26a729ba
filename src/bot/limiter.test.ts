// The default limits (20 a minute, 1 a second per chat) on a fake clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHAT_LIMIT, Limiter, waitBeforeNext, type Clock } from './limiter.js';

function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

test('waitBeforeNext applies the gap and the window', () => {
  const cases: [number[], number, number][] = [
    [[], 0, 0],
    [[0], 500, 500],
    [[0], 1000, 0],
    [Array.from({ length: 20 }, (_, i) => i * 1000), 19_500, 40_500],
    [Array.from({ length: 20 }, (_, i) => i * 1000), 60_000, 0],
  ];
  for (const [sent, now, want] of cases)
    assert.equal(waitBeforeNext(sent, now, DEFAULT_CHAT_LIMIT), want, `${now}`);
});

test('with the default config, 60 messages take 3 windows: 20 a minute, at least 1 s apart', async () => {
  const clock = fakeClock();
  const limiter = new Limiter(DEFAULT_CHAT_LIMIT, clock);
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const done = await limiter.take();
    times.push(clock.t);
    done();
  }
  for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 1000);
  for (let i = 20; i < times.length; i++) assert.ok(times[i]! - times[i - 20]! >= 60_000);
  assert.deepEqual(times.slice(0, 3), [0, 1000, 2000]);
  assert.equal(times[20], 60_000);
  assert.equal(times[40], 120_000);
});

test('a limiter seeded with past sends keeps the budget across a restart', async () => {
  const clock = fakeClock();
  clock.t = 30_000;
  const limiter = new Limiter(DEFAULT_CHAT_LIMIT, clock);
  limiter.seed(Array.from({ length: 20 }, (_, i) => 10_000 + i * 1000));
  await limiter.take();
  assert.equal(clock.t, 70_000);
});

test('a message counts from when its request was answered', async () => {
  const clock = fakeClock();
  const limiter = new Limiter({ perWindow: 1, windowMs: 100, minIntervalMs: 0 }, clock);
  const done = await limiter.take();
  clock.t = 40; // the request took 40 ms
  done();
  await limiter.take();
  assert.equal(clock.t, 140);
});
