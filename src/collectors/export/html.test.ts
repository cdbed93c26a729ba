// Tests of the Desktop HTML export reader: real pages, sibling pages, field mapping, errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureFiles, SKIP_NO_SHARED } from '../../../test/shared.js';
import { ParseError } from '../../util/errors.js';
import { parseTimeZone } from '../../util/time-zone.js';
import type { Post } from '../../model/post.js';
import { looksLikeExportHtml, looksLikeExportJson, readExportHtml } from './index.js';
import { adaptHtmlMedia, htmlDate, parseStatus } from './html-adapter.js';
import type { HtmlMedia } from './html-wire.js';
import { exportPages } from './html-reader.js';
import { countHtmlMessages, drain, tempFile } from './export.testkit.js';

const split = fileURLToPath(new URL('./testdata/split/', import.meta.url));
const htmlFixtures = fixtureFiles('export_html');
const skip = htmlFixtures.length === 0 ? SKIP_NO_SHARED : false;
const fixture = (part: string) => htmlFixtures.find((f) => basename(f).includes(part))!;

async function postsOf(path: string): Promise<Map<number, Post>> {
  const { posts } = await drain(readExportHtml(path));
  return new Map(posts.map((p) => [p.id, p]));
}

describe('readExportHtml over every real export page', { skip }, () => {
  for (const file of htmlFixtures) {
    it(`imports ${basename(file)} with one post per message (date rows excluded)`, async () => {
      const html = readFileSync(file, 'utf8');
      const { channels, posts } = await drain(readExportHtml(file));
      assert.equal(posts.length, countHtmlMessages(html));
      assert.equal(channels.length, 1);
      assert.ok(posts.every((p) => p.id > 0 && p.source === 'export-html'));
      assert.ok(posts.filter((p) => !p.service).every((p) => p.date !== null));
    });
  }

  const cases: { name: string; file: string; id: number; check: (p: Post) => void | Promise<void> }[] = [
    {
      name: 'poll with answers, votes, the chosen answer and the total',
      file: 'goddaneel',
      id: 1010,
      check: (p) => {
        const poll = p.media[0]?.poll;
        assert.equal(poll?.question, '请问你是否在频道内看到过广告？');
        assert.equal(poll?.kind, 'Anonymous poll');
        assert.equal(poll?.totalVoters, 109);
        assert.deepEqual(poll?.options, [
          { text: '有', voters: 40 },
          { text: '没有', voters: 38 },
          { text: '我不确定那是不是广告', voters: 11 },
          { text: '查看结果', voters: 20, chosen: true },
        ]);
      },
    },
    {
      name: 'hashtags written as ShowHashtag links, code runs and the signature',
      file: 'goddaneel',
      id: 26,
      check: (p) => {
        const tags = p.entities
          .filter((e) => e.type === 'hashtag')
          .map((e) => p.text.slice(e.offset, e.offset + e.length));
        assert.deepEqual(tags, ['#报道', '#转载', '#全文', '#开发', '#英文']);
        const code = p.entities.find((e) => e.type === 'code')!;
        assert.equal(p.text.slice(code.offset, code.offset + code.length), '来源');
        assert.equal(p.author, 'Daneel God');
      },
    },
    {
      name: 'reactions',
      file: 'goddaneel',
      id: 25,
      check: (p) => assert.deepEqual(p.reactions, [{ count: 1, emoji: '❤' }]),
    },
    {
      name: 'downloaded video with its path, thumbnail and duration',
      file: 'goddaneel',
      id: 269,
      check: (p) =>
        assert.deepEqual(p.media, [
          {
            type: 'video',
            supported: true,
            url: 'video_files/video_1@13-08-2023_16-11-00.mp4',
            thumbUrl: 'video_files/video_1@13-08-2023_16-11-00.mp4_thumb.jpg',
            duration: 108,
          },
        ]),
    },
    {
      name: "downloaded photo with its path and the export's own preview",
      file: 'goddaneel',
      id: 306,
      check: (p) =>
        assert.deepEqual(
          p.media.map((m) => [m.type, m.url, m.thumbUrl]),
          [
            [
              'photo',
              'photos/photo_100@19-08-2023_15-36-22.jpg',
              'photos/photo_100@19-08-2023_15-36-22_thumb.jpg',
            ],
          ],
        ),
    },
    {
      name: 'downloaded sticker with its path and preview',
      file: 'goddaneel',
      id: 546,
      check: (p) =>
        assert.deepEqual(
          p.media.map((m) => [m.type, m.url, m.thumbUrl]),
          [['sticker', 'stickers/sticker.webp', 'stickers/sticker_thumb.webp']],
        ),
    },
    {
      name: 'downloaded document and audio file with their paths (no thumbnail)',
      file: 'goddaneel',
      id: 79,
      check: async (p) => {
        assert.deepEqual(
          p.media.map((m) => [m.type, m.url, m.thumbUrl, m.fileName]),
          [['document', 'files/IMG_20230718_173135_519.jpg', undefined, 'IMG_20230718_173135_519.jpg']],
        );
        const audio = (await postsOf(fixture('goddaneel'))).get(626)!;
        assert.deepEqual(
          audio.media.map((m) => [m.type, m.url, m.performer]),
          [['audio', 'files/Merry Christmas Mr. Lawrence - 坂本龍一.mp3', '坂本龍一']],
        );
      },
    },
    {
      name: 'not-included photo with its dimensions from the status line',
      file: 'alqaddaaree',
      id: 68,
      check: (p) =>
        assert.deepEqual(p.media, [
          {
            type: 'photo',
            supported: false,
            label: 'File not included',
            width: 1174,
            height: 973,
            fileSize: 117350,
          },
        ]),
    },
    {
      name: 'pinned-message service row keeps the pinned id and the channel as actor',
      file: 'alqaddaaree',
      id: 5,
      check: (p) => {
        assert.equal(p.service?.action, 'pin_message');
        assert.equal(p.service?.messageId, 4);
        assert.ok(p.service?.actor?.endsWith('|| Upon the path of the Salaf 📚'), p.service?.actor);
      },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const post = (await postsOf(fixture(c.file))).get(c.id);
      assert.ok(post, `post ${c.id}`);
      await c.check(post);
    });
  }
});

describe('readExportHtml over messages.html + messages2.html (testdata/split)', () => {
  const first = join(split, 'messages.html');

  it('reads the sibling page after the first, in order', async () => {
    assert.deepEqual(
      (await exportPages(first)).map((p) => basename(p)),
      ['messages.html', 'messages2.html'],
    );
    const { channels, posts } = await drain(readExportHtml(first));
    const expected =
      countHtmlMessages(readFileSync(first, 'utf8')) +
      countHtmlMessages(readFileSync(join(split, 'messages2.html'), 'utf8'));
    assert.equal(posts.length, expected);
    assert.deepEqual(
      posts.map((p) => p.id),
      [1, 2, 3, 4, 5, 6, 7, 8],
    );
    assert.deepEqual(channels, [
      {
        key: 'study_group',
        username: null,
        numericId: null,
        title: 'Study Group',
        description: null,
        subscribers: null,
        avatarUrl: null,
        kind: null,
      },
    ]);
  });

  it('joined messages inherit the sender, also across pages', async () => {
    const posts = await postsOf(first);
    assert.deepEqual(
      [2, 3, 4, 5, 6].map((id) => posts.get(id)!.author),
      ['Alice', 'Alice', 'Alice', 'Bob', 'Bob'],
    );
    assert.equal(posts.get(8)!.author, 'Carol', 'a signature wins over the sender');
  });

  it('turns inline markup into entities with UTF-16 offsets', async () => {
    const p = (await postsOf(first)).get(2)!;
    assert.equal(
      p.text,
      'Bold it un st c sp\nlabel https://example.com @durov #tag a@b.c 🇺🇦 مرحباx = 1\ny = 2q',
    );
    assert.deepEqual(
      p.entities.map((e) => [e.type, p.text.slice(e.offset, e.offset + e.length), e.url ?? null]),
      [
        ['bold', 'Bold', null],
        ['italic', 'it', null],
        ['underline', 'un', null],
        ['strikethrough', 'st', null],
        ['code', 'c', null],
        ['spoiler', 'sp', null],
        ['text_link', 'label', 'https://example.com/x'],
        ['link', 'https://example.com', 'https://example.com'],
        ['mention', '@durov', 'https://t.me/durov'],
        ['hashtag', '#tag', null],
        ['email', 'a@b.c', 'mailto:a@b.c'],
        ['pre', 'x = 1\ny = 2', null],
        ['blockquote', 'q', null],
      ],
    );
    assert.equal(p.entities.find((e) => e.type === 'pre')!.offset, 73, 'the flag counts 4 UTF-16 units');
  });

  it('dates with their UTC offset become UTC', async () => {
    const posts = await postsOf(first);
    assert.equal(posts.get(2)!.date, '2024-03-01T07:00:00.000Z');
    assert.equal(posts.get(5)!.date, '2024-03-03T04:30:00.000Z');
  });

  it('maps forwards, replies, polls, stickers, reactions and service rows', async () => {
    const posts = await postsOf(first);
    assert.deepEqual(posts.get(5)!.forwardedFrom, {
      name: 'Other Channel',
      username: null,
      postId: null,
      author: null,
    });
    assert.equal(posts.get(5)!.replyTo, 2);
    assert.equal(posts.get(5)!.text, 'forwarded text');
    assert.deepEqual(posts.get(6)!.media[0]!.poll?.options, [
      { text: 'Tea', voters: 3 },
      { text: 'Coffee', voters: 1, chosen: true },
    ]);
    assert.deepEqual(posts.get(8)!.media, [
      { type: 'sticker', supported: false, label: 'File not included', fileSize: 4813, emoji: '😀' },
    ]);
    assert.deepEqual(posts.get(8)!.reactions, [{ count: 7, emoji: '❤' }]);
    assert.deepEqual(posts.get(1)!.service, {
      action: 'create_group',
      actor: 'Alice',
      title: 'Study Group',
      text: 'Alice created group «Study Group»',
    });
    assert.deepEqual(posts.get(7)!.service, {
      action: 'pin_message',
      actor: 'Bob',
      text: 'Bob pinned this message',
      messageId: 6,
    });
  });

  it('uses the channelKey option', async () => {
    const { posts } = await drain(readExportHtml(first, { channelKey: 'study' }));
    assert.ok(posts.every((p) => p.channel === 'study'));
  });
});

describe('readExportHtml errors', () => {
  const page = readFileSync(join(split, 'messages2.html'), 'utf8');
  const cases: { name: string; html: string; where: RegExp; message: RegExp }[] = [
    {
      name: 'a page cut short is an error, not a partial import',
      html: page.slice(0, Math.floor(page.length / 2)),
      where: /messages\.html:\d+$/,
      message: /truncated/,
    },
    {
      name: 'a date title that is no date names the message and its line',
      html: page.replace('01.03.2024 10:02:00 UTC+03:00', '41.13.2024 10:02:00 UTC+03:00'),
      where: /messages\.html:\d+ \(message 4\)$/,
      message: /not a date/,
    },
    {
      name: 'a message without a date names the message',
      html: page.replace(/ title="02\.03\.2024 23:30:00 UTC-05:00"/, ''),
      where: /messages\.html:\d+ \(message 5\)$/,
      message: /without its date/,
    },
    {
      name: 'a page without the history block',
      html: page.replace('class="history"', 'class="elsewhere"'),
      where: /messages\.html$/,
      message: /history/,
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = tempFile('messages.html', c.html);
      await assert.rejects(drain(readExportHtml(file)), (e: unknown) => {
        assert.ok(e instanceof ParseError, String(e));
        assert.match(e.where, c.where);
        assert.ok(e.where.startsWith(file));
        assert.match(e.message, c.message);
        return true;
      });
    });
  }

  it('text nested 20,000 levels deep is read without running out of stack', async () => {
    const depth = 20_000;
    const deep = `${'<strong><em>'.repeat(depth / 2)}deep${'</em></strong>'.repeat(depth / 2)}`;
    const html = page.replace(/(<div class="text">\s*)/, `$1${deep} `);
    assert.notEqual(html, page);
    const file = tempFile('messages.html', html);
    const { posts } = await drain(readExportHtml(file));
    const post = posts.find((p) => p.text.includes('deep'));
    assert.ok(post, 'the deeply nested text is kept');
    assert.ok(
      post.entities.some(
        (e) => e.type === 'italic' && post.text.slice(e.offset, e.offset + e.length) === 'deep',
      ),
    );
  });

  it('20,000 nested divs before the history are walked without running out of stack', async () => {
    const nest = `${'<div>'.repeat(20_000)}${'</div>'.repeat(20_000)}`;
    const html = page.replace('<div class="page_wrap">', `${nest}<div class="page_wrap">`);
    assert.notEqual(html, page);
    const file = tempFile('messages.html', html);
    assert.equal((await drain(readExportHtml(file))).posts.length, countHtmlMessages(page));
  });

  it('a truncated real export page fails with the file named', { skip }, async () => {
    const src = fixture('goddaneel');
    const html = readFileSync(src, 'utf8');
    const file = tempFile('messages.html', html.slice(0, html.length - 5000));
    await assert.rejects(
      drain(readExportHtml(file)),
      (e: unknown) => e instanceof ParseError && e.where.startsWith(file),
    );
  });

  it('a second page that is truncated fails too', async () => {
    const file = tempFile('messages.html', readFileSync(join(split, 'messages.html'), 'utf8'));
    copyFileSync(join(split, 'messages2.html'), join(dirname(file), 'messages2.html'));
    assert.equal((await drain(readExportHtml(file))).posts.length, 8);
    const broken = tempFile('messages.html', readFileSync(join(split, 'messages.html'), 'utf8'));
    tempFile('x', '');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dirname(broken), 'messages2.html'), page.slice(0, 1000));
    await assert.rejects(
      drain(readExportHtml(broken)),
      (e: unknown) => e instanceof ParseError && /messages2\.html/.test(e.where),
    );
  });
});

describe('an export whose pages link to a page that is not there', () => {
  // The first page as the export writes it when there are more: a "Next messages" link to messages2.html.
  const linked = readFileSync(join(split, 'messages.html'), 'utf8').replace(
    '<div class="history">',
    '<div class="history">\n<a class="pagination block_link" href="messages2.html">Next messages</a>',
  );

  it('reads the linked page when it is there', async () => {
    const file = tempFile('messages.html', linked);
    copyFileSync(join(split, 'messages2.html'), join(dirname(file), 'messages2.html'));
    assert.equal((await drain(readExportHtml(file))).posts.length, 8);
  });

  for (const [name, other] of [
    ['missing', null],
    ['missing, a later page present (a gap)', 'messages3.html'],
  ] as const)
    it(`fails with both files named when the linked page is ${name}`, async () => {
      const file = tempFile('messages.html', linked);
      if (other) copyFileSync(join(split, 'messages2.html'), join(dirname(file), other));
      await assert.rejects(drain(readExportHtml(file)), (e: unknown) => {
        assert.ok(e instanceof ParseError);
        assert.equal(e.where, file);
        assert.match(
          e.message,
          /links to messages2\.html, which is not in its folder: the export is incomplete/,
        );
        return true;
      });
    });

  it('a page read on its own does not pull in the pages before it', async () => {
    const dir = dirname(tempFile('messages.html', readFileSync(join(split, 'messages.html'), 'utf8')));
    const second = readFileSync(join(split, 'messages2.html'), 'utf8').replace(
      '<div class="history">',
      '<div class="history">\n<a class="pagination block_link" href="messages.html">Previous messages</a>',
    );
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'messages2.html'), second);
    const { posts } = await drain(readExportHtml(join(dir, 'messages2.html')));
    assert.deepEqual(
      posts.map((p) => p.id),
      [4, 5, 6, 7, 8],
    );
  });
});

describe("readExportHtml on date titles without a UTC offset (old exports: the PC's clock)", () => {
  // One title loses its offset; the others keep theirs (UTC-05:00 among them), which stay as they say.
  const page = readFileSync(join(split, 'messages2.html'), 'utf8').replace(
    'title="01.03.2024 10:02:00 UTC+03:00"',
    'title="01.03.2024 10:02:00"',
  );
  const dates = (posts: Post[]) => posts.filter((p) => p.date).map((p) => p.date);

  it('reads it as UTC without --timezone, and says so', async () => {
    const { posts, notices } = await drain(readExportHtml(tempFile('messages.html', page)));
    assert.equal(dates(posts)[0], '2024-03-01T10:02:00.000Z');
    assert.equal(dates(posts)[1], '2024-03-03T04:30:00.000Z');
    assert.deepEqual(
      notices.filter((n) => /clock/.test(n)),
      [
        `1 of ${dates(posts).length} messages have only the exporting PC's clock time (their date titles carry no UTC offset: an old export): times read as UTC; --timezone ZONE names that PC's zone (Europe/Berlin, +05:00)`,
      ],
    );
  });

  it('reads it in the --timezone given; the titles with an offset keep theirs', async () => {
    const timeZone = parseTimeZone('+05:00', '--timezone');
    const { posts, notices } = await drain(readExportHtml(tempFile('messages.html', page), { timeZone }));
    assert.equal(dates(posts)[0], '2024-03-01T05:02:00.000Z');
    assert.equal(dates(posts)[1], '2024-03-03T04:30:00.000Z');
    assert.ok(notices.some((n) => /^1 of \d+ messages .*: times read in \+05:00$/.test(n)));
  });

  it('says a --timezone was not needed when every title has its offset', async () => {
    const timeZone = parseTimeZone('+05:00', '--timezone');
    const file = tempFile('messages.html', readFileSync(join(split, 'messages2.html')));
    const { notices } = await drain(readExportHtml(file, { timeZone }));
    assert.deepEqual(notices, ['--timezone +05:00 not used: every date of this export says its zone']);
  });
});

describe('HTML export helpers', () => {
  const dates: [string, string | null][] = [
    ['22.01.2026 17:23:09 UTC+01:00', '2026-01-22T16:23:09.000Z'],
    ['18.07.2023 01:26:59 UTC+08:00', '2023-07-17T17:26:59.000Z'],
    ['01.01.2024 00:30:00 UTC-05:30', '2024-01-01T06:00:00.000Z'],
    ['12.11.2020 12:53:52', '2020-11-12T12:53:52.000Z'],
    ['31.02.2024 10:00:00 UTC+00:00', null],
    ['yesterday', null],
  ];
  for (const [title, iso] of dates)
    it(`reads the date title "${title}"`, () => assert.equal(htmlDate(title), iso));

  it('reads status lines', () => {
    assert.deepEqual(parseStatus('1174×973, 114.6 KB'), {
      width: 1174,
      height: 973,
      fileSize: 117350,
      rest: [],
    });
    assert.deepEqual(parseStatus('03:28, 8.4 MB'), { duration: 208, fileSize: 8808038, rest: [] });
    assert.deepEqual(parseStatus('💠, 4.7 KB'), { fileSize: 4813, rest: ['💠'] });
  });

  it("files the export skipped have no path; a venue's description (its address) is not such a note", () => {
    const block = (patch: Partial<HtmlMedia>): HtmlMedia => ({
      kind: 'media_video',
      href: null,
      thumb: null,
      title: 'Video file',
      description: null,
      status: null,
      duration: null,
      ...patch,
    });
    const cases: [string, string][] = [
      ['Not included, change data exporting settings to download.', 'File not included'],
      ['Exceeds maximum size, change data exporting settings to download.', 'File exceeds maximum size'],
      ['Unavailable, please try again later.', 'File unavailable'],
    ];
    for (const [description, label] of cases)
      assert.deepEqual(adaptHtmlMedia(block({ description, status: '00:48, 220.1 MB' })), {
        type: 'video',
        supported: false,
        label,
        duration: 48,
        fileSize: 230791578,
      });
    const venue = adaptHtmlMedia(
      block({
        kind: 'media_venue',
        href: 'https://maps.google.com/maps?q=55.75,37.61&ll=55.75,37.61&z=16',
        title: 'Cafe',
        description: 'Not included street 1',
      }),
    );
    assert.equal(venue.supported, true);
    assert.deepEqual(venue.location, { lat: 55.75, lon: 37.61 });
  });

  it('sniffs export pages and nothing else', { skip }, () => {
    for (const f of htmlFixtures) {
      const head = readFileSync(f, 'utf8').slice(0, 65536);
      assert.equal(looksLikeExportHtml(head), true, f);
      assert.equal(looksLikeExportJson(head), false, f);
    }
    for (const f of [...fixtureFiles('tme_s_html'), ...fixtureFiles('tme_embed_html')]) {
      assert.equal(looksLikeExportHtml(readFileSync(f, 'utf8').slice(0, 65536)), false, f);
    }
  });
});
