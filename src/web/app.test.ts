// Every route in-process (app.request): status, content type, key content; XSS corpus inert; search never 500s.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Parser from 'rss-parser';
import { loadConfig, type Config } from '../config/config.js';
import { emptyPost, type Post } from '../model/post.js';
import { MEDIA_LABELS, NOT_SUPPORTED_LABEL } from '../model/labels.js';
import { assertInertHtml, assertNoRawScript } from '../feeds/inert.testkit.js';
import { strictXml } from '../feeds/xml.testkit.js';
import { createApp } from './app.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';

const TOKEN = 'test-admin-token-123';
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>x</script>',
];

function config(adminToken: string | null = TOKEN): Config {
  return { ...loadConfig({ db: ':memory:' }, {}), adminToken };
}

function p(channel: string, id: number, over: Partial<Post> = {}): Post {
  return {
    ...emptyPost(channel, id, 'tme-html'),
    date: `2024-09-${String(10 + (id % 20)).padStart(2, '0')}T10:00:00.000Z`,
    ...over,
  };
}

async function seed(): Promise<SqliteStore> {
  const s = await openSqliteStore(':memory:');
  await s.upsertChannel({
    key: 'mfa_russia',
    username: 'mfa_russia',
    numericId: 1,
    title: 'Russian MFA',
    description: null,
    subscribers: 1000,
    avatarUrl: null,
    kind: null,
  });
  await s.upsertChannel({
    key: 'evil',
    username: null,
    numericId: null,
    title: XSS[0]!,
    description: XSS[1]!,
    subscribers: null,
    avatarUrl: null,
    kind: null,
  });
  await s.savePosts([
    p('mfa_russia', 1, {
      text: 'BRICS summit in Kazan #BRICS',
      entities: [{ type: 'hashtag', offset: 22, length: 6 }],
      lang: 'en',
      views: 1200,
    }),
    p('mfa_russia', 2, {
      text: 'Le sommet des BRICS',
      lang: 'fr',
      forwardedFrom: { name: 'MID', username: 'mid_rf', postId: 77, author: null },
    }),
    p('mfa_russia', 3, {
      text: '',
      media: [{ type: 'video', supported: false, label: NOT_SUPPORTED_LABEL }],
    }),
    p('mfa_russia', 4, {
      text: 'photo caption',
      media: [{ type: 'photo', supported: true, url: 'https://cdn.example/a.jpg' }],
      edited: true,
    }),
    ...XSS.map((x, i) =>
      p('evil', 10 + i, {
        text: `${x} brics ${x}`,
        author: x,
        entities: [
          { type: 'text_link', offset: 0, length: 3, url: 'javascript:alert(1)' },
          { type: 'text_link', offset: 3, length: 3, url: 'data:text/html,<script>alert(1)</script>' },
          { type: 'text_link', offset: 6, length: 3, url: `https://ok.example/${x}` },
        ],
        forwardedFrom: { name: x, username: null, postId: null, author: x },
        media: [
          { type: 'photo', supported: true, url: `javascript:alert(1)` },
          { type: 'document', supported: false, fileName: x },
        ],
        topics: [x],
      }),
    ),
  ]);
  await s.savePosts([
    p('mfa_russia', 4, {
      text: 'photo caption, edited',
      media: [{ type: 'photo', supported: true, url: 'https://cdn.example/a.jpg' }],
      edited: true,
    }),
  ]);
  await s.saveSyncState('mfa_russia', {
    status: 'error',
    lastError: 'HTTP 429 from t.me',
    errorCount: 3,
    nextCheckAt: '2024-10-01T01:00:00.000Z',
    lastSyncAt: '2024-09-30T22:00:00.000Z',
    topId: 4,
    bottomId: 1,
    bottomDate: null,
    reachedStart: false,
    misses: {},
  });
  await s.saveTopic({ name: 'brics', query: 'BRICS', aliases: [] });
  await s.saveTopic({ name: XSS[0]!, query: XSS[0]!, aliases: [] });
  await s.setPostTopics([
    { channel: 'mfa_russia', id: 1, topics: ['brics'] },
    { channel: 'mfa_russia', id: 2, topics: ['brics'] },
    { channel: 'evil', id: 10, topics: [XSS[0]!] },
  ]);
  await s.setStories([
    { channel: 'mfa_russia', id: 1, storyId: 'st1', reason: 'canonical' },
    { channel: 'mfa_russia', id: 2, storyId: 'st1', reason: 'translation' },
  ]);
  return s;
}

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await seed();
  app = createApp({ store, config: config(), now: () => new Date('2024-10-01T00:00:00Z') });
});

const get = (path: string, init?: RequestInit) => app.request(path, init);

function checkHeaders(res: Response) {
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
}

function nonceOf(res: Response): string {
  return /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;
}

describe('HTML pages', () => {
  const pages: { path: string; status: number; contains: (string | RegExp)[] }[] = [
    { path: '/', status: 200, contains: ['Topics', 'href="/t/brics"', 'href="/dashboard"', 'Russian MFA'] },
    {
      path: '/c/mfa_russia',
      status: 200,
      contains: [
        'BRICS summit',
        'Forwarded from',
        'href="https://t.me/mid_rf/77"',
        'class="badge">Video<',
        'view on Telegram',
        /<time datetime="2024-09-11T10:00:00.000Z">2024-09-11 10:00 UTC<\/time>/,
        'href="/search?q=%23BRICS"',
        'feed.rss',
      ],
    },
    {
      path: '/c/mfa_russia/4',
      status: 200,
      contains: [
        'Versions (2)',
        'photo caption, edited',
        'edited',
        /class="badge">Photo<\/span>\s*<span class="muted">not kept/,
      ],
    },
    { path: '/c/evil', status: 200, contains: ['&lt;script&gt;'] },
    { path: '/c/nobody', status: 404, contains: ['Not found'] },
    {
      path: '/c/mfa_russia/999',
      status: 404,
      contains: [
        'Post #999 is not in this archive',
        'href="https://t.me/mfa_russia/999"',
        'href="/c/mfa_russia"',
      ],
    },
    { path: '/c/nobody/999', status: 404, contains: ['no post nobody/999'] },
    { path: '/c/mfa_russia/abc', status: 404, contains: [] },
    { path: '/t/brics', status: 200, contains: ['Topic: brics', 'BRICS summit', 'One entry per story'] },
    { path: '/t/brics?stories=1', status: 200, contains: ['2 versions: en, fr', 'href="/s/st1"'] },
    { path: `/t/${encodeURIComponent(XSS[0]!)}`, status: 200, contains: ['Topic: &lt;script&gt;'] },
    { path: '/t/none', status: 404, contains: [] },
    {
      path: '/s/st1',
      status: 200,
      contains: ['Origin', 'Every version', 'Amplification timeline', 'translation', 'Le sommet'],
    },
    { path: '/s/nope', status: 404, contains: [] },
    { path: '/search?q=brics', status: 200, contains: [/result/, '<mark>'] },
    { path: '/search', status: 200, contains: ['Search'] },
    { path: '/dashboard', status: 200, contains: ['chart-daily', 'chart-forwards', '/static/dashboard.js'] },
    {
      path: '/channels',
      status: 200,
      contains: [
        'Last sync',
        '<a href="/login?next=%2Fchannels">Log in with the admin token',
        'error: HTTP 429 from t.me (×3)',
        'datetime="2024-10-01T01:00:00.000Z"',
      ],
    },
    { path: '/login', status: 200, contains: ['type="password"'] },
    { path: '/nowhere', status: 404, contains: ['Not found'] },
    { path: '/c/mfa_russia?cursor=garbage', status: 400, contains: ['invalid page cursor'] },
    { path: '/search?q=brics&channel=nobody', status: 400, contains: ['no channel named nobody'] },
    { path: '/search?q=channel%3Amfa_rusia', status: 400, contains: ['did you mean mfa_russia?'] },
  ];
  for (const t of pages) {
    it(`${t.path} -> ${t.status}`, async () => {
      const res = await get(t.path);
      assert.equal(res.status, t.status);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      checkHeaders(res);
      const body = await res.text();
      for (const c of t.contains) {
        if (typeof c === 'string') assert.ok(body.includes(c), `missing ${c}`);
        else assert.match(body, c);
      }
      assertInertHtml(body, t.path, nonceOf(res));
      for (const label of MEDIA_LABELS) assert.ok(!body.includes(label), `placeholder "${label}" shown`);
    });
  }

  it('serves the static files with types and ETags', async () => {
    for (const [f, type] of [
      ['style.css', /text\/css/],
      ['app.js', /javascript/],
      ['dashboard.js', /javascript/],
    ] as const) {
      const res = await get(`/static/${f}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, type);
      const again = await get(`/static/${f}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
      assert.equal(again.status, 304);
    }
    assert.equal((await get('/static/nope.js')).status, 404);
  });

  it('pages newest first with older/newer links that cover every post once', async () => {
    const seen: number[] = [];
    let path: string | null = '/c/mfa_russia?limit=1';
    while (path) {
      const body: string = await (await get(path)).text();
      seen.push(...[...body.matchAll(/id="p-mfa_russia-(\d+)"/g)].map((m) => Number(m[1])));
      const older: string | undefined = /<a class="older" href="([^"]+)"/.exec(body)?.[1];
      path = older ? older.replace(/&amp;/g, '&') : null;
    }
    assert.deepEqual(seen, [4, 3, 2, 1]);
  });
});

describe('small answers', () => {
  it('/favicon.ico is the site icon, named by every page, so no 404 in the console', async () => {
    const icon = await get('/favicon.ico');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
    assert.match(await icon.text(), /^<svg /);
    assert.match(
      await (await get('/')).text(),
      /<link rel="icon" href="\/favicon.ico" type="image\/svg\+xml" \/>/,
    );
  });

  it('a post id that is no number names the channel too', async () => {
    const res = await get('/api/posts/mfa_russia/abc');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: 'no post mfa_russia/abc: a post is named by its number' });
  });
});

describe('no third-party requests', () => {
  // The source's CDN links expire within days, and each reader's browser would tell Telegram what it reads.
  it('pages embed nothing from the source, and the CSP allows images and players from the archive only', async () => {
    for (const path of ['/c/mfa_russia/4', '/c/mfa_russia', '/search?q=photo', '/t/brics']) {
      const res = await get(path);
      const body = await res.text();
      assert.doesNotMatch(body, /\b(src|poster)="https?:/, path);
      assert.doesNotMatch(body, /cdn\.example/, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /img-src 'self' data:(;|$)/, path);
      assert.match(csp, /media-src 'self'(;|$)/, path);
    }
  });
});

describe('a channel named in other letter case', () => {
  it('moves to its page, post and query kept; an unknown name stays a 404', async () => {
    for (const [path, to] of [
      ['/c/MFA_Russia', '/c/mfa_russia'],
      ['/c/MFA_RUSSIA/4', '/c/mfa_russia/4'],
      ['/c/Mfa_Russia?limit=5', '/c/mfa_russia?limit=5'],
    ] as const) {
      const res = await get(path);
      assert.equal(res.status, 301, path);
      assert.equal(res.headers.get('location'), to, path);
    }
    assert.equal((await get('/c/NOBODY')).status, 404);
    assert.equal((await get('/c/MFA_RUSSIA/999')).status, 404);
  });
});

describe('keyset paging', () => {
  it('newer after older comes back to the same posts', async () => {
    const ids = (body: string) => [...body.matchAll(/id="p-mfa_russia-(\d+)"/g)].map((m) => Number(m[1]));
    const first = await (await get('/c/mfa_russia?limit=2')).text();
    assert.equal(/<a class="newer"/.test(first), false, 'no newer link on the newest page');
    const olderHref = /<a class="older" href="([^"]+)"/.exec(first)![1]!.replace(/&amp;/g, '&');
    const second = await (await get(olderHref)).text();
    assert.deepEqual(ids(second), [2, 1]);
    const newerHref = /<a class="newer" href="([^"]+)"/.exec(second)![1]!.replace(/&amp;/g, '&');
    const back = await (await get(newerHref)).text();
    assert.deepEqual(ids(back), ids(first));
    assert.deepEqual(ids(first), [4, 3]);
  });
});

describe('search input never gives a 500', () => {
  const inputs = [
    '"unbalanced',
    '(brics',
    'brics)',
    '*',
    'NEAR(a b)',
    'a NEAR b',
    'OR',
    'NOT',
    '-',
    '"',
    "'",
    'AND AND',
    'col:umn',
    'channel:',
    '^x',
    '{a}',
    'x'.repeat(499),
    'brics '.repeat(90),
    '\u0000',
    '#',
    '##',
    'lang:zz',
    ...XSS,
  ];
  for (const q of inputs) {
    it(JSON.stringify(q.slice(0, 30)), async () => {
      const res = await get(`/search?q=${encodeURIComponent(q)}`);
      assert.ok(res.status === 200 || res.status === 400, `status ${res.status}`);
      const body = await res.text();
      assertInertHtml(body, q, nonceOf(res));
      if (res.status === 400) assert.match(body, /class="error"/);
      const api = await get(`/api/search?q=${encodeURIComponent(q)}`);
      assert.ok(api.status === 200 || api.status === 400, `api status ${api.status}`);
      if (api.status === 400) assert.equal(typeof ((await api.json()) as { error: unknown }).error, 'string');
    });
  }
  it('a too long query is a kind 400', async () => {
    const res = await get(`/search?q=${'a'.repeat(600)}`);
    assert.equal(res.status, 400);
    assert.match(await res.text(), /too long/);
  });
});

describe('feeds', () => {
  const parser = new Parser();
  it('take a limit of 1 to 50 items, and answer a bad one with a 400 as the pages do', async () => {
    const one = await parser.parseString(await (await get('/c/mfa_russia/feed.rss?limit=1')).text());
    assert.equal(one.items.length, 1);
    for (const bad of ['-1', '0', 'abc', '51', '1.5']) {
      for (const path of ['/c/mfa_russia/feed.rss', '/t/brics/feed.atom']) {
        const res = await get(`${path}?limit=${bad}`);
        assert.equal(res.status, 400, `${path}?limit=${bad}`);
        assert.deepEqual(await res.json(), { error: 'limit: a whole number from 1 to 50' });
      }
    }
    assert.equal((await get('/c/mfa_russia?limit=-1')).status, 400, 'the page, for comparison');
  });
  for (const base of [
    '/c/mfa_russia',
    '/c/evil',
    '/t/brics',
    `/t/${encodeURIComponent(XSS[0]!)}`,
    '/search',
  ]) {
    const q = base === '/search' ? '?q=brics' : '';
    for (const fmt of ['rss', 'atom', 'json'] as const) {
      it(`${base}/feed.${fmt}`, async () => {
        const res = await get(`${base}/feed.${fmt}${q}`);
        assert.equal(res.status, 200);
        assert.match(
          res.headers.get('content-type')!,
          fmt === 'json' ? /feed\+json/ : fmt === 'rss' ? /rss\+xml/ : /atom\+xml/,
        );
        const raw = await res.text();
        assertNoRawScript(raw, `${base} ${fmt}`);
        let items: { title?: string; id?: string; html: string }[];
        if (fmt === 'json') {
          const feed = JSON.parse(raw) as { items: { title: string; id: string; content_html: string }[] };
          items = feed.items.map((i) => ({ title: i.title, id: i.id, html: i.content_html }));
        } else {
          const feed = await parser.parseString(raw);
          items = feed.items.map((i) => ({
            title: i.title,
            id: i.guid ?? i.id,
            html: (i['content:encoded'] as string | undefined) ?? i.content ?? '',
          }));
        }
        assert.ok(items.length > 0);
        assert.equal(new Set(items.map((i) => i.id)).size, items.length);
        for (const i of items) {
          assert.match(i.id!, /^tgwire:[^/]+\/\d+$/);
          assert.ok(i.title && i.title.trim() && !MEDIA_LABELS.includes(i.title), `bad title ${i.title}`);
          assertInertHtml(i.html, `${base} ${fmt} ${i.id}`);
        }
      });
    }
  }
  it("the feed's own id never comes from the request's Host; its links do only without a public URL", async () => {
    const feedId = (raw: string) => strictXml(raw).documentElement.getElementsByTagName('id')[0]!.textContent;
    // The server makes the request's URL from its Host header: `Host: evil.example` reads as this.
    const EVIL = 'http://evil.example';
    for (const path of ['/c/mfa_russia', '/t/brics', '/search?q=brics']) {
      const [file, q] = path.split('?');
      const url = (fmt: string) => `${file}/feed.${fmt}${q ? `?${q}` : ''}`;
      const ids = [];
      for (const origin of ['', 'http://127.0.0.1:8080', EVIL])
        ids.push(feedId(await (await get(`${origin}${url('atom')}`)).text()));
      assert.deepEqual(ids, Array(3).fill(`tgwire:feed:${path}`));
      // The request's host still makes the links, as nothing else names the site.
      const rss = await parser.parseString(await (await get(`${EVIL}${url('rss')}`)).text());
      assert.equal(rss.link, `${EVIL}${path}`);
      // With a public URL configured, no part of any feed comes from the Host header.
      const site = 'https://archive.example/tg';
      const proxied = createApp({ store, config: { ...config(), publicUrl: site } });
      for (const fmt of ['rss', 'atom', 'json']) {
        const raw = await (await proxied.request(`${EVIL}${url(fmt)}`)).text();
        assert.doesNotMatch(raw, /evil\.example/, `${path} ${fmt}`);
        if (fmt === 'atom') assert.equal(feedId(raw), `${site}${path}`);
      }
    }
  });

  it('unknown feeds are 404', async () => {
    assert.equal((await get('/c/nobody/feed.rss')).status, 404);
    assert.equal((await get('/t/none/feed.atom')).status, 404);
  });
});

describe('JSON API', () => {
  const cases: { path: string; status: number; check?: (j: Record<string, unknown>) => void }[] = [
    {
      path: '/api/posts?channel=mfa_russia&limit=2',
      status: 200,
      check: (j) => {
        assert.equal((j.posts as Post[]).length, 2);
        assert.equal(typeof j.older, 'string');
      },
    },
    {
      path: '/api/posts?topic=brics',
      status: 200,
      check: (j) =>
        assert.deepEqual(
          (j.posts as Post[]).map((x) => x.id),
          [2, 1],
        ),
    },
    {
      path: '/api/posts?kind=forwarded',
      status: 200,
      check: (j) => assert.ok((j.posts as Post[]).every((x) => x.forwardedFrom)),
    },
    { path: '/api/posts?limit=0', status: 400 },
    { path: '/api/posts?since=yesterday', status: 400 },
    {
      path: '/api/search?q=brics&since=2025-01-01&until=2024-06-01',
      status: 400,
      check: (j) =>
        assert.equal(
          j.error,
          'since 2025-01-01 is not before until 2024-06-01: no post can be in that range',
        ),
    },
    { path: '/api/posts?since=2025-01-01&until=2024-06-01', status: 400 },
    { path: '/api/posts?since=2024-06-01&until=2024-06-01', status: 200 },
    { path: '/api/posts?media=maybe', status: 400 },
    {
      path: '/api/posts/mfa_russia/4',
      status: 200,
      check: (j) => assert.equal((j.versions as unknown[]).length, 2),
    },
    { path: '/api/posts/mfa_russia/999', status: 404 },
    {
      path: '/api/channels',
      status: 200,
      check: (j) =>
        assert.ok(
          (j.channels as { key: string; posts: number }[]).some(
            (c) => c.key === 'mfa_russia' && c.posts === 4,
          ),
        ),
    },
    {
      path: '/api/topics',
      status: 200,
      check: (j) =>
        assert.ok(
          (j.topics as { name: string; posts: number }[]).some((t) => t.name === 'brics' && t.posts === 2),
        ),
    },
    {
      path: '/api/stories',
      status: 200,
      check: (j) => assert.equal((j.stories as { id: string }[])[0]!.id, 'st1'),
    },
    { path: '/api/stories/st1', status: 200, check: (j) => assert.equal((j.posts as unknown[]).length, 2) },
    { path: '/api/search?q=brics', status: 200, check: (j) => assert.ok((j.total as number) >= 2) },
    { path: '/api/search?q=', status: 400 },
    { path: '/api/search?q=brics&sort=weird', status: 400 },
    { path: '/api/stats', status: 200, check: (j) => assert.equal(j.posts, 8) },
    {
      path: '/api/stats/daily',
      status: 200,
      check: (j) => assert.ok((j.daily as { posts: number }[]).reduce((n, d) => n + d.posts, 0) === 8),
    },
    {
      path: '/api/stats/hashtags?period=month',
      status: 200,
      check: (j) => assert.deepEqual(j.hashtags, [{ period: '2024-09', tag: 'brics', posts: 1 }]),
    },
    {
      path: '/api/stats/languages',
      status: 200,
      check: (j) => assert.ok((j.languages as { lang: string | null }[]).some((l) => l.lang === 'fr')),
    },
    {
      path: '/api/stats/forwards',
      status: 200,
      check: (j) =>
        assert.ok(
          (j.forwards as { origin: string; channel: string }[]).some(
            (e) => e.origin === 'mid_rf' && e.channel === 'mfa_russia',
          ),
        ),
    },
    { path: '/api/nothing', status: 404 },
    // A filter naming what the archive does not know is a mistake to point out, not an empty answer.
    {
      path: '/api/posts?channel=mfa_rusia',
      status: 400,
      check: (j) => assert.match(j.error as string, /no channel named mfa_rusia: did you mean mfa_russia\?/),
    },
    {
      path: '/api/search?q=brics&topic=brisc',
      status: 400,
      check: (j) => assert.match(j.error as string, /no topic named brisc: did you mean brics\?/),
    },
    // So is a channel: or topic: inside the query, as the CLI says.
    {
      path: `/api/search?q=${encodeURIComponent('brics channel:mfa_rusia')}`,
      status: 400,
      check: (j) => assert.match(j.error as string, /no channel named mfa_rusia: did you mean mfa_russia\?/),
    },
    {
      path: `/api/search?q=${encodeURIComponent('summit OR topic:brisc')}`,
      status: 400,
      check: (j) => assert.match(j.error as string, /no topic named brisc: did you mean brics\?/),
    },
    {
      path: `/api/search?q=${encodeURIComponent('channel:mfa_russia')}`,
      status: 200,
      check: (j) => assert.ok((j.total as number) > 0),
    },
    {
      path: '/api/stats/daily?channel=mfa_russia,nobody',
      status: 400,
      check: (j) => assert.match(j.error as string, /no channel named nobody/),
    },
    {
      path: `/api/posts?channel=${encodeURIComponent('https://t.me/mfa_russia')}`,
      status: 200,
      check: (j) => assert.ok((j.posts as unknown[]).length > 0, 'a t.me link names its channel'),
    },
    {
      path: '/api/posts?channel=MFA_Russia&topic=BRICS',
      status: 200,
      check: (j) => assert.ok((j.posts as unknown[]).length > 0, 'names in another case'),
    },
  ];
  for (const t of cases) {
    it(`${t.path} -> ${t.status}`, async () => {
      const res = await get(t.path);
      assert.equal(res.status, t.status);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      checkHeaders(res);
      const j = (await res.json()) as Record<string, unknown>;
      if (t.status >= 400) assert.equal(typeof j.error, 'string');
      t.check?.(j);
    });
  }
});

describe('admin', () => {
  const form = (data: Record<string, string>, headers: Record<string, string> = {}) => ({
    method: 'POST',
    body: new URLSearchParams(data),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
  });

  it('refuses anonymous and wrong-token requests', async () => {
    assert.equal((await get('/admin/channels', form({ channel: '@durov' }))).status, 401);
    assert.equal(
      (await get('/admin/channels', form({ channel: '@durov' }, { authorization: 'Bearer nope' }))).status,
      401,
    );
    assert.equal((await get('/login', form({ token: 'wrong' }))).status, 401);
  });

  it('accepts a Bearer token', async () => {
    const res = await get(
      '/admin/channels',
      form({ channel: 'https://t.me/s/Durov' }, { authorization: `Bearer ${TOKEN}` }),
    );
    assert.equal(res.status, 201);
    assert.equal((await store.getChannel('durov'))?.username, 'durov');
    const kazan = await get(
      '/admin/topics',
      form({ name: 'kazan', query: 'Kazan' }, { authorization: `Bearer ${TOKEN}` }),
    );
    assert.equal(kazan.status, 201);
    assert.equal(((await kazan.json()) as { tagged: number }).tagged >= 1, true);
    assert.ok(
      (await store.getPost('mfa_russia', 1))!.topics!.includes('kazan'),
      'existing posts matched at once',
    );
    assert.ok(!(await store.getPost('mfa_russia', 2))!.topics!.includes('kazan'));
    const bad = await get(
      '/admin/topics',
      form({ name: 'x', query: '(unbalanced' }, { authorization: `Bearer ${TOKEN}` }),
    );
    assert.equal(bad.status, 400);
    // A script reads its errors as it reads its answers: JSON (docs/api.md), not the error page.
    assert.match(bad.headers.get('content-type') ?? '', /application\/json/);
    assert.match(((await bad.json()) as { error: string }).error, /parenthes/);
  });

  it('answers the mistakes of a script in JSON, those of a browser form as a page', async () => {
    const wrong = await get('/admin/channels', form({ channel: '@x2' }, { authorization: 'Bearer nope' }));
    assert.equal(wrong.status, 401);
    assert.deepEqual(Object.keys((await wrong.json()) as object), ['error']);
    const asked = await get(
      '/admin/channels',
      form({ channel: 'not a channel!!' }, { accept: 'application/json' }),
    );
    assert.equal(asked.status, 401, 'no token: refused before the channel is read');
    assert.match(asked.headers.get('content-type') ?? '', /application\/json/);
    const badChannel = await get(
      '/admin/channels',
      form({ channel: 'not a channel!!' }, { authorization: `Bearer ${TOKEN}` }),
    );
    assert.equal(badChannel.status, 400);
    assert.match(((await badChannel.json()) as { error: string }).error, /is not a channel/);
    const page = await get('/admin/channels', form({ channel: '@x2' }));
    assert.equal(page.status, 401);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  });

  it('logs in with a cookie and needs the CSRF token for forms', async () => {
    const login = await get('/login', form({ token: TOKEN }));
    assert.equal(login.status, 303);
    const cookie = login.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Strict/i);
    assert.ok(!cookie.includes(TOKEN), 'the token itself must not be the cookie');
    const session = cookie.split(';')[0]!;
    const page = await (await get('/channels', { headers: { cookie: session } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    assert.ok(csrf, 'admin forms shown after login');
    assert.equal(
      (await get('/admin/topics', form({ name: 'sco', query: 'SCO' }, { cookie: session }))).status,
      403,
    );
    assert.equal(
      (
        await get(
          '/admin/topics',
          form(
            { name: 'sco', query: 'SCO', _csrf: csrf },
            { cookie: session, origin: 'https://evil.example' },
          ),
        )
      ).status,
      403,
    );
    const ok = await get(
      '/admin/topics',
      form({ name: 'sco', query: 'SCO OR ШОС', aliases: 'SCO = ШОС', _csrf: csrf }, { cookie: session }),
    );
    assert.equal(ok.status, 303);
    assert.deepEqual(
      (await store.listTopics()).find((t) => t.name === 'sco'),
      { name: 'sco', query: 'SCO OR ШОС', aliases: [['SCO', 'ШОС']] },
    );
    assert.equal(
      (await get('/logout', form({}, { cookie: session }))).status,
      403,
      'logout needs the CSRF token',
    );
    const out = await get('/logout', form({ _csrf: csrf }, { cookie: session }));
    assert.equal(out.status, 303);
    assert.match(out.headers.get('set-cookie') ?? '', /tgwire_admin=;/);
  });

  it('without a configured token admin actions are disabled', async () => {
    const open = createApp({ store, config: config(null) });
    const refused = await open.request(
      '/admin/channels',
      form({ channel: '@x' }, { authorization: 'Bearer anything' }),
    );
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as { error: string }).error, /TGWIRE_ADMIN_TOKEN/);
    assert.match(await (await open.request('/channels')).text(), /TGWIRE_ADMIN_TOKEN/);
  });
});

describe('errors', () => {
  it('a failing store gives a 500 without a stack', async () => {
    const broken = await openSqliteStore(':memory:');
    broken.stats = async () => {
      throw new Error('secret internal detail at /srv/x.ts:1');
    };
    const a = createApp({ store: broken, config: config() });
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const res = await a.request('/');
      assert.equal(res.status, 500);
      const body = await res.text();
      assert.ok(!body.includes('secret internal detail'));
      const api = await a.request('/api/stats');
      assert.equal(api.status, 500);
      assert.deepEqual(Object.keys((await api.json()) as object), ['error']);
    } finally {
      console.error = orig;
    }
    assert.equal(errors.length, 2);
  });
});

describe('a lang parameter that is no language code', () => {
  const words = (code: string) =>
    `lang:${code} is no language code: two letters of ISO 639-1 (en, ru, fr …), or und for the posts whose language could not be told`;

  it('is the 400 a lang: in the query gets, in the API, the search feed, the stats; not an empty result', async () => {
    for (const [value, code] of [
      ['xx', 'xx'],
      ['russian', 'russian'],
      ['Russian', 'russian'],
    ] as const) {
      for (const path of [
        `/api/search?q=brics&lang=${value}`,
        `/api/posts?lang=${value}`,
        `/api/stats/languages?lang=${value}`,
        `/search/feed.rss?q=brics&lang=${value}`,
      ]) {
        const res = await get(path);
        assert.equal(res.status, 400, path);
        assert.equal(((await res.json()) as { error: string }).error, words(code), path);
      }
    }
    const query = await get('/api/search?q=brics+lang:xx');
    assert.equal(((await query.json()) as { error: string }).error, words('xx'));
    for (const ok of ['fr', 'FR', 'und'])
      assert.equal((await get(`/api/search?q=brics&lang=${ok}`)).status, 200, ok);
  });

  it('is the error of the search page, shown on the page', async () => {
    const res = await get('/search?q=brics&lang=Russian');
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(
      page,
      /class="error" role="alert">This search could not be read: lang:russian is no language code/,
    );
    assert.doesNotMatch(page, /\d+ results?/);
  });
});

describe('a search page past the last page', () => {
  it('says the page is past the end and links to the last page, not "Nothing matched"', async () => {
    const res = await get('/search?q=brics&page=7');
    assert.equal(res.status, 200);
    const page = (await res.text()).replace(/\s+/g, ' ');
    assert.match(
      page,
      /Page 7 is past the end: the results end on <a href="\/search\?q=brics">page 1<\/a>\./,
    );
    assert.doesNotMatch(page, /Nothing matched/);
    assert.doesNotMatch(page, /page 7 of/);
    const first = (await (await get('/search?q=brics')).text()).replace(/\s+/g, ' ');
    assert.doesNotMatch(first, /past the end/);
  });
});

describe('from: a t.me link', () => {
  it('finds the posts forwarded from that channel, as from:name does', async () => {
    for (const q of ['from:mid_rf', 'from:t.me/mid_rf', 'from:https://t.me/s/MID_RF', 'from:@mid_rf']) {
      const r = (await (await get(`/api/search?q=${encodeURIComponent(q)}`)).json()) as {
        total: number;
        hits: { post: { id: number } }[];
      };
      assert.deepEqual(
        r.hits.map((h) => h.post.id),
        [2],
        q,
      );
    }
  });
});

describe('a topic page named in another case', () => {
  it('redirects to the topic, as topic: and --topic read it; an unknown one stays a 404', async () => {
    const page = await get('/t/BRICS?limit=5');
    assert.equal(page.status, 301);
    assert.equal(page.headers.get('location'), '/t/brics?limit=5');
    const feed = await get('/t/Brics/feed.atom');
    assert.equal(feed.status, 301);
    assert.equal(feed.headers.get('location'), '/t/brics/feed.atom');
    assert.equal((await get('/t/brisc')).status, 404);
    assert.equal((await get('/t/BRISC/feed.rss')).status, 404);
  });
});

describe('forward origins that share a title', () => {
  it('are two origins in /api/stats/forwards and on the dashboard, each with what it is', async () => {
    const s = await openSqliteStore(':memory:');
    const fwd = (id: number, numericId: number, fromUser?: true): Post =>
      p('salaf', id, {
        text: `forward ${id}`,
        forwardedFrom: {
          name: 'Madrasatuna',
          username: null,
          postId: null,
          author: null,
          numericId,
          ...(fromUser ? { fromUser } : {}),
        },
      });
    await s.savePosts([fwd(1, 3763828873), fwd(2, 3763828873), fwd(3, 1487396894), fwd(4, 1487396894, true)]);
    const web = createApp({ store: s, config: config(), now: () => new Date('2024-10-01T00:00:00Z') });
    const api = (await (await web.request('/api/stats/forwards')).json()) as { forwards: unknown[] };
    assert.deepEqual(api.forwards, [
      {
        channel: 'salaf',
        origin: 'channel:3763828873',
        originName: 'Madrasatuna',
        originKind: 'channel',
        posts: 2,
      },
      {
        channel: 'salaf',
        origin: 'channel:1487396894',
        originName: 'Madrasatuna',
        originKind: 'channel',
        posts: 1,
      },
      {
        channel: 'salaf',
        origin: 'user:1487396894',
        originName: 'Madrasatuna',
        originKind: 'user',
        posts: 1,
      },
    ]);
    const page = await (await web.request('/dashboard')).text();
    for (const note of ['(channel 3763828873)', '(channel 1487396894)', '(user 1487396894)'])
      assert.ok(page.includes(`Madrasatuna <span class="muted">${note}</span>`), note);
    await s.close();
  });
});

describe('languages of a channel with a few posts in other languages', () => {
  it('sums them as "other" for the dashboard, and lists each with ?all=1', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      // As the Chinese library channel: 670 zh, 2 ja, 1 en (here 200, 2, 1).
      const posts = [
        ...Array.from({ length: 200 }, (_, i) => p('lib', i + 1, { text: `书 ${i}`, lang: 'zh' })),
        p('lib', 301, { text: 'ja', lang: 'ja' }),
        p('lib', 302, { text: 'ja', lang: 'ja' }),
        p('lib', 303, { text: 'en', lang: 'en' }),
      ];
      await store.savePosts(posts);
      const app = createApp({ store, config: config() });
      const langs = async (q: string) =>
        ((await (await app.request(`/api/stats/languages${q}`)).json()) as { languages: unknown }).languages;
      assert.deepEqual(await langs(''), [
        { lang: 'zh', posts: 200 },
        { lang: 'other', posts: 3 },
      ]);
      assert.deepEqual(await langs('?all=1'), [
        { lang: 'zh', posts: 200 },
        { lang: 'ja', posts: 2 },
        { lang: 'en', posts: 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});
