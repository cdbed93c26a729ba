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
import { emptyPost, type Post } from '../../model/post.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';

/** Bytes of the files kept (the folder's own ledger and lock files not counted). */
function folderBytes(dir: string): number {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => !f.startsWith('.'))
    .reduce((sum, f) => sum + (statSync(join(dir, f)).isFile() ? statSync(join(dir, f)).size : 0), 0);
}

async function run(caps: Partial<MediaOptions>) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-'));
  const fake = await startFakeTme({ channels: [{ username: 'pics', posts: 40 }], serveMedia: true });
  const store = await openSqliteStore(join(dir, 'a.db'));
  const http = createHttpClient({ retry: { maxAttempts: 1 } });
  const media = mediaDownloader(store, http, {
    dir: join(dir, 'media'),
    maxFileBytes: caps.maxFileBytes ?? 1_000_000,
    maxTotalBytes: caps.maxTotalBytes ?? 10_000_000,
    allowHosts: [new URL(fake.baseUrl).host],
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
    // Each fake image is about 900 bytes: one fits under the cap, a second would pass it and is not kept.
    assert.equal(env.media.totals.downloaded, 1);
    assert.ok(env.media.totals.skipped > 0);
    assert.ok(folderBytes(join(env.dir, 'media')) <= 1000);
  }
});

test('the total cap holds across processes sharing one media folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-'));
  const fake = await startFakeTme({
    channels: [
      { username: 'pics', posts: 40 },
      { username: 'more', posts: 40 },
    ],
    serveMedia: true,
  });
  const stores = [await openSqliteStore(join(dir, 'a.db')), await openSqliteStore(join(dir, 'b.db'))];
  try {
    const http = createHttpClient({ retry: { maxAttempts: 1 } });
    const cap = 2500;
    // Two processes: each its own archive and downloader, both started before either downloads.
    const downloaders = stores.map((store) =>
      mediaDownloader(store, http, {
        dir: join(dir, 'media'),
        maxFileBytes: 1_000_000,
        maxTotalBytes: cap,
        allowHosts: [new URL(fake.baseUrl).host],
      }),
    );
    await Promise.all(
      (['pics', 'more'] as const).map((name, i) =>
        syncChannel(
          {
            store: stores[i]!,
            http,
            baseUrl: fake.baseUrl,
            afterPage: async (p: Post[]) => void (await downloaders[i]!.download(p)),
          },
          name,
        ),
      ),
    );
    const kept = downloaders[0]!.totals.downloaded + downloaders[1]!.totals.downloaded;
    assert.ok(kept >= 2, `files kept: ${kept}`);
    assert.ok(folderBytes(join(dir, 'media')) <= cap, `${folderBytes(join(dir, 'media'))} bytes over ${cap}`);
  } finally {
    for (const s of stores) await s.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A server on 127.0.0.1 answering /img with a small JPEG and /to?u=URL with a redirect there. */
async function listen(): Promise<{ server: Server; base: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/to') {
      res.writeHead(302, { location: url.searchParams.get('u') ?? '/' });
      res.end();
      return;
    }
    const body = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(`image ${req.url}`)]);
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

test('media come only from allowed hosts, redirects included (no requests to other addresses)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-'));
  const trusted = await listen();
  const internal = await listen();
  const store = await openSqliteStore(join(dir, 'a.db'));
  try {
    const media = mediaDownloader(store, createHttpClient({ retry: { maxAttempts: 1 } }), {
      dir: join(dir, 'media'),
      maxFileBytes: 1_000_000,
      maxTotalBytes: 1_000_000,
      allowHosts: [new URL(trusted.base).host],
    });
    const photo = (id: number, url: string): Post => ({
      ...emptyPost('pics', id, 'tme-live'),
      media: [{ type: 'photo', url, supported: true }],
    });
    const posts = [
      photo(1, `${trusted.base}/img/1.jpg`),
      photo(2, `${internal.base}/img/2.jpg`),
      photo(3, `${trusted.base}/to?u=${encodeURIComponent(`${internal.base}/img/3.jpg`)}`),
      photo(4, `${trusted.base}/to?u=${encodeURIComponent(`${trusted.base}/img/4.jpg`)}`),
    ];
    await store.savePosts(posts);
    await media.download(posts);
    assert.deepEqual(internal.hits, [], 'nothing was asked of a host off the list');
    assert.equal(media.totals.downloaded, 2, 'the direct photo and the redirect within the allowed host');
    assert.equal(media.totals.failed, 2);
    assert.deepEqual(
      posts.map((p) => Boolean(p.media[0]!.file)),
      [true, false, false, true],
    );
  } finally {
    await store.close();
    trusted.server.close();
    internal.server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
