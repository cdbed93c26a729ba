// Real captured t.me pages (../shared/fixtures): every file imports, counts match, labels never leak into text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fixtureFiles, SKIP_NO_SHARED } from '../../../test/shared.js';
import { MEDIA_LABELS } from '../../model/labels.js';
import type { Post } from '../../model/post.js';
import { adaptTmePage, parseTmePage, readTmeHtml } from './index.js';

const FOLDERS = ['tme_s_html', 'tme_embed_html', 'tme_s_fragments'];
const files = FOLDERS.flatMap((f) => fixtureFiles(f));
const skip = files.length === 0 ? SKIP_NO_SHARED : false;

function distinctDataPosts(html: string): number {
  return new Set([...html.matchAll(/data-post="([^"]+)"/g)].map((m) => m[1]!.toLowerCase())).size;
}

function load(name: string): { html: string; posts: Post[]; page: ReturnType<typeof parseTmePage> } {
  const file = files.find((f) => basename(f).includes(name));
  assert.ok(file, `fixture ${name} is missing`);
  const html = readFileSync(file, 'utf8');
  const page = parseTmePage(html, basename(file));
  return { html, page, posts: adaptTmePage(page).posts };
}

function post(name: string, id: number): Post {
  const p = load(name).posts.find((x) => x.id === id);
  assert.ok(p, `post ${id} not found in ${name}`);
  return p;
}

function slices(p: Post, type: string): string[] {
  return p.entities.filter((e) => e.type === type).map((e) => p.text.slice(e.offset, e.offset + e.length));
}

test('every real t.me file imports with one post per distinct data-post', { skip }, () => {
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const events = [...readTmeHtml(html, basename(file))];
    const posts = events.filter((e) => e.type === 'post');
    const expected = distinctDataPosts(html);
    assert.equal(posts.length, expected, basename(file));
    if (expected > 0) assert.equal(events[0]!.type, 'channel', `${basename(file)}: channel comes first`);
    if (/Post not found/.test(html)) {
      assert.equal(posts.length, 0);
      assert.ok(events.some((e) => e.type === 'notice' && /Post not found/.test(e.message)));
    }
  }
});

test('no placeholder label ever appears in the text of any post', { skip }, () => {
  let checked = 0;
  for (const file of files) {
    for (const e of readTmeHtml(readFileSync(file, 'utf8'), basename(file))) {
      if (e.type !== 'post') continue;
      checked++;
      for (const label of [...MEDIA_LABELS, 'VIEW IN TELEGRAM'])
        assert.ok(!e.post.text.includes(label), `${basename(file)} post ${e.post.id} text holds "${label}"`);
    }
  }
  assert.ok(checked > 80, `only ${checked} posts checked`);
});

test('every entity of every real post lies inside its text', { skip }, () => {
  for (const file of files) {
    for (const e of readTmeHtml(readFileSync(file, 'utf8'), basename(file))) {
      if (e.type !== 'post') continue;
      for (const en of e.post.entities) {
        assert.ok(en.length > 0 && en.offset >= 0, `${basename(file)}/${e.post.id}`);
        assert.ok(en.offset + en.length <= e.post.text.length, `${basename(file)}/${e.post.id} ${en.type}`);
      }
    }
  }
});

const cases: { name: string; file: string; check: () => void }[] = [
  {
    name: 'lexfridman page: channel info and cursors',
    file: 'lexfridman.html',
    check: () => {
      const { page } = load('lexfridman.html');
      const ch = adaptTmePage(page).channel!;
      assert.equal(ch.key, 'lexfridman');
      assert.equal(ch.numericId, 1358192461);
      assert.equal(ch.title, 'Lex Fridman');
      assert.equal(ch.subscribers, 12400);
      assert.match(ch.description!, /^Host of Lex Fridman Podcast\.\nResearch Scientist at MIT\./);
      assert.equal(page.kind, 'channel');
      assert.equal(page.cursors.before, 271);
      assert.equal(page.cursors.prev, '/s/lexfridman?before=271');
      assert.equal(page.cursors.canonical, '/s/lexfridman?before=294');
    },
  },
  {
    name: 'lexfridman 271: date, views, photo from the style attribute',
    file: 'lexfridman.html',
    check: () => {
      const p = post('lexfridman.html', 271);
      assert.equal(p.date, '2023-06-14T19:29:07.000Z');
      assert.equal(p.views, 12300);
      assert.equal(p.media[0]!.type, 'photo');
      assert.match(p.media[0]!.url!, /^https:\/\/cdn4\.telegram-cdn\.org\/file\/.+\.jpg$/);
      assert.equal(p.text.slice(0, 4), 'I ❤️');
    },
  },
  {
    name: 'lexfridman 278: album with member ids and a group id',
    file: 'lexfridman.html',
    check: () => {
      const p = post('lexfridman.html', 278);
      assert.equal(p.groupId, 'lexfridman/278g');
      assert.deepEqual(
        p.media.map((m) => [m.type, m.memberId]),
        [
          ['photo', 278],
          ['photo', 279],
        ],
      );
      assert.match(p.text, /^I did an impromptu training session with Elon Musk/);
    },
  },
  {
    name: 'lexfridman 289 and 276: document size, video too big',
    file: 'lexfridman.html',
    check: () => {
      const doc = post('lexfridman.html', 289).media[0]!;
      assert.deepEqual([doc.type, doc.fileName, doc.fileSize], ['document', 'lex_bibi_back.jpg', 689 * 1024]);
      const vid = post('lexfridman.html', 276).media[0]!;
      assert.deepEqual(
        [vid.type, vid.supported, vid.label, vid.duration],
        ['video', false, 'Media is too big', 29],
      );
    },
  },
  {
    name: 'lexfridman 274: link entity and link preview',
    file: 'lexfridman.html',
    check: () => {
      const p = post('lexfridman.html', 274);
      assert.deepEqual(slices(p, 'link'), ['https://www.youtube.com/watch?v=diJp4zoQPqo']);
      const pv = p.media.find((m) => m.type === 'link_preview')!.preview!;
      assert.equal(pv.site, 'YouTube');
      assert.equal(pv.title, 'Jimmy Wales: Wikipedia | Lex Fridman Podcast #385');
    },
  },
  {
    name: 'topwar (pretty-printed): forward with link, text link, mention, mixed album',
    file: 'topwar_official',
    check: () => {
      const p = post('topwar_official', 70996);
      assert.deepEqual(p.forwardedFrom, {
        name: 'Военкор Ярем',
        username: 'yaremshooter',
        postId: 1066,
        author: null,
      });
      assert.deepEqual(slices(p, 'text_link'), ['на расстояние 180 метров']);
      assert.deepEqual(slices(p, 'mention'), ['@yaremshooter']);
      assert.match(p.text, /^Информация о том, что подразделения ЧВК «Вагнер» подошли/);
      const album = post('topwar_official', 70992);
      assert.deepEqual(
        album.media.map((m) => m.memberId),
        [70992, 70993, 70994],
      );
      // A playable video: the not-supported block in its player is fallback markup, the player is not marked.
      assert.deepEqual([album.media[2]!.supported, album.media[2]!.label], [true, undefined]);
      const v = (id: number) => post('topwar_official', id).media[0]!;
      assert.deepEqual([v(71008).type, v(71008).supported, v(71008).label], ['video', true, undefined]);
      assert.deepEqual([v(71006).supported, v(71006).label], [false, 'Media is too big']);
      assert.equal(
        post('topwar_official', 70995).text,
        'План "Ковер" отменен, небо над Санкт-Петербургом открывают, сообщает источник РЕН ТВ.',
      );
    },
  },
  {
    name: 'air_alert_ua (pretty-printed): emoji, bold and hashtag with exact offsets',
    file: 'air_alert_ua',
    check: () => {
      const p = post('air_alert_ua', 51937);
      assert.equal(
        p.text,
        '🟢 09:41 Відбій тривоги в Дніпропетровська область.\nСлідкуйте за подальшими повідомленнями.\n#Дніпропетровська_область',
      );
      assert.deepEqual(slices(p, 'bold'), ['🟢 09:41 Відбій тривоги в Дніпропетровська область.']);
      assert.deepEqual(slices(p, 'hashtag'), ['#Дніпропетровська_область']);
      assert.equal(p.views, 52300);
    },
  },
  {
    name: 'solokumi (2026): edited, reactions, custom emoji, pre, open-Telegram label',
    file: 'solokumi',
    check: () => {
      const p = post('solokumi', 419);
      assert.equal(p.edited, true);
      assert.deepEqual(p.reactions.slice(0, 2), [
        { count: 1, paid: true },
        { count: 127, emoji: '🔥' },
      ]);
      assert.ok(p.reactions.some((r) => r.customEmojiId === '5451655521285207600' && r.count === 2));
      const ce = p.entities.find((e) => e.type === 'custom_emoji')!;
      assert.equal(ce.customEmojiId, '5778476195771323325');
      assert.equal(p.text.slice(ce.offset, ce.offset + ce.length), '👀');
      assert.deepEqual(p.media, [
        { type: 'other', supported: false, label: 'Please open Telegram to view this post' },
      ]);
      const pre = slices(post('solokumi', 422), 'pre');
      assert.ok(
        pre[0]!.startsWith('Create a workflow for creative intelligence.\nUse files in 01_components'),
      );
      assert.equal(post('solokumi', 420).edited, false);
    },
  },
  {
    name: 'feedjam: service message "Channel created", no views, first page without prev link',
    file: 'feedjam',
    check: () => {
      const { page, posts } = load('feedjam');
      const p = posts.find((x) => x.id === 1)!;
      assert.deepEqual(p.service, { action: 'create_channel', text: 'Channel created' });
      assert.equal(p.text, '');
      assert.equal(p.views, null);
      assert.equal(page.cursors.prev, null);
      assert.equal(page.cursors.before, null);
      assert.equal(page.cursors.canonical, '/s/feedjam?before=8');
    },
  },
  {
    name: 'prstnk: relative hashtag link',
    file: 'prstnk',
    check: () => {
      const p = post('prstnk', 2);
      assert.deepEqual(slices(p, 'hashtag'), ['#репортаж']);
      assert.ok(p.text.endsWith('\n#репортаж'));
    },
  },
  {
    name: 'embed reply: reply id, quoted text kept out of the post text',
    file: 'reply.html',
    check: () => {
      const p = post('reply.html', 40957);
      assert.equal(p.replyTo, 40953);
      assert.ok(!p.text.includes('уточнили'));
      assert.equal(
        p.text,
        'Обыск у главного редактора «Важных историй» Романа Анина продолжается уже пятый час подряд, сообщает журналист Алеся Мароховская.',
      );
      assert.equal(p.views, 75500);
      assert.equal(p.date, '2021-04-09T18:38:26.000Z');
    },
  },
  {
    name: 'embed repost: forward with link',
    file: 'repost.html',
    check: () => {
      const f = post('repost.html', 40984).forwardedFrom!;
      assert.deepEqual([f.name, f.username, f.postId], ['СТОПКОРОНАВИРУС.РФ', 'stopcoronavirusrussia', 4268]);
    },
  },
  {
    name: 'embed service message and not-found page',
    file: 'service-message.html',
    check: () => {
      const p = post('service-message.html', 1);
      assert.equal(p.service?.action, 'other');
      assert.deepEqual(p.media, [{ type: 'other', supported: false, label: 'Service message' }]);
      assert.equal(p.text, '');
      const nf = load('post-not-found.html');
      assert.equal(nf.page.kind, 'not_found');
      assert.equal(nf.page.error, 'Post not found');
      assert.equal(nf.posts.length, 0);
    },
  },
  {
    name: 'embed voice and videos album',
    file: 'one-audio.html',
    check: () => {
      const v = post('one-audio.html', 129).media[0]!;
      assert.deepEqual([v.type, v.duration], ['voice', 51]);
      const album = post('many-videos.html', 42053);
      assert.ok(
        album.media.length >= 3 && album.media.every((m) => m.type === 'video' && m.memberId !== undefined),
      );
    },
  },
  {
    name: 'fragment poll: question, kind, options, percentages, voters',
    file: 'message_poll.html',
    check: () => {
      const p = post('message_poll.html', 488);
      const poll = p.media[0]!.poll!;
      assert.equal(poll.question, 'Как лучше?');
      assert.equal(poll.kind, 'Anonymous Poll');
      assert.equal(poll.multiple, true);
      assert.equal(poll.totalVoters, 222);
      assert.deepEqual(
        poll.options.map((o) => [o.text, o.percent]),
        [
          ['Несколько постов в день', 16],
          ['Один пост в несколько дней', 83],
          ['Свой вариант в комментарии', 3],
        ],
      );
      assert.equal(p.views, 1100);
    },
  },
  {
    name: 'fragment voice forwarded from a hidden source (no link)',
    file: 'message_voice.html',
    check: () => {
      const p = post('message_voice.html', 939);
      assert.deepEqual(p.forwardedFrom, {
        name: 'Спортивный Екб',
        username: null,
        postId: null,
        author: null,
      });
      assert.deepEqual([p.media[0]!.type, p.media[0]!.duration], ['voice', 27 * 60 + 40]);
      assert.deepEqual(slices(p, 'mention'), ['@kakberadio', '@kakberadiobot']);
      assert.ok(p.text.startsWith('Обсудили:\n\n- Сталина не забыть\n- Плохие фильмы'));
    },
  },
  {
    name: 'fragment document, sticker, author signatures, round video, album',
    file: 'message_media_file.html',
    check: () => {
      const d = post('message_media_file.html', 16936).media[0]!;
      assert.deepEqual(
        [d.fileName, d.fileSize],
        ['Оппозиционные медиапроекты.pdf', Math.round(2.1 * 1024 * 1024)],
      );
      const s = post('message_sticker.html', 5);
      assert.equal(s.author, '🅰️User');
      assert.deepEqual([s.media[0]!.type, s.media[0]!.supported], ['sticker', false]);
      assert.equal(s.media.length, 1);
      assert.equal(post('message_with_from_author.html', 4).author, '🅰️rkadiy Ivanov');
      const r = post('message_media_round_video.html', 3495).media[0]!;
      assert.deepEqual([r.type, r.duration, r.supported, r.label], ['round_video', 44, true, undefined]);
      const a = post('message_media_photo_and_video.html', 46908);
      assert.deepEqual(
        a.media.map((m) => [m.type, m.memberId]),
        [
          ['video', 46908],
          ['photo', 46909],
          ['photo', 46910],
        ],
      );
      assert.deepEqual(slices(a, 'hashtag'), ['#Белгород', '#Беспилотники']);
    },
  },
  {
    name: 'sub-message fragments: media parts without a post, GIF recognised',
    file: 'media_video_gif.html',
    check: () => {
      const gif = load('media_video_gif.html').page;
      assert.equal(gif.messages.length, 0);
      assert.equal(gif.orphanMedia[0]!.loops, true);
      const big = load('media_video_too_big.html').page.orphanMedia[0]!;
      assert.deepEqual([big.kind, big.label, big.durationText], ['video', 'Media is too big', '1:09']);
      const photo = load('media_photo.html').page.orphanMedia[0]!;
      assert.match(photo.styleUrl!, /^https:\/\/cdn4\.telegram-cdn\.org\/file\/A6p54/);
    },
  },
];

for (const c of cases) {
  test(
    c.name,
    { skip: skip || (files.some((f) => basename(f).includes(c.file)) ? false : `${c.file} absent`) },
    c.check,
  );
}
