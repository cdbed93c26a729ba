// The collector as `tgwire serve` runs it, over a real SQLite archive and the fake t.me, while the store refuses
// writes for a while (as SQLite does while another process imports): it never stops, and the failure is shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config/config.js';
import { createEnricher } from '../src/pipeline/enrich.js';
import { collectInBackground, type CollectContext } from '../src/pipeline/collect/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { createHttpClient } from '../src/util/http.js';
import { createPacer } from '../src/util/pace.js';
import { createWakeup } from '../src/util/wakeup.js';
import { createApp } from '../src/web/app.js';
import { startFakeTme } from './fake-tme/index.js';

const WRITES = new Set([
  'transaction',
  'savePosts',
  'saveSyncState',
  'upsertChannel',
  'markDeleted',
  'follow',
]);

/** The store, with every write refused with SQLite's "database is locked" while `locked()` says so. */
function refusingWrites(store: Store, locked: () => boolean): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        locked() && WRITES.has(String(key))
          ? Promise.reject(new Error('database is locked'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

/** Polls `check` until it holds; false after `ms` (a bounded wait, the test then fails with its message). */
async function eventually(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

test('serve’s collector survives a store that refuses writes: it records the failure, shows it and collects again', async () => {
  const fake = await startFakeTme({
    channels: [
      { username: 'alpha', posts: 5 },
      { username: 'beta', posts: 3 },
    ],
  });
  const archive = await openSqliteStore(':memory:');
  let locked = false;
  const store = refusingWrites(archive, () => locked);
  const stop = new AbortController();
  const logs: string[] = [];
  try {
    await store.follow('alpha', null);
    await store.follow('beta', null);
    const http = createHttpClient({
      timeoutMs: 2000,
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 },
      pacer: createPacer({ intervalMs: 0, jitterMs: 0 }),
    });
    const ctx: CollectContext = { store, http, baseUrl: fake.baseUrl, enricher: await createEnricher(store) };
    const collector = collectInBackground(ctx, store, {
      signal: stop.signal,
      wakeup: createWakeup(),
      // Every channel every second, so the test sees rounds during and after the lock.
      minIntervalMs: 1000,
      maxIntervalMs: 1000,
      backoff: { baseDelayMs: 20, maxDelayMs: 200 },
      log: (line) => logs.push(line),
    });
    const app = createApp({ store, config: loadConfig({}, {}), background: () => [collector.status] });
    const api = async () =>
      (await (await app.request('/api/channels')).json()) as {
        background: { name: string; state: string; lastError: string | null; failures: number }[];
        channels: { key: string; sync: { lastError: string | null; errorCount: number } | null }[];
      };

    assert.ok(
      await eventually(async () => (await archive.countPosts({})) === 8),
      'both channels collected before the lock',
    );

    // Another process starts a long import: every write is refused.
    locked = true;
    fake.channel('alpha').addPosts(2);
    assert.ok(
      await eventually(() => collector.status.failures >= 2),
      `the collector keeps retrying during the lock: ${JSON.stringify(collector.status)}`,
    );
    // Between attempts the collector waits as 'retrying'; each attempt runs as 'running'. On a busy machine a
    // single look can land inside an attempt, so the API is read until it shows a wait.
    let during = await api();
    assert.ok(
      await eventually(async () => {
        during = await api();
        return during.background[0]?.state === 'retrying';
      }),
      `the API shows the collector waiting to retry: ${JSON.stringify(during.background)}`,
    );
    assert.equal(during.background[0]?.name, 'collector');
    assert.match(during.background[0]?.lastError ?? '', /database is locked/);
    let page = '';
    assert.ok(
      await eventually(async () => {
        page = await (await app.request('/channels')).text();
        return /The collector failed \d+ times in a row/.test(page);
      }),
      page,
    );
    assert.match(page, /database is locked/);
    assert.ok(
      logs.some((l) =>
        /^supervisor task=collector event=error failures=\d+ retry_in_ms=\d+ error=".*database is locked/.test(
          l,
        ),
      ),
      logs.join('\n'),
    );

    // The import ends: the collector is collecting again, without a restart of anything.
    locked = false;
    fake.channel('beta').addPosts(2);
    assert.ok(
      await eventually(async () => (await archive.countPosts({ channel: 'beta' })) === 5),
      `beta collected again after the lock: ${JSON.stringify(collector.status)}\n${logs.join('\n')}`,
    );
    assert.equal(collector.status.state, 'running');
    assert.equal(collector.status.failures, 0);
    assert.match(collector.status.lastError ?? '', /database is locked/, 'the past failure stays visible');

    // The failure is recorded on the channel that hit it, where `channels list` and the pages look.
    const after = await api();
    const failed = after.channels.find((c) => c.sync?.lastError);
    assert.ok(failed, JSON.stringify(after.channels));
    assert.match(failed.sync!.lastError!, /database is locked/);
    assert.ok(failed.sync!.errorCount >= 1);
    assert.ok(
      logs.some((l) => l.startsWith('supervisor task=collector event=recovered')),
      logs.join('\n'),
    );
    stop.abort();
    await collector.done;
    assert.equal(collector.status.state, 'stopped');
  } finally {
    stop.abort();
    await fake.close();
    await archive.close();
  }
});
