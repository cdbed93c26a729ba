// The publisher end to end against the fake Bot API: the sample's stories, refusals, 429, edits, deletions, limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import type { OutboxStore } from '../store/outbox.js';
import { ensureDemo } from '../pipeline/demo.js';
import { groupStories } from '../dedup/stories.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { projectRoot } from '../../test/shared.js';
import { FakeBotApi } from '../../test/fake-botapi/server.js';
import {
  clearPassFailures,
  dryRun,
  publishOnce,
  recordPassFailure,
  type PublishOptions,
} from './publisher.js';
import { routesFromConfig } from './routes.js';
import { hasContent } from './planner.js';
import { adoptFormerIds } from './route-ids.js';
import { BotTokenError, grammyBotApi } from './telegram.js';
import { UserError } from '../util/errors.js';
import { ATTRIBUTION_PREFIX } from './render.js';
import type { RouteEntry } from '../config/config.js';

const FAST: PublishOptions = {
  chatLimit: { perWindow: 1000, windowMs: 1000, minIntervalMs: 0 },
  globalLimit: { perWindow: 1000, windowMs: 1000, minIntervalMs: 0 },
  retry: { baseDelayMs: 1, maxAttempts: 3 },
};

function route(r: Partial<RouteEntry> & Pick<RouteEntry, 'to'>): RouteEntry {
  return { forwards: 'include', undetermined: 'include', silent: false, deleteOnSourceDelete: false, ...r };
}

async function setup(t: { after(fn: () => Promise<void> | void): void }, fakeOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-bot-'));
  const store: SqliteStore = await openSqliteStore(join(dir, 'a.db'));
  const outbox: OutboxStore = store.outbox();
  const fake = new FakeBotApi(fakeOptions);
  const apiRoot = await fake.start();
  const api = grammyBotApi({ token: fake.token, apiRoot });
  t.after(async () => {
    await fake.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, outbox, fake, api, apiRoot };
}

function post(id: number, text: string, extra: Partial<Post> = {}): Post {
  return {
    ...emptyPost('news', id, 'tme-html'),
    date: new Date(Date.UTC(2024, 8, 1, 0, id)).toISOString(),
    text,
    ...extra,
  };
}

async function seedNews(store: SqliteStore, posts: Post[]) {
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News Channel' });
  await store.savePosts(posts);
}

test('publishing the sample gives one message per story, in order, with attribution and entities', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await ensureDemo(store, join(projectRoot, 'demo', 'sample-brics.txt'));
  const all = await store.queryPosts({ channel: 'sample' });
  const { members } = groupStories(all);
  await store.setStories(members);
  const all2 = await store.queryPosts({ channel: 'sample' });
  // A post with nothing to show (the sample's media-only forward) is not sent, nor does it stand for its story.
  const posts = all2.filter(hasContent);
  const firsts = posts.filter((p, i) => !p.story || posts.findIndex((q) => q.story === p.story) === i);
  assert.ok(firsts.length < posts.length, 'the sample has stories with several posts');

  const routes = routesFromConfig([route({ channel: 'sample', to: '@mirror', silent: true })]);
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r.sent, fake.published.length);
  assert.deepEqual(fake.violations, []);
  const shown = fake.chat('@mirror');
  // Long posts are split: count first parts, which start with the attribution (the channel's name for its own).
  const heads = shown.filter(
    (m) => m.text.startsWith(ATTRIBUTION_PREFIX) || m.text.split('\n')[0] === 'sample',
  );
  assert.equal(heads.length, firsts.length);
  assert.equal(r.skipped, posts.length - firsts.length);
  assert.equal(r.empty, all2.length - posts.length);
  firsts.forEach((p, i) => {
    const m = heads[i]!;
    const head = p.forwardedFrom ? `${ATTRIBUTION_PREFIX}${p.forwardedFrom.name}` : 'sample';
    assert.equal(m.text.split('\n')[0], head, `post ${p.id}`);
    const body = p.text.trim();
    if (body) assert.ok(m.text.includes(body.slice(0, 200).trim()), `post ${p.id} text`);
    assert.ok(m.disableNotification);
  });
  for (const m of shown) assert.ok(m.text.length <= 4096);
  // Hashtags are sent as entities whose offsets land on the '#'.
  const tagged = shown.filter((m) => m.entities.some((e) => e.type === 'hashtag'));
  assert.ok(tagged.length > 0);
  for (const m of tagged)
    for (const e of m.entities.filter((x) => x.type === 'hashtag')) assert.equal(m.text[e.offset], '#');

  // A second pass has nothing to do.
  const again = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(again.sent, 0);
  assert.equal(fake.published.length, r.sent);
});

test('the attribution links to the origin post; a photo is re-sent with its caption', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [
    post(1, 'Own post with **bold**', { entities: [{ type: 'bold', offset: 14, length: 8 }] }),
    post(2, 'A forward', {
      forwardedFrom: { name: 'MFA 🇷🇺', username: 'mfa_russia', postId: 77, author: null },
    }),
    post(3, 'A photo 📷', {
      media: [{ type: 'photo', supported: true, url: 'https://cdn4.telesco.pe/file/x.jpg' }],
    }),
    post(4, 'A video', {
      media: [{ type: 'video', supported: false, label: 'This media is not supported' }],
    }),
  ]);
  const routes = routesFromConfig([
    route({ channel: 'news', to: -1001, header: '#{id} {date}', footer: 'via {channel}: {link}' }),
  ]);
  await publishOnce(store, outbox, api, routes, FAST);
  assert.deepEqual(fake.violations, []);
  const [own, fwd, photo, video] = fake.chat('-1001');
  assert.equal(own!.text.split('\n')[0], 'News Channel', 'an own post is not "Forwarded from" its channel');
  assert.deepEqual(own!.entities[0], {
    type: 'text_link',
    offset: 0,
    length: 'News Channel'.length,
    url: 'https://t.me/news/1',
  });
  assert.equal(own!.text.split('\n')[1], '#1 2024-09-01 00:01 UTC');
  const bold = own!.entities.find((e) => e.type === 'bold')!;
  assert.equal(own!.text.slice(bold.offset, bold.offset + bold.length), '**bold**');
  assert.ok(own!.text.endsWith('via News Channel: https://t.me/news/1'));
  assert.equal(fwd!.text.split('\n')[0], `${ATTRIBUTION_PREFIX}MFA 🇷🇺`);
  assert.equal(fwd!.entities[0]!.url, 'https://t.me/mfa_russia/77');
  assert.equal(fwd!.entities[0]!.length, 'MFA 🇷🇺'.length);
  assert.equal(photo!.method, 'sendPhoto');
  assert.equal(photo!.photo, 'https://cdn4.telesco.pe/file/x.jpg');
  assert.ok(photo!.text.includes('A photo 📷'));
  assert.ok(video!.text.includes('https://t.me/news/4'), 'unsendable media links to the original');
});

test('a refusal stops its route with the reason recorded; other routes go on', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'one'), post(2, 'two'), post(3, 'three')]);
  fake.fail({
    chatId: '@kicked',
    code: 403,
    description: 'Forbidden: bot was kicked from the channel chat',
    times: 99,
  });
  fake.fail({ chatId: '@long', code: 400, description: 'Bad Request: message is too long' });
  const routes = routesFromConfig([
    route({ channel: 'news', to: ['@kicked', '@ok'] }),
    route({ channel: 'news', to: '@long' }),
  ]);
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(fake.chat('@ok').length, 3);
  assert.equal(fake.chat('@kicked').length, 0);
  assert.equal(fake.chat('@long').length, 0);
  const st = await outbox.routeStatuses();
  assert.deepEqual(
    st.map((s) => [s.route, s.chat, s.state, s.code]),
    [
      ['channel:news', '@kicked', 'stopped', 403],
      ['channel:news', '@long', 'stopped', 400],
    ],
  );
  assert.match(st[0]!.error!, /kicked.*publish --resume/);
  assert.equal(r.stoppedRoutes.length, 2);
  // A stopped route is not retried until resumed; then it delivers in order.
  await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(fake.chat('@long').length, 0);
  await outbox.resumeRoutes();
  await publishOnce(store, outbox, api, routes, FAST);
  assert.deepEqual(
    fake.chat('@long').map((m) => m.text.split('\n')[1]),
    ['one', 'two', 'three'],
  );
  // Working again: its status no longer shows the old refusal.
  const long = (await outbox.routeStatuses()).find((s) => s.chat === '@long');
  assert.deepEqual([long?.state, long?.error], ['ok', null]);
});

test('a route keeps its history when another route is removed, also history kept under a positional id', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'one'), post(2, 'two')]);
  const a = route({ channel: 'news', to: '@a', deleteOnSourceDelete: true });
  const b = route({ channel: 'news', to: '@b', deleteOnSourceDelete: true });
  const all = { ...FAST, newRouteStart: 'backlog' };
  // As an older tgwire recorded them: "channel:news" and "channel:news#2", by position.
  const positional = routesFromConfig([a, b]).map((r) => ({ ...r, id: r.formerId }));
  assert.equal((await publishOnce(store, outbox, api, positional, all)).sent, 4);
  const now = routesFromConfig([b]);
  assert.deepEqual(await adoptFormerIds(outbox, now), [
    { from: 'channel:news#2', to: 'channel:news', chat: '@b' },
  ]);
  assert.deepEqual(await adoptFormerIds(outbox, now), [], 'adopted once');
  await store.savePosts([post(1, 'one, edited', { edited: true })]);
  await store.markDeleted('news', [2]);
  const r = await publishOnce(store, outbox, api, now, all);
  assert.deepEqual([r.sent, r.edited, r.deleted], [0, 1, 1]);
  assert.deepEqual(
    fake.chat('@b').map((m) => m.text.split('\n')[1]),
    ['one, edited'],
  );
  // With stable ids, removing the other route changes nothing: the route goes on where it was.
  await store.savePosts([post(3, 'three')]);
  const both = await publishOnce(store, outbox, api, routesFromConfig([a, b]), all);
  const again = await publishOnce(store, outbox, api, routesFromConfig([b]), all);
  assert.deepEqual([both.sent, again.sent], [2, 0]);
  assert.deepEqual(fake.violations, []);
});

test('a Bot API that cannot be reached is an error on the routes in --status, cleared when it answers', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'one'), post(2, 'two')]);
  const routes = routesFromConfig([route({ channel: 'news', to: ['@a', '@b'] })]);
  // Nothing listens on port 9 (discard) of 127.0.0.1.
  const down = grammyBotApi({ token: fake.token, apiRoot: 'http://127.0.0.1:9' });
  const r = await publishOnce(store, outbox, down, routes, FAST);
  assert.equal(r.sent, 0);
  assert.deepEqual(r.paused.map((p) => p.chat).sort(), ['@a', '@b']);
  const st = await outbox.routeStatuses();
  assert.deepEqual(
    st.map((s) => [s.chat, s.state]),
    [
      ['@a', 'ok'],
      ['@b', 'ok'],
    ],
  );
  for (const s of st)
    assert.match(s.error ?? '', /^could not send at .*sendMessage.*; retrying at the next pass$/);
  const back = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(back.sent, 4);
  assert.deepEqual(
    (await outbox.routeStatuses()).map((s) => s.error),
    [null, null],
  );
});

test('429 waits retry_after and sends the message once', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'one'), post(2, 'two')]);
  fake.fail({
    method: 'sendMessage',
    code: 429,
    description: 'Too Many Requests: retry after 1',
    retryAfter: 1,
  });
  const waits: number[] = [];
  const routes = routesFromConfig([route({ channel: 'news', to: '@c' })]);
  const started = Date.now();
  await publishOnce(store, outbox, api, routes, {
    ...FAST,
    onEvent: (e) => e.type === 'retry' && waits.push(e.delayMs),
  });
  assert.deepEqual(waits, [1000]);
  assert.ok(Date.now() - started >= 1000);
  assert.deepEqual(
    fake.chat('@c').map((m) => m.text.split('\n')[1]),
    ['one', 'two'],
  );
});

test('an edited source edits the message; a deleted one deletes it when the route says so', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'first version'), post(2, 'stays')]);
  const routes = routesFromConfig([route({ channel: 'news', to: '@c', deleteOnSourceDelete: true })]);
  await publishOnce(store, outbox, api, routes, FAST);
  await store.savePosts([post(1, 'second version', { edited: true })]);
  await store.markDeleted('news', [2]);
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r.edited, 1);
  assert.equal(r.deleted, 1);
  assert.deepEqual(fake.violations, []);
  assert.deepEqual(
    fake.chat('@c').map((m) => m.text.split('\n')[1]),
    ['second version'],
  );
  // A config change alone (a new footer) edits nothing.
  const changed = routesFromConfig([route({ channel: 'news', to: '@c', footer: 'new footer' })]);
  const r2 = await publishOnce(store, outbox, api, changed, FAST);
  assert.equal(r2.edited + r2.sent + r2.deleted, 0);
});

test('an edit of a message gone from the chat is counted apart, and a grown post sends no orphan parts', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'first version'), post(2, 'stays')]);
  const routes = routesFromConfig([route({ channel: 'news', to: '@c' })]);
  await publishOnce(store, outbox, api, routes, FAST);
  const long = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ` + 'z'.repeat(900)).join('\n\n');
  await store.savePosts([post(1, long, { edited: true }), post(2, 'stays, edited', { edited: true })]);
  // An admin deleted message 1 by hand: Telegram cannot edit it.
  fake.fail({
    method: 'editMessageText',
    chatId: '@c',
    code: 400,
    description: 'Bad Request: message to edit not found',
  });
  const sentBefore = fake.published.length;
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.deepEqual([r.edited, r.editsGone, r.sent], [1, 1, 0]);
  assert.equal(fake.published.length, sentBefore, 'no part of post 1 sent without its first part');
  const rows = (await outbox.rowsFor('channel:news', '@c')).filter((x) => x.postKey === 'news/1');
  assert.ok(rows.length >= 3, `${rows.length} parts`);
  assert.deepEqual(
    rows.map((x) => x.state),
    ['sent', ...rows.slice(1).map(() => 'skipped')],
  );
  assert.match(rows[1]!.note ?? '', /part 1 of this post is gone from the chat/);
  const again = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(again.sent + again.edited + again.editsGone, 0);
});

test('a post with neither text nor media is not sent (a bare attribution line), and said so', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [
    post(1, '', { forwardedFrom: { name: 'Russian MFA', username: null, postId: null, author: null } }),
    post(2, 'has text'),
    post(3, '', { media: [{ type: 'photo', supported: true, url: 'https://cdn4.telesco.pe/file/x.jpg' }] }),
  ]);
  const routes = routesFromConfig([route({ channel: 'news', to: '@c' })]);
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.deepEqual([r.sent, r.empty, r.skipped], [2, 1, 0]);
  assert.deepEqual(
    fake.chat('@c').map((m) => m.method),
    ['sendMessage', 'sendPhoto'],
  );
  const row = (await outbox.rowsFor('channel:news', '@c')).find((x) => x.postKey === 'news/1');
  assert.deepEqual([row?.state, row?.note], ['skipped', 'nothing to publish: no text and no media archived']);
  assert.deepEqual(fake.violations, []);
});

test('a shorter new version deletes the parts it no longer has, once, also across a crash', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const long = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} ` + 'z'.repeat(900)).join('\n\n');
  await seedNews(store, [post(1, long)]);
  const routes = routesFromConfig([route({ channel: 'news', to: '@c' })]);
  await publishOnce(store, outbox, api, routes, FAST);
  const before = fake.chat('@c').length;
  assert.ok(before >= 3, `${before} parts`);

  await store.savePosts([post(1, 'SHORT new version', { edited: true })]);
  const preview = (await dryRun(store, outbox, routes)).ops.map((o) => `${o.op} ${o.part}`);
  assert.deepEqual(preview, ['edit 0', ...Array.from({ length: before - 1 }, (_, i) => `delete ${i + 1}`)]);
  // The process dies after Telegram deleted part 2 and before the outbox recorded it.
  let crashed = false;
  const dying: OutboxStore = Object.assign(Object.create(outbox) as OutboxStore, {
    finishOp: async (seq: number, note?: string) => {
      const row = (await outbox.rowsFor('channel:news', '@c')).find((r) => r.seq === seq);
      if (row?.pendingOp === 'delete' && !crashed) {
        crashed = true;
        throw new Error('killed');
      }
      return outbox.finishOp(seq, note);
    },
  });
  const cut = await publishOnce(store, dying, api, routes, FAST);
  assert.deepEqual(cut.paused, [{ chat: '@c', error: 'killed' }]);
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r.sent, 0);
  assert.deepEqual(
    fake.chat('@c').map((m) => m.text.split('\n')[1]),
    ['SHORT new version'],
  );
  assert.equal(fake.deletions.length, before - 1, 'each extra part deleted once');
  assert.deepEqual(fake.violations, []);
  const rows = await outbox.rowsFor('channel:news', '@c');
  assert.deepEqual(
    rows.map((x) => x.state),
    ['sent', ...Array.from({ length: before - 1 }, () => 'deleted')],
  );
  // Nothing left to do.
  const again = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(again.sent + again.edited + again.deleted, 0);
  // Long again: the first message is edited and the deleted parts are sent again, after it.
  await store.savePosts([post(1, long.replaceAll('z', 'y'), { edited: true })]);
  const grown = await publishOnce(store, outbox, api, routes, FAST);
  assert.deepEqual([grown.edited, grown.sent], [1, before - 1]);
  const shown = fake.chat('@c');
  assert.equal(shown.length, before);
  for (let i = 0; i < 12; i++)
    assert.ok(
      shown.some((m) => m.text.includes(`Paragraph ${i} ${'y'.repeat(900)}`)),
      `paragraph ${i} shown`,
    );
  assert.deepEqual(fake.violations, []);
});

test('long texts are split at paragraphs under 4096 with entities split across parts', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const para = (i: number) => `Paragraph ${i} ` + 'x'.repeat(900);
  const text = Array.from({ length: 10 }, (_, i) => para(i)).join('\n\n');
  // A bold run crossing the boundary between paragraphs 3 and 4 (wherever the cut lands).
  await seedNews(store, [post(1, text, { entities: [{ type: 'bold', offset: 0, length: text.length }] })]);
  await publishOnce(store, outbox, api, routesFromConfig([route({ channel: 'news', to: '@c' })]), FAST);
  const parts = fake.chat('@c');
  assert.deepEqual(fake.violations, []);
  assert.ok(parts.length >= 3);
  for (const p of parts) {
    assert.ok(p.text.length <= 4096);
    assert.match(p.text, /x$/, 'parts end at a paragraph end');
  }
  assert.match(parts[1]!.text, /^Paragraph \d /);
  // Every part but the attribution line is bold, to its very end.
  for (const p of parts.slice(1))
    assert.deepEqual(p.entities, [{ type: 'bold', offset: 0, length: p.text.length }]);
});

test('the rate limit holds per chat: at most 20 in any 600 ms window', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(
    store,
    Array.from({ length: 45 }, (_, i) => post(i + 1, `post ${i + 1}`)),
  );
  const routes = routesFromConfig([route({ channel: 'news', to: ['@a', '@b'] })]);
  await publishOnce(store, outbox, api, routes, {
    ...FAST,
    chatLimit: { perWindow: 20, windowMs: 600, minIntervalMs: 5 },
  });
  for (const chat of ['@a', '@b']) {
    const times = fake.chat(chat).map((m) => m.at);
    assert.equal(times.length, 45);
    for (let i = 20; i < times.length; i++)
      assert.ok(
        times[i]! - times[i - 20]! >= 600,
        `${chat}: 21 messages within ${times[i]! - times[i - 20]!} ms`,
      );
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! - times[i - 1]! >= 5);
  }
});

test('a dry run plans without recording or sending', async (t) => {
  const { store, outbox, fake } = await setup(t);
  await seedNews(store, [post(1, 'one')]);
  const plan = await dryRun(store, outbox, routesFromConfig([route({ channel: 'news', to: '@c' })]));
  assert.equal(plan.messages.length, 1);
  assert.equal((await outbox.counts()).planned, 0);
  assert.equal(fake.requests.length, 0);
});

test('a token Telegram refuses (401) is a user error naming TGWIRE_BOT_TOKEN, nothing sent', async (t) => {
  const { store, outbox, fake, apiRoot } = await setup(t);
  await seedNews(store, [post(1, 'one')]);
  const wrong = grammyBotApi({ token: '123:WRONG', apiRoot });
  const routes = routesFromConfig([route({ channel: 'news', to: '@ok' })]);
  const refused = await publishOnce(store, outbox, wrong, routes, FAST).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(refused instanceof BotTokenError, String(refused));
  assert.ok(refused instanceof UserError);
  assert.equal(refused.code, 401);
  assert.match(refused.message, /check TGWIRE_BOT_TOKEN.*BotFather/);
  assert.equal(fake.published.length, 0);
});

test('a failed pass is recorded on the routes that ran, and cleared by the next good pass', async (t) => {
  const { outbox } = await setup(t);
  await outbox.setRouteStatus({ route: 'channel:news', chat: '@ok', state: 'ok', code: null, error: null });
  await outbox.setRouteStatus({
    route: 'channel:news',
    chat: '@kicked',
    state: 'stopped',
    code: 403,
    error: '403 Forbidden: bot was kicked',
  });
  await recordPassFailure(outbox, 'database is locked', new Date('2026-01-01T00:00:00Z'));
  const failed = new Map((await outbox.routeStatuses()).map((s) => [s.chat, s]));
  assert.equal(
    failed.get('@ok')?.error,
    'publishing pass failed at 2026-01-01T00:00:00.000Z: database is locked; retrying',
  );
  assert.equal(failed.get('@ok')?.state, 'ok');
  assert.equal(
    failed.get('@kicked')?.error,
    '403 Forbidden: bot was kicked',
    'a stopped route keeps its reason',
  );
  await clearPassFailures(outbox);
  const cleared = new Map((await outbox.routeStatuses()).map((s) => [s.chat, s]));
  assert.equal(cleared.get('@ok')?.error, null);
  assert.equal(cleared.get('@kicked')?.state, 'stopped');
});

test('a route on a saved search publishes the posts it finds, and follows a change of its query', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const en = { lang: 'en' };
  await seedNews(store, [
    post(1, 'Sanctions on banks', en),
    post(2, 'Weather today', en),
    post(3, 'More sanctions #brics', en),
  ]);
  await store.saveSearch({ name: 'sanctions', query: 'sanction', createdAt: '2024-09-01T00:00:00.000Z' });
  const routes = routesFromConfig([route({ search: 'sanctions', to: '@alerts' })]);
  assert.equal(routes[0]!.id, 'search:sanctions');
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r.sent, 2);
  assert.deepEqual(
    fake.chat('@alerts').map((m) => m.text.split('\n')[1]),
    ['Sanctions on banks', 'More sanctions #brics'],
  );
  // The query is read at each pass: a changed saved search sends what it now finds, and nothing twice.
  await store.saveSearch({
    name: 'sanctions',
    query: 'sanction OR weather',
    createdAt: '2024-09-01T00:00:00.000Z',
  });
  await store.savePosts([post(4, 'Weather warning', en)]);
  const r2 = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r2.sent, 2);
  assert.deepEqual(
    fake.chat('@alerts').map((m) => m.text.split('\n')[1]),
    ['Sanctions on banks', 'More sanctions #brics', 'Weather today', 'Weather warning'],
  );
  assert.deepEqual(fake.violations, []);
});

test('a route on a saved search that was removed fails its pass with what to do, nothing sent', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  await seedNews(store, [post(1, 'Sanctions on banks')]);
  const routes = routesFromConfig([route({ search: 'gone', to: '@alerts' })]);
  await assert.rejects(
    publishOnce(store, outbox, api, routes, FAST),
    (e: unknown) =>
      e instanceof UserError &&
      /no saved search named gone \(tgwire searches add gone 'QUERY'\)/.test(e.message),
  );
  assert.equal(fake.published.length, 0);
});
