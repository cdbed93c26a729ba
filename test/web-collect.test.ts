// The web app beside a running collector (as `tgwire serve` runs them), over a real SQLite archive and the fake
// t.me: what an admin does in the app reaches the collector without a restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../src/config/config.js';
import { createEnricher } from '../src/pipeline/enrich.js';
import { syncChannel, watchChannels, type CollectContext } from '../src/pipeline/collect/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { createHttpClient } from '../src/util/http.js';
import { createPacer } from '../src/util/pace.js';
import { createWakeup } from '../src/util/wakeup.js';
import { createApp } from '../src/web/app.js';
import { startFakeTme } from './fake-tme/index.js';

const TOKEN = 'collect-admin-token-1';
const HOUR = 3_600_000;

async function setup() {
  const fake = await startFakeTme({
    channels: [
      { username: 'alpha', posts: 5 },
      { username: 'beta', posts: 3 },
    ],
  });
  const store = await openSqliteStore(':memory:');
  const http = createHttpClient({
    timeoutMs: 2000,
    retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 },
    pacer: createPacer({ intervalMs: 0, jitterMs: 0 }),
  });
  // Made before anything happens in the app, as `serve` makes it once at start.
  const ctx: CollectContext = { store, http, baseUrl: fake.baseUrl, enricher: await createEnricher(store) };
  const wakeup = createWakeup();
  const app = createApp({
    store,
    config: { ...loadConfig({}, {}), adminToken: TOKEN },
    onFollow: () => wakeup.wake(),
  });
  const admin = (path: string, body: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      body: new URLSearchParams(body).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${TOKEN}` },
    });
  return {
    fake,
    store,
    ctx,
    wakeup,
    admin,
    async [Symbol.asyncDispose]() {
      await fake.close();
      await store.close();
    },
  };
}

/** Resolves with true when `done` is called, false after `ms` (a bounded wait, never the collector's hours). */
function within(ms: number): { done: () => void; wait: Promise<boolean> } {
  let done!: () => void;
  const wait = new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    done = () => {
      clearTimeout(t);
      resolve(true);
    };
  });
  return { done, wait };
}

describe('web app and collector together', () => {
  it('posts collected after a topic was added in the web app are tagged with it, without a restart', async () => {
    await using env = await setup();
    await syncChannel(env.ctx, 'alpha');
    const res = await env.admin('/admin/topics', { name: 'example', query: 'example' });
    assert.equal(res.status, 201, await res.text());
    const before = (await env.store.queryPosts({ topic: 'example' })).map((p) => p.id);
    assert.equal(before.length, 5, 'the archive is re-tagged at once');
    const fresh = env.fake
      .channel('alpha')
      .addPosts(3)
      .map((p) => p.id);
    const r = await syncChannel(env.ctx, 'alpha', { force: true });
    assert.equal(r.newPosts, 3);
    const tagged = new Set((await env.store.queryPosts({ topic: 'example' })).map((p) => p.id));
    for (const id of fresh) assert.ok(tagged.has(id), `new post ${id} tagged with the topic added before it`);
  });

  it('a channel followed in the web app is synced now, not at the watcher’s next wake-up hours later', async () => {
    await using env = await setup();
    await env.store.follow!('alpha', null);
    const stop = new AbortController();
    const alpha = within(10_000);
    const beta = within(5_000);
    const watching = watchChannels(env.ctx, env.store, {
      signal: stop.signal,
      // The next round is an hour away: only a wake-up can start beta's first sync within the test.
      minIntervalMs: HOUR,
      maxIntervalMs: HOUR,
      wakeup: env.wakeup,
      onResult: (r) =>
        r.channel === 'alpha' ? alpha.done() : r.channel === 'beta' ? beta.done() : undefined,
    });
    try {
      assert.ok(await alpha.wait, 'the first round syncs alpha');
      const res = await env.admin('/admin/channels', { channel: '@beta' });
      assert.equal(res.status, 201, await res.text());
      assert.ok(await beta.wait, 'beta synced right after it was followed');
      assert.equal(await env.store.countPosts({ channel: 'beta' }), 3);
    } finally {
      stop.abort();
      await watching;
    }
  });
});
