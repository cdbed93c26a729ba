import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Long, type tl } from '@mtcute/node';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { adaptTmePage, parseTmePage } from '../tme/index.js';
import {
  adaptChannel,
  adaptMessages,
  copiedPost,
  isGroup,
  peersOf,
  resolvedPeer,
  rpcError,
  threadOf,
} from './adapt.js';
import { floodWait, rpcError as makeRpcError, tlChannel, tlMessage, tlService } from './stub.testkit.js';

const NEWS = 1234567890;
const ORIGIN = 555;
const news = tlChannel({ id: NEWS, title: 'News Wire', username: 'NewsWire', participantsCount: 5123 });
const origin = tlChannel({ id: ORIGIN, title: 'Origin News', username: 'OriginNews' });
const peers = peersOf({ chats: [news, origin] });
const unix = (iso: string) => Date.parse(iso) / 1000;

const photo = (id: number, w: number, h: number, size: number): tl.RawMessageMediaPhoto => ({
  _: 'messageMediaPhoto',
  photo: {
    _: 'photo',
    id: Long.fromNumber(id),
    accessHash: Long.fromNumber(1),
    fileReference: new Uint8Array(),
    date: 0,
    dcId: 2,
    sizes: [
      { _: 'photoSize', type: 'm', w: 320, h: Math.round((320 * h) / w), size: 9000 },
      { _: 'photoSizeProgressive', type: 'y', w, h, sizes: [1000, size] },
    ],
  },
});

const document = (fileName: string, size: number, attributes: tl.TypeDocumentAttribute[] = []) =>
  ({
    _: 'messageMediaDocument',
    document: {
      _: 'document',
      id: Long.fromNumber(9),
      accessHash: Long.fromNumber(1),
      fileReference: new Uint8Array(),
      date: 0,
      mimeType: 'application/pdf',
      size,
      dcId: 2,
      attributes: [{ _: 'documentAttributeFilename', fileName }, ...attributes],
    },
  }) satisfies tl.RawMessageMediaDocument;

const opt = (b: number) => new Uint8Array([b]);
const poll: tl.RawMessageMediaPoll = {
  _: 'messageMediaPoll',
  poll: {
    _: 'poll',
    id: Long.fromNumber(4),
    question: { _: 'textWithEntities', text: 'Will they agree?', entities: [] },
    answers: [
      { _: 'pollAnswer', text: { _: 'textWithEntities', text: 'Yes', entities: [] }, option: opt(0) },
      { _: 'pollAnswer', text: { _: 'textWithEntities', text: 'No', entities: [] }, option: opt(1) },
    ],
    hash: Long.ZERO,
  },
  results: {
    _: 'pollResults',
    totalVoters: 412,
    results: [
      { _: 'pollAnswerVoters', option: opt(0), voters: 309 },
      { _: 'pollAnswerVoters', option: opt(1), voters: 103 },
    ],
  },
};

/** The NewsWire posts of testdata/tme_page.html.txt as Telegram answers them to an account. */
function newsHistory(): tl.TypeMessage[] {
  return [
    tlService(NEWS, 1, { _: 'messageActionChannelCreate', title: 'News Wire' }),
    tlMessage(NEWS, 20, {
      date: unix('2024-03-01T10:00:00Z'),
      editDate: unix('2024-03-01T10:30:00Z'),
      message: 'Breaking: talks resume in #geneva',
      entities: [
        { _: 'messageEntityBold', offset: 0, length: 8 },
        { _: 'messageEntityHashtag', offset: 26, length: 7 },
      ],
      postAuthor: 'Anna K.',
      views: 12_345,
      forwards: 17,
      replies: { _: 'messageReplies', replies: 4, repliesPts: 1 },
      fwdFrom: {
        _: 'messageFwdHeader',
        fromId: { _: 'peerChannel', channelId: ORIGIN },
        date: unix('2024-03-01T09:55:00Z'),
        channelPost: 77,
        postAuthor: 'Desk',
      },
      reactions: {
        _: 'messageReactions',
        results: [
          { _: 'reactionCount', reaction: { _: 'reactionEmoji', emoticon: '🔥' }, count: 1234 },
          {
            _: 'reactionCount',
            reaction: { _: 'reactionCustomEmoji', documentId: Long.fromString('5778476195771323325') },
            count: 5,
          },
          { _: 'reactionCount', reaction: { _: 'reactionPaid' }, count: 2 },
        ],
      },
    }),
    tlMessage(NEWS, 21, {
      date: unix('2024-03-01T11:00:00Z'),
      message: '',
      media: photo(21, 1280, 960, 150_000),
      groupedId: Long.fromString('13579246801357924'),
      views: 801,
    }),
    tlMessage(NEWS, 22, {
      date: unix('2024-03-01T11:00:00Z'),
      message: 'Two photos from the talks',
      media: photo(22, 960, 1280, 140_000),
      groupedId: Long.fromString('13579246801357924'),
      views: 802,
    }),
    tlMessage(NEWS, 23, {
      date: unix('2024-03-01T12:00:00Z'),
      message: 'The full text',
      media: document('communique.pdf', 1_534_221),
      views: 640,
    }),
    tlMessage(NEWS, 24, { date: unix('2024-03-01T13:00:00Z'), message: '', media: poll, views: 903 }),
    tlService(NEWS, 25, { _: 'messageActionPinMessage' }),
  ].reverse();
}
const pinReply = (m: tl.TypeMessage) => {
  if (m._ === 'messageService' && m.id === 25) m.replyTo = { _: 'messageReplyHeader', replyToMsgId: 20 };
  return m;
};
const adapted = () => adaptMessages(newsHistory().map(pinReply), 'newswire', peers);
const byId = (id: number) => adapted().find((p) => p.id === id)!;

test('messages come out oldest first, an album folded into its first item', () => {
  assert.deepEqual(
    adapted().map((p) => p.id),
    [1, 20, 21, 23, 24, 25],
  );
  assert.ok(adapted().every((p) => p.source === 'mtproto' && p.channel === 'newswire'));
});

test('text with entities, exact edit date, signature, views, reactions per emoji', () => {
  const p = byId(20);
  assert.equal(p.text, 'Breaking: talks resume in #geneva');
  assert.deepEqual(
    p.entities.map((e) => [e.type, p.text.slice(e.offset, e.offset + e.length)]),
    [
      ['bold', 'Breaking'],
      ['hashtag', '#geneva'],
    ],
  );
  assert.deepEqual(
    [p.date, p.edited, p.editDate],
    ['2024-03-01T10:00:00.000Z', true, '2024-03-01T10:30:00.000Z'],
  );
  assert.equal(p.author, 'Anna K.');
  assert.equal(p.views, 12_345);
  assert.deepEqual([p.forwards, p.replies], [17, 4]);
  assert.deepEqual(p.reactions, [
    { count: 1234, emoji: '🔥' },
    { count: 5, customEmojiId: '5778476195771323325' },
    { count: 2, paid: true },
  ]);
});

test('forward header: origin name, username, numeric id, post id, date and signature', () => {
  assert.deepEqual(byId(20).forwardedFrom, {
    name: 'Origin News',
    username: 'originnews',
    postId: 77,
    author: 'Desk',
    numericId: ORIGIN,
    date: '2024-03-01T09:55:00.000Z',
  });
  const hidden = adaptMessages(
    [tlMessage(NEWS, 2, { fwdFrom: { _: 'messageFwdHeader', fromName: 'Hidden Person', date: 1 } })],
    'newswire',
    peers,
  )[0]!;
  assert.deepEqual(hidden.forwardedFrom, {
    name: 'Hidden Person',
    username: null,
    postId: null,
    author: null,
    date: '1970-01-01T00:00:01.000Z',
  });
});

test('forward header from a user account: its id is a user id, marked as such', () => {
  const p = adaptMessages(
    [
      tlMessage(NEWS, 3, {
        fwdFrom: {
          _: 'messageFwdHeader',
          fromId: { _: 'peerUser', userId: ORIGIN },
          fromName: 'Some User',
          date: 1,
        },
      }),
    ],
    'newswire',
    peers,
  )[0]!;
  assert.deepEqual([p.forwardedFrom?.numericId, p.forwardedFrom?.fromUser], [ORIGIN, true]);
  assert.equal(byId(20).forwardedFrom?.fromUser, undefined, 'a channel is not a user');
});

test('an album is one post under its first id: the caption, a member id per item, the group channel/IDg', () => {
  const a = byId(21);
  assert.equal(a.text, 'Two photos from the talks');
  assert.equal(a.groupId, 'newswire/21g');
  assert.deepEqual(
    a.media.map((m) => [m.type, m.memberId, m.width, m.height, m.fileSize]),
    [
      ['photo', 21, 1280, 960, 150_000],
      ['photo', 22, 960, 1280, 140_000],
    ],
  );
  assert.equal(a.views, 802);
});

test('documents keep name, exact size and type; polls keep votes per option', () => {
  assert.deepEqual(byId(23).media, [
    {
      type: 'document',
      supported: true,
      fileSize: 1_534_221,
      mimeType: 'application/pdf',
      fileName: 'communique.pdf',
    },
  ]);
  const voice = adaptMessages(
    [
      tlMessage(NEWS, 3, {
        media: document('note.ogg', 2000, [{ _: 'documentAttributeAudio', voice: true, duration: 7 }]),
      }),
    ],
    'newswire',
    peers,
  )[0]!;
  assert.deepEqual([voice.media[0]!.type, voice.media[0]!.duration], ['voice', 7]);
  assert.deepEqual(byId(24).media[0]!.poll, {
    question: 'Will they agree?',
    kind: 'Anonymous Poll',
    multiple: false,
    closed: false,
    options: [
      { text: 'Yes', voters: 309, percent: 75 },
      { text: 'No', voters: 103, percent: 25 },
    ],
    totalVoters: 412,
  });
});

test('service messages carry the action by its export name, the pinned message id, no text', () => {
  assert.deepEqual(byId(1).service, { action: 'create_channel', title: 'News Wire' });
  assert.deepEqual(byId(25).service, { action: 'pin_message', messageId: 20 });
  assert.equal(byId(1).text, '');
});

test('channels and groups: numeric id, username, kind; a resolved peer keeps id and access hash', () => {
  assert.deepEqual(adaptChannel(news, 'newswire'), {
    key: 'newswire',
    username: 'newswire',
    numericId: NEWS,
    title: 'News Wire',
    description: null,
    subscribers: 5123,
    avatarUrl: null,
    kind: 'public_channel',
  });
  const group = tlChannel({ id: 9, title: 'Chat', megagroup: true });
  assert.equal(adaptChannel(group, 'chat').kind, 'private_supergroup');
  assert.equal(isGroup(group), true);
  assert.equal(isGroup(news), false);
  const r = resolvedPeer({
    _: 'contacts.resolvedPeer',
    peer: { _: 'peerChannel', channelId: NEWS },
    chats: [news],
    users: [],
  });
  assert.deepEqual(r.peer, { type: 'channel', id: NEWS, accessHash: `${NEWS}777` });
});

test('RPC errors are read as mtcute raises them, flood waits with their seconds', () => {
  assert.deepEqual(rpcError(floodWait(42)), { code: 420, text: 'FLOOD_WAIT_%d', seconds: 42 });
  assert.deepEqual(rpcError(makeRpcError(400, 'CHANNEL_PRIVATE')), { code: 400, text: 'CHANNEL_PRIVATE' });
  assert.equal(rpcError(new Error('CHANNEL_PRIVATE')), null);
});

const tmePage = readFileSync(new URL('./testdata/tme_page.html.txt', import.meta.url), 'utf8');

for (const order of ['t.me first', 'MTProto first'] as const) {
  test(`a post read through t.me/s and through MTProto is one row with the account's details (${order})`, async (t) => {
    const store = await openSqliteStore(':memory:');
    t.after(() => store.close());
    const fromTme = adaptTmePage(parseTmePage(tmePage, 'tme_page.html'));
    assert.equal(fromTme.channel?.numericId, NEWS);
    const fromMtproto = adapted();
    const readings = [fromTme.posts, fromMtproto];
    if (order === 'MTProto first') readings.reverse();
    for (const posts of readings) await store.savePosts(posts);

    assert.equal(await store.countPosts({ channel: 'newswire' }), 6);
    const get = async (id: number) => (await store.getPost('newswire', id))!;
    const p = await get(20);
    assert.equal(p.views, 12_345);
    assert.deepEqual([p.forwards, p.replies], [17, 4]);
    assert.equal(p.editDate, '2024-03-01T10:30:00.000Z');
    assert.deepEqual(p.reactions[0], { count: 1234, emoji: '🔥' });
    assert.deepEqual(p.forwardedFrom, {
      name: 'Origin News',
      username: 'originnews',
      postId: 77,
      author: 'Desk',
      numericId: ORIGIN,
      date: '2024-03-01T09:55:00.000Z',
    });
    assert.equal(p.source, 'mtproto');
    const album = await get(21);
    assert.deepEqual(
      album.media.map((m) => [m.memberId, m.width, m.fileSize, m.url]),
      [
        [21, 1280, 150_000, 'https://cdn4.telesco.pe/file/p21.jpg'],
        [22, 960, 140_000, 'https://cdn4.telesco.pe/file/p22.jpg'],
      ],
    );
    const doc = (await get(23)).media[0]!;
    assert.deepEqual(
      [doc.fileName, doc.fileSize, doc.url],
      ['communique.pdf', 1_534_221, 'https://t.me/NewsWire/23'],
    );
    assert.equal((await get(24)).media[0]!.poll!.options[0]!.voters, 309);
    // Nothing became a new version: the same text read twice is one version.
    assert.equal((await store.getVersions('newswire', 20)).length, 1);
  });
}

test("a discussion group's copy names its channel post, also when the post is itself a forward", () => {
  const GROUP = 9000;
  const fwd = (f: Omit<tl.RawMessageFwdHeader, '_' | 'date'>) =>
    tlMessage(GROUP, 50, { fwdFrom: { _: 'messageFwdHeader', date: 0, ...f } });
  const channel = { _: 'peerChannel', channelId: NEWS } as const;
  assert.equal(copiedPost(fwd({ fromId: channel, channelPost: 7 }), NEWS), 7);
  // The post forwards Origin's post 3: the copy names Origin first, the channel in savedFrom*.
  assert.equal(
    copiedPost(
      fwd({
        fromId: { _: 'peerChannel', channelId: ORIGIN },
        channelPost: 3,
        savedFromPeer: channel,
        savedFromMsgId: 8,
      }),
      NEWS,
    ),
    8,
  );
  // A forward from another channel posted in the group by a member: not a copy of ours.
  assert.equal(
    copiedPost(fwd({ fromId: { _: 'peerChannel', channelId: ORIGIN }, channelPost: 3 }), NEWS),
    null,
  );
  assert.equal(copiedPost(tlMessage(GROUP, 51), NEWS), null);

  const reply = (h: Omit<tl.RawMessageReplyHeader, '_'>) =>
    tlMessage(GROUP, 60, { replyTo: { _: 'messageReplyHeader', ...h } });
  assert.equal(threadOf(reply({ replyToMsgId: 50 })), 50);
  assert.equal(threadOf(reply({ replyToMsgId: 55, replyToTopId: 50 })), 50);
  assert.equal(threadOf(tlMessage(GROUP, 61)), null);
});
