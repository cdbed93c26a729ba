// Bounded work per request: an archive row far over the limits (stored before them, or by a store written to
// directly) is shown cut, quickly enough that the server goes on answering others, and no answer grows with it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { emptyChannel, emptyPost, type Entity, type Post } from '../model/post.js';
import {
  LIST_POST_CHARS,
  LIST_POST_ENTITIES,
  MAX_ENTITY_NESTING,
  MAX_POST_CHARS,
  MAX_POST_ENTITIES,
} from '../model/limits.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { startServer, type RunningServer } from './server.js';

const ENTITIES = 200_000;
let dir: string;
let store: Store;
let server: RunningServer;

/** A post of `chars` characters of words, with `entities` one-character bold entities, overlapping ones too. */
function hugePost(id: number, chars: number, entities: number): Post {
  const text = 'alpha beta gamma '.repeat(Math.ceil(chars / 17)).slice(0, chars);
  const list: Entity[] = [];
  for (let i = 0; i < entities; i++)
    list.push(
      i % 4 === 3
        ? { type: 'italic', offset: i - 3, length: 40 }
        : { type: 'bold', offset: (entities - i) % 50_000, length: 1 },
    );
  return { ...emptyPost('huge', id, 'tme-live'), date: `2024-01-0${id}T00:00:00.000Z`, text, entities: list };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-bounded-'));
  store = await openSqliteStore(join(dir, 'archive.db'));
  await store.upsertChannel({ ...emptyChannel('huge'), username: 'huge', title: 'Huge' });
  // Written to the store directly: the import limits would have cut them.
  await store.savePosts([
    hugePost(1, 2 * ENTITIES, ENTITIES),
    hugePost(2, 300_000, 1000),
    hugePost(3, 300_000, 1000),
  ]);
  const config = { ...loadConfig({}, {}), adminToken: null, host: '127.0.0.1', port: 0 };
  server = await startServer({ store, config });
});

after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; body: string }> {
  // A liveness bound, not a measurement: a render that never ends must fail the test rather than hang it.
  const res = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(60_000) });
  return { status: res.status, body: await res.text() };
}

describe('bounded work per request', () => {
  it('answers other requests while the page of a post with 200,000 entities is requested', async () => {
    const [pageOfPost, stats, channels] = await Promise.all([
      get('/c/huge/1'),
      get('/api/stats'),
      get('/channels'),
    ]);
    assert.equal(stats.status, 200);
    assert.equal(channels.status, 200);
    assert.equal(pageOfPost.status, 200);
    // The page shows the post as an import would store it now: cut with the mark, entities bounded.
    assert.ok(
      /text cut by tgwire: [\d,]+ more characters not stored/.test(pageOfPost.body),
      'the mark is shown',
    );
    const bold = pageOfPost.body.split('<b>').length - 1;
    assert.ok(bold > 0 && bold <= MAX_POST_ENTITIES * MAX_ENTITY_NESTING, `${bold} <b> tags`);
    assert.ok(pageOfPost.body.length < 40 * MAX_POST_CHARS, `${pageOfPost.body.length} bytes`);
  });

  it('lists long posts by their start, each with a link to the whole post', async () => {
    const { status, body } = await get('/c/huge');
    assert.equal(status, 200);
    assert.equal(body.match(/more characters: the whole post/g)?.length, 3);
    assert.ok(
      /href="\/c\/huge\/1"\s*>… 395,000 more characters/.test(body),
      'the link names what was left out',
    );
  });

  it('keeps /api/search and /api/posts small: list text and entities bounded, what is left out counted', async () => {
    const search = await get('/api/search?q=gamma&limit=100');
    assert.equal(search.status, 200);
    const hits = (
      JSON.parse(search.body) as { hits: { post: Post & { textOmitted?: number }; snippet: string }[] }
    ).hits;
    assert.equal(hits.length, 3);
    for (const h of hits) {
      assert.equal(h.post.text.length, LIST_POST_CHARS);
      assert.ok(h.post.entities.length <= LIST_POST_ENTITIES);
      assert.ok(h.post.textOmitted! > 0);
      assert.ok(h.snippet.length < 1000 && h.snippet.includes('\uE000gamma\uE001'), h.snippet);
    }
    assert.ok(
      search.body.length < 3 * (LIST_POST_CHARS + LIST_POST_ENTITIES * 60) + 10_000,
      `${search.body.length}`,
    );
    const posts = JSON.parse((await get('/api/posts?channel=huge&limit=200')).body) as { posts: Post[] };
    assert.deepEqual(
      posts.posts.map((p) => p.text.length),
      [LIST_POST_CHARS, LIST_POST_CHARS, LIST_POST_CHARS],
    );
    const feed = await get('/c/huge/feed.json');
    assert.equal(feed.status, 200);
    assert.ok(feed.body.length < 3 * 40 * LIST_POST_CHARS, `feed of ${feed.body.length} bytes`);
    const one = JSON.parse((await get('/api/posts/huge/1')).body) as { post: Post };
    assert.ok(one.post.text.length <= MAX_POST_CHARS && one.post.entities.length <= MAX_POST_ENTITIES);
  });
});
