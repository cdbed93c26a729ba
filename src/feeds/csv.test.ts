// The researchers' CSV: every column's value for posts of each kind, read back with a real CSV parser, and the
// streaming form's batched story look-ups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { emptyPost, type ForwardedFrom, type Post } from '../model/post.js';
import type { StoryMember } from '../model/story.js';
import { CSV_COLUMNS, csvChunks, postCsvRecord, renderCsv, serviceSummary } from './csv.js';
import { postMentions, postUrls, urlDomain } from '../text/refs.js';

const SHA = 'a'.repeat(64);

function full(): Post {
  const text =
    'Read https://www.Example.com/a;b and t.me/mfa_russia/5, ask @MFA_Russia #BRICS #brics\nline 2';
  const p = emptyPost('durov', 5, 'tme-html');
  p.date = '2024-09-09T12:00:00.000Z';
  p.edited = true;
  p.editDate = '2024-09-09T13:00:00.000Z';
  p.author = 'Pavel';
  p.text = text;
  p.entities = [
    { type: 'link', offset: text.indexOf('https'), length: 'https://www.Example.com/a;b'.length },
    { type: 'link', offset: text.indexOf('t.me/'), length: 't.me/mfa_russia/5'.length },
    { type: 'mention', offset: text.indexOf('@MFA'), length: '@MFA_Russia'.length },
    { type: 'hashtag', offset: text.indexOf('#BRICS'), length: 6 },
    { type: 'hashtag', offset: text.indexOf('#brics'), length: 6 },
    { type: 'text_link', offset: 0, length: 4, url: 'https://news.example.org/x' },
  ];
  p.forwardedFrom = {
    name: 'Russian MFA 🇷🇺',
    username: 'mfa_russia',
    postId: 7,
    author: 'Maria',
    numericId: 1,
  };
  p.replyTo = 3;
  p.groupId = '1234';
  p.views = 1500;
  p.reactions = [
    { emoji: '👍', count: 3 },
    { customEmojiId: '5368', count: 2 },
    { paid: true, count: 1 },
  ];
  p.media = [
    { type: 'photo', supported: true, copy: { sha256: SHA, size: 10, type: 'image/jpeg' } },
    { type: 'video', supported: true },
    { type: 'link_preview', supported: true, preview: { url: 'https://preview.example.net/p' } },
  ];
  p.lang = 'en';
  p.topics = ['brics', 'russia'];
  p.story = 'sabc';
  p.deleted = true;
  p.deletedAt = '2024-10-01T00:00:00.000Z';
  return p;
}

test('csv: every column of a full post, read back by csv-parse', () => {
  const member = {
    reason: 'translation',
    evidence: { matched: ['mfa/1'], score: 0.71, items: ['date:2024-09-10'] },
  };
  const rows = parseCsv(
    renderCsv([full()], { urlFor: () => 'https://t.me/durov/5', channelTitle: () => 'Durov' }),
    { columns: true },
  ) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), [...CSV_COLUMNS]);
  const withStory = postCsvRecord(full(), {}, member);
  assert.deepEqual(rows[0], {
    ...withStory,
    url: 'https://t.me/durov/5',
    channel_title: 'Durov',
    story_reason: '',
    story_evidence: '',
  });
  assert.deepEqual(withStory, {
    channel: 'durov',
    channel_title: '',
    id: '5',
    url: 'https://t.me/durov/5',
    date: '2024-09-09T12:00:00.000Z',
    edit_date: '2024-09-09T13:00:00.000Z',
    edited: 'true',
    signature: 'Pavel',
    text: full().text,
    lang: 'en',
    topics: 'brics;russia',
    story: 'sabc',
    story_reason: 'translation',
    story_evidence: 'translation of mfa/1 (0.71): date:2024-09-10',
    is_forward: 'true',
    forward_name: 'Russian MFA 🇷🇺',
    forward_username: 'mfa_russia',
    forward_post_id: '7',
    forward_url: 'https://t.me/mfa_russia/7',
    forward_signature: 'Maria',
    forward_channel_id: '1',
    forward_user_id: '',
    forward_kind: 'channel',
    reply_to: '3',
    album_id: '1234',
    views: '1500',
    reactions_total: '6',
    reactions: '{"👍":3,"custom:5368":2,"paid":1}',
    media_kinds: 'photo;video;link_preview',
    media_files: SHA,
    urls: 'https://www.Example.com/a%3Bb;t.me/mfa_russia/5;https://news.example.org/x;https://preview.example.net/p',
    domains: 'example.com;t.me;news.example.org;preview.example.net',
    hashtags: '#brics',
    mentions: '@mfa_russia',
    deleted: 'true',
    deleted_at: '2024-10-01T00:00:00.000Z',
    service: '',
    source: 'tme-html',
  });
  assert.equal(rows[0]!.text, full().text, 'the line break survives quoting');
});

test('csv: a user id is not in the channel id column; each forward says what its origin is', () => {
  const fwd = (id: number, more: Partial<ForwardedFrom>): Post => ({
    ...emptyPost('salaf', id, 'export-json'),
    forwardedFrom: { name: 'Ahmed', username: null, postId: null, author: null, ...more },
  });
  const cells = (p: Post) => {
    const r = postCsvRecord(p);
    return [r.forward_channel_id, r.forward_user_id, r.forward_kind];
  };
  assert.deepEqual(cells(fwd(1, { numericId: 12345, fromUser: true })), ['', '12345', 'user']);
  assert.deepEqual(cells(fwd(2, { numericId: 12345 })), ['12345', '', 'channel']);
  assert.deepEqual(cells(fwd(3, {})), ['', '', 'name']);
  assert.deepEqual(cells(emptyPost('salaf', 4, 'export-json')), ['', '', '']);
});

test('csv: a bare post has empty cells for what is unknown, false for flags', () => {
  const r = postCsvRecord(emptyPost('my export', 2, 'export-json'));
  assert.equal(r.url, '', 'no t.me link for a channel known only by a name given at import');
  assert.deepEqual(
    [
      r.is_forward,
      r.deleted,
      r.edited,
      r.views,
      r.reactions_total,
      r.reactions,
      r.story_reason,
      r.deleted_at,
    ],
    ['false', 'false', 'false', '', '', '', '', ''],
  );
});

test('csv: service messages say what they are', () => {
  const cases: [Post['service'], string][] = [
    [{ action: 'pin_message', messageId: 123 }, 'pin_message: pinned post 123'],
    [
      { action: 'pin_message', text: 'Channel pinned a message', messageId: 9 },
      'pin_message: Channel pinned a message (post 9)',
    ],
    [{ action: 'create_channel', title: 'News', actor: 'Ann' }, 'create_channel: Ann created "News"'],
    [{ action: 'invite_members', actor: 'Ann', members: ['Bo', 'Cy'] }, 'invite_members: Ann added Bo, Cy'],
    [
      { action: 'join_group_by_link', actor: 'Bo', inviter: 'Group' },
      'join_group_by_link: Bo joined by link from Group',
    ],
    [{ action: 'edit_group_photo', actor: 'Ann' }, 'edit_group_photo: edit group photo by Ann'],
    [{ action: 'create_channel', text: 'Channel created' }, 'create_channel: Channel created'],
    [{ action: 'other' }, 'other: a service message the source did not name'],
  ];
  for (const [s, want] of cases) assert.equal(serviceSummary(s!), want);
  const p = emptyPost('c', 1, 'export-json');
  p.service = { action: 'pin_message', messageId: 4 };
  assert.equal(postCsvRecord(p).service, 'pin_message: pinned post 4');
});

test('refs: links, domains and mentions from entities, or from the text of a post without entities', () => {
  const plain = {
    text: 'see https://a.example/x). and www.b.example, @Some_One and @some_one',
    entities: [],
    media: [],
  };
  assert.deepEqual(postUrls(plain), ['https://a.example/x', 'www.b.example']);
  assert.deepEqual(postMentions(plain), ['@some_one']);
  assert.equal(urlDomain('www.B.example/x'), 'b.example');
  assert.equal(urlDomain('mailto:a@b.c'), null);
  assert.equal(urlDomain('tg://resolve?domain=x'), null);
  assert.equal(urlDomain('http://[bad'), null);
  // With entities, only what they mark counts: a link-looking string Telegram did not mark is not a link.
  assert.deepEqual(postUrls({ ...plain, entities: [{ type: 'bold', offset: 0, length: 3 }] }), []);
});

test('csv: the stream looks story reasons up once per batch of 500, never per post', async () => {
  const posts = Array.from({ length: 1201 }, (_, i) => {
    const p = emptyPost('c', i + 1, 'text');
    p.story = i % 2 ? `s${i}` : null;
    return p;
  });
  const calls: number[] = [];
  const lookup = async (keys: string[]): Promise<StoryMember[]> => {
    calls.push(keys.length);
    return keys.map((k) => {
      const id = Number(k.split('/')[1]);
      return {
        channel: 'c',
        id,
        storyId: `s${id - 1}`,
        reason: id === 2 ? 'canonical' : 'copy',
        evidence: null,
      };
    });
  };
  async function* stream() {
    yield* posts;
  }
  let out = '';
  for await (const chunk of csvChunks(stream(), { storyMembersOf: lookup })) out += chunk;
  assert.deepEqual(calls, [250, 250, 100]);
  const rows = parseCsv(out, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 1201);
  assert.deepEqual(
    rows.slice(0, 4).map((r) => [r.id, r.story, r.story_reason]),
    [
      ['1', '', ''],
      ['2', 's1', 'canonical'],
      ['3', '', ''],
      ['4', 's3', 'copy'],
    ],
  );
});
