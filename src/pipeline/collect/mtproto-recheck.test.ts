// The recheck of a channel collected through the account: its newest posts read again by id on each sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Long, type tl } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import type { MtprotoClient } from '../../collectors/mtproto/client.js';
import {
  StubTelegram,
  floodWait,
  rpcError,
  tlChannel,
  tlMessage,
  tlReplies,
} from '../../collectors/mtproto/stub.testkit.js';
import { postToJson } from '../../feeds/jsonl.js';
import { syncChannelMtproto, type MtprotoContext } from './mtproto.js';
import { initialSyncState } from './state.js';

const CHANNEL = 4242;
const GROUP = 9000;
let clock = Date.parse('2025-01-01T00:00:00Z');

const replies = (n: number) => tlReplies(n, GROUP);

const comment = (id: number, top: number): tl.RawMessage =>
  tlMessage(GROUP, id, {
    post: false,
    message: `comment ${id}`,
    fromId: { _: 'peerUser', userId: 7 },
    replyTo: { _: 'messageReplyHeader', replyToMsgId: top },
  });

/** Channel posts 1..5 (post 2 has a thread of 2 comments, copy 100 in the group); collected with --comments. */
async function setup(t: { after(fn: () => unknown): void }, options: { comments?: boolean } = {}) {
  const posts = [1, 2, 3, 4, 5].map((id) =>
    tlMessage(CHANNEL, id, id === 2 ? { replies: replies(2), views: 10 } : { views: 10 }),
  );
  const tg = new StubTelegram()
    .addChat(tlChannel({ id: CHANNEL, title: 'Wire', username: 'wire' }), posts)
    .addChat(tlChannel({ id: GROUP, title: 'Wire chat', megagroup: true }), [
      tlMessage(GROUP, 100),
      comment(101, 100),
      comment(102, 100),
    ])
    .linkThread(CHANNEL, 2, GROUP, 100);
  tg.extraUsers.push({ _: 'user', id: 7, firstName: 'Ann' });
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  await store.saveSyncState('wire', {
    ...initialSyncState(),
    via: 'mtproto',
    comments: options.comments !== false,
  });
  const ctx: MtprotoContext = {
    store,
    client: tg.connected(),
    now: () => new Date((clock += 60_000)),
    sleep: async () => {},
    random: () => 0.5,
  };
  const first = await syncChannelMtproto(ctx, 'wire');
  assert.equal(first.status, 'ok', first.error);
  return { tg, store, ctx };
}

const channelMessage = (tg: StubTelegram, id: number) =>
  tg.messagesOf(CHANNEL).find((m) => m.id === id) as tl.RawMessage;
const removeMessage = (tg: StubTelegram, chat: number, id: number) =>
  tg.messagesOf(chat).splice(
    tg.messagesOf(chat).findIndex((m) => m.id === id),
    1,
  );
const threadIds = async (store: Store, post: number) =>
  (await store.getReplies('c9000', post)).map((p) => p.id);

test('a new comment on an old post is collected on the next sync, from its thread cursor', async (t) => {
  const { tg, store, ctx } = await setup(t);
  assert.deepEqual(await threadIds(store, 2), [101, 102]);
  tg.messagesOf(GROUP).push(comment(103, 100));
  channelMessage(tg, 2).replies = replies(3);
  const before = tg.calls.length;

  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(await threadIds(store, 2), [101, 102, 103]);
  const calls = tg.calls.slice(before);
  // The newest posts asked for by id, in one call; the thread read from its cursor (102), nothing else.
  assert.deepEqual(
    calls.filter((c) => c.method === 'getMessages').map((c) => (c.arg as { ids: number[] }).ids),
    [[5, 4, 3, 2, 1]],
  );
  assert.deepEqual(
    calls.filter((c) => c.method === 'getReplies').map((c) => (c.arg as { minId: number }).minId),
    [102],
  );
  assert.deepEqual((await store.getSyncState('wire'))?.threads?.[2], { top: 103, replies: 3 });
  assert.equal((await store.getPost('wire', 2))?.replies, 3);
});

test('a channel without --comments is rechecked but never asks for threads', async (t) => {
  const { tg, ctx } = await setup(t, { comments: false });
  channelMessage(tg, 2).replies = replies(3);
  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.equal(tg.count('getMessages'), 1);
  assert.equal(tg.count('getReplies'), 0);
});

test('a post Telegram answers as gone is marked deleted on the next sync, kept, and exported as deleted', async (t) => {
  const { tg, store, ctx } = await setup(t);
  removeMessage(tg, CHANNEL, 3);
  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.deletions, 1);
  const p3 = (await store.getPost('wire', 3))!;
  assert.deepEqual([p3.deleted, p3.text], [true, 'post 3']);
  assert.equal(postToJson(p3).deleted, true);
  assert.deepEqual(
    (await store.queryPosts({ channel: 'wire' })).map((p) => [p.id, p.deleted ?? false]),
    [
      [1, false],
      [2, false],
      [3, true],
      [4, false],
      [5, false],
    ],
  );
  // Marked once: the next sync does not ask for it again, nor count it again.
  const again = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(again.deletions, 0);
  assert.deepEqual(
    tg.calls.filter((c) => c.method === 'getMessages').map((c) => (c.arg as { ids: number[] }).ids),
    [
      [5, 4, 3, 2, 1],
      [5, 4, 2, 1],
    ],
  );
});

test('nothing is marked deleted on an error or from an answer that leaves ids out', async (t) => {
  const { tg, store, ctx } = await setup(t);
  removeMessage(tg, CHANNEL, 3);
  removeMessage(tg, CHANNEL, 4);
  tg.failNext('getMessages', rpcError(500, 'INTERNAL'));
  const failed = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(failed.status, 'error');
  assert.equal((await store.getPost('wire', 3))?.deleted, false);

  // An answer that says nothing of 3 (left out) and states 4 gone: only 4 is marked.
  const base = ctx.client;
  const partial: MtprotoClient = {
    ...base,
    getMessages: async (p, ids) => {
      const answer = await base.getMessages(p, ids);
      if (answer._ === 'messages.messagesNotModified') return answer;
      return { ...answer, messages: answer.messages.filter((m) => m.id !== 3) };
    },
  };
  const r = await syncChannelMtproto({ ...ctx, client: partial }, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.deletions, 1);
  assert.equal((await store.getPost('wire', 3))?.deleted, false);
  assert.equal((await store.getPost('wire', 4))?.deleted, true);
});

test('an album is marked deleted only when all its items are gone', async (t) => {
  const { tg, store, ctx } = await setup(t);
  const geo: tl.TypeMessageMedia = {
    _: 'messageMediaGeo',
    geo: { _: 'geoPoint', long: 1, lat: 2, accessHash: Long.ZERO },
  };
  const album = [6, 7, 8].map((id) =>
    tlMessage(CHANNEL, id, { groupedId: Long.fromNumber(5), media: geo, message: id === 6 ? 'three' : '' }),
  );
  tg.messagesOf(CHANNEL).push(...album);
  await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal((await store.getPost('wire', 6))?.media.length, 3);

  removeMessage(tg, CHANNEL, 8);
  const one = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(one.deletions, 0);
  const p6 = (await store.getPost('wire', 6))!;
  assert.deepEqual([p6.deleted, p6.media.map((m) => m.memberId)], [false, [6, 7]]);

  removeMessage(tg, CHANNEL, 6);
  removeMessage(tg, CHANNEL, 7);
  const all = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(all.deletions, 1);
  assert.equal((await store.getPost('wire', 6))?.deleted, true);
  assert.equal(await store.getPost('wire', 7), null, 'an item never becomes a post of its own');
});

test('edits, views and reactions of older posts are updated; an edit becomes a version with its date', async (t) => {
  const { tg, store, ctx } = await setup(t);
  const editDate = Date.parse('2025-02-01T10:00:00Z') / 1000;
  Object.assign(channelMessage(tg, 1), { message: 'post 1, corrected', editDate, views: 99 });
  channelMessage(tg, 4).reactions = {
    _: 'messageReactions',
    results: [{ _: 'reactionCount', reaction: { _: 'reactionEmoji', emoticon: '👍' }, count: 4 }],
  };
  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual([r.newPosts, r.edits], [0, 1]);
  const p1 = (await store.getPost('wire', 1))!;
  assert.deepEqual([p1.text, p1.editDate, p1.views], ['post 1, corrected', '2025-02-01T10:00:00.000Z', 99]);
  assert.deepEqual(
    (await store.getVersions('wire', 1)).map((v) => v.text),
    ['post 1', 'post 1, corrected'],
  );
  assert.deepEqual(
    (await store.getPost('wire', 4))?.reactions.map((x) => [x.emoji, x.count]),
    [['👍', 4]],
  );
});

test('a flood wait during the recheck loses neither the cursor nor the thread still to read', async (t) => {
  const { tg, store, ctx } = await setup(t);
  tg.messagesOf(CHANNEL).push(tlMessage(CHANNEL, 6));
  tg.messagesOf(GROUP).push(comment(103, 100));
  channelMessage(tg, 2).replies = replies(3);

  // The recheck's look-up waits longer than the collector sleeps: the new post is kept, the channel waits.
  tg.failNext('getMessages', floodWait(600));
  const waited = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(waited.status, 'skipped');
  assert.equal(waited.newPosts, 1);
  let state = (await store.getSyncState('wire'))!;
  assert.deepEqual([state.status, state.topId], ['flood_wait', 6]);
  assert.deepEqual(state.threads?.[2], { top: 102, replies: 2 });

  // Then the thread marked by the recheck waits: it stays marked, with its cursor.
  tg.failNext('getReplies', floodWait(600));
  const marked = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(marked.status, 'skipped');
  state = (await store.getSyncState('wire'))!;
  assert.deepEqual(state.threads?.[2], { top: 102, replies: 2, want: 3 });
  assert.deepEqual(await threadIds(store, 2), [101, 102]);

  // Once the wait is over: the thread is read from its cursor, first thing, and nothing is read twice.
  const before = tg.calls.length;
  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.newPosts, 1);
  assert.deepEqual(await threadIds(store, 2), [101, 102, 103]);
  assert.deepEqual(
    tg.calls
      .slice(before)
      .filter((c) => c.method === 'getReplies')
      .map((c) => (c.arg as { msgId: number; minId: number }).minId),
    [102],
  );
  assert.equal(await store.countPosts({ channel: 'wire' }), 6);
});
