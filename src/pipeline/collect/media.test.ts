// Media copies: photos of collected posts land in a content-addressed folder, within the caps, once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { createHttpClient } from '../../util/http.js';
import { startFakeTme } from '../../../test/fake-tme/index.js';
import { syncChannel } from './sync.js';
import { mediaDownloader, type MediaOptions } from './media.js';

async function run(caps: Partial<MediaOptions>) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-'));
  const fake = await startFakeTme({ channels: [{ username: 'pics', posts: 40 }], serveMedia: true });
  const store = await openSqliteStore(join(dir, 'a.db'));
  const http = createHttpClient({ retry: { maxAttempts: 1 } });
  const media = mediaDownloader(store, http, {
    dir: join(dir, 'media'),
    maxFileBytes: caps.maxFileBytes ?? 1_000_000,
    maxTotalBytes: caps.maxTotalBytes ?? 10_000_000,
  });
  const ctx = {
    store,
    http,
    baseUrl: fake.baseUrl,
    afterPage: async (p: import('../../model/post.js').Post[]) => void (await media.download(p)),
  };
  return {
    dir,
    fake,
    store,
    media,
    sync: () => syncChannel(ctx, 'pics'),
    files: () =>
      readdirSync(join(dir, 'media'), { recursive: true })
        .filter((f) => String(f).endsWith('.jpg'))
        .map(String),
    async [Symbol.asyncDispose]() {
      await store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('photos are kept under the SHA-256 of their content and recorded on the post, once', async () => {
  await using env = await run({});
  const r = await env.sync();
  assert.equal(r.status, 'ok', r.error);
  const photos = (await env.store.queryPosts({ channel: 'pics' })).flatMap((p) =>
    p.media.filter((m) => m.type === 'photo'),
  );
  assert.ok(photos.length >= 5, `photos in the generated channel: ${photos.length}`);
  assert.ok(
    photos.every((m) => m.file),
    'every photo has its file recorded',
  );
  const files = env.files();
  assert.equal(files.length, photos.length);
  for (const f of files) {
    const bytes = readFileSync(join(env.dir, 'media', f));
    const hash = createHash('sha256').update(bytes).digest('hex');
    assert.equal(f, join(hash.slice(0, 2), `${hash}.jpg`));
  }
  const requestsBefore = env.fake.requests.filter((q) => q.path.startsWith('/file/')).length;
  await env.sync();
  const requestsAfter = env.fake.requests.filter((q) => q.path.startsWith('/file/')).length;
  assert.equal(requestsAfter, requestsBefore, 'a second sync downloads nothing already kept');
});

test('a file over the per-file cap is not kept, and nothing is kept past the total cap', async () => {
  {
    await using env = await run({ maxFileBytes: 100 });
    await env.sync();
    assert.equal(env.media.totals.downloaded, 0);
    assert.ok(env.media.totals.failed > 0);
  }
  {
    await using env = await run({ maxTotalBytes: 1000 });
    await env.sync();
    // Each fake image is 884 bytes and the cap is checked before each download: two are kept, the rest skipped.
    assert.equal(env.media.totals.downloaded, 2);
    assert.ok(env.media.totals.skipped > 0);
  }
});
