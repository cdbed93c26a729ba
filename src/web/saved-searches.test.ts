// Saved searches on the web, in-process: saving from the search page (admin, CSRF), the list, removal, and the
// feeds of each saved search, read back with real parsers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { loadConfig, type Config } from '../config/config.js';
import { emptyPost, type Post } from '../model/post.js';
import { assertNoRawScript } from '../feeds/inert.testkit.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { createApp } from './app.js';

const TOKEN = 'saved-search-admin-token';
const config = (adminToken: string | null = TOKEN): Config => ({
  ...loadConfig({ db: ':memory:' }, {}),
  adminToken,
});

function p(channel: string, id: number, text: string, over: Partial<Post> = {}): Post {
  return {
    ...emptyPost(channel, id, 'tme-html'),
    date: `2024-09-${String(10 + id).padStart(2, '0')}T10:00:00.000Z`,
    text,
    ...over,
  };
}

const form = (data: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: new URLSearchParams(data),
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers },
});

let dir: string;
let store: SqliteStore;
let app: ReturnType<typeof createApp>;
let session: string;
let csrf: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-web-saved-'));
  store = await openSqliteStore(join(dir, 'a.db'));
  await store.savePosts([
    p('news', 1, 'Sanctions on banks announced', { lang: 'en' }),
    p('news', 2, 'Weather is fine'),
    p('news', 3, 'New sanctions against <script>alert(1)</script> exporters', { lang: 'en' }),
    p('other', 4, 'Sanctions elsewhere', { lang: 'en' }),
  ]);
  app = createApp({ store, config: config(), now: () => new Date('2024-10-01T00:00:00Z') });
  const login = await app.request('/login', form({ token: TOKEN }));
  session = login.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await app.request('/search?q=sanctions', { headers: { cookie: session } })).text();
  csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saving a search from the search page', () => {
  it('shows the form to an admin only, with the query and its channel and language filters', async () => {
    const admin = await (
      await app.request('/search?q=sanction+OR+weather&channel=news&lang=en', {
        headers: { cookie: session },
      })
    ).text();
    assert.match(admin, /action="\/admin\/searches"/);
    assert.match(admin, /name="query" value="\(sanction OR weather\) channel:news lang:en"/);
    assert.ok(csrf, 'the CSRF token is on the page');
    const anon = await (await app.request('/search?q=sanctions')).text();
    assert.doesNotMatch(anon, /action="\/admin\/searches"/);
    assert.match(anon, /Log in with the admin token<\/a> to save this search/);
    assert.match(anon, /href="\/login\?next=%2Fsearch%3Fq%3D/, 'back to this search after logging in');
    const open = createApp({ store, config: config(null) });
    const none = await (await open.request('/search?q=sanctions')).text();
    assert.doesNotMatch(none, /save this search/i);
  });

  it('offers no form for filters a saved search cannot keep, naming them, with a link to the search without them', async () => {
    const page = await (
      await app.request(
        '/search?q=sanctions&channel=news&since=2024-09-01&until=2024-09-30&kind=own&media=1',
        {
          headers: { cookie: session },
        },
      )
    ).text();
    assert.doesNotMatch(page, /action="\/admin\/searches"/);
    assert.match(
      page,
      /not the filters\s+from 2024-09-01, to 2024-09-30, own posts, with media:\s*<a href="\/search\?q=sanctions&amp;channel=news">search without them<\/a>\s*to save it/,
    );
    const forwarded = await (
      await app.request('/search?q=sanctions&forwarded=1&media=0', { headers: { cookie: session } })
    ).text();
    assert.match(forwarded, /not the filters\s+forwarded posts, without media:/);
    // Sorting is no filter: the saved search is run newest first anyway.
    const sorted = await (
      await app.request('/search?q=sanctions&sort=date', { headers: { cookie: session } })
    ).text();
    assert.match(sorted, /action="\/admin\/searches"/);
  });

  it('a refused save shows the form again as filled in, the error beside it, and the way back to the search', async () => {
    const res = await app.request(
      '/admin/searches',
      form({ name: 'Bad Name', query: 'sanction channel:news', _csrf: csrf }, { cookie: session }),
    );
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /class="error" role="alert">Not saved: &quot;Bad Name&quot; is not a search name/);
    assert.match(page, /action="\/admin\/searches"/);
    assert.match(page, /name="name"[^>]*value="Bad Name"/);
    assert.match(page, /name="query" value="sanction channel:news"/);
    assert.match(page, /href="\/search\?q=sanction/);
    assert.doesNotMatch(page, /Back to the start page/);
  });

  it('saves with the CSRF token; refuses without it, from another site, or when logged out', async () => {
    const data = { name: 'sanctions', query: 'sanction channel:news' };
    assert.equal((await app.request('/admin/searches', form(data, { cookie: session }))).status, 403);
    assert.equal(
      (
        await app.request(
          '/admin/searches',
          form({ ...data, _csrf: csrf }, { cookie: session, origin: 'https://evil.example' }),
        )
      ).status,
      403,
    );
    assert.equal((await app.request('/admin/searches', form({ ...data, _csrf: csrf }))).status, 401);
    assert.equal(await store.getSavedSearch('sanctions'), null);
    const ok = await app.request('/admin/searches', form({ ...data, _csrf: csrf }, { cookie: session }));
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/searches?saved=sanctions');
    assert.deepEqual(await store.getSavedSearch('sanctions'), {
      ...data,
      createdAt: '2024-10-01T00:00:00.000Z',
    });
  });

  it('explains a bad name, a query that does not parse, and a name taken', async () => {
    const post = (data: Record<string, string>) =>
      app.request('/admin/searches', form({ ...data, _csrf: csrf }, { cookie: session }));
    const bad = await post({ name: 'Bad Name', query: 'x' });
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /is not a search name: use 1–64 lower-case letters, digits/);
    const syntax = await post({ name: 'broken', query: 'brics "summit' });
    assert.equal(syntax.status, 400);
    assert.match(await syntax.text(), /search broken: unterminated quote at 7/);
    const taken = await post({ name: 'sanctions', query: 'weather' });
    assert.equal(taken.status, 400);
    assert.match(await taken.text(), /a search named sanctions exists/);
    assert.equal((await store.getSavedSearch('sanctions'))?.query, 'sanction channel:news');
    const bearer = await app.request(
      '/admin/searches',
      form(
        { name: 'weather', query: 'weather OR <script>', replace: '1' },
        { authorization: `Bearer ${TOKEN}` },
      ),
    );
    assert.equal(bearer.status, 201);
    assert.equal((await store.getSavedSearch('weather'))?.query, 'weather OR <script>');
  });
});

describe('the saved searches page and feeds', () => {
  it('lists each search with a link that runs it and its feeds; remove buttons for an admin', async () => {
    const res = await app.request('/searches', { headers: { cookie: session } });
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<code>weather OR &lt;script&gt;<\/code>/, 'the query is escaped');
    assert.doesNotMatch(page, /OR <script>/);
    assert.match(
      page,
      /href="\/search\?q=sanction%20channel%3Anews&amp;sort=date"|href="\/search\?q=sanction\+channel%3Anews&amp;sort=date"/,
    );
    assert.match(page, /href="\/searches\/sanctions\/feed\.rss"/);
    assert.match(page, /href="\/searches\/weather\/feed\.json"/);
    assert.match(page, /action="\/admin\/searches\/weather\/remove"/);
    assert.doesNotMatch(await (await app.request('/searches')).text(), /\/remove"/);
    const run = await app.request('/searches/sanctions');
    assert.equal(run.status, 303);
    assert.match(run.headers.get('location')!, /^\/search\?q=sanction/);
    assert.equal((await app.request('/searches/nothing')).status, 404);
  });

  it('serves RSS, Atom and JSON Feed of the newest matching posts', async () => {
    const parser = new Parser();
    for (const fmt of ['rss', 'atom'] as const) {
      const res = await app.request(`/searches/sanctions/feed.${fmt}`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, fmt === 'rss' ? /rss\+xml/ : /atom\+xml/);
      const raw = await res.text();
      assertNoRawScript(raw, fmt);
      const feed = await parser.parseString(raw);
      assert.equal(feed.title, 'Saved search: sanctions');
      // Newest first; "sanction" finds "sanctions" in English posts; channel:news leaves out the other channel.
      assert.deepEqual(
        feed.items.map((i) => i.guid ?? i.id),
        ['tgwire:news/3', 'tgwire:news/1'],
      );
    }
    const json = await app.request('/searches/sanctions/feed.json');
    assert.match(json.headers.get('content-type')!, /feed\+json/);
    const feed = (await json.json()) as { title: string; items: { id: string }[]; home_page_url: string };
    assert.equal(feed.title, 'Saved search: sanctions');
    assert.deepEqual(
      feed.items.map((i) => i.id),
      ['tgwire:news/3', 'tgwire:news/1'],
    );
    // A search's feed is not a saved search's: it says what it matches, not that it was saved.
    const adhoc = await parser.parseString(await (await app.request('/search/feed.rss?q=sanction')).text());
    assert.equal(adhoc.title, 'Search: sanction');
    assert.equal(adhoc.description, 'Posts matching sanction');
    const missing = await app.request('/searches/nothing/feed.rss');
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /no saved search "nothing"/);
  });

  it('removes a search (admin, CSRF); its feed is gone', async () => {
    await store.saveSearch({ name: 'temp', query: 'weather', createdAt: '2024-10-01T00:00:00.000Z' });
    assert.equal(
      (await app.request('/admin/searches/temp/remove', form({}, { cookie: session }))).status,
      403,
    );
    const res = await app.request('/admin/searches/temp/remove', form({ _csrf: csrf }, { cookie: session }));
    assert.equal(res.status, 303);
    assert.equal(await store.getSavedSearch('temp'), null);
    assert.equal((await app.request('/searches/temp/feed.atom')).status, 404);
    assert.equal(
      (await app.request('/admin/searches/temp/remove', form({ _csrf: csrf }, { cookie: session }))).status,
      404,
    );
  });
});

describe('topic: in a query, on the web', () => {
  before(async () => {
    await store.saveTopic({ name: 'sanctions', query: 'sanctions', aliases: [] });
    await store.setPostTopics([
      { channel: 'news', id: 1, topics: ['sanctions'] },
      { channel: 'news', id: 3, topics: ['sanctions'] },
      { channel: 'other', id: 4, topics: ['sanctions'] },
    ]);
  });

  it('names a topic in any case, in the API, the search page, a search feed and a saved search', async () => {
    for (const q of ['topic:sanctions', 'topic:SANCTIONS', 'topic:Sanctions channel:NEWS']) {
      const r = (await (await app.request(`/api/search?q=${encodeURIComponent(q)}`)).json()) as {
        total: number;
      };
      assert.equal(r.total, q.includes('channel') ? 2 : 3, q);
    }
    assert.match(await (await app.request('/search?q=topic:SANCTIONS')).text(), /3 results/);
    const feed = await new Parser().parseString(
      await (await app.request('/search/feed.rss?q=topic:SANCTIONS')).text(),
    );
    assert.equal(feed.items.length, 3);
    const saved = await app.request(
      '/admin/searches',
      form({ _csrf: csrf, name: 'topical', query: 'topic:SANCTIONS' }, { cookie: session }),
    );
    assert.equal(saved.status, 303);
    assert.equal((await store.getSavedSearch('topical'))?.query, 'topic:sanctions');
    const json = (await (await app.request('/searches/topical/feed.json')).json()) as { items: unknown[] };
    assert.equal(json.items.length, 3);
  });

  it('a topic: naming no topic is an error, never an empty result', async () => {
    const api = await app.request('/api/search?q=topic:sanktions');
    assert.equal(api.status, 400);
    assert.match(
      ((await api.json()) as { error: string }).error,
      /^no topic named sanktions: did you mean sanctions\?$/,
    );
    assert.match(await (await app.request('/search?q=topic:nothing')).text(), /no topic named nothing/);
    const saved = await app.request(
      '/admin/searches',
      form({ _csrf: csrf, name: 'typo', query: 'topic:sanktions' }, { cookie: session }),
    );
    assert.equal(saved.status, 400);
    assert.equal(await store.getSavedSearch('typo'), null);
  });

  it('the feed of a saved search whose topic was removed since gives the error, not an empty feed', async () => {
    await store.removeTopic('sanctions');
    const res = await app.request('/searches/topical/feed.rss');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: string }).error, /^no topic named sanctions/);
  });
});
