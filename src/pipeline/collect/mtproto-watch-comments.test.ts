// Comments arriving through updates: new messages of a watched channel's discussion group, stored under their post.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { tl } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import { StubTelegram, tlChannel, tlMessage, tlReplies } from '../../collectors/mtproto/stub.testkit.js';
import type { MtprotoContext } from './mtproto.js';
import { startMtprotoWatch } from './mtproto-watch.js';
import { initialSyncState } from './state.js';

const CHANNEL = 4242;
const GROUP = 9000;

const replies = (n: number) => tlReplies(n, GROUP);

/** A message of the discussion group replying to `replyTo`, within the thread of copy `top`. */
const comment = (id: number, top: number, replyTo = top): tl.RawMessage =>
  tlMessage(GROUP, id, {
    post: false,
    message: `comment ${id}`,
    fromId: { _: 'peerUser', userId: 7 },
    replyTo: {
      _: 'messageReplyHeader',
      replyToMsgId: replyTo,
      ...(replyTo !== top ? { replyToTopId: top } : {}),
    },
  });

/** The group's automatic copy of channel post `post`: its thread holds the post's comments. */
const copy = (id: number, post: number): tl.RawMessage =>
  tlMessage(GROUP, id, {
    post: false,
    fwdFrom: {
      _: 'messageFwdHeader',
      date: 0,
      fromId: { _: 'peerChannel', channelId: CHANNEL },
      channelPost: post,
      savedFromPeer: { _: 'peerChannel', channelId: CHANNEL },
      savedFromMsgId: post,
    },
  });

const newMessage = (m: tl.RawMessage): tl.TypeUpdate => ({
  _: 'updateNewChannelMessage',
  message: m,
  pts: m.id,
  ptsCount: 1,
});

async function setup(t: { after(fn: () => unknown): void }, comments = true) {
  const tg = new StubTelegram()
    .addChat(
      tlChannel({ id: CHANNEL, title: 'Wire', username: 'wire' }),
      [1, 2, 3].map((id) => tlMessage(CHANNEL, id, id === 2 ? { replies: replies(1) } : {})),
    )
    .addChat(tlChannel({ id: GROUP, title: 'Wire chat', megagroup: true }), [
      copy(100, 2),
      comment(101, 100),
      tlMessage(GROUP, 150, { post: false, message: 'chatter' }),
    ])
    .linkThread(CHANNEL, 2, GROUP, 100);
  tg.extraUsers.push({ _: 'user', id: 7, firstName: 'Ann' });
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  await store.saveSyncState('wire', { ...initialSyncState(), via: 'mtproto', comments });
  const ctx: MtprotoContext = { store, client: tg.connected(), sleep: async () => {} };
  const errors: unknown[] = [];
  const watch = await startMtprotoWatch(ctx, ['wire'], { settleMs: 5, onError: (_c, e) => errors.push(e) });
  t.after(() => watch.stop());
  return { tg, store, watch, errors };
}

const thread = async (store: Store, post: number) =>
  (await store.getReplies('c9000', post)).map((p) => [p.id, p.text, p.author, p.deleted]);

test('a comment arriving as an update is stored under its post, as the sync stores comments', async (t) => {
  const { tg, store, watch, errors } = await setup(t);
  assert.deepEqual(await thread(store, 2), [[101, 'comment 101', 'Ann', false]]);
  const synced = tg.calls.length;

  // A comment on post 2, and a reply within its thread (to comment 101).
  tg.push(GROUP, newMessage(comment(102, 100)));
  tg.push(GROUP, newMessage(comment(103, 100, 101)));
  await watch.idle();
  assert.deepEqual(errors, []);
  assert.deepEqual(await thread(store, 2), [
    [101, 'comment 101', 'Ann', false],
    [102, 'comment 102', 'Ann', false],
    [103, 'comment 103', 'Ann', false],
  ]);
  // The copy 100 was looked up once (by id, in the group); nothing else was read.
  assert.deepEqual(
    tg.calls.slice(synced).map((c) => [c.method, (c.arg as { ids?: number[] }).ids]),
    [['getMessages', [100]]],
  );

  // A new post, its copy in the group, then its first comment: the copy seen in the updates links them.
  tg.messagesOf(CHANNEL).push(tlMessage(CHANNEL, 4));
  tg.messagesOf(GROUP).push(copy(200, 4));
  tg.push(CHANNEL, newMessage(tlMessage(CHANNEL, 4)));
  tg.push(GROUP, newMessage(copy(200, 4)));
  tg.push(GROUP, newMessage(comment(201, 200)));
  await watch.idle();
  assert.deepEqual(errors, []);
  assert.deepEqual(
    (await store.getReplies('c9000', 4)).map((p) => [p.id, p.replyTo]),
    [[201, 4]],
  );
  assert.equal(await store.getPost('c9000', 200), null, 'the copy itself is not a comment');
  const groupLookups = tg.calls.filter(
    (c) => c.method === 'getMessages' && (c.arg as { peer: { id: number } }).peer.id === GROUP,
  );
  assert.equal(groupLookups.length, 1, 'copy 200 was seen, not asked for');

  // A comment deleted in the group: marked, kept.
  tg.push(GROUP, {
    _: 'updateDeleteChannelMessages',
    channelId: GROUP,
    messages: [102],
    pts: 300,
    ptsCount: 1,
  });
  await watch.idle();
  assert.equal((await store.getPost('c9000', 102))?.deleted, true);
});

test("the group's other messages are not comments", async (t) => {
  const { tg, store, watch, errors } = await setup(t);
  tg.push(GROUP, newMessage(tlMessage(GROUP, 160, { post: false, message: 'hello all' })));
  tg.push(GROUP, newMessage(comment(161, 150)));
  await watch.idle();
  assert.deepEqual(errors, []);
  assert.equal(await store.getPost('c9000', 160), null);
  assert.equal(await store.getPost('c9000', 161), null);
  // 150 was found not to be a post's copy: asked once, whatever replies to it next.
  tg.push(GROUP, newMessage(comment(162, 150)));
  await watch.idle();
  assert.equal(
    tg.calls.filter((c) => c.method === 'getMessages' && (c.arg as { ids: number[] }).ids[0] === 150).length,
    1,
  );
});

test('a channel collected without --comments does not watch its discussion group', async (t) => {
  const { tg, store, watch } = await setup(t, false);
  tg.push(GROUP, newMessage(comment(102, 100)));
  await watch.idle();
  assert.equal(await store.countPosts({ channel: 'c9000' }), 0);
});
