// The recent index's upkeep loop (recent-upkeep.ts): a look at once when asked, a line for what changed, none for a
// look that kept the index, a failed look retried, and a stop that stops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepRecentIndex } from './recent-upkeep.js';
import type { RecentIndexReport } from './recent-index.js';

test('the upkeep loop logs builds and drops, retries a failed look, and stops', async () => {
  const reports: (RecentIndexReport | Error)[] = [
    { action: 'built', from: '2024-01-07T05:59:00.000Z', posts: 1000, seconds: 1.5 },
    new Error('server gone'),
    { action: 'kept', from: '2024-01-07T05:59:00.000Z', posts: 1200, seconds: 0 },
    { action: 'dropped', from: null, posts: 0, seconds: 0.1 },
  ];
  let looks = 0;
  const stop = new AbortController();
  const lines: string[] = [];
  const task = keepRecentIndex(
    () => {
      const r = reports[looks++];
      if (r === undefined) {
        stop.abort();
        return Promise.resolve({ action: 'kept', from: null, posts: 0, seconds: 0 });
      }
      return r instanceof Error ? Promise.reject(r) : Promise.resolve(r);
    },
    { signal: stop.signal, firstDelayMs: 0, everyMs: 0, log: (l) => lines.push(l) },
  );
  for (let i = 0; i < 400 && !stop.signal.aborted; i++) await new Promise((r) => setTimeout(r, 25));
  stop.abort();
  await task.done;
  const events = lines.filter((l) => l.startsWith('recent-index'));
  assert.deepEqual(events, [
    'recent-index event=built from=2024-01-07T05:59:00.000Z posts=1000 seconds=1.5',
    'recent-index event=dropped from=- posts=0 seconds=0.1',
  ]);
  assert.ok(
    lines.some((l) => l.includes('server gone')),
    lines.join('\n'),
  );
  assert.equal(looks, 5);
  assert.equal(task.status.state, 'stopped');
  // /channels lists background work by this name: one an admin reads, not the code's "recent index".
  assert.equal(task.status.name, 'newest-posts index');
});
