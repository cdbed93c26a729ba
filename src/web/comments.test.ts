// A channel post's comments (its discussion group's thread) under the post on its page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config/config.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { initialSyncState } from '../pipeline/collect/state.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { assertInertHtml } from '../feeds/inert.testkit.js';
import { createApp } from './app.js';

let store: Store;
let app: ReturnType<typeof createApp>;

const post = (channel: string, id: number, patch: Partial<Post> = {}): Post => ({
  ...emptyPost(channel, id, 'mtproto'),
  date: `2024-09-01T10:${String(id % 60).padStart(2, '0')}:00.000Z`,
  ...patch,
});

before(async () => {
  store = await openSqliteStore(':memory:');
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News' });
  await store.upsertChannel({ ...emptyChannel('c9000'), title: 'News chat', numericId: 9000 });
  await store.savePosts([
    post('news', 1, { text: 'The summit opens.', replies: 2 }),
    post('news', 2, { text: 'No comments here.' }),
    // Saved newest first: the page still shows them oldest first.
    post('c9000', 31, { text: 'Second <b>comment</b>', author: 'Bob', replyTo: 1 }),
    post('c9000', 30, { text: 'First comment', author: 'Ann Lee', replyTo: 1 }),
    post('c9000', 32, { text: 'On another post', author: 'Eve', replyTo: 2 + 100 }),
  ]);
  await store.saveSyncState('news', {
    ...initialSyncState(),
    via: 'mtproto',
    comments: true,
    discussion: 'c9000',
  });
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

describe('comments on the post page', () => {
  it('shows the comments under the post, newest last, with author and date', async () => {
    const body = await page('/c/news/1');
    assert.match(body, /<h2 id="comments">Comments \(2\)<\/h2>/);
    const first = body.indexOf('id="comment-30"');
    const second = body.indexOf('id="comment-31"');
    assert.ok(first > 0 && second > first, 'oldest first, newest last');
    assert.ok(body.indexOf('id="comments"') > body.indexOf('The summit opens.'), 'under the post');
    const item = /<li id="comment-30">[\s\S]*?<\/li>/.exec(body)![0];
    assert.match(item, /Ann Lee/);
    assert.match(item, /<time datetime="2024-09-01T10:30:00.000Z">2024-09-01 10:30 UTC<\/time>/);
    assert.match(item, /First comment/);
    assert.match(body, /Second &lt;b&gt;comment&lt;\/b&gt;/);
    assert.doesNotMatch(body, /On another post/);
  });

  it('a post without comments has no comments section', async () => {
    const body = await page('/c/news/2');
    assert.doesNotMatch(body, /id="comments"/);
  });
});
