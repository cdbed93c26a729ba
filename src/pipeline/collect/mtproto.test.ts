import { test } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Long, type tl } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { LocalMediaStore } from '../../store/media/local.js';
import { createMediaKeeper } from '../media/keep.js';
import type { Store } from '../../store/store.js';
import type { MtprotoClient } from '../../collectors/mtproto/client.js';
import {
  StubTelegram,
  floodWait,
  rpcError,
  tlChannel,
  tlMessage,
} from '../../collectors/mtproto/stub.testkit.js';
import type { HttpClient } from '../../util/http.js';
import { syncChannelMtproto, syncChannelsMtproto, type MtprotoContext } from './mtproto.js';
import { initialSyncState } from './state.js';
import { syncChannel } from './sync.js';

const ID = 4242;
const NOW = new Date('2025-01-01T00:00:00Z');

/** A channel of `n` posts, ids 1..n; `album` makes those ids one album. */
function channelMessages(n: number, album: number[] = []): tl.TypeMessage[] {
  const out: tl.TypeMessage[] = [];
  for (let id = 1; id <= n; id++)
    out.push(
      tlMessage(
        ID,
        id,
        album.includes(id)
          ? { groupedId: Long.fromNumber(99), message: id === album[0] ? 'caption' : '' }
          : {},
      ),
    );
  return out;
}

async function setup(t: { after(fn: () => unknown): void }, messages: tl.TypeMessage[]) {
  const tg = new StubTelegram().addChat(tlChannel({ id: ID, title: 'Wire', username: 'wire' }), messages);
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  const slept: number[] = [];
  const ctx: MtprotoContext = {
    store,
    client: tg.connected(),
    now: () => NOW,
    sleep: async (ms) => void slept.push(ms),
    random: () => 0.5,
  };
  return { tg, store, ctx, slept };
}

const ids = async (store: Store, channel = 'wire') =>
  (await store.queryPosts({ channel })).map((p) => p.id).sort((a, b) => a - b);

test('backfill walks the whole history in pages; the peer is resolved once and kept', async (t) => {
  const { tg, store, ctx } = await setup(t, channelMessages(250));
  const r = await syncChannelMtproto(ctx, 'wire', { pageSize: 100 });
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.newPosts, 250);
  assert.deepEqual(
    await ids(store),
    Array.from({ length: 250 }, (_, i) => i + 1),
  );
  const state = await store.getSyncState('wire');
  assert.deepEqual(
    [state?.topId, state?.bottomId, state?.reachedStart, state?.via],
    [250, 1, true, 'mtproto'],
  );
  assert.deepEqual(state?.peer, { type: 'channel', id: ID, accessHash: `${ID}777` });
  assert.equal((await store.getChannel('wire'))?.numericId, ID);
  assert.equal((await store.getPost('wire', 7))?.source, 'mtproto');

  // New posts: read down to what we have, nothing older again, no second resolve.
  tg.messagesOf(ID).push(tlMessage(ID, 251), tlMessage(ID, 252));
  const before = tg.count('getHistory');
  const again = await syncChannelMtproto(ctx, 'wire', { pageSize: 100 });
  assert.equal(again.newPosts, 2);
  assert.equal(tg.count('getHistory') - before, 1);
  assert.equal(tg.count('resolveUsername'), 1);
  assert.equal((await store.getSyncState('wire'))?.topId, 252);
});

test('a gap of more than a page since the last sync is walked down to the newest post we have', async (t) => {
  const { tg, store, ctx } = await setup(t, channelMessages(30));
  await syncChannelMtproto(ctx, 'wire', { pageSize: 10 });
  for (let id = 31; id <= 55; id++) tg.messagesOf(ID).push(tlMessage(ID, id));
  const r = await syncChannelMtproto(ctx, 'wire', { pageSize: 10 });
  assert.equal(r.newPosts, 25);
  assert.deepEqual(
    await ids(store),
    Array.from({ length: 55 }, (_, i) => i + 1),
  );
  assert.equal((await store.getSyncState('wire'))?.topId, 55);
});

test('an album cut by a page boundary is still one post with all its items', async (t) => {
  // Pages of 10 from the newest (30): 30..21, then 20..11: the album 20-22 straddles the first boundary.
  const { store, ctx } = await setup(t, channelMessages(30, [20, 21, 22]));
  const r = await syncChannelMtproto(ctx, 'wire', { pageSize: 10 });
  assert.equal(r.status, 'ok', r.error);
  const album = (await store.getPost('wire', 20))!;
  assert.equal(album.groupId, 'wire/20g');
  assert.equal(album.text, 'caption');
  assert.equal(await store.getPost('wire', 21), null);
  assert.equal(await store.getPost('wire', 22), null);
  assert.equal((await ids(store)).length, 28);
});

test('a sync stopped halfway (killed) resumes from the saved cursor: nothing lost, nothing twice', async (t) => {
  const { tg, store, ctx } = await setup(t, channelMessages(100));
  let calls = 0;
  const base = ctx.client;
  const dying: MtprotoClient = {
    ...base,
    getHistory: (p, r) =>
      ++calls === 4 ? Promise.reject(new Error('connection lost')) : base.getHistory(p, r),
  };
  const first = await syncChannelMtproto({ ...ctx, client: dying }, 'wire', { pageSize: 10 });
  assert.equal(first.status, 'error');
  const saved = await store.getSyncState('wire');
  // The cursor says exactly what is stored: pages 100..71.
  assert.deepEqual(
    await ids(store),
    Array.from({ length: 30 }, (_, i) => i + 71),
  );
  assert.equal(saved?.bottomId, 71);
  const resumeFrom = tg.calls.length;
  const second = await syncChannelMtproto({ ...ctx, client: base }, 'wire', { pageSize: 10, force: true });
  assert.equal(second.status, 'ok', second.error);
  const offsets = tg.calls.slice(resumeFrom).filter((c) => c.method === 'getHistory');
  // The newest page again (for new posts), then on from 71: no page in between is read twice.
  assert.deepEqual(
    offsets.map((c) => (c.arg as { offsetId: number }).offsetId),
    [0, 71, 61, 51, 41, 31, 21, 11],
  );
  assert.deepEqual(
    await ids(store),
    Array.from({ length: 100 }, (_, i) => i + 1),
  );
});

test('a short FLOOD_WAIT is waited out with jitter and the sync goes on', async (t) => {
  const { tg, ctx, slept } = await setup(t, channelMessages(5));
  tg.failNext('getHistory', floodWait(5));
  const r = await syncChannelMtproto(ctx, 'wire');
  assert.equal(r.status, 'ok', r.error);
  assert.equal(r.newPosts, 5);
  assert.deepEqual(slept, [5 * 1000 * 1.1 + 250]);
});

test('a long FLOOD_WAIT reschedules the channel instead of blocking the others', async (t) => {
  const { tg, store, ctx, slept } = await setup(t, channelMessages(5));
  tg.addChat(tlChannel({ id: 77, title: 'Other', username: 'other' }), [tlMessage(77, 1)]);
  tg.failNext('resolveUsername', floodWait(3600));
  const [wire, other] = await syncChannelsMtproto(ctx, ['wire', 'other']);
  assert.equal(wire!.status, 'skipped');
  assert.match(wire!.error!, /wait 3600 s before the next contacts\.resolveUsername/);
  assert.equal(other!.status, 'ok');
  assert.deepEqual(slept, []);
  const state = await store.getSyncState('wire');
  assert.equal(state?.status, 'flood_wait');
  const wait = Date.parse(state!.nextCheckAt!) - NOW.getTime();
  assert.ok(wait >= 3600_000 && wait <= 3600_000 * 1.1 + 1000, String(wait));
  // Before that time the channel is left alone.
  const early = await syncChannelMtproto(ctx, 'wire');
  assert.equal(early.status, 'skipped');
  assert.equal(tg.count('resolveUsername'), 2);
});

const problems: {
  name: string;
  arrange: (tg: StubTelegram) => void;
  key: string;
  status: string;
  message: RegExp;
}[] = [
  {
    name: 'USERNAME_NOT_OCCUPIED',
    arrange: () => {},
    key: 'nosuchname',
    status: 'not_found',
    message: /no such channel or group on Telegram/,
  },
  {
    name: 'CHANNEL_PRIVATE',
    arrange: (tg) => tg.failNext('getHistory', rpcError(400, 'CHANNEL_PRIVATE')),
    key: 'wire',
    status: 'private',
    message: /the account cannot read it \(CHANNEL_PRIVATE/,
  },
  {
    name: 'AUTH_KEY_UNREGISTERED',
    arrange: (tg) => tg.revoke(),
    key: 'wire',
    status: 'session_invalid',
    message: /session no longer works \(AUTH_KEY_UNREGISTERED.*run tgwire login again/,
  },
  {
    name: 'a user, not a channel',
    arrange: (tg) => tg.addUser('somebody', 5),
    key: 'somebody',
    status: 'private',
    message: /is a user or bot, not a channel or group/,
  },
];
for (const c of problems) {
  test(`${c.name} becomes the channel status ${c.status}, with the error and a back-off`, async (t) => {
    const { tg, store, ctx } = await setup(t, channelMessages(3));
    c.arrange(tg);
    const r = await syncChannelMtproto(ctx, c.key);
    assert.equal(r.status, 'error');
    assert.equal(r.problem, c.status);
    assert.match(r.error!, c.message);
    const state = await store.getSyncState(c.key);
    assert.equal(state?.status, c.status);
    assert.match(state?.lastError ?? '', c.message);
    assert.equal(state?.errorCount, 1);
    assert.ok(Date.parse(state!.nextCheckAt!) > NOW.getTime());
  });
}

test('a private channel forgets its peer, so a rejoin is resolved afresh', async (t) => {
  const { tg, store, ctx } = await setup(t, channelMessages(3));
  await syncChannelMtproto(ctx, 'wire');
  assert.ok((await store.getSyncState('wire'))?.peer);
  tg.failNext('getHistory', rpcError(400, 'CHANNEL_PRIVATE'));
  await syncChannelMtproto(ctx, 'wire');
  assert.equal((await store.getSyncState('wire'))?.peer, undefined);
});

test('the web sync hands a channel added --via mtproto to the account, and never reads it through t.me', async (t) => {
  const { store, ctx } = await setup(t, channelMessages(3));
  await store.saveSyncState('wire', { ...initialSyncState(), via: 'mtproto' });
  const http: HttpClient = {
    get: () => Promise.reject(new Error('t.me must not be asked')),
  } as unknown as HttpClient;
  const web = { store, http };
  assert.equal((await syncChannel(web, 'wire')).status, 'skipped');
  const r = await syncChannel({ ...web, mtproto: (key, o) => syncChannelMtproto(ctx, key, o) }, 'wire');
  assert.deepEqual([r.status, r.newPosts], ['ok', 3]);
});

test('files come through the account into the media store: photos, albums, documents; over the cap never fetched', async (t) => {
  const fixtures = new URL('../../../test/fixtures/media/', import.meta.url);
  const jpeg = readFileSync(new URL('photo.jpg', fixtures));
  const pdf = readFileSync(new URL('doc.pdf', fixtures));
  const photo = (id: number): tl.RawMessageMediaPhoto => ({
    _: 'messageMediaPhoto',
    photo: {
      _: 'photo',
      id: Long.fromNumber(id),
      accessHash: Long.fromNumber(5),
      fileReference: new Uint8Array([1]),
      date: 0,
      dcId: 2,
      sizes: [{ _: 'photoSize', type: 'y', w: 800, h: 600, size: jpeg.length }],
    },
  });
  const doc = (id: number, size: number): tl.RawMessageMediaDocument => ({
    _: 'messageMediaDocument',
    document: {
      _: 'document',
      id: Long.fromNumber(id),
      accessHash: Long.fromNumber(5),
      fileReference: new Uint8Array([1]),
      date: 0,
      mimeType: 'application/pdf',
      size,
      dcId: 2,
      attributes: [{ _: 'documentAttributeFilename', fileName: `d${id}.pdf` }],
    },
  });
  const { tg, store, ctx } = await setup(t, [
    tlMessage(ID, 1, { media: photo(101) }),
    tlMessage(ID, 2, { media: photo(102), groupedId: Long.fromNumber(7) }),
    tlMessage(ID, 3, { media: photo(103), groupedId: Long.fromNumber(7) }),
    tlMessage(ID, 4, { media: doc(104, pdf.length) }),
    tlMessage(ID, 5, { media: doc(105, 10_000_000) }),
    tlMessage(ID, 6, { media: doc(106, pdf.length) }),
  ]);
  for (const id of ['101', '102', '103']) tg.files.set(id, jpeg);
  tg.files.set('104', pdf);
  // 106 is not given: its download fails (an expired file reference).
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-mtproto-media-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const media = createMediaKeeper({
    index: store,
    blobs: new LocalMediaStore(dir),
    policy: {
      kinds: new Set(['photo', 'document']),
      maxFileBytes: 1_000_000,
      maxChannelBytes: 10_000_000,
      maxTotalBytes: 10_000_000,
    },
  });
  const r = await syncChannelMtproto({ ...ctx, media }, 'wire');
  assert.equal(r.status, 'ok', r.error);
  const copy = async (id: number, i = 0) => (await store.getPost('wire', id))!.media[i]!;
  assert.equal((await copy(1)).copy?.type, 'image/jpeg');
  assert.deepEqual(
    [(await copy(2, 0)).copy?.size, (await copy(2, 1)).copy?.size],
    [jpeg.length, jpeg.length],
  );
  assert.equal((await copy(4)).copy?.type, 'application/pdf');
  assert.deepEqual((await copy(5)).skipped, { reason: 'too_large', size: 10_000_000 });
  assert.equal((await copy(6)).skipped?.reason, 'failed');
  assert.deepEqual(
    tg.calls.filter((c) => c.method === 'download').map((c) => c.arg),
    ['101', '102', '103', '104', '106'],
  );
  // The same photo bytes under four posts are one file of the store.
  assert.equal((await store.listMediaFiles(null, 100)).length, 2);
  // A second sync does not download again what is kept.
  await syncChannelMtproto({ ...ctx, media }, 'wire', { force: true });
  assert.equal(tg.count('download'), 5);
});

test('every call waits for the account pace of its method', async (t) => {
  const { ctx } = await setup(t, channelMessages(150));
  const waits: string[] = [];
  const pacer = { wait: async (key: string) => (waits.push(key), () => {}) };
  await syncChannelMtproto({ ...ctx, pacer }, 'wire', { pageSize: 100 });
  assert.deepEqual(waits, [
    'mtproto:contacts.resolveUsername',
    'mtproto:messages.getHistory',
    'mtproto:messages.getHistory',
  ]);
});

test('SLOWMODE_WAIT is a wait like FLOOD_WAIT: short ones are slept, long ones reschedule', async (t) => {
  const { tg, store, ctx, slept } = await setup(t, channelMessages(3));
  tg.failNext('getHistory', rpcError(420, 'SLOWMODE_WAIT_2'));
  assert.equal((await syncChannelMtproto(ctx, 'wire')).status, 'ok');
  assert.deepEqual(slept, [2 * 1000 * 1.1 + 250]);
  tg.messagesOf(ID).push(tlMessage(ID, 4));
  tg.failNext('getHistory', rpcError(420, 'SLOWMODE_WAIT_600'));
  const r = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(r.status, 'skipped');
  assert.equal((await store.getSyncState('wire'))?.status, 'flood_wait');
});

test('posts read again with another text count as edits; new posts and unchanged ones do not', async (t) => {
  const { tg, store, ctx } = await setup(t, channelMessages(5));
  const first = await syncChannelMtproto(ctx, 'wire');
  assert.deepEqual([first.newPosts, first.edits], [5, 0]);
  const edited = tg.messagesOf(ID)[2] as tl.RawMessage;
  edited.message = 'post 3, corrected';
  edited.editDate = edited.date + 600;
  tg.messagesOf(ID).push(tlMessage(ID, 6));
  // The history read again from the newest post (as after a lost cursor): 1..6 seen, one of them changed.
  await store.saveSyncState('wire', { ...(await store.getSyncState('wire'))!, topId: null, bottomId: null });
  const again = await syncChannelMtproto(ctx, 'wire', { force: true });
  assert.equal(again.status, 'ok', again.error);
  assert.deepEqual([again.newPosts, again.edits], [1, 1]);
  assert.equal((await store.getVersions('wire', 3)).length, 2);
});
