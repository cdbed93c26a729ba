// Our own small pages (testdata/): every entity kind, raw vs pretty-printed equivalence, errors, helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ParseError } from '../../util/errors.js';
import type { Post } from '../../model/post.js';
import { adaptTmePage, looksLikeTmeHtml, parseTmePage, readTmeHtml, tmeSource } from './index.js';
import { parseCount, parseDuration, parseSize } from './numbers.js';

const raw = readFileSync(new URL('./testdata/raw_page.html.txt', import.meta.url), 'utf8');
const pretty = readFileSync(new URL('./testdata/pretty_page.html.txt', import.meta.url), 'utf8');
const adapted = adaptTmePage(parseTmePage(raw, 'raw_page.html'));
const byId = (id: number): Post => adapted.posts.find((p) => p.id === id)!;

test('a pretty-printed copy gives exactly the same channel, posts and notices as the raw page', () => {
  assert.deepEqual(adaptTmePage(parseTmePage(pretty, 'pretty_page.html')), adapted);
});

test('post text is what a reader sees: <br> newlines, decoded entities, emoji characters, kept double spaces', () => {
  assert.equal(
    byId(11).text,
    'Bold it un st sp c()\nx = 1;\ny\nQuote deep\nSee https://example.com/a or this page, ask @durov #news $TON a@b.io +123456 👀 & "q" \'s\' 𝕏  two spaces',
  );
  assert.equal(byId(17).text, 'Line one\n\nLine three');
});

test('each entity kind covers the right UTF-16 slice', () => {
  const p = byId(11);
  const got = p.entities.map((e) => [
    e.type,
    p.text.slice(e.offset, e.offset + e.length),
    e.url ?? e.language ?? e.customEmojiId ?? null,
  ]);
  assert.deepEqual(got, [
    ['bold', 'Bold', null],
    ['italic', 'it', null],
    ['underline', 'un', null],
    ['strikethrough', 'st', null],
    ['spoiler', 'sp', null],
    ['code', 'c()', null],
    ['pre', 'x = 1;\ny', 'js'],
    ['blockquote', 'Quote deep', null],
    ['italic', 'deep', null],
    ['link', 'https://example.com/a', 'https://example.com/a'],
    ['text_link', 'this page', 'https://example.org/x'],
    ['mention', '@durov', 'https://t.me/durov'],
    ['hashtag', '#news', null],
    ['cashtag', '$TON', null],
    ['email', 'a@b.io', null],
    ['phone', '+123456', null],
    ['custom_emoji', '👀', '5778476195771323325'],
  ]);
  // 𝕏 is two UTF-16 units: offsets after it count it twice, as Telegram does.
  assert.equal(p.text.length - p.text.indexOf('𝕏'), '𝕏  two spaces'.length);
});

test('metadata: author, edited, views, forward, reactions, service, reply, album, labels, poll, location, document', () => {
  const p11 = byId(11);
  assert.deepEqual(
    [p11.author, p11.edited, p11.views, p11.date],
    ['Pavel D.', true, 12300, '2024-01-02T04:05:06.000Z'],
  );
  assert.deepEqual(p11.forwardedFrom, {
    name: 'Военкор Ярем',
    username: 'yarem_shooter',
    postId: 1066,
    author: null,
  });
  assert.deepEqual(p11.reactions, [
    { count: 25100, paid: true },
    { count: 127, emoji: '🔥' },
    { count: 1200000, customEmojiId: '5265077361648368841' },
  ]);
  assert.deepEqual(byId(10).service, { action: 'create_channel', text: 'Channel created' });
  assert.equal(byId(10).text, '');
  const p12 = byId(12);
  assert.equal(p12.replyTo, 9);
  assert.equal(p12.text, 'Album caption');
  assert.deepEqual(p12.forwardedFrom, { name: 'Hidden Person', username: null, postId: null, author: null });
  assert.equal(p12.groupId, 'testwire/12g');
  assert.deepEqual(
    p12.media.map((m) => [m.type, m.memberId, m.url, m.thumbUrl ?? null, m.duration ?? null]),
    [
      ['photo', 12, 'https://cdn4.telesco.pe/file/p12.jpg', null, null],
      [
        'video',
        13,
        'https://cdn4.telesco.pe/file/v13.mp4?token=x',
        'https://cdn4.telesco.pe/file/t13.jpg',
        65,
      ],
    ],
  );
  assert.deepEqual(byId(14).media, [
    {
      type: 'sticker',
      supported: false,
      label: 'This media is not supported in your browser',
      url: 'https://cdn4.telesco.pe/file/s14.tgs?token=y',
    },
    { type: 'other', supported: false, label: 'Please open Telegram to view this post' },
  ]);
  assert.equal(byId(14).text, 'Sticker below');
  assert.deepEqual(byId(15).media[0]!.poll, {
    question: 'Which one?',
    kind: 'Anonymous Quiz',
    multiple: false,
    totalVoters: 1500,
    options: [
      { text: 'First answer', percent: 70 },
      { text: 'Second answer', percent: 30 },
    ],
  });
  assert.deepEqual(byId(16).media[0]!.location, { lat: 55.7558, lon: 37.6173 });
  assert.deepEqual([byId(17).media[0]!.fileName, byId(17).media[0]!.fileSize], ['report final.pdf', 1572864]);
});

test('channel info and pagination cursors', () => {
  assert.deepEqual(adapted.channel, {
    key: 'testwire',
    username: 'testwire',
    numericId: 1234567890,
    title: 'Test Wire 📰',
    description: 'About line one\nAbout @other_chan',
    subscribers: 12400,
    avatarUrl: 'https://cdn4.telesco.pe/file/avatar.jpg',
    kind: 'public_channel',
  });
  assert.deepEqual(parseTmePage(raw).cursors, {
    before: 10,
    after: 17,
    prev: '/s/TestWire?before=10',
    next: '/s/TestWire?after=17',
    canonical: '/s/TestWire?before=18',
  });
});

test('readTmeHtml yields the channel first, then posts in page order', () => {
  const events = [...readTmeHtml(raw, 'raw_page.html')];
  assert.equal(events[0]!.type, 'channel');
  assert.deepEqual(
    events.filter((e) => e.type === 'post').map((e) => (e.type === 'post' ? e.post.id : 0)),
    [10, 11, 12, 14, 15, 16, 17],
  );
});

/** A post holding one video player (`player` its extra classes) with t.me's not-supported block inside. */
function videoPost(id: number, player: string, video: string, label: string): string {
  return `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="testwire/${id}">
<a class="tgme_widget_message_video_player ${player} js-message_video_player" href="https://t.me/TestWire/${id}">
<div class="tgme_widget_message_video_wrap">${video}</div>
<time class="message_video_duration js-message_video_duration">0:17</time>
<div class="message_media_not_supported_wrap"><div class="message_media_not_supported">
<div class="message_media_not_supported_label">${label}</div>
<span class="message_media_view_in_telegram">VIEW IN TELEGRAM</span></div></div></a>
<div class="tgme_widget_message_footer"><a class="tgme_widget_message_date" href="https://t.me/TestWire/${id}">
<time datetime="2024-09-10T10:00:00+00:00">10:00</time></a></div></div></div>`;
}

test('a playable video is supported: the not-supported block in every player is fallback, only the class counts', () => {
  const html =
    videoPost(
      30,
      '',
      '<video src="https://cdn4.telesco.pe/file/v30.mp4" class="tgme_widget_message_video"></video>',
      'This media is not supported in your browser',
    ) + videoPost(31, 'not_supported', '', 'Media is too big');
  const posts = adaptTmePage(parseTmePage(html, 'videos.html')).posts;
  const media = (id: number) => posts.find((p) => p.id === id)!.media[0]!;
  assert.deepEqual([media(30).type, media(30).supported, media(30).label], ['video', true, undefined]);
  assert.deepEqual(
    [media(31).type, media(31).supported, media(31).label],
    ['video', false, 'Media is too big'],
  );
});

test('a repeated post is kept once, with a notice', () => {
  const wrap = raw.slice(
    raw.indexOf('<div class="tgme_widget_message_wrap'),
    raw.indexOf('<div class="tgme_widget_message_wrap', raw.indexOf('TestWire/10')),
  );
  const doubled = raw.replace(wrap, wrap + wrap);
  const r = adaptTmePage(parseTmePage(doubled));
  assert.equal(r.posts.filter((p) => p.id === 10).length, 1);
  assert.ok(r.notices.some((n) => /testwire\/10 appears twice/.test(n)));
});

const errorCases: { name: string; html: string; where: RegExp }[] = [
  { name: 'plain text', html: 'hello world', where: /^x\.html$/ },
  { name: 'another site', html: '<html><body><div class="post">hi</div></body></html>', where: /^x\.html$/ },
  { name: 'an empty file', html: '', where: /^x\.html$/ },
  { name: 'a page cut inside a post', html: raw.slice(0, raw.indexOf('Quote')), where: /^x\.html post 11$/ },
  {
    name: 'a data-post that is not CHANNEL/ID',
    html: '<div class="tgme_widget_message" data-post="nope"></div>',
    where: /^x\.html$/,
  },
];

for (const c of errorCases) {
  test(`ParseError for ${c.name}`, () => {
    assert.throws(
      () => parseTmePage(c.html, 'x.html'),
      (e: unknown) =>
        e instanceof ParseError && c.where.test(e.where) && e.message.startsWith(e.where + ': '),
    );
  });
}

test('a page cut between two posts keeps the complete ones', () => {
  const cut = raw.slice(0, raw.indexOf('<div class="tgme_widget_message_wrap', raw.indexOf('TestWire/12')));
  assert.deepEqual(
    adaptTmePage(parseTmePage(cut)).posts.map((p) => p.id),
    [10, 11, 12],
  );
});

test('content sniffing', () => {
  assert.equal(looksLikeTmeHtml(raw.slice(0, 4000)), true);
  assert.equal(looksLikeTmeHtml('<div class="tgme_widget_message_wrap js-widget_message_wrap">'), true);
  assert.equal(looksLikeTmeHtml('<div class="message default clearfix" id="message5">'), false);
  assert.equal(looksLikeTmeHtml('{"name": "x", "messages": []}'), false);
});

test('source metadata names itself', () => {
  assert.equal(tmeSource.id, 'tme-html');
  assert.ok(tmeSource.accepts.includes('t.me/s/'));
});

const numberCases: [string, (s: string) => number | null, string, number | null][] = [
  ['count', parseCount, '12.3K', 12300],
  ['count', parseCount, '1.2M', 1200000],
  ['count', parseCount, '798', 798],
  ['count', parseCount, '1.56K', 1560],
  ['count', parseCount, '23.1M', 23100000],
  ['count', parseCount, 'views', null],
  ['size', parseSize, '689 KB', 705536],
  ['size', parseSize, '2.1 MB', 2202010],
  ['size', parseSize, '512 B', 512],
  ['size', parseSize, 'big', null],
  ['duration', parseDuration, '0:29', 29],
  ['duration', parseDuration, '1:02:03', 3723],
  ['duration', parseDuration, '1:2', null],
];
for (const [kind, fn, input, want] of numberCases) {
  test(`${kind} "${input}" reads as ${want}`, () => assert.equal(fn(input), want));
}
