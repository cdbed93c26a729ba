// Digests: the text format reproduces the sample byte for byte; --stories keeps one post per story.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { ensureDemo } from '../demo.js';
import { groupStories } from '../../dedup/stories.js';
import { projectRoot, samplePath, SKIP_NO_SHARED } from '../../../test/shared.js';
import { digestPosts, renderDigest } from './digest.js';

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
