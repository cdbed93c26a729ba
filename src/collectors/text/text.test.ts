// Text dumps: the sample feed and own fixtures are read into the right posts and render back byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MEDIA_LABELS } from '../../model/labels.js';
import type { ImportEvent, Post } from '../../model/post.js';
import { ImportFormatError, ParseError } from '../../util/errors.js';
import { parseTimeZone } from '../../util/time-zone.js';
import { renderTextFeed } from '../../feeds/text.js';
import { fixtureFiles, samplePath, SKIP_NO_SHARED } from '../../../test/shared.js';
import { looksLikeTextFeed, readTextDump, readTextDumpBytes, textDumpKind } from './index.js';

const testdata = (name: string) => fileURLToPath(new URL(`testdata/${name}`, import.meta.url));
const NBSP = '\u00A0';

function postsOf(events: ImportEvent[]): Post[] {
  return events.flatMap((e) => (e.type === 'post' ? [e.post] : []));
}

function read(text: string): Post[] {
  return postsOf(readTextDump(text, { channel: 'chan', where: 'test.txt' }));
}

function textLines(p: Post): string[] {
  return p.text.split('\n');
}

const sample = samplePath();
const sampleText = sample && existsSync(sample) ? readFileSync(sample, 'utf8') : null;

test('sample feed: 22 posts expected, 21 found (the English own post after an English forward is missed)', (t) => {
  if (!sampleText) return t.skip(SKIP_NO_SHARED);
  const posts = read(sampleText);
  // The brief's count is 22: 18 forwards + 4 own posts. Our segmentation finds 3 of the 4 own posts: the
  // English "Strengthening ties…" post directly after an English forward has no evidence of a boundary.
  assert.equal(posts.length, 21);
  assert.deepEqual(
    posts.map((p) => p.id),
    posts.map((_, i) => i + 1),
  );
  assert.ok(posts.every((p) => p.date === null && p.source === 'text' && p.channel === 'chan'));
});

test('sample feed: the 18 forwards, in order, with their origin titles', (t) => {
  if (!sampleText) return t.skip(SKIP_NO_SHARED);
  const mfa = 'Russian MFA 🇷🇺';
  const expected = [
    mfa,
    mfa,
    'Russian Embassy in India',
    mfa,
    mfa,
    'TASS_Monde',
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
    mfa,
  ];
  const forwards = read(sampleText).filter((p) => p.forwardedFrom);
  assert.deepEqual(
    forwards.map((p) => p.forwardedFrom!.name),
    expected,
  );
  assert.equal(forwards[0]!.text, '', 'a forward without text keeps just its header');
});

test('sample feed: own posts start where the language changes', (t) => {
  if (!sampleText) return t.skip(SKIP_NO_SHARED);
  const posts = read(sampleText);
  const own = posts.filter((p) => !p.forwardedFrom);
  const starts = ['🇷🇺💬 Déclarations du ministre', 'L’entretien de l’Ambassadrice', 'Интервью Чрезвычайного'];
  assert.deepEqual(
    own.map((p) => starts.findIndex((s) => p.text.startsWith(s))),
    [0, 1, 2],
  );
  // The forward before the French remarks ends on its last line: no blank line between posts.
  const before = posts[posts.indexOf(own[0]!) - 1]!;
  assert.match(before.text, /Taiwan[^\n]*$/);
});

test('sample feed: labels become media and never text', (t) => {
  if (!sampleText) return t.skip(SKIP_NO_SHARED);
  const posts = read(sampleText);
  const withMedia = posts.filter((p) => p.media.length > 0);
  assert.deepEqual(
    withMedia.map((p) => [p.forwardedFrom?.name, p.media]),
    [
      [
        'TASS_Monde',
        [{ type: 'other', supported: false, label: 'This media is not supported in your browser' }],
      ],
      [
        'Russian MFA 🇷🇺',
        [{ type: 'other', supported: false, label: 'This media is not supported in your browser' }],
      ],
    ],
  );
  for (const p of posts)
    for (const l of MEDIA_LABELS) assert.ok(!p.text.includes(l), `post ${p.id} has "${l}"`);
  assert.ok(
    posts.some((p) => p.text.includes('<...>')),
    '<...> is text',
  );
});

test('sample feed: hashtag entities slice to their tags', (t) => {
  if (!sampleText) return t.skip(SKIP_NO_SHARED);
  const posts = read(sampleText);
  const tags = posts.flatMap((p) =>
    p.entities.filter((e) => e.type === 'hashtag').map((e) => p.text.slice(e.offset, e.offset + e.length)),
  );
  const inText = posts.flatMap((p) => p.text.match(/(?<![\p{L}\p{N}_#&])#[\p{L}\p{M}\p{N}_]+/gu) ?? []);
  assert.deepEqual(tags, inText);
  // Every '#' of the file (grep -o '#' counts 51) starts a hashtag.
  assert.equal(tags.length, 51);
  assert.ok(tags.includes('#FСS') && tags.includes('#UNGA79') && tags.includes('#DruzhbaDosti'));
});

test('sample feed: reading then rendering gives the file back byte for byte', (t) => {
  if (!sample || !existsSync(sample)) return t.skip(SKIP_NO_SHARED);
  const bytes = readFileSync(sample);
  const posts = postsOf(readTextDumpBytes(bytes, { channel: 'chan', where: sample }));
  assert.ok(Buffer.from(renderTextFeed(posts), 'utf8').equals(bytes));
});

test('edge-layout fixture: headers, labels, blank-only forwards and certain boundaries', () => {
  const posts = read(readFileSync(testdata('edge-layout.txt'), 'utf8'));
  const label = (l: string) => ({ type: 'other', supported: false, label: l });
  assert.deepEqual(
    posts.map((p) => [p.forwardedFrom?.name ?? null, p.media, p.text]),
    [
      ['Origin One', [], ''],
      [
        'Origin Two 🇷🇺',
        [label(MEDIA_LABELS[0]!), label(MEDIA_LABELS[0]!)],
        'Caption of an album of two videos, with <...> a cut and a <b>tag</b> that is text.\n\n' +
          'Second paragraph #Tag_1 and #123 and C#, see t.me/durov or https://example.org/a_(b)).\n',
      ],
      ['Blank Forward', [], '\n'],
      ['Origin Three', [], 'Text of the third forward.'],
      [
        null,
        [label('Media is too big')],
        'Own post after a label: write to press@example.org or @some_channel.\n#one #two',
      ],
      [null, [], 'Own post after hashtags.'],
    ],
  );
  const second = posts[1]!;
  assert.deepEqual(
    second.entities.map((e) => [e.type, second.text.slice(e.offset, e.offset + e.length)]),
    [
      ['hashtag', '#Tag_1'],
      ['link', 't.me/durov'],
      ['link', 'https://example.org/a_(b)'],
    ],
  );
  const fifth = posts[4]!;
  assert.deepEqual(
    fifth.entities.map((e) => [e.type, fifth.text.slice(e.offset, e.offset + e.length)]),
    [
      ['email', 'press@example.org'],
      ['mention', '@some_channel'],
      ['hashtag', '#one'],
      ['hashtag', '#two'],
    ],
  );
});

test('languages fixture: a solid change of language starts an own post, a lone quote does not', () => {
  const posts = read(readFileSync(testdata('languages.txt'), 'utf8'));
  assert.deepEqual(
    posts.map((p) => [p.forwardedFrom?.name ?? null, textLines(p).length, p.text.slice(0, 12)]),
    [
      ['Ministry News', 3, 'The minister'],
      ['Ministry News', 3, 'The minister'],
      [null, 5, 'Les ministre'],
      [null, 3, 'Министры обс'],
    ],
  );
  assert.equal(posts[2]!.text.slice(-2), '\n\n', 'blank lines before the next post stay with this one');
});

test('a post that mixes languages stays one post: a language that comes back is no boundary', () => {
  const mixed = [
    'Загружаете несколько фотографий из телефона и пишете нейросети вот такой простой запрос:',
    'Turn these photos into a ten-second travel recap in vertical format. Keep real people recognisable.',
    'Приятно просто быстро получить готовый контент из того, что уже лежит в телефоне без съёмки.',
    '',
    'Второй способ: берёте старый ролик и просите сделать из него вертикальное видео для шортсов:',
    'Recut into a vertical video. Keep the speaker centered, add faster pacing and captions at the bottom.',
    'Можно быстро перегенерить в вертикальный формат весь уже использованный контент канала.',
  ].join('\n');
  assert.deepEqual(
    read(`${mixed}\n`).map((p) => p.text),
    [mixed],
  );
  // An English forward before it changes nothing: English comes back inside the Russian post, so no cut is clean.
  const forward = `Forwarded from${NBSP}Tech Digest\nThe new video model turns a handful of photos into a short clip.\n`;
  assert.equal(read(`${forward}${mixed}\n`).length, 1);
});

test('a line without a letter after a line of hashtags goes on the post: a list of tags is no post boundary', () => {
  const list = 'Genre:\n#essay\n#report\n……\n\nNature:\n#original\n……';
  assert.deepEqual(
    read(`${list}\n#news\nNext post, directly after the tags.\n`).map((p) => p.text),
    [`${list}\n#news`, 'Next post, directly after the tags.'],
  );
});

test('one short line in another script (a photo credit) does not start a post', () => {
  const text = [
    'Последние фотографии принца Уильяма и его семьи — как менялись короли Великобритании.',
    'Больше фото — в галерее Дождя, где собраны снимки за последние десять лет.',
    '',
    'Фото: PA Wire / TASS; Toby Melville / PA Wire / TASS; Adrian Dennis / AP; Alastair Grant / AP',
  ].join('\n');
  assert.deepEqual(
    read(`${text}\n`).map((p) => p.text),
    [text],
  );
});

const LAYOUTS: { name: string; change: (s: string) => string }[] = [
  { name: 'LF', change: (s) => s },
  { name: 'CRLF', change: (s) => s.replace(/\n/g, '\r\n') },
  { name: 'no final newline', change: (s) => s.replace(/\n$/, '') },
  { name: 'CRLF without final newline', change: (s) => s.replace(/\n$/, '').replace(/\n/g, '\r\n') },
  { name: 'BOM', change: (s) => `\uFEFF${s}` },
  { name: 'two final newlines', change: (s) => `${s}\n` },
  { name: 'ends with an empty-text forward', change: (s) => `${s}Forwarded from${NBSP}Last\n` },
  { name: 'ends with a header then a blank line', change: (s) => `${s}Forwarded from${NBSP}Last\n\n` },
  { name: 'ends with a label', change: (s) => `${s}${MEDIA_LABELS[1]}` },
  { name: 'mixed line breaks (CR kept as text)', change: (s) => s.replace('\n', '\r\n') },
];

for (const file of ['edge-layout.txt', 'languages.txt']) {
  for (const layout of LAYOUTS) {
    test(`round trip: ${file}, ${layout.name}`, () => {
      const input = layout.change(readFileSync(testdata(file), 'utf8'));
      const posts = read(input);
      assert.equal(renderTextFeed(posts), input);
      const bytes = Buffer.from(input, 'utf8');
      const fromBytes = postsOf(readTextDumpBytes(bytes, { channel: 'c', where: file }));
      assert.ok(Buffer.from(renderTextFeed(fromBytes), 'utf8').equals(bytes));
    });
  }
}

test('a CRLF file reads as LF text and keeps CRLF only in its layout', () => {
  const posts = read(`Forwarded from${NBSP}A\r\nLine one\r\n\r\nLine two\r\nMedia is too big\r\n`);
  assert.deepEqual(
    posts.map((p) => [p.text, p.media.length, p.textLayout]),
    [
      ['Line one\n\nLine two', 0, { eol: '\r\n' }],
      ['', 1, { eol: '\r\n' }],
    ],
  );
});

test('copy-paste fixture: messages with sender, UTC date and multi-paragraph text', () => {
  const input = readFileSync(testdata('copy-paste.txt'), 'utf8');
  assert.equal(textDumpKind(input), 'copy-paste');
  const posts = read(input);
  assert.deepEqual(
    posts.map((p) => [p.id, p.author, p.date, p.text]),
    [
      [1, 'Alice', '2023-02-01T09:05:00.000Z', 'Hello everyone, see https://example.org/page and #news'],
      [
        2,
        'Bob 🙂',
        '2023-02-01T09:07:30.000Z',
        'First paragraph.\nCarol, [01/01/2020 10:00]\n\nSecond paragraph of the same message.',
      ],
      [3, 'Alice', '2023-12-31T23:59:00.000Z', 'Bye'],
    ],
  );
  assert.deepEqual(
    posts[0]!.entities.map((e) => e.type),
    ['link', 'hashtag'],
  );
});

test('copy-paste dumps in ../shared: every header line preceded by a blank line is one message', (t) => {
  const files = fixtureFiles('text_dump');
  if (files.length === 0) return t.skip(SKIP_NO_SHARED);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split(/\r?\n/);
    // Counted independently of the reader: lines shaped like a header at the top or after a blank line.
    const headers = lines.filter(
      (l, i) => /^.+, \[\d\d\/\d\d\/\d{4} \d\d:\d\d(?::\d\d)?\]$/.test(l) && (i === 0 || lines[i - 1] === ''),
    );
    const posts = postsOf(readTextDumpBytes(readFileSync(file), { channel: 'c', where: file }));
    assert.equal(posts.length, headers.length, file);
    assert.ok(posts.every((p) => p.date && p.author && p.text.length > 0));
    if (file.includes('copy_paste_dump')) {
      assert.equal(posts.length, 18);
      assert.equal(posts[0]!.author, 'dicha?');
      assert.equal(posts[0]!.date, '2022-06-25T07:25:00.000Z');
      assert.equal(posts[0]!.text, 'https://youtu.be/TbP2B1ijWr8');
      assert.match(posts[4]!.text, /^mari kita coba[\s\S]*get email\(\) \{ return this\.#email; \}\n\}$/);
    }
  }
});

test("a copy dump's header times are read in the zone given, and the notice says which zone it was", () => {
  const dump =
    'dicha?, [25/06/2022 07:25]\nhttps://youtu.be/TbP2B1ijWr8\n\nBob, [01/01/2024 00:10]\nhappy new year';
  const dated = (events: ImportEvent[]) => postsOf(events).map((p) => p.date);
  const notice = (events: ImportEvent[]) =>
    events.flatMap((e) => (e.type === 'notice' ? [e.message] : [])).join('\n');
  const asUtc = readTextDump(dump, { channel: 'c' });
  assert.deepEqual(dated(asUtc), ['2022-06-25T07:25:00.000Z', '2024-01-01T00:10:00.000Z']);
  assert.match(notice(asUtc), /times read as UTC; --timezone ZONE names the clock they were copied on/);
  const jakarta = readTextDump(dump, { channel: 'c', timeZone: parseTimeZone('Asia/Jakarta', '--timezone') });
  assert.deepEqual(dated(jakarta), ['2022-06-25T00:25:00.000Z', '2023-12-31T17:10:00.000Z']);
  assert.match(notice(jakarta), /2 messages \(Telegram Desktop copy; times read in Asia\/Jakarta\)/);
});

test('a copy dump with an impossible date names the file and line', () => {
  assert.throws(
    () => read('Alice, [31/02/2023 10:00]\nhi'),
    (e: unknown) => e instanceof ParseError && e.where === 'test.txt:1' && /not a real date/.test(e.message),
  );
});

const BAD: {
  name: string;
  bytes: Uint8Array;
  kind: typeof ImportFormatError | typeof ParseError;
  where: string;
}[] = [
  {
    name: 'empty file',
    bytes: new Uint8Array(),
    kind: ImportFormatError,
    where: 'dump.txt: the file is empty',
  },
  { name: 'only a BOM', bytes: Uint8Array.of(0xef, 0xbb, 0xbf), kind: ImportFormatError, where: 'dump.txt' },
  { name: 'blank lines only', bytes: Buffer.from('\n \n\t\n'), kind: ImportFormatError, where: 'dump.txt' },
  { name: 'NUL bytes', bytes: Buffer.from('abc\0def'), kind: ImportFormatError, where: 'binary file' },
  { name: 'UTF-16', bytes: Buffer.from('\uFEFFhello', 'utf16le'), kind: ImportFormatError, where: 'UTF-16' },
  {
    name: 'invalid UTF-8 on line 3',
    bytes: Buffer.concat([Buffer.from('one\ntwo\nthr'), Uint8Array.of(0xc3, 0x28), Buffer.from('ee\n')]),
    kind: ParseError,
    where: 'dump.txt:3: invalid UTF-8 at byte 11',
  },
  {
    name: 'truncated multi-byte character at the end',
    bytes: Buffer.concat([Buffer.from('ok\n'), Uint8Array.of(0xe2, 0x82)]),
    kind: ParseError,
    where: 'dump.txt:2: invalid UTF-8 at byte 3',
  },
];

for (const bad of BAD) {
  test(`refuses: ${bad.name}`, () => {
    assert.throws(
      () => readTextDumpBytes(bad.bytes, { channel: 'c', where: 'dump.txt' }),
      (e: unknown) => e instanceof bad.kind && (e as Error).message.includes(bad.where),
    );
  });
}

test('looksLikeTextFeed needs positive evidence', () => {
  assert.equal(looksLikeTextFeed(`Forwarded from${NBSP}X\ntext`), true);
  assert.equal(looksLikeTextFeed('intro\nThis media is not supported in your browser\n'), true);
  assert.equal(looksLikeTextFeed('\uFEFFAlice, [01/02/2023 09:05]\nhi'), true);
  assert.equal(looksLikeTextFeed('Forwarded from X (normal space)\nhello'), false);
  assert.equal(looksLikeTextFeed('<html><body>'), false);
  assert.equal(looksLikeTextFeed(''), false);
});

test('the events are a channel, the posts, then a notice with the counts', () => {
  const events = readTextDump(readFileSync(testdata('languages.txt'), 'utf8'), {
    channel: 'k',
    where: 'f.txt',
  });
  assert.deepEqual(events[0], {
    type: 'channel',
    channel: {
      key: 'k',
      username: null,
      numericId: null,
      title: null,
      description: null,
      subscribers: null,
      avatarUrl: null,
      kind: null,
    },
  });
  assert.deepEqual(events.at(-1), {
    type: 'notice',
    message: '4 posts: 2 forwarded, 2 own; 2 own-post start(s) guessed from a change of language',
    where: 'f.txt',
  });
});
