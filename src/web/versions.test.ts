// Edited posts over a real SQLite archive: the channel feed marks them, the post page shows what changed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { assertInertHtml } from '../feeds/inert.testkit.js';
import { createApp } from './app.js';
import { wordDiff } from './version-diff.js';

let store: Store;
let app: ReturnType<typeof createApp>;

const post = (id: number, patch: Partial<Post>): Post => ({
  ...emptyPost('news', id, 'tme-html'),
  date: `2024-09-0${id}T10:00:00.000Z`,
  ...patch,
});

before(async () => {
  store = await openSqliteStore(':memory:');
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News' });
  await store.savePosts([post(1, { text: 'The summit opens on Monday in Kazan.' })], {
    seenAt: '2024-09-01T11:00:00.000Z',
  });
  await store.savePosts(
    [
      post(1, {
        text: 'The summit opens on Tuesday in Kazan <script>alert(1)</script>.',
        edited: true,
        editDate: '2024-09-02T08:30:00.000Z',
      }),
      post(2, { text: 'Never edited.' }),
    ],
    { seenAt: '2024-09-02T09:00:00.000Z' },
  );
  // The same text from a source that writes a line break: not an edit.
  await store.savePosts([post(2, { text: 'Never\nedited.' })]);
  app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: null } });
});

after(() => store.close());

async function page(path: string): Promise<string> {
  const res = await app.request(path);
  assert.equal(res.status, 200, path);
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;
  assertInertHtml(body, path, nonce);
  return body;
}

const article = (body: string, id: number) =>
  new RegExp(`<article[^>]*id="p-news-${id}"[\\s\\S]*?</article>`).exec(body)![0];

describe('edited posts in the web app', () => {
  it('the channel feed marks an edited post with its edit date, linking to its versions', async () => {
    const body = await page('/c/news');
    const edited = article(body, 1);
    assert.match(
      edited,
      /<a class="edited" href="\/c\/news\/1#versions">edited\s*<time datetime="2024-09-02T08:30:00.000Z">/,
    );
    assert.doesNotMatch(article(body, 2), /class="edited"/, 'a line break from another source is no edit');
  });

  it('the post page shows the words that changed between versions, escaped', async () => {
    const body = await page('/c/news/1');
    assert.match(body, /Versions \(2\)/);
    assert.match(body, /Changes from version 1/);
    assert.match(body, /<del>Monday<\/del>/);
    assert.match(body, /<ins>Tuesday<\/ins>/);
    assert.match(body, /&lt;script&gt;alert/);
    assert.doesNotMatch(body, /<script>alert/);
  });

  it('a post with one version shows no changes', async () => {
    const body = await page('/c/news/2');
    assert.match(body, /Versions \(1\)/);
    assert.doesNotMatch(body, /Changes from/);
  });
});

describe('word diff', () => {
  it('splits Cyrillic and CJK into words, not letters', () => {
    const ru = wordDiff('привет мир, как дела', 'привет друг, как дела');
    assert.equal(ru.kind, 'words');
    assert.equal(String(ru.kind === 'words' && ru.html), 'привет <del>мир</del><ins>друг</ins>, как дела');
    const zh = wordDiff('中文测试文本', '中文测验文本');
    assert.ok(zh.kind === 'words' && String(zh.html).includes('<del>测试</del>'));
  });

  it('same words in another layout are a formatting change only', () => {
    assert.deepEqual(wordDiff('a b\nc', 'a b c'), { kind: 'formatting' });
  });

  it('escapes what it shows', () => {
    const d = wordDiff('x', 'x <b>&');
    assert.ok(d.kind === 'words');
    assert.doesNotMatch(String(d.html), /<b>/);
    assert.match(String(d.html), /&lt;b&gt;&amp;/);
  });
});

describe('edits and deletions in the feeds', () => {
  it("a feed entry's date_modified is when the archive saw the edit or the deletion, with the text it replaced", async () => {
    const wire = (id: number, patch: Partial<Post>): Post => ({
      ...emptyPost('wire', id, 'tme-live'),
      date: `2024-09-0${id}T06:00:00.000Z`,
      ...patch,
    });
    await store.upsertChannel({ ...emptyChannel('wire'), username: 'wire', title: 'Wire' });
    await store.savePosts([wire(1, { text: 'Summit on 22 October' }), wire(2, { text: 'Briefing' })], {
      seenAt: '2024-09-09T00:00:00.000Z',
    });
    // t.me shows no edit date: only the time the archive saw the new text.
    await store.savePosts([wire(1, { text: 'CORRECTED: summit on 23 October', edited: true })], {
      seenAt: '2024-10-01T00:00:00.000Z',
    });
    await store.markDeleted('wire', [2], '2024-10-02T00:00:00.000Z');
    const res = await app.request('/c/wire/feed.json');
    const feed = (await res.json()) as {
      items: { id: string; date_published: string; date_modified: string; content_html: string }[];
    };
    const byId = new Map(feed.items.map((i) => [i.id, i]));
    assert.equal(byId.get('tgwire:wire/1')?.date_published, '2024-09-01T06:00:00.000Z');
    assert.equal(byId.get('tgwire:wire/1')?.date_modified, '2024-10-01T00:00:00.000Z');
    assert.match(byId.get('tgwire:wire/1')!.content_html, /earlier text:[\s\S]*Summit on 22 October/);
    assert.equal(byId.get('tgwire:wire/2')?.date_modified, '2024-10-02T00:00:00.000Z');
  });
});

describe('the post page', () => {
  it('a deleted post says when the archive noticed the deletion', async () => {
    await store.savePosts([
      { ...emptyPost('gone', 1, 'tme-live'), text: 'soon gone', date: '2024-09-01T06:00:00.000Z' },
    ]);
    await store.markDeleted('gone', [1], '2024-10-02T00:00:00.000Z');
    const page = await (await app.request('/c/gone/1')).text();
    assert.match(
      page,
      /class="badge deleted">deleted<\/span> <span class="deleted-at">noticed <time datetime="2024-10-02T00:00:00.000Z">/,
    );
  });

  it('a deleted post seen again says when it was marked deleted and when it came back', async () => {
    const back = {
      ...emptyPost('back', 1, 'tme-live'),
      text: 'here again',
      date: '2024-09-01T06:00:00.000Z',
    };
    await store.savePosts([back]);
    await store.markDeleted('back', [1], '2024-10-02T00:00:00.000Z');
    await store.savePosts([back], { seenAt: '2024-10-03T00:00:00.000Z' });
    const page = await (await app.request('/c/back/1')).text();
    assert.doesNotMatch(page, /class="badge deleted"/);
    assert.match(
      page,
      /class="restored">marked deleted <time datetime="2024-10-02T00:00:00.000Z">[^]*?seen again <time datetime="2024-10-03T00:00:00.000Z">/,
    );
  });

  it('a post with one version shows its text once, and when that version was seen', async () => {
    await store.savePosts(
      [{ ...emptyPost('once', 1, 'tme-live'), text: 'a single version', date: '2024-09-01T06:00:00.000Z' }],
      { seenAt: '2024-09-02T00:00:00.000Z' },
    );
    const page = await (await app.request('/c/once/1')).text();
    assert.equal(page.split('a single version').length - 1, 1, 'the text once');
    assert.match(
      page,
      /Versions \(1\)[\s\S]*Only this version, seen\s+<time datetime="2024-09-02T00:00:00.000Z">/,
    );
  });
});
