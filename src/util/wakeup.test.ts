import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWakeup } from './wakeup.js';

const HOUR = 3_600_000;

describe('wakeup', () => {
  it('wake() ends a sleep in progress', async () => {
    const w = createWakeup();
    const t0 = Date.now();
    const sleeping = w.sleep(HOUR);
    w.wake();
    await sleeping;
    assert.ok(Date.now() - t0 < 1000);
  });

  it('a wake-up called while awake is not lost: the next sleep returns at once, the one after waits', async () => {
    const w = createWakeup();
    w.wake();
    await w.sleep(HOUR);
    const ac = new AbortController();
    let ended = false;
    const next = w.sleep(HOUR, ac.signal).then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(ended, false);
    ac.abort();
    await next;
  });

  it('an aborted signal ends the sleep', async () => {
    const ac = new AbortController();
    ac.abort();
    await createWakeup().sleep(HOUR, ac.signal);
  });
});
