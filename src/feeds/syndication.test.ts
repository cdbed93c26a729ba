// Feed renderers: parsed back with rss-parser / JSON.parse; GUIDs unique and stable, titles never placeholders.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Parser from 'rss-parser';
import { emptyPost, type Post } from '../model/post.js';
import { MEDIA_LABELS, NOT_SUPPORTED_LABEL } from '../model/labels.js';
import {
  feedUpdated,
  itemGuid,
  itemTitle,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedMeta,
} from './syndication.js';
import { assertInertHtml, assertNoRawScript } from './inert.testkit.js';
import { atomEntries, strictXml } from './xml.testkit.js';
import { markSnippet, postTitle, renderEntitiesHtml, safeUrl, visibleText } from './post-html.js';

const meta: FeedMeta = {
  title: 'Chan <script>alert(1)</script>',
  description: 'desc "><img src=x onerror=alert(1)>',
  id: 'http://127.0.0.1:8080/c/chan',
  link: 'http://127.0.0.1:8080/c/chan',
  feedUrl: 'http://127.0.0.1:8080/c/chan/feed.rss',
  updated: new Date('2024-10-11T00:00:00Z'),
  siteUrl: 'http://127.0.0.1:8080',
  publicChannels: new Set(['mfa_russia']),
};

function post(id: number, over: Partial<Post>): Post {
  return {
    ...emptyPost('mfa_russia', id, 'tme-html'),
    date: `2024-09-0${(id % 9) + 1}T10:00:00.000Z`,
    ...over,
  };
}

const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  ']]><script>alert(1)</script>',
];

const posts: Post[] = [
  post(1, { text: 'Hello #BRICS world', entities: [{ type: 'hashtag', offset: 6, length: 6 }] }),
  post(2, {
    text: '',
    forwardedFrom: { name: 'Russian MFA 🇷🇺', username: 'mfa_russia', postId: 123, author: null },
  }),
  post(3, {
    text: NOT_SUPPORTED_LABEL,
    media: [{ type: 'video', supported: false, label: NOT_SUPPORTED_LABEL }],
  }),
  post(4, { text: '', media: [{ type: 'photo', supported: true, url: 'https://cdn.example/p.jpg' }] }),
  post(5, {
    text: 'click here and there',
    entities: [
      { type: 'text_link', offset: 0, length: 5, url: 'javascript:alert(1)' },
      { type: 'text_link', offset: 11, length: 3, url: 'data:text/html,<script>alert(1)</script>' },
      { type: 'text_link', offset: 15, length: 5, url: 'https://ok.example/"onmouseover="x' },
    ],
  }),
  ...XSS.map((x, i) => post(10 + i, { text: `${x}\nsecond ${x}`, author: x, topics: [x] })),
  post(20, {
    text: 'fwd',
    forwardedFrom: { name: '<b onmouseover=alert(1)>Evil</b>', username: null, postId: null, author: null },
  }),
  { ...emptyPost('sample', 7, 'text'), text: '🎙\n\nRemarks by the Ambassador' },
];

describe('feed renderers', () => {
  it('RSS parses back with a unique stable GUID and a real title per post', async () => {
    const xml = renderRss(meta, posts);
    const feed = await new Parser().parseString(xml);
    assert.equal(feed.items.length, posts.length);
    const guids = feed.items.map((i) => i.guid);
    assert.equal(new Set(guids).size, guids.length);
    assert.deepEqual(guids, posts.map(itemGuid));
    for (const item of feed.items) {
      assert.ok(item.title && item.title.trim().length > 0, 'empty title');
      assert.ok(!MEDIA_LABELS.includes(item.title!), `placeholder title ${item.title}`);
    }
    assert.equal(feed.items[1]!.title, 'Forwarded from Russian MFA 🇷🇺');
    assert.equal(feed.items[2]!.title, 'Video · mfa_russia · 2024-09-04');
    assert.equal(feed.items[3]!.title, 'Photo · mfa_russia · 2024-09-05');
    assert.equal(feed.items[0]!.link, 'https://t.me/mfa_russia/1');
    assert.equal(feed.items.at(-1)!.link, 'http://127.0.0.1:8080/c/sample/7');
    assert.equal(feed.items.at(-1)!.title, 'Remarks by the Ambassador');
    assert.match(feed.items[1]!['content:encoded'] as string, /href="https:\/\/t.me\/mfa_russia\/123"/);
    assert.doesNotMatch(xml, new RegExp(NOT_SUPPORTED_LABEL));
    assertNoRawScript(xml);
    for (const i of feed.items) assertInertHtml(i['content:encoded'] as string, i.guid);
  });

  it('Atom parses back with the same ids and titles', async () => {
    const xml = renderAtom(meta, posts);
    const feed = await new Parser().parseString(xml);
    assert.deepEqual(
      feed.items.map((i) => i.id),
      posts.map(itemGuid),
    );
    assert.equal(feed.items[2]!.title, 'Video · mfa_russia · 2024-09-04');
    assertNoRawScript(xml);
    for (const i of feed.items) assertInertHtml(i.content ?? '', i.id);
  });

  it('JSON Feed parses with plain-text titles and HTML content, and its raw bytes carry no markup', () => {
    const raw = renderJsonFeed(meta, posts);
    assertNoRawScript(raw);
    const feed = JSON.parse(raw) as { version: string; title: string; items: Record<string, unknown>[] };
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    for (const i of feed.items) assert.deepEqual(i.authors, [i.author], `${i.id as string}: 1.1's authors`);
    assert.equal(feed.title, meta.title);
    assert.equal(feed.items.length, posts.length);
    assert.equal(new Set(feed.items.map((i) => i.id)).size, posts.length);
    assert.equal(feed.items[5]!.title, XSS[0]);
    for (const i of feed.items) {
      assert.equal(typeof i.content_html, 'string');
      assert.ok(typeof i.title === 'string' && i.title.length > 0);
    }
    for (const i of feed.items) assertInertHtml(i.content_html as string, i.id as string);
  });
});

describe('item ids', () => {
  const named = (channel: string, id: number): Post => ({ ...post(id, { text: `post ${id}` }), channel });
  const items = [
    named('川陀大学图书馆', 83),
    named('канал', 7),
    named('a&b <c>', 2),
    named('mfa_russia', 1),
    named('my channel', 5),
  ];
  const WANT = [
    'tgwire:川陀大学图书馆/83',
    'tgwire:канал/7',
    'tgwire:a&b <c>/2',
    'tgwire:mfa_russia/1',
    'tgwire:my channel/5',
  ];

  it('are tgwire:<channel>/<id> as written, the same in RSS, Atom and JSON Feed, whatever the letters', async () => {
    const rss = await new Parser().parseString(renderRss(meta, items));
    assert.deepEqual(
      rss.items.map((i) => i.guid),
      WANT,
    );
    const atomXml = renderAtom(meta, items);
    assert.deepEqual(
      atomEntries(atomXml).map((e) => e.id),
      WANT.map((id) => [id]),
    );
    assert.doesNotMatch(atomXml, /<id>[^<]*%[0-9A-F]{2}/);
    const json = JSON.parse(renderJsonFeed(meta, items)) as { items: { id: string }[] };
    assert.deepEqual(
      json.items.map((i) => i.id),
      WANT,
    );
  });
});

describe('names and control characters', () => {
  const ORIGIN = 'Tricky <Origin> & "Co"';
  const TOPIC = `a<b & "c" 'd'`;
  const item = post(1, {
    text: 'x\vy\u0001z and\fmore',
    forwardedFrom: { name: ORIGIN, username: null, postId: null, author: null },
    topics: [TOPIC],
  });
  const CATEGORIES = [TOPIC, `forwarded from ${ORIGIN}`];

  it('categories keep every character of a name in RSS, Atom and JSON Feed, escaped by the XML', async () => {
    const rssXml = renderRss(meta, [item]);
    strictXml(rssXml);
    const rss = await new Parser().parseString(rssXml);
    assert.deepEqual(rss.items[0]!.categories, CATEGORIES);
    const atom = strictXml(renderAtom(meta, [item]));
    const cats = Array.from(atom.getElementsByTagName('category'));
    assert.deepEqual(
      cats.map((c) => c.getAttribute('label')),
      CATEGORIES,
    );
    assert.deepEqual(
      cats.map((c) => c.getAttribute('term')),
      [TOPIC, `from:${ORIGIN}`],
    );
    const json = JSON.parse(renderJsonFeed(meta, [item])) as { items: { tags: string[] }[] };
    assert.deepEqual(json.items[0]!.tags, CATEGORIES);
  });

  it('a vertical tab or form feed is a space in title and content alike; other control characters are dropped', async () => {
    for (const xml of [renderRss(meta, [item]), renderAtom(meta, [item])]) {
      strictXml(xml);
      const got = (await new Parser().parseString(xml)).items[0]!;
      assert.equal(got.title, 'x yz and more');
      const html = (got['content:encoded'] as string | undefined) ?? got.content ?? '';
      assert.match(html, /x yz and more/);
    }
    const json = JSON.parse(renderJsonFeed(meta, [item])) as {
      items: { title: string; content_html: string }[];
    };
    assert.equal(json.items[0]!.title, 'x yz and more');
    assert.match(json.items[0]!.content_html, /x yz and more/);
  });
});

describe('feed items as a reader sees them', () => {
  const QUOTED = `He said "yes" & 'no' <b>twice</b> $& 5 > 4`;
  const items: Post[] = [
    post(1, { text: `${QUOTED}\nsecond line` }),
    post(2, { text: '', media: [{ type: 'sticker', supported: true, emoji: '〰' }] }),
    post(3, {
      text: 'The caption',
      media: [{ type: 'photo', supported: true, url: 'https://cdn.example/p.jpg' }],
    }),
    { ...emptyPost('dump', 4, 'text'), text: 'Undated from a text dump' },
    { ...emptyPost('dump', 5, 'text'), media: [{ type: 'photo', supported: false }] },
  ];
  // The archive recorded dump/4's version at SEEN; dump/5's time is not known to the renderer.
  const SEEN = '2025-01-02T03:04:05.000Z';
  const m: FeedMeta = {
    ...meta,
    channelTitles: new Map([['mfa_russia', 'Russian MFA']]),
    siteUrl: 'https://archive.example/tg/',
    versionSeen: new Map([['tgwire:dump/4', SEEN]]),
  };
  const TITLES = [
    QUOTED,
    'Sticker 〰 · Russian MFA · 2024-09-03',
    'The caption',
    'Undated from a text dump',
    'Photo · dump',
  ];
  const LINKS = [
    'https://t.me/mfa_russia/1',
    'https://t.me/mfa_russia/2',
    'https://t.me/mfa_russia/3',
    'https://archive.example/tg/c/dump/4',
    'https://archive.example/tg/c/dump/5',
  ];

  it("items embed no file from the source's CDN: a photo not kept is a badge and a link to the post", () => {
    for (const render of [renderRss, renderAtom, renderJsonFeed]) {
      const out = render(m, items);
      assert.doesNotMatch(out, /cdn\.example/);
      assert.match(out, /\[Photo, not kept\]/);
    }
  });

  it('titles are the first line as plain text, media-only posts named with channel and day', () => {
    assert.deepEqual(
      items.map((p) => itemTitle(m, p)),
      TITLES,
    );
  });

  for (const [name, render] of [
    ['RSS', renderRss],
    ['Atom', renderAtom],
  ] as const) {
    it(`${name}: titles parse back as the plain text, undated posts have no publication date, links by channel`, async () => {
      const xml = render(m, items);
      const rawTitles = [...xml.matchAll(/<title[^>]*>(.*?)<\/title>/g)].map((t) => t[1]!);
      assert.ok(rawTitles.length > items.length);
      for (const t of rawTitles)
        assert.doesNotMatch(t, /&quot;|&#39;|&amp;amp;|CDATA/, 'titles are XML text only');
      const feed = await new Parser().parseString(xml);
      assert.deepEqual(
        feed.items.map((i) => i.title),
        TITLES,
      );
      assert.deepEqual(
        feed.items.map((i) => i.link),
        LINKS,
      );
      // rss-parser reads Atom's <updated> as the date when there is no <published>: that of undated entries is
      // checked below, as the time of the archive's version.
      const dates = ['2024-09-02T10:00:00.000Z', '2024-09-03T10:00:00.000Z', '2024-09-04T10:00:00.000Z'];
      assert.deepEqual(
        feed.items.map((i) => i.isoDate ?? null),
        name === 'RSS' ? [...dates, null, null] : [...dates, SEEN, meta.updated.toISOString()],
      );
      assertNoRawScript(xml);
    });
  }

  it('Atom: every entry has one updated (an undated post: when the archive recorded its version), no published when undated', () => {
    const entries = atomEntries(renderAtom(m, items));
    assert.deepEqual(
      entries.map((e) => e.updated),
      [
        ['2024-09-02T10:00:00.000Z'],
        ['2024-09-03T10:00:00.000Z'],
        ['2024-09-04T10:00:00.000Z'],
        [SEEN],
        // Not known: the feed's own date keeps the entry valid.
        [meta.updated.toISOString()],
      ],
    );
    assert.deepEqual(
      entries.map((e) => e.published.length),
      [1, 1, 1, 0, 0],
    );
  });

  it("the feed's updated is its newest entry's, an undated post's version time included; stable when empty", () => {
    assert.equal(feedUpdated(m, items).toISOString(), SEEN);
    assert.equal(feedUpdated({}, items).toISOString(), '2024-09-04T10:00:00.000Z');
    assert.equal(feedUpdated(m, []).toISOString(), '1970-01-01T00:00:00.000Z');
    const edited = post(1, { editDate: '2025-03-01T00:00:00.000Z', edited: true });
    assert.equal(feedUpdated(m, [...items, edited]).toISOString(), '2025-03-01T00:00:00.000Z');
  });

  it('JSON Feed: plain titles, no date_published for undated posts, date_modified as in Atom when known', () => {
    const feed = JSON.parse(renderJsonFeed(m, items)) as { items: Record<string, unknown>[] };
    assert.deepEqual(
      feed.items.map((i) => i.title),
      TITLES,
    );
    assert.deepEqual(
      feed.items.map((i) => i.url),
      LINKS,
    );
    assert.deepEqual(
      feed.items.map((i) => i.date_published ?? null),
      ['2024-09-02T10:00:00.000Z', '2024-09-03T10:00:00.000Z', '2024-09-04T10:00:00.000Z', null, null],
    );
    assert.deepEqual(
      feed.items.map((i) => i.date_modified ?? null),
      ['2024-09-02T10:00:00.000Z', '2024-09-03T10:00:00.000Z', '2024-09-04T10:00:00.000Z', SEEN, null],
    );
  });
});

describe('edits and deletions the archive saw', () => {
  // t.me gives no edit date: the archive knows when it saw the new version, and when it marked a post deleted.
  const SEEN = '2024-12-01T06:00:00.000Z';
  const DELETED = '2024-12-06T03:37:45.016Z';
  const items: Post[] = [
    post(1, { text: 'CORRECTED: the summit opens on 23 October', edited: true }),
    post(2, { text: 'briefing 24', deleted: true, deletedAt: DELETED }),
    post(3, { text: 'Edited in an export, history unknown', edited: true }),
  ];
  const m: FeedMeta = {
    ...meta,
    edits: new Map([['tgwire:mfa_russia/1', { seenAt: SEEN, previous: 'The summit opens on 22 October' }]]),
  };

  it("an entry's updated is when the archive saw it edited or deleted, so readers show it again", () => {
    const entries = atomEntries(renderAtom(m, items));
    assert.deepEqual(
      entries.map((e) => [e.published, e.updated]),
      [
        [['2024-09-02T10:00:00.000Z'], [SEEN]],
        [['2024-09-03T10:00:00.000Z'], [DELETED]],
        [['2024-09-04T10:00:00.000Z'], ['2024-09-04T10:00:00.000Z']],
      ],
    );
    const json = JSON.parse(renderJsonFeed(m, items)) as { items: Record<string, unknown>[] };
    assert.deepEqual(
      json.items.map((i) => i.date_modified),
      [SEEN, DELETED, '2024-09-04T10:00:00.000Z'],
    );
    assert.equal(feedUpdated(m, items).toISOString(), DELETED);
  });

  it('an edited item says so, with the text it replaced when the archive kept it, in every format', async () => {
    const rss = await new Parser().parseString(renderRss(m, items));
    const html = rss.items.map((i) => (i['content:encoded'] as string | undefined) ?? i.content ?? '');
    assert.match(html[0]!, /Edited at the source \(seen 2024-12-01T06:00:00.000Z\); earlier text:/);
    assert.match(html[0]!, /<blockquote>The summit opens on 22 October<\/blockquote>/);
    assert.doesNotMatch(html[1]!, /Edited/);
    assert.match(html[2]!, /<em>Edited at the source.<\/em>/);
    const json = JSON.parse(renderJsonFeed(m, items)) as { items: { content_html: string }[] };
    assert.match(json.items[0]!.content_html, /22 October/);
    assert.match(renderAtom(m, items), /22 October/);
  });

  it("a deleted post's item links to the archive's page, as t.me's page of it is gone", async () => {
    const rss = await new Parser().parseString(renderRss(m, items));
    assert.deepEqual(
      rss.items.map((i) => i.link),
      ['https://t.me/mfa_russia/1', 'http://127.0.0.1:8080/c/mfa_russia/2', 'https://t.me/mfa_russia/3'],
    );
    const json = JSON.parse(renderJsonFeed(m, items)) as { items: { url: string }[] };
    assert.equal(json.items[1]!.url, 'http://127.0.0.1:8080/c/mfa_russia/2');
  });
});

describe('entity renderer', () => {
  const opts = { tagHref: (t: string) => `/search?q=${encodeURIComponent(t)}` };
  const cases: { name: string; text: string; entities: Post['entities']; want: string }[] = [
    {
      name: 'nested bold inside a text_link',
      text: 'see the docs',
      entities: [
        { type: 'text_link', offset: 4, length: 8, url: 'https://example.com/d' },
        { type: 'bold', offset: 8, length: 4 },
      ],
      want: 'see <a href="https://example.com/d" rel="nofollow noopener noreferrer">the <b>docs</b></a>',
    },
    {
      name: 'UTF-16 offsets after an astral emoji',
      text: '🇷🇺 #BRICS',
      entities: [{ type: 'hashtag', offset: 5, length: 6 }],
      want: '🇷🇺 <a href="/search?q=%23BRICS" class="hashtag" rel="nofollow noopener noreferrer">#BRICS</a>',
    },
    {
      name: 'overlapping marks are closed and reopened',
      text: 'abcdef',
      entities: [
        { type: 'bold', offset: 0, length: 4 },
        { type: 'italic', offset: 2, length: 4 },
      ],
      want: '<b>ab<i>cd</i></b><i>ef</i>',
    },
    {
      name: 'javascript: text_link renders as text',
      text: 'x <b>',
      entities: [{ type: 'text_link', offset: 0, length: 5, url: 'javascript:alert(1)' }],
      want: 'x &lt;b&gt;',
    },
    {
      name: 'mention links to t.me, pre keeps newlines',
      text: '@durov\ncode\nhere',
      entities: [
        { type: 'mention', offset: 0, length: 6 },
        { type: 'pre', offset: 7, length: 9, language: 'js"x' },
      ],
      want: '<a href="https://t.me/durov" class="mention" rel="nofollow noopener noreferrer">@durov</a><br>\n<pre><code class="language-jsx">code\nhere</code></pre>',
    },
    {
      name: 'entities past the end are clipped',
      text: 'ab',
      entities: [{ type: 'underline', offset: 1, length: 50 }],
      want: 'a<u>b</u>',
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.equal(renderEntitiesHtml(c.text, c.entities, opts), c.want));
  }

  it('safeUrl keeps http/https/tg/mailto and refuses the rest', () => {
    assert.equal(safeUrl('https://a.example/x?y=1'), 'https://a.example/x?y=1');
    assert.equal(safeUrl('tg://resolve?domain=x'), 'tg://resolve?domain=x');
    assert.equal(safeUrl('example.com/page'), 'https://example.com/page');
    for (const bad of [
      'javascript:alert(1)',
      ' JaVa\tScRiPt:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      '/local',
      '',
    ])
      assert.equal(safeUrl(bad), null, bad);
  });

  it('markSnippet escapes first and balances marks', () => {
    assert.equal(
      markSnippet('a <b> \uE000brics\uE001 & \uE000x'),
      'a &lt;b&gt; <mark>brics</mark> &amp; <mark>x</mark>',
    );
    assert.equal(markSnippet('\uE001stray'), 'stray');
  });

  it('postTitle skips placeholder and emoji-only lines', () => {
    const p = { ...emptyPost('c', 1, 'text'), text: `${NOT_SUPPORTED_LABEL}\n🎙\nReal line` };
    assert.equal(postTitle(p), 'Real line');
    assert.equal(visibleText(p).text, '🎙\nReal line');
  });
});

describe('inertness checks', () => {
  it('catch live markup, so the corpus assertions can fail', () => {
    for (const bad of [
      '<img src=x onerror=alert(1)>',
      '<script>x</script>',
      '<a href="javascript:x">a</a>',
      '<a href=" data:x">a</a>',
    ])
      assert.throws(() => assertInertHtml(bad), bad);
    assert.throws(() => assertNoRawScript('<p><script>'));
    assertInertHtml('<p>&lt;img onerror=x&gt; <a href="/search?q=x">ok</a></p>');
  });
});
