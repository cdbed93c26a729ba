// The dashboard and /api/stats show the selection the filters make, in every section; served in-process.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyPost, type Post } from '../model/post.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { createApp } from './app.js';

function dump(channel: string, id: number, text: string, lang: string): Post {
  return { ...emptyPost(channel, id, 'text'), text, lang, date: `2024-09-0${id}T10:00:00.000Z` };
}

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await openSqliteStore(':memory:');
  await store.savePosts([
    dump('alpha', 1, 'first #AlphaTag', 'en'),
    dump('alpha', 2, 'second #AlphaTag', 'en'),
    dump('beta', 3, 'troisième #BetaTag', 'fr'),
    dump('beta', 4, 'quatrième #BetaTag', 'fr'),
    dump('beta', 5, 'cinquième #BetaTag', 'fr'),
  ]);
  app = createApp({
    store,
    config: { ...loadConfig({}, {}), adminToken: null },
    now: () => new Date('2024-10-01T00:00:00Z'),
  });
});
after(() => store.close());

/** The page from the heading `from` to the next heading `to`. */
function section(page: string, from: string, to: string): string {
  const start = page.indexOf(`<h2>${from}</h2>`);
  assert.ok(start >= 0, from);
  return page.slice(start, page.indexOf(`<h2>${to}</h2>`, start));
}

describe('dashboard filters', () => {
  it('/api/stats takes the filters of the other /api/stats routes', async () => {
    const all = (await (await app.request('/api/stats')).json()) as { posts: number; channels: number };
    assert.deepEqual([all.posts, all.channels], [5, 2]);
    const res = await app.request('/api/stats?channel=alpha');
    assert.equal(res.status, 200);
    const s = (await res.json()) as {
      posts: number;
      channels: number;
      perChannel: { channel: string }[];
      topHashtags: { tag: string; count: number }[];
    };
    assert.deepEqual([s.posts, s.channels], [2, 1]);
    assert.deepEqual(
      s.perChannel.map((c) => c.channel),
      ['alpha'],
    );
    assert.deepEqual(s.topHashtags, [{ tag: 'alphatag', count: 2 }]);
    const fr = (await (await app.request('/api/stats?lang=fr&since=2024-09-04')).json()) as { posts: number };
    assert.equal(fr.posts, 2);
  });

  it('/api/stats refuses an unknown channel with a 400, as /api/stats/daily does', async () => {
    for (const path of ['/api/stats?channel=nosuch', '/api/stats/daily?channel=nosuch']) {
      const res = await app.request(path);
      assert.equal(res.status, 400, path);
      assert.match(((await res.json()) as { error: string }).error, /nosuch/);
    }
  });

  it('every section of the dashboard shows the filtered selection', async () => {
    const page = await (await app.request('/dashboard?channel=alpha')).text();
    assert.match(page, /This selection: 2 posts, 1 channels/);
    const numbers = section(page, 'The numbers', 'Recent days');
    assert.match(numbers, /alpha/);
    assert.doesNotMatch(numbers, /beta/);
    const tags = section(page, 'Top hashtags', 'Languages');
    assert.match(tags, /#alphatag/);
    assert.doesNotMatch(tags, /betatag/);
  });

  it('has a filter form that works without JavaScript, showing the current filters', async () => {
    const page = await (await app.request('/dashboard?channel=beta&lang=fr&since=2024-09-04')).text();
    assert.match(page, /<form class="filters" action="\/dashboard" method="get">/);
    assert.match(page, /<option value="beta"\s+selected>/);
    assert.match(page, /name="lang" value="fr"/);
    assert.match(page, /name="since" value="2024-09-04"/);
    assert.match(page, /This selection: 2 posts/);
    // An empty form (every field blank) is the whole archive.
    const blank = await app.request('/dashboard?channel=&topic=&lang=&since=&until=');
    assert.equal(blank.status, 200);
    assert.match(await blank.text(), /5 posts, 2 channels/);
  });

  it('/api/stats/daily and /api/stats/hashtags give the charts a full time axis, empty days as 0', async () => {
    const d = (await (await app.request('/api/stats/daily?channel=beta')).json()) as {
      timeline: { unit: string; periods: string[]; series: { name: string; values: number[] }[] };
    };
    assert.equal(d.timeline.unit, 'day');
    assert.deepEqual(d.timeline.periods, ['2024-09-03', '2024-09-04', '2024-09-05']);
    const all = (await (await app.request('/api/stats/daily')).json()) as typeof d;
    assert.deepEqual(all.timeline.series, [
      { name: 'alpha', values: [1, 1, 0, 0, 0] },
      { name: 'beta', values: [0, 0, 1, 1, 1] },
    ]);
    const h = (await (await app.request('/api/stats/hashtags')).json()) as typeof d;
    assert.deepEqual(h.timeline.periods.length, 5);
    assert.deepEqual(h.timeline.series.find((s) => s.name === 'alphatag')!.values, [1, 1, 0, 0, 0]);
  });
});

describe('dashboard filters the reader must fix', () => {
  it('show the form again as filled in, with the error on the page', async () => {
    const res = await app.request('/dashboard?channel=alpha&lang=French');
    assert.equal(res.status, 400);
    const page = await res.text();
    assert.match(page, /<form class="filters" action="\/dashboard" method="get">/);
    assert.match(page, /name="lang" value="French"/);
    assert.match(page, /<option value="alpha"\s+selected>/);
    assert.match(page, /class="error" role="alert">These filters could not be read: /);
    assert.doesNotMatch(page, /Back to the start page/);
  });
});
