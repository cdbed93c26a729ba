// Tests of the streaming Desktop JSON export reader: real fixtures, field mapping, offsets, errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureFiles, SKIP_NO_SHARED } from '../../../test/shared.js';
import { ImportFormatError, ParseError } from '../../util/errors.js';
import { parseTimeZone } from '../../util/time-zone.js';
import type { Post } from '../../model/post.js';
import { looksLikeExportHtml, looksLikeExportJson, readExportJson } from './index.js';
import { countJsonMessages, drain, tempFile } from './export.testkit.js';

const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));
const jsonFixtures = fixtureFiles('export_json');
const skip = jsonFixtures.length === 0 ? SKIP_NO_SHARED : false;
const fixture = (part: string) => jsonFixtures.find((f) => basename(f).includes(part))!;

async function postsOf(path: string): Promise<Map<number, Post>> {
  const { posts } = await drain(readExportJson(path));
  return new Map(posts.map((p) => [p.id, p]));
}

describe('readExportJson over every real export', { skip }, () => {
  for (const file of jsonFixtures) {
    it(`imports ${basename(file)} with one post per message`, async () => {
      const raw = readFileSync(file, 'utf8');
      const root = JSON.parse(raw) as { id: number; name: string; type: string };
      const { channels, posts } = await drain(readExportJson(file));
      assert.equal(posts.length, countJsonMessages(raw));
      assert.equal(channels.length, 1);
      assert.deepEqual(
        {
          key: channels[0]!.key,
          numericId: channels[0]!.numericId,
          title: channels[0]!.title,
          kind: channels[0]!.kind,
        },
        { key: `c${root.id}`, numericId: root.id, title: root.name, kind: root.type },
      );
      assert.ok(posts.every((p) => p.channel === `c${root.id}` && p.source === 'export-json'));
    });

    it(`gives entities whose offsets slice out exactly the run text in ${basename(file)}`, async () => {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as {
        messages: { id: number; text: unknown; text_entities?: { type: string; text: string }[] }[];
      };
      const posts = await postsOf(file);
      let checked = 0;
      for (const m of raw.messages) {
        // Independent of the reader: the non-plain runs, in order, from text_entities or (2020) the text array.
        const runs = (m.text_entities ?? (Array.isArray(m.text) ? m.text : []))
          .filter((r): r is { type: string; text: string } => typeof r === 'object' && r.type !== 'plain')
          .filter((r) => r.text !== '');
        const post = posts.get(m.id)!;
        assert.deepEqual(
          post.entities.map((e) => [e.type, post.text.slice(e.offset, e.offset + e.length)]),
          runs.map((r) => [r.type, r.text]),
          `message ${m.id}`,
        );
        checked += runs.length;
      }
      if (raw.messages.some((m) => Array.isArray(m.text))) assert.ok(checked > 0);
    });
  }

  it('reports progress up to the whole file size', async () => {
    const file = fixture('alqaddaaree');
    const seen: number[] = [];
    await drain(readExportJson(file, { onProgress: (b) => seen.push(b) }));
    assert.equal(seen.at(-1), statSync(file).size);
  });

  it('uses the channelKey option as the provisional post key', async () => {
    const { channels, posts } = await drain(readExportJson(fixture('korjavin'), { channelKey: 'rag' }));
    assert.equal(channels[0]!.key, 'rag');
    assert.ok(posts.every((p) => p.channel === 'rag'));
  });
});

describe('readExportJson field mapping', { skip }, () => {
  const cases: { name: string; file: string; id: number; check: (p: Post) => void }[] = [
    {
      name: 'old 2020 export: no date_unixtime, date read as UTC, edited date kept',
      file: 'la-ninpre',
      id: 5,
      check: (p) => {
        assert.equal(p.date, '2020-11-12T12:58:18.000Z');
        assert.equal(p.edited, true);
        assert.equal(p.editDate, '2020-11-12T13:03:00.000Z');
        assert.deepEqual(
          p.entities.map((e) => [e.type, e.offset, e.length, e.language]),
          [
            ['italic', 0, 8, undefined],
            ['bold', 8, 6, undefined],
            ['underline', 14, 11, undefined],
            ['strikethrough', 25, 15, undefined],
            ['pre', 40, 9, ''],
          ],
        );
      },
    },
    {
      name: 'old 2020 export: text_link href, link and email derived from the text array',
      file: 'la-ninpre',
      id: 14,
      check: (p) => {
        assert.equal(p.text, 'text link\n\nexample.com\n\nexample@example.com');
        assert.deepEqual(
          p.entities.map((e) => [e.type, e.url]),
          [
            ['text_link', 'http://example.com/'],
            ['link', undefined],
            ['email', undefined],
          ],
        );
      },
    },
    {
      name: 'voice message with its path and duration',
      file: 'la-ninpre',
      id: 7,
      check: (p) =>
        assert.deepEqual(p.media, [
          {
            type: 'voice',
            url: 'voice_messages/audio_1@12-11-2020_13-01-05.ogg',
            supported: true,
            duration: 2,
            mimeType: 'audio/ogg',
          },
        ]),
    },
    {
      name: 'plain file becomes a document with its thumbnail and dimensions',
      file: 'la-ninpre',
      id: 22,
      check: (p) =>
        assert.deepEqual(p.media, [
          {
            type: 'document',
            url: 'files/dice.svg',
            supported: true,
            thumbUrl: 'files/dice.svg_thumb.jpg',
            width: 622,
            height: 406,
            mimeType: 'image/svg+xml',
          },
        ]),
    },
    {
      name: 'create_channel service message',
      file: 'la-ninpre',
      id: 1,
      check: (p) => {
        assert.deepEqual(p.service, { action: 'create_channel', title: 'test', actor: 'test' });
        assert.equal(p.date, '2020-11-12T12:53:52.000Z');
      },
    },
    {
      name: 'pin_message keeps the pinned id',
      file: 'alqaddaaree',
      id: 5,
      check: (p) => assert.equal(p.service?.messageId, 4),
    },
    {
      name: 'date_unixtime is authoritative UTC',
      file: 'alqaddaaree',
      id: 4,
      check: (p) => assert.equal(p.date, new Date(1762201146 * 1000).toISOString()),
    },
    {
      name: 'signature becomes the author',
      file: 'alqaddaaree',
      id: 78,
      check: (p) => assert.equal(p.author, 'أم مصعب'),
    },
    {
      name: 'forward keeps the origin name and numeric id',
      file: 'alqaddaaree',
      id: 60,
      check: (p) =>
        assert.deepEqual(p.forwardedFrom, {
          name: 'The Scourge Of Photography',
          username: null,
          postId: null,
          author: null,
          numericId: 3397140320,
        }),
    },
    {
      name: 'collapsed blockquote',
      file: 'alqaddaaree',
      id: 99,
      check: (p) => assert.equal(p.entities.find((e) => e.type === 'blockquote')?.collapsed, true),
    },
    {
      name: 'custom emoji keep the export path as their id',
      file: 'alqaddaaree',
      id: 4,
      check: (p) =>
        assert.deepEqual(
          p.entities.map((e) => e.customEmojiId),
          [
            'stickers/sticker.webp',
            'stickers/sticker (1).webp',
            'stickers/sticker (2).webp',
            'stickers/sticker (3).webp',
            'stickers/sticker (4).webp',
          ],
        ),
    },
    {
      name: 'reactions',
      file: 'AiratFaiz',
      id: 3858,
      check: (p) => assert.deepEqual(p.reactions, [{ count: 12, emoji: '🔥' }]),
    },
    {
      name: 'the File-not-included placeholder is an unsupported item without url',
      file: 'AiratFaiz',
      id: 3858,
      check: (p) =>
        assert.deepEqual(p.media, [
          {
            type: 'photo',
            supported: false,
            label: 'File not included',
            width: 896,
            height: 1200,
            fileSize: 178051,
          },
        ]),
    },
    {
      name: 'video_file becomes a video with duration',
      file: 'AiratFaiz',
      id: 3859,
      check: (p) => {
        assert.equal(p.media[0]?.type, 'video');
        assert.equal(p.media[0]?.duration, 2956);
        assert.equal(p.media[0]?.fileName, '1.mp4');
        assert.equal(p.media[0]?.url, undefined);
      },
    },
    {
      name: 'join_group_by_link keeps actor and inviter',
      file: 'Python-2022I',
      id: 211331,
      check: (p) =>
        assert.deepEqual(p.service, { action: 'join_group_by_link', actor: '🦖', inviter: 'Group' }),
    },
    {
      name: 'group message: the sender is the author',
      file: 'Python-2022I',
      id: 211335,
      check: (p) => assert.equal(p.author, '.'),
    },
    {
      name: 'create_group keeps the members',
      file: 'korjavin',
      id: 603440,
      check: (p) => assert.deepEqual(p.service?.members, ['verymuchuser', 'anotheruser']),
    },
    {
      name: 'sticker keeps its emoji',
      file: 'teknologi-umum',
      id: 242711,
      check: (p) => assert.deepEqual([p.media[0]?.type, p.media[0]?.emoji], ['sticker', '🖋']),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const post = (await postsOf(fixture(c.file))).get(c.id);
      assert.ok(post, `post ${c.id} of ${c.file}`);
      c.check(post);
    });
  }

  it('keeps every reply_to_message_id', async () => {
    const file = fixture('teknologi-umum');
    const raw = JSON.parse(readFileSync(file, 'utf8')) as {
      messages: { id: number; reply_to_message_id?: number }[];
    };
    const posts = await postsOf(file);
    const expected = raw.messages
      .filter((m) => m.reply_to_message_id)
      .map((m) => [m.id, m.reply_to_message_id]);
    assert.equal(expected.length, 94);
    assert.deepEqual(
      [...posts.values()].filter((p) => p.replyTo !== null).map((p) => [p.id, p.replyTo]),
      expected,
    );
  });
});

describe('readExportJson forward origins', () => {
  it("marks a forward from a user account, whose id number could also be a channel's", async () => {
    const msg = (id: number, fwd: Record<string, unknown>) => ({
      id,
      type: 'message',
      date: '2024-04-01T01:30:00',
      date_unixtime: '1711924200',
      text: 'x',
      ...fwd,
    });
    const file = tempFile(
      'result.json',
      JSON.stringify({
        name: 'Edge',
        type: 'public_channel',
        id: 999,
        messages: [
          msg(1, { forwarded_from: 'Some User', forwarded_from_id: 'user12345' }),
          msg(2, { forwarded_from: 'Some Channel', forwarded_from_id: 'channel12345' }),
          msg(3, { forwarded_from: 'Hidden Person' }),
        ],
      }),
    );
    const posts = await postsOf(file);
    assert.deepEqual(posts.get(1)!.forwardedFrom, {
      name: 'Some User',
      username: null,
      postId: null,
      author: null,
      numericId: 12345,
      fromUser: true,
    });
    assert.equal(posts.get(2)!.forwardedFrom!.fromUser, undefined);
    assert.equal(posts.get(3)!.forwardedFrom!.numericId, undefined);
  });
});

describe('readExportJson on a full-account export (testdata/full_account.json)', () => {
  const file = join(testdata, 'full_account.json');

  it('gives one channel per chat, left chats included, each before its posts', async () => {
    const events = [];
    for await (const ev of readExportJson(file))
      events.push(
        ev.type === 'channel'
          ? `channel ${ev.channel.key}`
          : `${ev.type === 'post' ? ev.post.channel : ''}/${ev.type === 'post' ? ev.post.id : ''}`,
      );
    assert.deepEqual(events, [
      'channel c1500000001',
      'c1500000001/10',
      'c1500000001/11',
      'c1500000001/12',
      'channel c222',
      'c222/1',
      'c222/2',
      'channel c333',
      'c333/7',
    ]);
    assert.equal(events.length - 3, countJsonMessages(readFileSync(file, 'utf8')));
  });

  it('applies channelKey to the first chat only', async () => {
    const { channels } = await drain(readExportJson(file, { channelKey: 'news' }));
    assert.deepEqual(
      channels.map((c) => [c.key, c.numericId, c.title, c.kind]),
      [
        ['news', 1500000001, 'Новости 24 | أخبار', 'public_channel'],
        ['c222', 222, 'Friend', 'personal_chat'],
        ['c333', 333, 'Old Group', 'private_supergroup'],
      ],
    );
  });

  it('counts offsets in UTF-16 units across emoji, ZWJ sequences and Arabic', async () => {
    const p = (await postsOf(file)).get(10)!;
    assert.deepEqual(
      p.entities.map((e) => [e.type, e.offset, e.length, p.text.slice(e.offset, e.offset + e.length)]),
      [
        ['bold', 3, 5, 'مرحبا'],
        ['spoiler', 18, 5, 'тайна'],
        ['mention_name', 24, 4, 'Анна'],
        ['blockquote', 29, 6, 'цитата'],
        ['custom_emoji', 36, 2, '🌸'],
        ['pre', 38, 8, 'print(1)'],
      ],
    );
    assert.equal(p.entities[2]!.url, 'tg://user?id=4242');
    assert.equal(p.entities[4]!.customEmojiId, '5368324170671202286', 'a 64-bit id is not rounded');
    assert.equal(p.entities[5]!.language, 'python');
  });

  it('maps reactions, polls, locations, contacts and not-included documents', async () => {
    const posts = await postsOf(file);
    assert.deepEqual(posts.get(10)!.reactions, [
      { count: 5, emoji: '👍' },
      { count: 2, customEmojiId: '5368324170671202287' },
      { count: 3, paid: true },
    ]);
    assert.deepEqual(posts.get(11)!.media[0]!.poll, {
      question: 'Which one?',
      closed: true,
      totalVoters: 9,
      options: [
        { text: 'Yes', voters: 6, chosen: true },
        { text: 'No', voters: 3 },
      ],
    });
    assert.equal(posts.get(11)!.replyTo, 10);
    assert.deepEqual(posts.get(12)!.media[0]!.location, { lat: 48.8584, lon: 2.2945 });
    const friend = await drain(readExportJson(file));
    const byKey = (k: string, id: number) => friend.posts.find((p) => p.channel === k && p.id === id)!;
    assert.deepEqual(byKey('c222', 1).media[0]!.contact, { name: 'Jane Doe', phone: '+44 20 0000 0000' });
    assert.deepEqual(byKey('c222', 2).media[0], {
      type: 'document',
      supported: false,
      label: 'File not included',
      fileName: 'report.pdf',
      fileSize: 12345,
      mimeType: 'application/pdf',
    });
  });
});

describe("readExportJson on messages without date_unixtime (2020-21 exports: the PC's clock)", () => {
  // Message 1 has only the local "date"; message 2 has date_unixtime too, which wins (a file mixing both).
  const file = tempFile(
    'result.json',
    JSON.stringify({
      name: 'old',
      type: 'public_channel',
      id: 5,
      messages: [
        { id: 1, type: 'message', date: '2020-11-12T12:53:52', edited: '2020-11-12T13:00:00', text: 'a' },
        {
          id: 2,
          type: 'message',
          date: '2024-09-01T12:00:00',
          date_unixtime: '1725184800',
          text: 'b',
        },
      ],
    }),
  );

  it('reads them as UTC without --timezone, and says so', async () => {
    const { posts, notices } = await drain(readExportJson(file));
    assert.deepEqual(
      posts.map((p) => [p.date, p.editDate]),
      [
        ['2020-11-12T12:53:52.000Z', '2020-11-12T13:00:00.000Z'],
        ['2024-09-01T10:00:00.000Z', null],
      ],
    );
    assert.deepEqual(notices, [
      "1 of 2 messages have only the exporting PC's clock time (no date_unixtime: an export of 2020-21): times read as UTC; --timezone ZONE names that PC's zone (Europe/Berlin, +05:00)",
    ]);
  });

  it('reads them in the --timezone given; date_unixtime stays what it says', async () => {
    const timeZone = parseTimeZone('+05:00', '--timezone');
    const { posts, notices } = await drain(readExportJson(file, { timeZone }));
    assert.deepEqual(
      posts.map((p) => [p.date, p.editDate]),
      [
        ['2020-11-12T07:53:52.000Z', '2020-11-12T08:00:00.000Z'],
        ['2024-09-01T10:00:00.000Z', null],
      ],
    );
    assert.deepEqual(notices, [
      "1 of 2 messages have only the exporting PC's clock time (no date_unixtime: an export of 2020-21): times read in +05:00",
    ]);
  });

  it('says a --timezone was not needed when every message has date_unixtime', { skip }, async () => {
    const timeZone = parseTimeZone('Europe/Berlin', '--timezone');
    const { notices } = await drain(readExportJson(fixture('korjavin'), { timeZone }));
    assert.deepEqual(notices, ['--timezone Europe/Berlin not used: every date of this export says its zone']);
  });
});

describe('readExportJson errors', () => {
  const cases: {
    name: string;
    content: string;
    error: typeof ParseError | typeof ImportFormatError;
    where?: string;
    message: RegExp;
  }[] = [
    {
      name: 'a stray comma is located by line and column',
      content: '{\n "name": "x",\n "id": 1,\n "messages": [\n  {"id": 1,, "type": "message"}\n ]\n}\n',
      error: ParseError,
      where: ':5:12',
      message: /malformed JSON: expected an object key/,
    },
    {
      name: 'a file cut in the middle of a message says it ends too early',
      content: '{\n "name": "x",\n "id": 1,\n "messages": [\n  {"id": 1, "text": "abc',
      error: ParseError,
      where: ':5:25',
      message: /ends too early/,
    },
    {
      name: 'a message without a numeric id is located at its opening brace',
      content: '{\n "id": 1,\n "messages": [\n  {"id": 1},\n  {"id": "two"}\n ]\n}',
      error: ParseError,
      where: ':5:3',
      message: /numeric "id", got "two"/,
    },
    {
      name: 'a damaged date_unixtime names the message, rather than reading "date" as UTC',
      content:
        '{\n "id": 1,\n "messages": [\n  {"id": 7, "date": "2024-09-01T10:00:00", "date_unixtime": "17x5"}\n ]\n}',
      error: ParseError,
      where: ': message 7',
      message: /message 7: "date_unixtime" is not a Unix time \(got "17x5"\)/,
    },
    {
      name: 'a damaged edited_unixtime names the message',
      content: '{"id": 1, "messages": [{"id": 8, "date_unixtime": "1725184800", "edited_unixtime": ""}]}',
      error: ParseError,
      where: ': message 8',
      message: /message 8: "edited_unixtime" is not a Unix time/,
    },
    {
      name: 'a non-object inside messages',
      content: '{"id": 1, "messages": [{"id": 1}, 42]}',
      error: ParseError,
      where: ':1:37', // a number ends, so is reported, where its terminator is
      message: /expected a message object/,
    },
    {
      name: 'an empty file',
      content: '',
      error: ParseError,
      where: ':1:1',
      message: /the file is empty/,
    },
    {
      name: 'valid JSON without messages',
      content: '{"a": 1}',
      error: ImportFormatError,
      message: /not a Telegram Desktop export/,
    },
    { name: 'a JSON array', content: '[{"messages": []}]', error: ImportFormatError, message: /JSON array/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const file = tempFile('result.json', c.content);
      await assert.rejects(drain(readExportJson(file)), (e: unknown) => {
        assert.ok(e instanceof c.error, `${String(e)}`);
        assert.match((e as Error).message, c.message);
        assert.ok((e as Error).message.includes(file), 'names the file');
        if (c.where) assert.equal((e as ParseError).where, file + c.where);
        return true;
      });
    });
  }

  it(
    'errors deep inside a large real export are located exactly (across read chunks)',
    { skip },
    async () => {
      const raw = readFileSync(fixture('alqaddaaree'), 'utf8');
      const position = (text: string, index: number) => {
        const lines = text.slice(0, index).split('\n');
        return `${lines.length}:${lines.at(-1)!.length + 1}`;
      };
      const i = raw.indexOf('"id": 143,');
      const badId = raw.slice(0, i) + '"id": "x43",' + raw.slice(i + 10);
      const file1 = tempFile('result.json', badId);
      await assert.rejects(drain(readExportJson(file1)), (e: unknown) => {
        assert.ok(e instanceof ParseError);
        assert.equal(e.where, `${file1}:${position(badId, badId.lastIndexOf('{', i))}`);
        return true;
      });
      const j = raw.indexOf('"id": 180,');
      const noColon = raw.slice(0, j) + '"id" 180,' + raw.slice(j + 10);
      const file2 = tempFile('result.json', noColon);
      await assert.rejects(drain(readExportJson(file2)), (e: unknown) => {
        assert.ok(e instanceof ParseError);
        assert.match(e.message, /expected ':'/);
        assert.equal(e.where, `${file2}:${position(noColon, j + 5)}`);
        return true;
      });
    },
  );

  it('a real export truncated half-way fails at its last line', { skip }, async () => {
    const raw = readFileSync(fixture('alqaddaaree'), 'utf8');
    const cut = raw.slice(0, Math.floor(raw.length / 2));
    const file = tempFile('result.json', cut);
    const lines = cut.split('\n');
    await assert.rejects(drain(readExportJson(file)), (e: unknown) => {
      assert.ok(e instanceof ParseError);
      assert.equal(e.where, `${file}:${lines.length}:${lines.at(-1)!.length + 1}`);
      return true;
    });
  });
});

describe('looksLikeExportJson', () => {
  it('recognises every real JSON export and the full-account one, and no HTML page', { skip }, () => {
    for (const f of [...jsonFixtures, join(testdata, 'full_account.json')]) {
      const head = readFileSync(f, 'utf8').slice(0, 65536);
      assert.equal(looksLikeExportJson(head), true, f);
      assert.equal(looksLikeExportHtml(head), false, f);
    }
  });
  const negatives = ['{"a": 1}', '[1, 2]', 'hello', '<html></html>', '{"messages": "no"}'];
  for (const n of negatives)
    it(`rejects ${JSON.stringify(n)}`, () => assert.equal(looksLikeExportJson(n), false));
});
