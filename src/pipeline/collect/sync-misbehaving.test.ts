// t.me answering a cursor with the wrong page (empty, or its newest one): no history is lost, and progress says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syncChannel, watchChannels, type ChannelSyncResult, type SyncProgress } from './index.js';
import { setup, storedIds } from './tme-sync.testkit.js';

for (const faults of [[{ kind: 'empty' }], [{ kind: 'empty' }, { kind: 'empty' }]] as const) {
  test(`an older page answered ${faults.length === 1 ? 'once' : 'twice'} with no posts fails the sync, and the next one walks on to the first post`, async () => {
    await using env = await setup({ channels: [{ username: 'walk', posts: 70 }] });
    await syncChannel(env.ctx, 'walk', { maxPages: 1 });
    // The newest page unharmed, then the first older page (and the check of the page above it) empty.
    env.fake.failNext({ kind: 'slow', ms: 0 }, ...faults);
    const bad = await syncChannel(env.ctx, 'walk');
    assert.equal(bad.status, 'error');
    assert.match(bad.error ?? '', /walk\?before=\d+ .*answered with no posts.*asked again next time/);
    const state = await env.syncState.getSyncState('walk');
    assert.equal(state?.reachedStart, false, 'the walk is not over');
    assert.equal((await storedIds(env.store, 'walk')).length, 20);
    const again = await syncChannel(env.ctx, 'walk', { force: true });
    assert.equal(again.status, 'ok', again.error);
    assert.deepEqual(await storedIds(env.store, 'walk'), env.fake.channel('walk').ids());
    assert.equal((await env.syncState.getSyncState('walk'))?.reachedStart, true);
  });
}

test('an empty older page is the start when the page above no longer offers older posts (they were deleted)', async () => {
  await using env = await setup({ channels: [{ username: 'shrunk', posts: 70 }] });
  const ch = env.fake.channel('shrunk');
  await syncChannel(env.ctx, 'shrunk', { maxPages: 1 });
  const kept = await storedIds(env.store, 'shrunk');
  ch.remove(...ch.ids().filter((id) => id < kept[0]!));
  const r = await syncChannel(env.ctx, 'shrunk');
  assert.equal(r.status, 'ok', r.error);
  const state = await env.syncState.getSyncState('shrunk');
  assert.equal(state?.reachedStart, true);
  assert.equal(state?.startConfirmed, true);
  assert.deepEqual(await storedIds(env.store, 'shrunk'), kept);
});

test('a backfill an earlier tgwire ended on one empty answer is taken up again, and the history collected', async () => {
  await using env = await setup({ channels: [{ username: 'cut', posts: 70 }] });
  await syncChannel(env.ctx, 'cut', { maxPages: 1 });
  // What tgwire before the check left: the start taken as reached, with no proof of it.
  const state = (await env.syncState.getSyncState('cut'))!;
  await env.syncState.saveSyncState('cut', { ...state, reachedStart: true });
  const r = await syncChannel(env.ctx, 'cut');
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(await storedIds(env.store, 'cut'), env.fake.channel('cut').ids());
  // Checked once: the next sync reads the newest page only.
  const before = env.fake.requests.length;
  await syncChannel(env.ctx, 'cut');
  assert.equal(env.fake.requests.length - before, 1);
});

for (const fault of [{ kind: 'empty' }, { kind: 'newest' }] as const)
  test(`a start an earlier tgwire reached is checked once; an answer showing nothing older (${fault.kind}) leaves it, no failure`, async () => {
    await using env = await setup({ channels: [{ username: 'whole', posts: 30 }] });
    await syncChannel(env.ctx, 'whole');
    const state = (await env.syncState.getSyncState('whole'))!;
    assert.equal(state.reachedStart, true);
    await env.syncState.saveSyncState('whole', { ...state, startConfirmed: undefined });
    // The newest page unharmed, then the check of the old start answered oddly.
    env.fake.failNext({ kind: 'slow', ms: 0 }, fault);
    const r = await syncChannel(env.ctx, 'whole');
    assert.equal(r.status, 'ok', r.error);
    const after = (await env.syncState.getSyncState('whole'))!;
    assert.equal(after.reachedStart, true);
    assert.equal(after.startConfirmed, true);
    const before = env.fake.requests.length;
    await syncChannel(env.ctx, 'whole');
    assert.equal(env.fake.requests.length - before, 1, 'checked once');
  });

test('a catch-up ?after= answered with the newest page: the posts in between are read backwards, none skipped', async () => {
  await using env = await setup({ channels: [{ username: 'busy', posts: 50 }] });
  const ch = env.fake.channel('busy');
  await syncChannel(env.ctx, 'busy');
  ch.addPosts(65);
  env.fake.failNext({ kind: 'slow', ms: 0 }, { kind: 'newest' });
  const r = await syncChannel(env.ctx, 'busy');
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.newPosts, 65);
  assert.deepEqual(await storedIds(env.store, 'busy'), ch.ids());
});

test('a catch-up that cannot be checked fails and keeps its cursor; the next sync fills the gap', async () => {
  await using env = await setup({ channels: [{ username: 'busy', posts: 50 }] });
  const ch = env.fake.channel('busy');
  await syncChannel(env.ctx, 'busy');
  const top = (await env.syncState.getSyncState('busy'))!.topId;
  ch.addPosts(65);
  env.fake.failNext({ kind: 'slow', ms: 0 }, { kind: 'newest' }, { kind: 'empty' });
  const bad = await syncChannel(env.ctx, 'busy');
  assert.equal(bad.status, 'error');
  assert.match(bad.error ?? '', /\?after=\d+ answered with posts from \d+ on.*asked again next time/);
  assert.equal((await env.syncState.getSyncState('busy'))!.topId, top, 'the cursor stays');
  const again = await syncChannel(env.ctx, 'busy', { force: true });
  assert.equal(again.status, 'ok', again.error);
  assert.deepEqual(await storedIds(env.store, 'busy'), ch.ids());
});

test('watch fills a catch-up gap too', async () => {
  await using env = await setup({ channels: [{ username: 'busy', posts: 50 }] });
  const ch = env.fake.channel('busy');
  await syncChannel(env.ctx, 'busy');
  await env.store.follow('busy', null);
  ch.addPosts(65);
  env.fake.failNext({ kind: 'slow', ms: 0 }, { kind: 'newest' });
  const stop = new AbortController();
  const results: ChannelSyncResult[] = [];
  await watchChannels(env.ctx, env.store, {
    signal: stop.signal,
    onResult: (r) => {
      results.push(r);
      stop.abort();
    },
  });
  assert.equal(results[0]?.status, 'ok', results[0]?.error);
  assert.deepEqual(await storedIds(env.store, 'busy'), ch.ids());
});

test('each progress line counts the new posts of the page it reports, and names that page’s oldest post', async () => {
  await using env = await setup({ channels: [{ username: 'steps', posts: 50 }] });
  const ch = env.fake.channel('steps');
  const lines: SyncProgress[] = [];
  const first = await syncChannel(env.ctx, 'steps', { onProgress: (p) => lines.push(p) });
  assert.deepEqual(
    lines.map((l) => [l.phase, l.newPosts, l.oldestId]),
    [
      ['head', 20, ch.ids()[30]],
      ['backfill', 40, ch.ids()[10]],
      ['backfill', 50, ch.ids()[0]],
    ],
  );
  assert.equal(lines.at(-1)!.newPosts, first.newPosts);
  lines.length = 0;
  ch.addPosts(2);
  await syncChannel(env.ctx, 'steps', { onProgress: (p) => lines.push(p) });
  assert.deepEqual(
    lines.map((l) => [l.phase, l.newPosts, l.oldestId]),
    [['head', 2, ch.ids()[32]]],
  );
});

test('watch says a channel held by a long Retry-After is checked again when the hold ends, not at its interval', async () => {
  await using env = await setup({ channels: [{ username: 'held', posts: 5 }] });
  await env.store.follow('held', null);
  env.fake.failNext({ kind: '429', retryAfter: '900' });
  const stop = new AbortController();
  const next: number[] = [];
  await watchChannels(env.ctx, env.store, {
    signal: stop.signal,
    minIntervalMs: 5_000,
    maxIntervalMs: 20_000,
    onResult: (_r, inMs) => {
      next.push(inMs);
      stop.abort();
    },
  });
  assert.equal(next.length, 1);
  assert.ok(next[0]! > 800_000, `next check in ${next[0]! / 1000} s`);
});
