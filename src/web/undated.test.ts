// Undated posts (text dumps carry no dates) are left out of date filters and charts over time: the pages say so.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyPost, type Post } from '../model/post.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { createApp } from './app.js';

const post = (channel: string, id: number, date: string | null): Post => ({
  ...emptyPost(channel, id, 'text'),
  text: `summit news ${id}`,
  lang: 'en',
  date,
});

let store: SqliteStore;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await openSqliteStore(':memory:');
  await store.savePosts([
    post('dated', 1, '2024-09-01T10:00:00.000Z'),
    post('dated', 2, '2024-09-05T10:00:00.000Z'),
    post('dump', 1, null),
    post('dump', 2, null),
    post('dump', 3, null),
  ]);
  app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: null } });
});
after(() => store.close());

const page = async (path: string) => {
  const res = await app.request(path);
  assert.equal(res.status, 200, path);
  return (await res.text()).replace(/\s+/g, ' ');
};

describe('undated posts', () => {
  it('the dashboard says how many are not in its charts', async () => {
    assert.match(
      await page('/dashboard'),
      /3 undated posts are counted here but not in the charts over time/,
    );
  });

  it('a date filter on the dashboard says how many it leaves out', async () => {
    assert.match(
      await page('/dashboard?since=2024-09-02'),
      /3 undated posts are left out by the date filter/,
    );
  });

  it('a channel without undated posts gets no note', async () => {
    assert.doesNotMatch(await page('/dashboard?channel=dated'), /undated-note/);
  });

  it('a date-filtered search says how many undated posts match too', async () => {
    const html = await page('/search?q=summit&since=2024-09-02');
    assert.match(html, /1 result/);
    assert.match(html, /3 undated posts match too, left out by the dates/);
    assert.doesNotMatch(await page('/search?q=summit'), /undated-note/);
    assert.doesNotMatch(await page('/search?q=summit&channel=dated&since=2024-09-02'), /undated-note/);
  });

  it('a date-filtered search of posts that all have dates runs no search beyond its page', async () => {
    let searches = 0;
    const search = store.search.bind(store);
    store.search = (text, options) => {
      searches++;
      return search(text, options);
    };
    try {
      await page('/search?q=summit&channel=dated&since=2024-09-02');
      assert.equal(searches, 1);
      searches = 0;
      await page('/search?q=summit&since=2024-09-02');
      assert.equal(searches, 3, 'the page, and the two counts of the undated note');
    } finally {
      store.search = search;
    }
  });
});
