// Plain renderers (text feed, JSON Lines, CSV, Markdown and HTML digests) checked by reading their output back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import * as cheerio from 'cheerio';
import { HtmlRenderer, Parser as MarkdownParser, type Node as MdNode } from 'commonmark';
import { emptyPost, type Post } from '../model/post.js';
import { NOT_SUPPORTED_LABEL } from '../model/labels.js';
import { readTextDump } from '../collectors/text/index.js';
import { renderTextDigest, renderTextFeed } from './text.js';
import { jsonlLine, postToJson, renderJsonl } from './jsonl.js';
import { CSV_COLUMNS, csvHeader, postToCsvRow, renderCsv } from './csv.js';
import { entitiesToMarkdown, escapeMarkdown, renderMarkdownDigest } from './markdown.js';
import { renderHtmlDigest } from './html-digest.js';

const TEXT = 'Hello, "world"\nline 2 <script>alert(1)</script> #tag, see site';

function scraped(): Post {
  const p = emptyPost('durov', 5, 'tme-html');
  p.date = '2024-09-09T12:00:00.000Z';
  p.author = 'Pavel';
  p.text = TEXT;
  p.entities = [
    { type: 'bold', offset: 0, length: 6 },
    { type: 'hashtag', offset: TEXT.indexOf('#tag'), length: 4 },
    { type: 'text_link', offset: TEXT.indexOf('site'), length: 4, url: 'javascript:alert(2)' },
  ];
  p.forwardedFrom = { name: 'Origin 🇷🇺', username: 'origin', postId: 7, author: null };
  p.media = [
    { type: 'video', supported: false, label: NOT_SUPPORTED_LABEL, duration: 12 },
    { type: 'photo', supported: true, url: 'https://cdn.example/x.jpg' },
  ];
  p.views = 100;
  p.reactions = [{ emoji: '👍', count: 3 }];
  p.lang = 'en';
  p.topics = ['brics'];
  return p;
}

function exported(): Post {
  const p = emptyPost('my export', 2, 'export-json');
  p.date = '2024-09-10T08:30:00.000Z';
  p.service = { action: 'pin_message', text: 'pinned a message', messageId: 5 };
  return p;
}

function fromText(): Post {
  const p = emptyPost('mfa', 1, 'text');
  p.text = 'Spreadsheet cell with, a comma; a "quote"\nand a line break #BRICS';
  p.entities = [{ type: 'hashtag', offset: p.text.indexOf('#BRICS'), length: 6 }];
  return p;
}

test('text feed: posts from other sources render in the feed format, labels only where set', () => {
  const out = renderTextFeed([scraped(), exported()]);
  assert.equal(out, `Forwarded from\u00A0Origin 🇷🇺\n${NOT_SUPPORTED_LABEL}\n${TEXT}\npinned a message\n`);
  // Read back, the output is the same bytes; the own post after the forward merges into it, as nothing in the
  // format separates two posts in one language (the documented ambiguity of the text format).
  const back = readTextDump(out, { channel: 'c' }).flatMap((e) => (e.type === 'post' ? [e.post] : []));
  assert.equal(renderTextFeed(back), out);
  assert.deepEqual(
    back.map((p) => [p.forwardedFrom?.name ?? null, p.media.map((m) => m.label), p.text]),
    [['Origin 🇷🇺', [NOT_SUPPORTED_LABEL], `${TEXT}\npinned a message`]],
  );
  assert.equal(renderTextFeed([]), '');
});

const FIELDS = [
  'channel',
  'id',
  'url',
  'date',
  'edited',
  'author',
  'text',
  'entities',
  'forwardedFrom',
  'replyTo',
  'groupId',
  'media',
  'views',
  'reactions',
  'service',
  'source',
];

test('jsonl: what the account adds (forward and reply counts, the origin id and date) is there when known', () => {
  const p: Post = {
    ...scraped(),
    channel: 'durov',
    source: 'mtproto',
    forwards: 12,
    replies: 3,
    forwardedFrom: {
      name: 'Origin',
      username: null,
      postId: 7,
      author: null,
      numericId: 55,
      date: '2024-01-01T00:00:00.000Z',
    },
  };
  const o = postToJson(p);
  assert.deepEqual([o.forwards, o.replies, o.url], [12, 3, 'https://t.me/durov/5']);
  assert.deepEqual(o.forwardedFrom, {
    name: 'Origin',
    username: null,
    postId: 7,
    author: null,
    numericId: 55,
    date: '2024-01-01T00:00:00.000Z',
  });
  assert.ok(!('forwards' in postToJson(scraped())));
});

test('jsonl: each line parses back to the post, fields in the fixed order', () => {
  const posts = [scraped(), exported(), fromText()];
  const out = renderJsonl(posts);
  assert.equal(out, posts.map((p) => jsonlLine(p)).join(''));
  const lines = out.split('\n');
  assert.equal(lines.pop(), '', 'every line ends with a line break');
  const objs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const EXTRA = ['editDate', 'lang', 'topics', 'story', 'deleted'];
  assert.deepEqual(Object.keys(objs[0]!), [...FIELDS, ...EXTRA]);
  assert.deepEqual(Object.keys(objs[1]!), [...FIELDS, ...EXTRA]);
  assert.equal(objs[0]!.lang, posts[0]!.lang);
  assert.equal(objs[1]!.story, null, 'story is null, not absent, before grouping');
  assert.deepEqual(objs[1]!.topics, []);
  assert.deepEqual(
    objs.map((o) => o.url),
    ['https://t.me/durov/5', null, null],
  );
  posts.forEach((p, i) => {
    const o = objs[i]!;
    for (const key of [
      'channel',
      'id',
      'date',
      'edited',
      'author',
      'text',
      'entities',
      'forwardedFrom',
      'replyTo',
    ])
      assert.deepEqual(o[key], p[key as keyof Post], `${key} of post ${i}`);
    assert.deepEqual(o.service, p.service);
    assert.deepEqual(o.reactions, p.reactions);
  });
  assert.deepEqual(objs[0]!.media, [
    { type: 'video', url: null, supported: false, label: NOT_SUPPORTED_LABEL, duration: 12 },
    { type: 'photo', url: 'https://cdn.example/x.jpg', supported: true, label: null },
  ]);
  assert.equal(
    postToJson(fromText(), { urlFor: (p) => `https://t.me/mfa_russia/${p.id}` }).url,
    'https://t.me/mfa_russia/1',
  );
  const layout = { ...fromText(), textLayout: { eol: '\r\n' as const } };
  assert.ok(!('textLayout' in postToJson(layout)));
});

test('csv: rows parse back with a real parser, text with commas, quotes and line breaks intact', () => {
  const posts = [scraped(), exported(), fromText()];
  const rows = parseCsv(renderCsv(posts), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), [...CSV_COLUMNS]);
  assert.deepEqual(
    rows.map((r) => [
      r.channel,
      r.id,
      r.url,
      r.forward_name,
      r.forward_post_id,
      r.media_kinds,
      r.hashtags,
      r.text,
    ]),
    [
      ['durov', '5', 'https://t.me/durov/5', 'Origin 🇷🇺', '7', 'video;photo', '#tag', TEXT],
      ['my export', '2', '', '', '', '', '', ''],
      ['mfa', '1', '', '', '', '', '#brics', fromText().text],
    ],
  );
  assert.equal(rows[0]!.edited, 'false');
  assert.equal(rows[0]!.views, '100');
  assert.equal(rows[0]!.lang, 'en');
  assert.equal(csvHeader(), `${CSV_COLUMNS.join(',')}\n`);
});

test('csv: the BOM option starts the file with U+FEFF and still parses', () => {
  const out = renderCsv([fromText()], { bom: true });
  assert.ok(out.startsWith('\uFEFFchannel,'));
  assert.ok(!postToCsvRow(fromText()).startsWith('\uFEFF'), 'rows never repeat the BOM');
  const rows = parseCsv(out, { columns: true, bom: true }) as Record<string, string>[];
  assert.equal(rows[0]!.channel, 'mfa');
});

test('csv: formula escaping is opt-in', () => {
  const p = fromText();
  p.text = '=HYPERLINK("http://x")';
  const plain = parseCsv(postToCsvRow(p)) as string[][];
  const safe = parseCsv(postToCsvRow(p, { escapeFormulas: true })) as string[][];
  const text = CSV_COLUMNS.indexOf('text');
  assert.equal(plain[0]![text], '=HYPERLINK("http://x")');
  assert.equal(safe[0]![text], `'=HYPERLINK("http://x")`);
});

test('markdown: text is escaped (no raw HTML), entities become emphasis and safe links', () => {
  const md = renderMarkdownDigest([scraped(), exported()], {
    title: 'BRICS <week>',
    subtitle: '2–8 September',
  });
  assert.ok(!md.includes('<script>'), md);
  assert.ok(md.includes('\\<script\\>alert(1)\\</script\\>'));
  assert.ok(md.startsWith('# BRICS \\<week\\>\n\n2–8 September\n'));
  assert.ok(md.includes('## [Hello, "world"](<https://t.me/durov/5>)\n\n*durov/5 · 2024-09-09 12:00 UTC*'));
  assert.ok(md.includes('*Forwarded from Origin 🇷🇺*'));
  assert.ok(md.includes('**Hello,** "world"\\\nline 2'), 'bold, then a hard line break');
  assert.ok(md.includes('[\\#tag](<https://t.me/s/durov?q=%23tag>)'));
  assert.ok(!md.includes('javascript:'), 'unsafe links become plain text');
  assert.ok(md.includes('## pinned a message\n\n*my export/2 · 2024-09-10 08:30 UTC*'));
});

const MD_CASES: { name: string; text: string; entities: Post['entities']; want: string }[] = [
  { name: 'line-start markers', text: '- a\n1. b\n# c', entities: [], want: '\\- a\\\n1\\. b\\\n\\# c' },
  {
    name: 'bold over two lines is cut per line and trimmed',
    text: 'one \ntwo',
    entities: [{ type: 'bold', offset: 0, length: 8 }],
    want: '**one** \\\n**two**',
  },
  {
    name: 'crossing entities are clipped to nest',
    text: 'abcdef',
    entities: [
      { type: 'bold', offset: 0, length: 4 },
      { type: 'italic', offset: 2, length: 4 },
    ],
    want: '**ab*cd***ef',
  },
  {
    name: 'code with backticks',
    text: 'x `y` z',
    entities: [{ type: 'code', offset: 2, length: 3 }],
    want: 'x `` `y` `` z',
  },
  {
    name: 'a link inside bold',
    text: 'see kremlin.ru now',
    entities: [
      { type: 'bold', offset: 0, length: 14 },
      { type: 'link', offset: 4, length: 10 },
    ],
    want: '**see [kremlin.ru](<https://kremlin.ru/>)** now',
  },
];

for (const c of MD_CASES) {
  test(`markdown entities: ${c.name}`, () => {
    assert.equal(entitiesToMarkdown(c.text, c.entities), c.want);
  });
}

test('escapeMarkdown keeps paragraphs and makes single line breaks hard', () => {
  assert.equal(escapeMarkdown('a\n\n\nb\nc_d'), 'a\n\nb\\\nc\\_d');
});

test('html digest: a standalone page, everything escaped, entities as elements', () => {
  const html = renderHtmlDigest([scraped(), exported(), fromText()], { title: 'Digest <script>x</script>' });
  const $ = cheerio.load(html);
  assert.equal($('script').length, 0);
  assert.equal($('title').text(), 'Digest <script>x</script>');
  assert.equal($('article').length, 3);
  const first = $('article').first();
  assert.equal(first.find('h2 a').attr('href'), 'https://t.me/durov/5');
  assert.equal(first.find('h2').text(), 'Hello, "world"');
  assert.equal(first.find('header').text(), 'durov/5 · 2024-09-09 12:00 UTC');
  assert.equal(first.find('header time').attr('datetime'), '2024-09-09T12:00:00.000Z');
  assert.equal(first.find('.fwd').text(), 'Forwarded from Origin 🇷🇺');
  assert.equal(first.find('b').text(), 'Hello,');
  assert.equal(first.find('a.hashtag').attr('href'), 'https://t.me/s/durov?q=%23tag');
  assert.ok(first.find('.text').text().includes('<script>alert(1)</script>'));
  assert.equal($('a[href^="javascript"]').length, 0);
  assert.equal(first.find('.media').text(), 'Video · Photo');
  // A text-dump post has no public URL: no link, and its hashtag is plain text.
  const last = $('article').last();
  assert.equal(last.find('a').length, 0);
  assert.ok(last.find('.text').text().includes('#BRICS'));
});

/** The h2 headings of a CommonMark document: their text and the link they hold. */
function headings(md: string): { text: string; href: string | null; next: string }[] {
  const doc = new MarkdownParser().parse(md);
  const out: { text: string; href: string | null; next: string }[] = [];
  const textOf = (n: MdNode): string => {
    let t = '';
    const w = n.walker();
    for (let e = w.next(); e; e = w.next()) if (e.entering && e.node.literal) t += e.node.literal;
    return t;
  };
  for (let n = doc.firstChild; n; n = n.next) {
    if (n.type !== 'heading' || n.level !== 2) continue;
    const a = n.firstChild?.type === 'link' ? n.firstChild : null;
    out.push({ text: textOf(n), href: a?.destination ?? null, next: n.next ? textOf(n.next) : '' });
  }
  return out;
}

test('markdown digest: each heading is the post title linked to the post, its channel and date under it', () => {
  const photo = { ...scraped(), id: 6, text: '', forwardedFrom: null, media: [scraped().media[1]!] };
  const md = renderMarkdownDigest([scraped(), photo, fromText()], {
    title: 'Digest',
    channelTitles: new Map([['durov', 'Durov [channel]']]),
    urlFor: (p) =>
      p.channel === 'durov' ? `https://t.me/durov/${p.id}` : `https://archive.example/c/${p.channel}/${p.id}`,
  });
  assert.deepEqual(headings(md), [
    {
      text: 'Hello, "world"',
      href: 'https://t.me/durov/5',
      next: 'Durov [channel] · durov/5 · 2024-09-09 12:00 UTC',
    },
    {
      text: 'Photo · Durov [channel] · 2024-09-09',
      href: 'https://t.me/durov/6',
      next: 'Durov [channel] · durov/6 · 2024-09-09 12:00 UTC',
    },
    {
      text: 'Spreadsheet cell with, a comma; a "quote"',
      href: 'https://archive.example/c/mfa/1',
      next: 'mfa/1 · undated',
    },
  ]);
  // No raw HTML gets through to a renderer.
  assert.doesNotMatch(new HtmlRenderer({ safe: true }).render(new MarkdownParser().parse(md)), /<script/);
});

test("text digest: one channel is the text feed itself; several name each post's channel and date", () => {
  const a = fromText();
  const b = { ...fromText(), id: 2, text: 'Second\nof mfa\n\n' };
  assert.equal(renderTextDigest([a, b]), renderTextFeed([a, b]), 'one channel: the sample format');
  const posts = [scraped(), a, b];
  const out = renderTextDigest(posts, {
    channelTitles: new Map([['durov', 'Durov']]),
    urlFor: (p) => (p.channel === 'durov' ? `https://t.me/durov/${p.id}` : null),
  });
  // Read back: blocks separated by a blank line, each a header line then exactly the post's lines.
  const blocks = out.replace(/\n$/, '').split(/\n\n(?=── )/);
  assert.equal(blocks.length, 3);
  assert.deepEqual(
    blocks.map((b) => b.split('\n')[0]),
    ['── Durov · 2024-09-09 12:00 UTC · https://t.me/durov/5', '── mfa · undated', '── mfa · undated'],
  );
  assert.equal(
    blocks[0]!.split('\n').slice(1).join('\n'),
    `Forwarded from\u00A0Origin 🇷🇺\n${NOT_SUPPORTED_LABEL}\n${TEXT}`,
  );
  assert.equal(blocks[1]!.split('\n').slice(1).join('\n'), a.text);
  assert.equal(blocks[2]!.split('\n').slice(1).join('\n'), 'Second\nof mfa');
});

test('jsonl: a post marked deleted and seen again since carries the note, after deleted', () => {
  const restored = { deletedAt: '2024-10-02T00:00:00.000Z', at: '2024-10-03T00:00:00.000Z' };
  const o = postToJson({ ...scraped(), deleted: false, restored });
  assert.deepEqual(Object.keys(o).slice(-2), ['deleted', 'restored']);
  assert.deepEqual(o.restored, restored);
  assert.ok(!('restored' in postToJson(scraped())));
});
