// Digests: the text format reproduces the sample byte for byte; --stories keeps one post per story and names its
// versions.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import { ensureDemo } from '../demo.js';
import { groupStories } from '../../dedup/stories.js';
import { projectRoot, samplePath, SKIP_NO_SHARED } from '../../../test/shared.js';
import { emptyPost, type Post } from '../../model/post.js';
import {
  digestPosts,
  digestSelection,
  digestStoryLines,
  digestTitle,
  renderDigest,
  type DigestRequest,
} from './digest.js';

/** A SQLite archive in a folder of its own, removed after the test. */
async function tempStore(t: TestContext): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-digest-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}

/** Posts of 10 September 2024 from one source, at the hour given. */
const postOn =
  (source: Post['source']) =>
  (channel: string, id: number, lang: string, text: string, hour: number): Post => ({
    ...emptyPost(channel, id, source),
    text,
    lang,
    date: `2024-09-10T${String(hour).padStart(2, '0')}:00:00.000Z`,
  });

test('digest --channel sample --format text reproduces the sample byte for byte', async (t) => {
  const sample = samplePath();
  if (!sample) return t.skip(SKIP_NO_SHARED);
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-digest-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await ensureDemo(store, join(projectRoot, 'demo', 'sample-brics.txt'));
  const out = renderDigest(await digestPosts(store, { channel: 'sample' }), 'text');
  assert.ok(Buffer.from(out).equals(readFileSync(sample)), 'byte for byte');

  const { members, stories } = groupStories(await store.queryPosts({ channel: 'sample' }));
  await store.setStories(members);
  const one = await digestPosts(store, { channel: 'sample', stories: true });
  const all = await digestPosts(store, { channel: 'sample' });
  assert.equal(one.length, all.length - members.length + stories.length);
  assert.equal(new Set(one.map((p) => p.story ?? `${p.id}`)).size, one.length);
  assert.deepEqual(
    one.map((p) => p.id),
    [...one.map((p) => p.id)].sort((a, b) => a - b),
  );
  const md = renderDigest(one, 'md', { channel: 'sample', stories: true });
  assert.match(md, /^# tgwire digest: channel sample\n/);
  const html = renderDigest(one, 'html', { channel: 'sample' });
  assert.equal(html.match(/<article /g)?.length, one.length);
});

test('digest --stories names the versions of each story of several posts (md, html), the text format stays as it is', async (t) => {
  const store = await tempStore(t);
  const post = postOn('tme-html');
  await store.savePosts([
    post('mfa', 1, 'en', 'Lavrov met Wang Yi in Moscow.', 9),
    post('lone', 7, 'en', 'Weather.', 11),
  ]);
  // The French version is in another channel, outside the digest's channel filter: the line still counts it.
  await store.savePosts([post('mae', 4, 'fr', 'Lavrov a rencontré Wang Yi à Moscou.', 10)]);
  await store.setStories([
    { channel: 'mfa', id: 1, storyId: 's1', reason: 'canonical', evidence: null },
    {
      channel: 'mae',
      id: 4,
      storyId: 's1',
      reason: 'translation',
      evidence: { matched: ['mfa/1'], score: 9, items: [] },
    },
    { channel: 'lone', id: 7, storyId: 's2', reason: 'canonical', evidence: null },
  ]);
  const req = { since: '2024-09-10', stories: true };
  const posts = (await digestPosts(store, req)).filter((p) => p.channel !== 'mae');
  assert.deepEqual(
    posts.map((p) => `${p.channel}/${p.id}`),
    ['mfa/1', 'lone/7'],
  );
  const storyLine = await digestStoryLines(store, posts);
  assert.equal(storyLine(posts[0]!), '2 versions: en, fr — channels mfa, mae');
  assert.equal(storyLine(posts[1]!), null, 'a story of one post has no line');

  const md = renderDigest(posts, 'md', req, { storyLine });
  assert.match(md, /\n\*2 versions: en, fr — channels mfa, mae\*\n/);
  assert.equal(md.match(/versions:/g)?.length, 1);
  const html = renderDigest(posts, 'html', req, { storyLine });
  assert.match(html, /<p class="story">2 versions: en, fr — channels mfa, mae<\/p>/);
  assert.doesNotMatch(renderDigest(posts, 'text', req, { storyLine }), /versions/);
});

test('md and html digests mark an edited post, name a story member corrected or deleted since, and the posts left out as deleted; text stays as it is', async (t) => {
  const store = await tempStore(t);
  const post = postOn('tme-live');
  await store.savePosts([
    post('mfa', 21, 'en', 'New statement: BRICS summit on 22 October.', 9),
    post('tass', 31, 'ru', 'Новое заявление: саммит БРИКС 22 октября.', 10),
    post('mfa', 25, 'en', 'briefing 24', 11),
    post('mfa', 26, 'en', 'Weather.', 12),
  ]);
  await store.setStories([
    { channel: 'mfa', id: 21, storyId: 's1', reason: 'canonical', evidence: null },
    {
      channel: 'tass',
      id: 31,
      storyId: 's1',
      reason: 'translation',
      evidence: { matched: ['mfa/21'], score: 9, items: [] },
    },
  ]);
  // Corrected at the source (t.me: no edit date), and withdrawn.
  await store.savePosts([
    { ...post('tass', 31, 'ru', 'ИСПРАВЛЕНО: саммит БРИКС 23 октября.', 10), edited: true },
    { ...post('mfa', 26, 'en', 'Weather: rain.', 12), edited: true },
  ]);
  await store.markDeleted('mfa', [25]);

  const req = { channel: 'mfa', stories: true };
  const { posts, deleted } = await digestSelection(store, req);
  assert.deepEqual(
    posts.map((p) => `${p.channel}/${p.id}`),
    ['mfa/21', 'mfa/26'],
  );
  assert.deepEqual(deleted, ['mfa/25']);
  const storyLine = await digestStoryLines(store, posts);
  assert.equal(
    storyLine(posts[0]!),
    '2 versions: en, ru — channels mfa, tass; corrected at the source: tass/31',
  );

  const md = renderDigest(posts, 'md', req, { storyLine, deleted });
  assert.match(md, /corrected at the source: tass\/31/);
  assert.match(md, /\*mfa\/26 · 2024-09-10 12:00 UTC · edited\*/);
  assert.doesNotMatch(md, /mfa\/21 · 2024-09-10 09:00 UTC · edited/);
  assert.match(md, /\*Deleted at the source, left out: mfa\/25\*\n$/);
  const html = renderDigest(posts, 'html', req, { storyLine, deleted });
  assert.match(
    html,
    /<time datetime="2024-09-10T12:00:00.000Z">2024-09-10 12:00 UTC<\/time> · edited<\/header>/,
  );
  assert.match(html, /corrected at the source: tass\/31/);
  assert.match(html, /Deleted at the source, left out: mfa\/25/);
  const text = renderDigest(posts, 'text', req, { storyLine, deleted });
  assert.doesNotMatch(text, /edited|corrected|Deleted/);
});

test('the digest subtitle counts one post (or story) in the singular', () => {
  const one = [{ ...emptyPost('news', 1, 'tme-html'), date: '2024-09-02T10:00:00.000Z' }];
  assert.match(digestTitle({ channel: 'news' } as DigestRequest, one).subtitle, /, 1 post$/);
  assert.match(digestTitle({ channel: 'news', stories: true } as DigestRequest, one).subtitle, /, 1 story$/);
  assert.match(digestTitle({ channel: 'news' } as DigestRequest, [...one, ...one]).subtitle, /, 2 posts$/);
});

test('a story one of whose posts forwards an origin outside the archive credits it: first carried by it', async (t) => {
  const store = await tempStore(t);
  const post = postOn('tme-html');
  const forward: Post = {
    ...post('sample', 6, 'en', 'Lavrov met Faisal bin Farhan in Riyadh.', 10),
    forwardedFrom: { name: 'Russian MFA 🇷🇺', username: null, postId: null, author: null },
  };
  await store.savePosts([
    post('sample', 5, 'fr', 'Lavrov a rencontré Faisal bin Farhan à Riyad.', 9),
    forward,
  ]);
  await store.setStories([
    { channel: 'sample', id: 5, storyId: 's1', reason: 'canonical', evidence: null },
    {
      channel: 'sample',
      id: 6,
      storyId: 's1',
      reason: 'translation',
      evidence: { matched: ['sample/5'], score: 9, items: [] },
    },
  ]);
  const posts = await digestPosts(store, { stories: true });
  const storyLine = await digestStoryLines(store, posts);
  assert.equal(storyLine(posts[0]!), '2 versions: fr, en — channel sample; first carried by Russian MFA 🇷🇺');
});
