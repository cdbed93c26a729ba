import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { tl } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import type { MtprotoClient } from '../../collectors/mtproto/client.js';
import {
  StubTelegram,
  rpcError,
  tlChannel,
  tlMessage,
  tlReplies,
} from '../../collectors/mtproto/stub.testkit.js';
import { syncChannelMtproto, type MtprotoContext } from './mtproto.js';
import { initialSyncState } from './state.js';

const CHANNEL = 4242;
const GROUP = 9000;
const NOW = new Date('2025-01-01T00:00:00Z');

const replies = (n: number) => tlReplies(n, GROUP);

/** A comment in the discussion group: a reply to the post's copy there (`top`), or within its thread. */
function comment(id: number, top: number, replyTo = top, text = `comment ${id}`): tl.RawMessage {
  return tlMessage(GROUP, id, {
    post: false,
    message: text,
    fromId: { _: 'peerUser', userId: 7 },
    replyTo: {
      _: 'messageReplyHeader',
      replyToMsgId: replyTo,
      ...(replyTo !== top ? { replyToTopId: top } : {}),
    },
  });
}

/** Channel posts 1..5; 2 and 4 have threads (copies 100 and 200 in the group): 3 comments and 2 comments. */
async function setup(t: { after(fn: () => unknown): void }) {
  const posts = [1, 2, 3, 4, 5].map((id) =>
    tlMessage(CHANNEL, id, id === 2 ? { replies: replies(3) } : id === 4 ? { replies: replies(2) } : {}),
  );
  const group = [
    tlMessage(GROUP, 100, { fwdFrom: { _: 'messageFwdHeader', date: 0, channelPost: 2 } }),
    comment(101, 100),
    comment(102, 100, 101),
    comment(103, 100),
    tlMessage(GROUP, 200),
    comment(201, 200),
    comment(202, 200),
  ];
  const tg = new StubTelegram()
    .addChat(tlChannel({ id: CHANNEL, title: 'Wire', username: 'wire' }), posts)
    .addChat(tlChannel({ id: GROUP, title: 'Wire chat', megagroup: true }), group)
    .linkThread(CHANNEL, 2, GROUP, 100)
    .linkThread(CHANNEL, 4, GROUP, 200);
  tg.extraUsers.push({ _: 'user', id: 7, firstName: 'Ann', lastName: 'Lee' });
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  await store.saveSyncState('wire', { ...initialSyncState(), via: 'mtproto', comments: true });
  const ctx: MtprotoContext = { store, client: tg.connected(), now: () => NOW, sleep: async () => {} };
  return { tg, store, ctx };
}

const thread = async (store: Store, id: number) =>
  (await store.getReplies('c9000', id)).map((p) => [p.id, p.text, p.author]);

test('the comments of each post are stored as the discussion group posts replying to it', async (t) => {
  const { tg, store, ctx } = await setup(t);
  const r = await syncChannelMtproto(ctx, 'wire');
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(await thread(store, 2), [
    [101, 'comment 101', 'Ann Lee'],
    [102, 'comment 102', 'Ann Lee'],
    [103, 'comment 103', 'Ann Lee'],
  ]);
  assert.deepEqual(await thread(store, 4), [
    [201, 'comment 201', 'Ann Lee'],
    [202, 'comment 202', 'Ann Lee'],
  ]);
  const group = await store.getChannel('c9000');
  assert.deepEqual([group?.numericId, group?.title, group?.kind], [GROUP, 'Wire chat', 'private_supergroup']);
  const state = await store.getSyncState('wire');
  assert.equal(state?.discussion, 'c9000');
  assert.deepEqual(state?.threads, { 2: { top: 103, replies: 3 }, 4: { top: 202, replies: 2 } });
  // Only posts with comments were asked for.
  assert.deepEqual(
    tg.calls.filter((c) => c.method === 'getReplies').map((c) => (c.arg as { msgId: number }).msgId),
    [2, 4],
  );

  // A new comment on post 2: only its thread is read again, from its cursor.
  tg.messagesOf(GROUP).push(comment(104, 100));
  (tg.messagesOf(CHANNEL)[1] as tl.RawMessage).replies = replies(4);
  const before = tg.calls.length;
  // The post is seen again (as a recheck or an edit would), with its new count.
  await store.saveSyncState('wire', { ...(await store.getSyncState('wire'))!, topId: 1 });
  const again = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(again.status, 'ok', again.error);
  const asked = tg.calls.slice(before).filter((c) => c.method === 'getReplies');
  assert.deepEqual(
    asked.map((c) => [(c.arg as { msgId: number }).msgId, (c.arg as { minId: number }).minId]),
    [[2, 103]],
  );
  assert.deepEqual(
    (await thread(store, 2)).map(([id]) => id),
    [101, 102, 103, 104],
  );
});

test('a channel without --comments never asks for threads', async (t) => {
  const { tg, store, ctx } = await setup(t);
  await store.saveSyncState('wire', { ...initialSyncState(), via: 'mtproto' });
  const r = await syncChannelMtproto(ctx, 'wire');
  assert.equal(r.status, 'ok', r.error);
  assert.equal(tg.count('getReplies'), 0);
  assert.deepEqual(await store.getReplies('c9000', 2), []);
});

test('comments resume after a failure mid-thread: the thread is read again, nothing lost, nothing twice', async (t) => {
  const { store, ctx } = await setup(t);
  const base = ctx.client;
  let calls = 0;
  const dying: MtprotoClient = {
    ...base,
    getReplies: (p, id, r) =>
      ++calls === 3 ? Promise.reject(new Error('connection lost')) : base.getReplies(p, id, r),
  };
  // Pages of 2: post 4's thread is one full page and an empty one; post 2's first page dies.
  const first = await syncChannelMtproto({ ...ctx, client: dying }, 'wire', { pageSize: 2 });
  assert.equal(first.status, 'error');
  const saved = await store.getSyncState('wire');
  assert.deepEqual(saved?.threads?.[4], { top: 202, replies: 2 });
  // Post 2 was marked with the page that showed it, so its thread is still to read.
  assert.equal(saved?.threads?.[2]?.want, 3);

  const second = await syncChannelMtproto(ctx, 'wire', { pageSize: 2, force: true });
  assert.equal(second.status, 'ok', second.error);
  assert.deepEqual(
    (await thread(store, 2)).map(([id]) => id),
    [101, 102, 103],
  );
  assert.deepEqual((await store.getSyncState('wire'))?.threads?.[2], { top: 103, replies: 3 });
  assert.equal(await store.countPosts({ channel: 'c9000' }), 5);
});

test('a post gone from Telegram (MSG_ID_INVALID) closes its thread instead of failing the channel', async (t) => {
  const { tg, store, ctx } = await setup(t);
  tg.failNext('getReplies', rpcError(400, 'MSG_ID_INVALID'));
  const r = await syncChannelMtproto(ctx, 'wire');
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(await store.getReplies('c9000', 2), []);
  assert.equal((await store.getReplies('c9000', 4)).length, 2);
  assert.deepEqual((await store.getSyncState('wire'))?.threads?.[2], { top: 0, replies: 3 });
});
