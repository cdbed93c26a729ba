import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Long } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { StubTelegram, tlChannel, tlMessage } from '../../collectors/mtproto/stub.testkit.js';
import type { MtprotoContext } from './mtproto.js';
import { startMtprotoWatch } from './mtproto-watch.js';

const ID = 31337;

async function setup(t: { after(fn: () => unknown): void }, n = 3) {
  const messages = Array.from({ length: n }, (_, i) => tlMessage(ID, i + 1));
  const tg = new StubTelegram().addChat(tlChannel({ id: ID, title: 'Live', username: 'live' }), messages);
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  const ctx: MtprotoContext = { store, client: tg.connected() };
  const errors: unknown[] = [];
  const watch = await startMtprotoWatch(ctx, ['live'], { settleMs: 5, onError: (_c, e) => errors.push(e) });
  t.after(() => watch.stop());
  return { tg, store, watch, errors };
}

const newMessage = (m: ReturnType<typeof tlMessage>) =>
  ({ _: 'updateNewChannelMessage', message: m, pts: m.id, ptsCount: 1 }) as const;

test('watch starts with a sync, then new posts arrive through updates (an album as one post)', async (t) => {
  const { tg, store, watch, errors } = await setup(t);
  assert.equal(await store.countPosts({ channel: 'live' }), 3);
  assert.equal(tg.watching, 1);
  const album = [4, 5].map((id) =>
    tlMessage(ID, id, { groupedId: Long.fromNumber(8), message: id === 4 ? 'pics' : '' }),
  );
  tg.messagesOf(ID).push(...album);
  const rechecks = tg.count('getMessages');
  for (const m of album) tg.push(ID, newMessage(m));
  await watch.idle();
  assert.deepEqual(errors, []);
  assert.equal(tg.count('getMessages'), rechecks, 'new posts read what is new, no recheck');
  const post = await store.getPost('live', 4);
  assert.equal(post?.groupId, 'live/4g');
  assert.equal(await store.getPost('live', 5), null);
  assert.equal((await store.getSyncState('live'))?.topId, 5);
});

test('an edit becomes a new version with its edit date; a deletion is marked and kept', async (t) => {
  const { tg, store, watch, errors } = await setup(t);
  const editDate = Date.parse('2025-02-01T10:00:00Z') / 1000;
  tg.push(ID, {
    _: 'updateEditChannelMessage',
    message: tlMessage(ID, 2, { message: 'post 2, corrected', editDate }),
    pts: 10,
    ptsCount: 1,
  });
  tg.push(ID, { _: 'updateDeleteChannelMessages', channelId: ID, messages: [3], pts: 11, ptsCount: 1 });
  await watch.idle();
  assert.deepEqual(errors, []);
  const p2 = (await store.getPost('live', 2))!;
  assert.equal(p2.text, 'post 2, corrected');
  assert.equal(p2.editDate, '2025-02-01T10:00:00.000Z');
  assert.deepEqual(
    (await store.getVersions('live', 2)).map((v) => v.text),
    ['post 2', 'post 2, corrected'],
  );
  const p3 = (await store.getPost('live', 3))!;
  assert.equal(p3.deleted, true);
  assert.equal(p3.text, 'post 3');
});

test('a gap (updates too long, or posts while nothing watched) is read from the history, nothing missed', async (t) => {
  const { tg, store, watch } = await setup(t);
  // Posts the updates never brought: Telegram says the channel's updates are "too long".
  for (let id = 4; id <= 150; id++) tg.messagesOf(ID).push(tlMessage(ID, id));
  tg.push(ID, { _: 'updateChannelTooLong', channelId: ID });
  await watch.idle();
  assert.equal(await store.countPosts({ channel: 'live' }), 150);
  await watch.stop();
  assert.equal(tg.watching, 0);

  // Stopped, then started again later: what came meanwhile is read first.
  for (let id = 151; id <= 160; id++) tg.messagesOf(ID).push(tlMessage(ID, id));
  const again = await startMtprotoWatch({ store, client: tg.connected() }, ['live'], { settleMs: 5 });
  t.after(() => again.stop());
  assert.equal(await store.countPosts({ channel: 'live' }), 160);
  assert.equal(tg.count('resolveUsername'), 1, 'the peer kept from the first run');
});

test('updates of channels not watched are ignored', async (t) => {
  const { tg, store, watch } = await setup(t);
  tg.addChat(tlChannel({ id: 9, title: 'Other', username: 'other' }), [tlMessage(9, 1)]);
  tg.push(9, newMessage(tlMessage(9, 1)));
  await watch.idle();
  assert.equal(await store.countPosts({ channel: 'other' }), 0);
});

/** An album item as Telegram sends it: every item carries a medium (here a geo point, the smallest TL). */
const item = (id: number, fields: Parameters<typeof tlMessage>[2] = {}) =>
  tlMessage(ID, id, {
    groupedId: Long.fromNumber(8),
    media: { _: 'messageMediaGeo', geo: { _: 'geoPoint', long: 1, lat: 2, accessHash: Long.ZERO } },
    ...fields,
  });

test('an edited album item changes the album post, not a row of its own', async (t) => {
  const { tg, store, watch, errors } = await setup(t);
  const album = [4, 5].map((id) => item(id, { message: id === 5 ? 'caption' : '' }));
  tg.messagesOf(ID).push(...album);
  for (const m of album) tg.push(ID, newMessage(m));
  await watch.idle();
  const edited = item(5, { message: 'caption, edited', editDate: 1_800_000_000 });
  tg.messagesOf(ID).splice(tg.messagesOf(ID).indexOf(album[1]!), 1, edited);
  tg.push(ID, { _: 'updateEditChannelMessage', message: edited, pts: 20, ptsCount: 1 });
  await watch.idle();
  assert.deepEqual(errors, []);
  assert.equal((await store.getPost('live', 4))?.text, 'caption, edited');
  assert.equal(await store.getPost('live', 5), null);
});

test('a scheduled recheck goes through the watcher; a channel followed meanwhile is watched from then on', async (t) => {
  const { tg, store, watch } = await setup(t);
  tg.addChat(tlChannel({ id: 9, title: 'New', username: 'fresh' }), [tlMessage(9, 1), tlMessage(9, 2)]);
  const r = await watch.sync('fresh');
  assert.deepEqual([r.status, r.newPosts], ['ok', 2]);
  tg.messagesOf(9).push(tlMessage(9, 3));
  tg.push(9, newMessage(tlMessage(9, 3)));
  await watch.idle();
  assert.equal(await store.countPosts({ channel: 'fresh' }), 3);
});

test('the periodic recheck marks a post deleted that no update reported', async (t) => {
  const tg = new StubTelegram().addChat(
    tlChannel({ id: ID, title: 'Live', username: 'live' }),
    [1, 2, 3].map((id) => tlMessage(ID, id)),
  );
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  const watch = await startMtprotoWatch({ store, client: tg.connected() }, ['live'], {
    settleMs: 5,
    recheckMs: 20,
  });
  t.after(() => watch.stop());
  tg.messagesOf(ID).splice(1, 1);
  const deadline = Date.now() + 5000;
  while (!(await store.getPost('live', 2))?.deleted && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 10));
  await watch.idle();
  const p2 = (await store.getPost('live', 2))!;
  assert.deepEqual([p2.deleted, p2.text], [true, 'post 2']);
  assert.equal((await store.getPost('live', 3))?.deleted, false);
});
