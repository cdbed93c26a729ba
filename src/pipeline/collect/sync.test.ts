import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../../store/store.js';
import { emptyChannel, emptyPost } from '../../model/post.js';
import { ArchiveBusyError } from '../../util/errors.js';
import { sharedDir, SKIP_NO_SHARED } from '../../../test/shared.js';
import { PROFILE_POSTS } from '../channel-profiles.js';
import {
  ChannelFailureUnrecorded,
  syncChannel,
  syncChannels,
  watchChannels,
  type ChannelSyncResult,
  type CollectContext,
  type SyncOptions,
} from './index.js';
import { setup, storedIds } from './tme-sync.testkit.js';

const backfills: { name: string; faultRate: number }[] = [
  { name: 'a clean t.me', faultRate: 0 },
  { name: '20% of requests answering 429 or 502', faultRate: 0.2 },
];
for (const c of backfills) {
  test(`full backfill of a 5,000-post channel arrives complete with ${c.name}`, async () => {
    await using env = await setup({
      channels: [{ username: 'big', posts: 5000 }],
      faultRate: c.faultRate,
      seed: 7,
    });
    const pages: number[] = [];
    const r = await syncChannel(env.ctx, 'big', { onProgress: (p) => pages.push(p.pages) });
    assert.equal(r.status, 'ok', r.error);
    assert.equal(r.newPosts, 5000);
    assert.equal(r.pages, 250);
    assert.deepEqual(
      pages,
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    const ids = await storedIds(env.store, 'big');
    assert.equal(ids.length, 5000);
    assert.deepEqual(ids, env.fake.channel('big').ids());
    if (c.faultRate > 0) {
      const faults = env.fake.requests.filter((q) => q.fault).length;
      assert.ok(faults > 30, `only ${faults} faults were injected`);
    }
    const state = await env.syncState.getSyncState('big');
    assert.equal(state?.reachedStart, true);
    assert.equal(state?.bottomId, 1);
    assert.equal(state?.topId, env.fake.channel('big').ids().at(-1));
  });
}

test('requests to t.me are never closer than the configured interval', async () => {
  await using env = await setup(
    { channels: [{ username: 'paced', posts: 200 }], faultRate: 0.2, seed: 3 },
    20,
  );
  const r = await syncChannel(env.ctx, 'paced');
  assert.equal(r.status, 'ok');
  const times = env.fake.requests.map((q) => q.at);
  assert.ok(times.length >= 10);
  for (let i = 1; i < times.length; i++) {
    const gap = times[i]! - times[i - 1]!;
    assert.ok(gap >= 20, `requests ${i - 1} and ${i} arrived ${gap.toFixed(2)} ms apart`);
  }
});

test('a second sync picks up new posts, edits as versions and deletions after two misses', async () => {
  await using env = await setup({ channels: [{ username: 'news', posts: 100 }] });
  const ch = env.fake.channel('news');
  const all: SyncOptions = { recheckPages: Infinity };
  assert.equal((await syncChannel(env.ctx, 'news', all)).newPosts, 100);

  const ids = ch.ids();
  const [old, a] = [ids[3]!, ids.at(-2)!];
  const gone = [ids[10]!, ids[50]!, ids.at(-5)!];
  const original = (await env.store.getPost('news', a))!.text;
  ch.edit(a, 'Corrected text #fix');
  ch.edit(old, 'An old post, edited much later');
  ch.remove(...gone);
  ch.addPosts(5);

  const second = await syncChannel(env.ctx, 'news', all);
  assert.deepEqual(
    { status: second.status, newPosts: second.newPosts, edits: second.edits, deletions: second.deletions },
    { status: 'ok', newPosts: 5, edits: 2, deletions: 0 },
    'one miss is not yet a deletion',
  );
  const versions = await env.store.getVersions('news', a);
  assert.deepEqual(
    versions.map((v) => v.text),
    [original, 'Corrected text #fix'],
  );
  assert.equal((await env.store.getPost('news', old))?.text, 'An old post, edited much later');

  const third = await syncChannel(env.ctx, 'news', all);
  assert.equal(third.deletions, 3);
  assert.equal(third.edits, 0);
  assert.equal(third.newPosts, 0);
  const live = await storedIds(env.store, 'news', false);
  assert.deepEqual(live, ch.ids());
  assert.equal((await storedIds(env.store, 'news')).length, 105, 'deleted posts are kept, marked');
  for (const id of gone) assert.equal((await env.store.getPost('news', id))?.deleted, true, `post ${id}`);
});

test('edits, deletions and views of posts past the newest page are seen by the periodic deeper re-read', async () => {
  await using env = await setup({ channels: [{ username: 'news', posts: 100 }] });
  let clock = Date.parse('2024-09-10T00:00:00Z');
  const hour = 3_600_000;
  const ctx: CollectContext = {
    ...env.ctx,
    now: () => new Date(clock),
    deepRecheck: { pages: 3, everyMs: hour },
  };
  await syncChannel(ctx, 'news');
  const ch = env.fake.channel('news');
  const ids = ch.ids();
  // On the second and third pages: never re-read by a default sync, which reads the newest page only.
  const [gone, edited, viewed] = [ids.at(-24)!, ids.at(-45)!, ids.at(-30)!];
  ch.remove(gone);
  ch.post(viewed)!.views = 999_999;
  ch.edit(edited, 'Rewritten quietly, weeks later');

  const totals = async () => {
    const r = await syncChannel(ctx, 'news');
    return [r.edits, r.deletions];
  };
  clock += 60_000;
  assert.deepEqual(await totals(), [0, 0], 'an ordinary sync reads the newest page only');
  clock += hour;
  assert.deepEqual(await totals(), [1, 0], 'the deeper re-read: the edit, one miss');
  assert.equal(
    (await env.store.getPost('news', viewed))?.views,
    999_900,
    'views as the page shows them (999.9K)',
  );
  clock += 60_000;
  assert.deepEqual(await totals(), [0, 0], 'not again within the hour');
  clock += hour;
  assert.deepEqual(await totals(), [0, 1], 'the second miss is a deletion');
  assert.equal((await env.store.getPost('news', gone))?.deleted, true);
  assert.equal((await env.store.getPost('news', edited))?.text, 'Rewritten quietly, weeks later');
});

test('an imported pin service message the preview does not show is never marked deleted; a missing post still is', async () => {
  await using env = await setup({ channels: [{ username: 'news', posts: 30 }] });
  const all: SyncOptions = { recheckPages: Infinity };
  await syncChannel(env.ctx, 'news', all);
  const ids = env.fake.channel('news').ids();
  // A hole in the ids (a message the page has no post for), filled by an export's pin message.
  const hole = ids.find((id, i) => i > 0 && id - ids[i - 1]! > 1)! - 1;
  const date = (await env.store.getPost('news', hole + 1))!.date;
  await env.store.savePosts([
    {
      ...emptyPost('news', hole, 'export-json'),
      date,
      service: { action: 'pin_message', text: 'pinned a message' },
    },
  ]);
  const gone = ids.at(-5)!;
  env.fake.channel('news').remove(gone);
  await syncChannel(env.ctx, 'news', all);
  assert.equal((await syncChannel(env.ctx, 'news', all)).deletions, 1);
  assert.equal((await env.store.getPost('news', gone))?.deleted, true);
  assert.equal(
    (await env.store.getPost('news', hole))?.deleted,
    false,
    'the pin is not "deleted at the source"',
  );
});

test('a quiet channel: posts deleted at the top of an older page are marked, however long before the next post', async () => {
  // Three days between posts: the posts just below a page's oldest one are days older than it.
  await using env = await setup({ channels: [{ username: 'quiet', posts: 50, hoursApart: 72 }] });
  const ch = env.fake.channel('quiet');
  const all: SyncOptions = { recheckPages: Infinity };
  await syncChannel(env.ctx, 'quiet', all);
  const ids = ch.ids();
  // The newest page holds the last 20; the two below it lead the next page, and the one below the second page
  // leads the third.
  const gone = [ids.at(-21)!, ids.at(-22)!, ids.at(-41)!];
  ch.remove(...gone);
  assert.equal((await syncChannel(env.ctx, 'quiet', all)).deletions, 0, 'one miss is not yet a deletion');
  assert.equal((await syncChannel(env.ctx, 'quiet', all)).deletions, 3);
  for (const id of gone) assert.equal((await env.store.getPost('quiet', id))?.deleted, true, `post ${id}`);
  assert.deepEqual(await storedIds(env.store, 'quiet', false), ch.ids());
});

test('a change of formatting alone counts as an edit, as the version it leaves does', async () => {
  await using env = await setup({ channels: [{ username: 'styled', posts: 6, idGapEvery: 0 }] });
  await syncChannel(env.ctx, 'styled');
  // Post 3 ends in a bold line; the same words, no longer bold.
  const p = env.fake.channel('styled').post(3)!;
  p.text = `${p.text}\n\n${p.bold}`;
  delete p.bold;
  const r = await syncChannel(env.ctx, 'styled');
  assert.equal(r.edits, 1);
  const versions = await env.store.getVersions('styled', 3);
  assert.equal(versions.length, 2);
  assert.equal(versions[0]!.text, versions[1]!.text);
  assert.notDeepEqual(versions[0]!.entities, versions[1]!.entities);
});

for (const fault of [
  { kind: 'cut', bytes: 3000 },
  { kind: 'cut', bytes: 9000 },
  { kind: 'newest' },
] as const) {
  test(`an older page ${fault.kind === 'cut' ? `cut off after ${fault.bytes} characters` : 'answered with the newest posts'} fails the sync; the next one walks on to the first post`, async () => {
    await using env = await setup({ channels: [{ username: 'walk', posts: 70 }] });
    // The newest page alone; in the next sync the newest page again, unharmed, then the first older page misbehaves.
    await syncChannel(env.ctx, 'walk', { maxPages: 1 });
    env.fake.failNext({ kind: 'slow', ms: 0 }, fault);
    const bad = await syncChannel(env.ctx, 'walk');
    assert.equal(bad.status, 'error');
    assert.match(bad.error ?? '', fault.kind === 'cut' ? /cut off/ : /not older ones/);
    const state = await env.syncState.getSyncState('walk');
    assert.equal(state?.reachedStart, false, 'the walk is not over');
    assert.equal((await storedIds(env.store, 'walk')).length, 20);
    assert.match(env.fake.requests.at(-1)!.path, /before=/, 'the older page was the one that failed');
    const again = await syncChannel(env.ctx, 'walk', { force: true });
    assert.equal(again.status, 'ok', again.error);
    assert.deepEqual(await storedIds(env.store, 'walk'), env.fake.channel('walk').ids());
    assert.equal((await env.syncState.getSyncState('walk'))?.reachedStart, true);
  });
}

test('a long Retry-After holds the host: no request to it until then, and each channel waits at least as long', async () => {
  await using env = await setup({
    channels: [
      { username: 'first', posts: 5 },
      { username: 'second', posts: 5 },
    ],
  });
  env.fake.failNext({ kind: '429', retryAfter: '3600' });
  const started = Date.now();
  const [a, b] = await syncChannels(env.ctx, ['first', 'second']);
  assert.equal(a!.status, 'error');
  assert.match(a!.error ?? '', /retry after 3600 s/);
  assert.equal(b!.status, 'error');
  assert.match(b!.error ?? '', /pause until/);
  assert.equal(env.fake.requests.length, 1, 'nothing more was asked of the host');
  for (const name of ['first', 'second']) {
    const next = Date.parse((await env.syncState.getSyncState(name))!.nextCheckAt!);
    assert.ok(next - started >= 3_590_000, `${name} next tried ${(next - started) / 1000} s later`);
  }
});

test('views are updated and the channel is snapshotted when it changes', async () => {
  await using env = await setup({ channels: [{ username: 'viewsy', posts: 30, subscribers: 1000 }] });
  const ch = env.fake.channel('viewsy');
  await syncChannel(env.ctx, 'viewsy');
  assert.equal((await env.store.getChannel('viewsy'))?.subscribers, 1000);
  const last = ch.posts.at(-1)!;
  last.views = 987;
  ch.info.title = 'Renamed channel';
  ch.info.subscribers = 2000;
  await syncChannel(env.ctx, 'viewsy');
  assert.equal((await env.store.getPost('viewsy', last.id))?.views, 987);
  const stored = await env.store.getChannel('viewsy');
  assert.equal(stored?.title, 'Renamed channel');
  assert.equal(stored?.subscribers, 2000);
});

test('a gap larger than a page is filled by walking ?after= from the newest stored post', async () => {
  await using env = await setup({ channels: [{ username: 'gappy', posts: 50 }] });
  const ch = env.fake.channel('gappy');
  await syncChannel(env.ctx, 'gappy');
  ch.addPosts(73);
  const r = await syncChannel(env.ctx, 'gappy');
  assert.equal(r.newPosts, 73);
  assert.deepEqual(await storedIds(env.store, 'gappy'), ch.ids());
  assert.ok(env.fake.requests.some((q) => q.path.includes('?after=')));
});

test('a sync stopped by maxPages or the signal resumes where it stopped, nothing lost or duplicated', async () => {
  await using env = await setup({ channels: [{ username: 'resume', posts: 400 }] });
  const first = await syncChannel(env.ctx, 'resume', { maxPages: 4 });
  assert.equal(first.pages, 4);
  assert.equal(first.newPosts, 80);
  const ac = new AbortController();
  const second = await syncChannel(env.ctx, 'resume', {
    signal: ac.signal,
    onProgress: (p) => p.pages === 3 && ac.abort(),
  });
  assert.equal(second.aborted, true);
  assert.equal(second.pages, 3);
  env.fake.channel('resume').addPosts(7);
  const third = await syncChannel(env.ctx, 'resume');
  assert.equal(third.status, 'ok');
  assert.equal(first.newPosts + second.newPosts + third.newPosts, 407);
  assert.deepEqual(await storedIds(env.store, 'resume'), env.fake.channel('resume').ids());
});

const depths: { name: string; options: SyncOptions; oldest: (ids: number[]) => boolean }[] = [
  {
    name: 'a date',
    options: { since: '2020-01-10T00:00:00Z' },
    oldest: (ids) => ids.length < 400 && ids.length > 150,
  },
  { name: 'a post id', options: { minId: 300 }, oldest: (ids) => ids[0]! <= 300 && ids[0]! > 280 },
];
for (const d of depths) {
  test(`backfill stops at the configured depth: ${d.name}`, async () => {
    await using env = await setup({ channels: [{ username: 'deep', posts: 400 }] });
    const r = await syncChannel(env.ctx, 'deep', d.options);
    assert.equal(r.status, 'ok');
    const ids = await storedIds(env.store, 'deep');
    assert.ok(d.oldest(ids), `stored ${ids.length} posts from ${ids[0]}`);
    const state = await env.syncState.getSyncState('deep');
    assert.equal(state?.reachedStart, false, 'a deeper depth later continues from here');
  });
}

test('posts older than the depth date are not stored; a deeper depth later collects exactly those skipped', async () => {
  await using env = await setup({ channels: [{ username: 'deep', posts: 400 }] });
  const since = '2020-01-10T00:00:00Z';
  assert.equal((await syncChannel(env.ctx, 'deep', { since })).status, 'ok');
  const stored = await env.store.queryPosts({ channel: 'deep', includeDeleted: true });
  const older = stored.filter((p) => Date.parse(p.date!) < Date.parse(since)).map((p) => p.id);
  assert.deepEqual(older, [], 'nothing before the depth date');
  const expected = env.fake
    .channel('deep')
    .ids()
    .filter((id) => Date.parse(env.fake.channel('deep').post(id)!.date) >= Date.parse(since));
  assert.deepEqual(await storedIds(env.store, 'deep'), expected, 'everything from the depth date on');

  const deeper = '2020-01-05T00:00:00Z';
  assert.equal((await syncChannel(env.ctx, 'deep', { since: deeper })).status, 'ok');
  const all = env.fake.channel('deep').ids();
  assert.deepEqual(
    await storedIds(env.store, 'deep'),
    all.filter((id) => Date.parse(env.fake.channel('deep').post(id)!.date) >= Date.parse(deeper)),
    'the posts skipped at the first depth are not lost',
  );
});

test('posts below the depth id are not stored', async () => {
  await using env = await setup({ channels: [{ username: 'deep', posts: 400 }] });
  await syncChannel(env.ctx, 'deep', { minId: 300 });
  const ids = await storedIds(env.store, 'deep');
  assert.ok(ids[0]! >= 300, `oldest stored ${ids[0]}`);
  assert.deepEqual(
    ids,
    env.fake
      .channel('deep')
      .ids()
      .filter((id) => id >= 300),
  );
});

test('unreadable channels end with their own status and message while the others succeed', async () => {
  await using env = await setup({
    channels: [
      { username: 'good_one', posts: 30 },
      { username: 'no_preview', posts: 10, mode: 'preview_disabled' },
      { username: 'empty_page', mode: 'unknown_empty' },
      { username: 'a_group', mode: 'private' },
      { username: 'good_two', posts: 5 },
    ],
  });
  const keys = ['good_one', 'no_preview', 'empty_page', 'never_heard', 'a_group', 'good_two'];
  const results = await syncChannels(env.ctx, keys);
  assert.deepEqual(
    results.map((r) => [r.channel, r.status, r.problem ?? null, r.newPosts]),
    [
      ['good_one', 'ok', null, 30],
      ['no_preview', 'error', 'preview_disabled', 0],
      ['empty_page', 'error', 'not_found', 0],
      ['never_heard', 'error', 'not_found', 0],
      ['a_group', 'error', 'private', 0],
      ['good_two', 'ok', null, 5],
    ],
  );
  assert.match(results[1]!.error!, /web preview disabled for this channel/);
  assert.match(results[2]!.error!, /no such channel on t\.me/);
  assert.match(results[4]!.error!, /not a public channel/);

  const state = await env.syncState.getSyncState('no_preview');
  assert.equal(state?.status, 'preview_disabled');
  assert.equal(state?.errorCount, 1);
  assert.match(state?.lastError ?? '', /web preview disabled/);
  assert.ok(state?.nextCheckAt && Date.parse(state.nextCheckAt) > Date.now());

  const again = await syncChannels(env.ctx, keys);
  assert.deepEqual(
    again.map((r) => r.status),
    ['ok', 'skipped', 'skipped', 'skipped', 'skipped', 'ok'],
  );
  const forced = await syncChannel(env.ctx, 'no_preview', { force: true });
  assert.equal(forced.status, 'error');
  assert.equal((await env.syncState.getSyncState('no_preview'))?.errorCount, 2);
});

test('a channel whose requests keep failing is recorded as an error and the next one still syncs', async () => {
  await using env = await setup({
    channels: [
      { username: 'flaky', posts: 5 },
      { username: 'fine', posts: 5 },
    ],
  });
  env.fake.failNext(...Array.from({ length: 10 }, () => ({ kind: '502' as const })));
  const [flaky, fine] = await syncChannels(env.ctx, ['flaky', 'fine']);
  assert.equal(flaky?.status, 'error');
  assert.equal(flaky?.problem, undefined);
  assert.match(flaky?.error ?? '', /502/);
  assert.equal((await env.syncState.getSyncState('flaky'))?.status, 'error');
  assert.equal(fine?.status, 'ok');
  assert.equal(fine?.newPosts, 5);
});

/** The archive already holds alpha's numeric id under another name (an export imported before alpha was followed). */
async function clashingAlpha() {
  const env = await setup({
    channels: [
      { username: 'alpha', posts: 4 },
      { username: 'beta', posts: 3 },
    ],
  });
  await env.store.upsertChannel({
    ...emptyChannel('alpha_export'),
    numericId: env.fake.channel('alpha').info.numericId,
  });
  return env;
}

test('a channel whose numeric id clashes ends in error on its own; the other channels are synced', async () => {
  await using env = await clashingAlpha();
  const [alpha, beta] = await syncChannels(env.ctx, ['alpha', 'beta']);
  assert.equal(alpha?.status, 'error');
  assert.match(alpha?.error ?? '', /numeric id \d+ already belongs to channel alpha_export/);
  const state = await env.syncState.getSyncState('alpha');
  assert.equal(state?.status, 'error');
  assert.equal(state?.errorCount, 1);
  assert.match(state?.lastError ?? '', /tgwire channels rename alpha_export alpha/);
  assert.ok(Date.parse(state?.nextCheckAt ?? '') > Date.now(), 'alpha backs off');
  assert.equal(await env.store.countPosts({ channel: 'alpha' }), 0, 'nothing of alpha saved under the clash');
  assert.equal(beta?.status, 'ok');
  assert.equal(await env.store.countPosts({ channel: 'beta' }), 3);
});

test('watch goes on past a clashing channel', async () => {
  await using env = await clashingAlpha();
  await env.store.follow('alpha', null);
  await env.store.follow('beta', null);
  const stop = new AbortController();
  const results: ChannelSyncResult[] = [];
  await watchChannels(env.ctx, env.store, {
    signal: stop.signal,
    onResult: (r) => {
      results.push(r);
      if (results.length === 2) stop.abort();
    },
  });
  assert.deepEqual(
    results.map((r) => [r.channel, r.status]),
    [
      ['alpha', 'error'],
      ['beta', 'ok'],
    ],
  );
});

test(
  'watch collects a channel another process followed meanwhile, without waiting hours for the next due check',
  { timeout: 20_000 },
  async (t) => {
    await using env = await setup({
      channels: [
        { username: 'first', posts: 3 },
        { username: 'second', posts: 4 },
      ],
    });
    await env.store.follow('first', null);
    const stop = new AbortController();
    const results: string[] = [];
    await watchChannels(env.ctx, env.store, {
      // The test's own signal ends the loop if the channel never comes (it would otherwise sleep the hour).
      signal: AbortSignal.any([stop.signal, t.signal]),
      // Nothing is due again for an hour: only re-reading the follows finds the new channel.
      minIntervalMs: 3_600_000,
      followsEveryMs: 10,
      onResult: async (r) => {
        results.push(`${r.channel} ${r.newPosts}`);
        // Another process (`tgwire channels add`) writes the follow; it has no way to wake this loop.
        if (r.channel === 'first') await env.store.follow('second', null);
        else stop.abort();
      },
    });
    assert.deepEqual(results, ['first 3', 'second 4']);
  },
);

test('real saved t.me pages sync through the fake server; a page saved cut off is refused, not read', async (t) => {
  const dir = sharedDir();
  if (!dir) return t.skip(SKIP_NO_SHARED);
  const pages = join(dir, 'fixtures', 'tme_s_html');
  await using env = await setup({ fixturesDir: pages });
  assert.ok(env.fake.fixtureNames.length > 0);
  // Which saved pages end as t.me sends them (</html>, then at most its timing comment).
  const whole = new Map<string, boolean>();
  for (const f of readdirSync(pages).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(join(pages, f), 'utf8');
    const name = /tg:\/\/resolve\?domain=([A-Za-z0-9_]+)/.exec(html)?.[1]?.toLowerCase();
    if (name) whole.set(name, /<\/html>\s*(?:<!--[\s\S]*?-->\s*)*$/i.test(html));
  }
  for (const name of env.fake.fixtureNames) {
    const r = await syncChannel(env.ctx, name);
    if (whole.get(name) === false) {
      assert.equal(r.status, 'error', name);
      assert.match(r.error ?? '', /cut off/, name);
      assert.equal((await storedIds(env.store, name)).length, 0, name);
      continue;
    }
    assert.equal(r.status, 'ok', `${name}: ${r.error}`);
    assert.ok(r.newPosts > 0, `${name}: no posts`);
    assert.equal((await storedIds(env.store, name)).length, r.newPosts, name);
  }
});

/** Posts of a channel still without a story. */
async function storyless(store: Store, channel: string): Promise<number> {
  let n = 0;
  for await (const p of store.iteratePosts({ channel, storyless: true })) if (!p.service) n++;
  return n;
}

test('watch groups new posts at most every storiesEveryMs while channels keep coming due, and before a long wait', async () => {
  await using env = await setup({ channels: [{ username: 'busy', posts: 3 }] });
  await env.store.follow('busy', null);
  const stop = new AbortController();
  const seen: number[] = [];
  await watchChannels(env.ctx, env.store, {
    signal: stop.signal,
    // Due again every round (a second apart), new posts each time; stories at most once an hour.
    minIntervalMs: 1,
    maxIntervalMs: 1,
    storiesEveryMs: 3_600_000,
    onResult: async (r) => {
      seen.push(r.newPosts);
      if (seen.length < 3) env.fake.channel('busy').addPosts(2);
      else stop.abort();
    },
  });
  assert.deepEqual(seen, [3, 2, 2]);
  // The first round grouped its 3 posts (nothing was grouped yet); the next two rounds' posts wait for the hour.
  assert.equal(await storyless(env.store, 'busy'), 4);

  // With a long wait ahead (the channel next due in an hour), a round groups what it stored before sleeping.
  env.fake.channel('busy').addPosts(2);
  const again = new AbortController();
  let rounds = 0;
  await watchChannels(env.ctx, env.store, {
    signal: again.signal,
    minIntervalMs: 3_600_000,
    storiesEveryMs: 60_000,
    onResult: () => {
      rounds++;
      // Abort only once the round's grouping has run: it is awaited before the sleep the abort ends.
      setTimeout(() => again.abort(), 50);
    },
  });
  assert.equal(rounds, 1);
  assert.equal(await storyless(env.store, 'busy'), 0, 'the waiting posts and the new ones grouped');
});

test('watch learns what a channel repeats once an hour, not at every grouping', async () => {
  await using env = await setup({ channels: [{ username: 'busy', posts: 3 }] });
  await env.store.follow('busy', null);
  // The store as watch sees it, counting the reads of a channel's latest posts that learn its profile.
  let profileReads = 0;
  const store = new Proxy(env.store, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (key === 'latestTexts')
        return (channel: string, limit: number) => {
          if (limit === PROFILE_POSTS) profileReads++;
          return target.latestTexts(channel, limit);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const stop = new AbortController();
  let rounds = 0;
  await watchChannels(env.ctx, store, {
    signal: stop.signal,
    // Due every round with new posts, grouped after every round.
    minIntervalMs: 1,
    maxIntervalMs: 1,
    storiesEveryMs: 0,
    onResult: () => {
      if (++rounds < 3) env.fake.channel('busy').addPosts(2);
      else setTimeout(() => stop.abort(), 50);
    },
  });
  assert.equal(rounds, 3);
  assert.equal(await storyless(env.store, 'busy'), 0, 'every round grouped its posts');
  assert.equal(profileReads, 1, 'the channel learned at the first grouping only');
});

test('a sync that fails on a busy archive, whose failure cannot be recorded either, says "busy" once', async () => {
  await using env = await setup({ channels: [{ username: 'locked', posts: 3 }] });
  const busy = {
    ...env.ctx,
    syncState: { ...env.syncState, saveSyncState: () => Promise.reject(new ArchiveBusyError()) },
  };
  await assert.rejects(syncChannel(busy, 'locked'), (e) => {
    assert.ok(e instanceof ChannelFailureUnrecorded, String(e));
    assert.equal(
      e.message,
      'channel locked: the archive is busy (another tgwire process is writing); try again (the failure could not be recorded either)',
    );
    return true;
  });
});

test('a failure recorded on nothing says both reasons when they differ', () => {
  const e = new ChannelFailureUnrecorded('news', { message: '500 from t.me' }, new Error('disk full'));
  assert.equal(e.message, 'channel news: 500 from t.me; the failure could not be recorded: disk full');
});

test(
  'watch stands aside while workers collect, and collects once they are gone',
  { timeout: 20_000 },
  async (t) => {
    await using env = await setup({ channels: [{ username: 'shared', posts: 3 }] });
    await env.store.follow('shared', null);
    const stop = new AbortController();
    const asked: boolean[] = [];
    const results: string[] = [];
    const requestsWhileAside: number[] = [];
    await watchChannels(env.ctx, env.store, {
      signal: AbortSignal.any([stop.signal, t.signal]),
      followsEveryMs: 10,
      // Workers at work for the first three looks, then none.
      standAside: async () => {
        const aside = asked.length < 3;
        asked.push(aside);
        if (aside) requestsWhileAside.push(env.fake.requests.length);
        return aside;
      },
      onResult: (r) => {
        results.push(`${r.channel} ${r.newPosts} after ${asked.length} looks`);
        stop.abort();
      },
    });
    assert.deepEqual(results, ['shared 3 after 4 looks']);
    assert.deepEqual(requestsWhileAside, [0, 0, 0], 't.me is not asked while workers collect');
  },
);
