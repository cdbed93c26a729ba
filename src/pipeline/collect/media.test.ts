// Media kept while channels are collected: real files from a local fake t.me, content-addressed, capped, kept once.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { emptyPost, type Media, type Post } from '../../model/post.js';
import { createApp } from '../../web/app.js';
import { LocalMediaStore } from '../../store/media/local.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { createHttpClient } from '../../util/http.js';
import { fakeMediaBytes, startFakeTme, type FakeChannelOptions } from '../../../test/fake-tme/index.js';
import { createMediaKeeper, sha256Hex, type MediaPolicy } from '../media/keep.js';
import { fetchMissingMedia } from './media-fetch.js';
import { mediaCollector } from './media.js';
import { syncChannel, type CollectContext } from './sync.js';

const POLICY: MediaPolicy = {
  kinds: new Set(['photo', 'video', 'gif', 'round_video', 'voice', 'audio', 'document', 'sticker']),
  maxFileBytes: 1_000_000,
  maxChannelBytes: 10_000_000,
  maxTotalBytes: 10_000_000,
};

const read = async (blobs: LocalMediaStore, sha256: string): Promise<Buffer> => {
  const blob = await blobs.read(sha256);
  assert.ok(blob, `file ${sha256} is in the media store`);
  const parts: Buffer[] = [];
  for await (const c of blob.body) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

async function setup(
  options: { policy?: Partial<MediaPolicy>; channels?: FakeChannelOptions[]; allowHosts?: string[] } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-'));
  const fake = await startFakeTme({
    channels: options.channels ?? [{ username: 'pics', posts: 8, idGapEvery: 0 }],
    serveMedia: true,
  });
  const store = await openSqliteStore(join(dir, 'a.db'));
  const blobs = new LocalMediaStore(join(dir, 'media'));
  const http = createHttpClient({ retry: { maxAttempts: 1 } });
  const collector = () =>
    mediaCollector(store, {
      keeper: createMediaKeeper({ index: store, blobs, policy: { ...POLICY, ...options.policy } }),
      http,
      allowHosts: options.allowHosts ?? [new URL(fake.baseUrl).host],
      baseUrl: fake.baseUrl,
    });
  const media = collector();
  const ctx: CollectContext = {
    store,
    http,
    baseUrl: fake.baseUrl,
    afterPage: async (posts) => void (await media.keepPosts(posts)),
  };
  return {
    dir,
    fake,
    store,
    blobs,
    http,
    media,
    collector,
    ctx,
    sync: (channel = 'pics') => syncChannel(ctx, channel),
    read: (sha256: string) => read(blobs, sha256),
    item: async (id: number, i = 0, channel = 'pics'): Promise<Media> => {
      const p = await store.getPost(channel, id);
      assert.ok(p, `post ${channel}/${id} is stored`);
      return p.media[i]!;
    },
    /** Bytes of every file the index records. */
    recorded: async () => (await store.mediaTotals()).reduce((s, t) => s + t.bytes, 0),
    async [Symbol.asyncDispose]() {
      await store.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server on 127.0.0.1 that records what it is asked (a host the allow-list leaves out). */
async function listen(): Promise<{ server: Server; base: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const body = fakeMediaBytes('internal.jpg');
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

describe('media kept during collection', () => {
  it('keeps photos, videos and posters in the media store, byte for byte, once; a deleted post keeps them', async () => {
    await using env = await setup();
    const ch = env.fake.channel('pics');
    ch.post(6)!.video = {};
    ch.post(7)!.video = { tooBig: true };
    const r = await env.sync();
    assert.equal(r.status, 'ok', r.error);

    const photo = await env.item(4);
    const expected = fakeMediaBytes('fake-pics-4.jpg');
    assert.equal(photo.type, 'photo');
    assert.deepEqual(photo.copy, { sha256: sha256Hex(expected), size: expected.length, type: 'image/jpeg' });
    assert.deepEqual(await env.read(photo.copy!.sha256), expected);
    const record = await env.store.getMediaFile(photo.copy!.sha256);
    assert.equal(record?.kind, 'photo');
    assert.equal(record?.contentType, 'image/jpeg');
    assert.equal(record?.channel, 'pics');

    const video = await env.item(6);
    assert.equal(video.type, 'video');
    assert.equal(video.copy?.type, 'video/mp4');
    assert.deepEqual(await env.read(video.copy!.sha256), fakeMediaBytes('video-pics-6.mp4'));
    assert.deepEqual(await env.read(video.thumbCopy!.sha256), fakeMediaBytes('thumb-pics-6.jpg'));
    assert.equal((await env.store.getMediaFile(video.thumbCopy!.sha256))?.kind, 'thumbnail');

    const big = await env.item(7);
    assert.deepEqual(big.skipped, { reason: 'unavailable' }, 'the preview shows no file for it');
    assert.equal(big.copy, undefined);
    assert.ok(big.thumbCopy, 'its poster is kept');
    assert.equal(env.media.totals.kept, 5, 'two photos, a video, two posters');

    // The next visit brings new CDN links: nothing is downloaded again, the copies stay.
    const asked = env.fake.media.requested().length;
    assert.equal(asked, 5);
    await env.sync();
    assert.notEqual((await env.item(4)).url, photo.url, 'the page gave a fresh link');
    assert.equal(env.fake.media.requested().length, asked, 'no file asked for again');
    assert.deepEqual((await env.item(4)).copy, photo.copy);
    assert.deepEqual((await env.item(6)).thumbCopy, video.thumbCopy);
    assert.equal((await env.store.getVersions('pics', 4)).length, 1, 'a copy is no new version');

    // Deleted at the source: seen missing twice, marked deleted; its photo stays readable.
    ch.remove(4);
    await env.sync();
    await env.sync();
    const gone = await env.store.getPost('pics', 4);
    assert.equal(gone?.deleted, true);
    assert.deepEqual(gone?.media[0]?.copy, photo.copy);
    assert.deepEqual(await env.read(photo.copy!.sha256), expected);
    assert.deepEqual(await env.store.unreferencedMediaFiles(), [], 'every kept file is still referenced');

    // And served: the deleted post's page shows the archive's copy, and /media gives its bytes.
    const app = createApp({
      store: env.store,
      config: { ...loadConfig({ db: ':memory:' }, {}), adminToken: null },
      media: env.blobs,
    });
    const page = await (await app.request('/c/pics/4')).text();
    assert.match(page, new RegExp(`<img[^>]+src="/media/${photo.copy!.sha256}"`));
    const served = await app.request(`/media/${photo.copy!.sha256}`);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), expected);
  });

  it('records a file over the cap as skipped with its size, or "more than the cap" without one, and stores nothing of it', async () => {
    await using env = await setup({ policy: { maxFileBytes: 1500 } });
    const ch = env.fake.channel('pics');
    ch.post(5)!.video = {};
    ch.post(6)!.video = {};
    // Over the cap: one says its length; the other streams without one (a reader stops at the cap).
    const declared = fakeMediaBytes('video-pics-5.mp4');
    env.fake.media.set('video-pics-6.mp4', { body: Buffer.alloc(5_000_000, 1), contentLength: false });
    await env.sync();
    assert.deepEqual((await env.item(5)).skipped, { reason: 'too_large', size: declared.length });
    assert.deepEqual((await env.item(6)).skipped, { reason: 'too_large', detail: 'more than 1500 bytes' });
    assert.ok((await env.item(5)).thumbCopy, 'the poster fits and is kept');
    assert.equal(await env.store.getMediaFile(sha256Hex(declared)), null);
    const stored: string[] = [];
    for await (const b of env.blobs.list()) stored.push(b.sha256);
    assert.ok(!stored.includes(sha256Hex(declared)));
    assert.equal(stored.length, 4, 'two photos and two posters');

    // Over the cap still at the next visit: not asked for again.
    const asked = env.fake.media.requested().filter((n) => n.startsWith('video-')).length;
    await env.sync();
    assert.equal(env.fake.media.requested().filter((n) => n.startsWith('video-')).length, asked);
  });

  it('never passes the total cap, with several files and two collections at once', async () => {
    const channels = ['a', 'b'].map((username) => ({ username, posts: 40, idGapEvery: 0 }));
    // Each fake photo is about 1.3 KB: a cap of 4000 bytes holds three of the twenty.
    await using env = await setup({ policy: { maxTotalBytes: 4000 }, channels });
    const other = env.collector();
    const ctxB: CollectContext = {
      ...env.ctx,
      afterPage: async (posts) => void (await other.keepPosts(posts)),
    };
    const [ra, rb] = await Promise.all([env.sync('a'), syncChannel(ctxB, 'b')]);
    assert.equal(ra.status, 'ok', ra.error);
    assert.equal(rb.status, 'ok', rb.error);
    const kept = env.media.totals.kept + other.totals.kept;
    assert.equal(kept, 3, `files kept: ${kept}`);
    assert.ok((await env.recorded()) <= 4000);
    let bytes = 0;
    for await (const b of env.blobs.list()) bytes += (await env.blobs.size(b.sha256)) ?? 0;
    assert.ok(bytes <= 4000, `${bytes} bytes stored`);
    const skips = (await env.store.queryPosts({ hasMedia: true }))
      .flatMap((p) => p.media)
      .filter((m) => m.skipped);
    assert.equal(skips.length, 20 - 3);
    assert.ok(skips.every((m) => m.skipped!.reason === 'total_cap' && m.skipped!.size! > 1000));
  });

  it('downloads only from allowed hosts: a redirect elsewhere is refused, a link elsewhere never asked', async () => {
    const internal = await listen();
    try {
      await using env = await setup();
      env.fake.media.redirect('fake-pics-4.jpg', `${internal.base}/secret.jpg`);
      await env.sync();
      const refused = await env.item(4);
      assert.equal(refused.copy, undefined);
      assert.equal(refused.skipped?.reason, 'failed');
      assert.match(refused.skipped?.detail ?? '', /not allowed/);
      assert.ok((await env.item(8)).copy, 'the other photo is kept');

      const post: Post = {
        ...emptyPost('pics', 100, 'tme-live'),
        media: [
          { type: 'photo', url: `${internal.base}/inside.jpg`, supported: true },
          { type: 'photo', url: 'file:///etc/passwd', supported: true },
          {
            type: 'video',
            url: 'https://t.me/pics/100',
            thumbUrl: `${internal.base}/t.jpg`,
            supported: false,
          },
        ],
      };
      await env.store.savePosts([post]);
      await env.media.keepPosts([post]);
      assert.deepEqual(internal.hits, [], 'nothing was asked of a host off the list');
      const saved = (await env.store.getPost('pics', 100))!.media;
      assert.equal(saved[0]!.skipped?.reason, 'unavailable');
      assert.match(saved[0]!.skipped?.detail ?? '', /not on an allowed host: 127\.0\.0\.1:\d+/);
      assert.equal(saved[1]!.skipped?.reason, 'unavailable');
      assert.deepEqual(saved[2]!.skipped, { reason: 'unavailable' }, 'the post link is no file');
      assert.equal(saved[2]!.thumbCopy, undefined);
    } finally {
      internal.server.close();
    }
  });

  it('keeps only the kinds the config names; photos and posters whatever it says', async () => {
    await using env = await setup({ policy: { kinds: new Set(['photo']) } });
    env.fake.channel('pics').post(6)!.video = {};
    env.fake.channel('pics').post(7)!.video = { tooBig: true };
    await env.sync();
    const video = await env.item(6);
    assert.deepEqual(video.skipped, { reason: 'kind' });
    // What the page shows no file for is said so, whatever the kinds: no setting left it out.
    assert.deepEqual((await env.item(7)).skipped, { reason: 'unavailable' });
    assert.ok(video.thumbCopy);
    assert.ok((await env.item(4)).copy);
    assert.ok(
      !env.fake.media.requested().some((n) => n.startsWith('video-')),
      'the video was not downloaded',
    );
  });

  it('media fetch keeps what failed at first from a fresh visit of the page around the post', async () => {
    await using env = await setup({ channels: [{ username: 'pics', posts: 60, idGapEvery: 0 }] });
    const ch = env.fake.channel('pics');
    ch.post(10)!.video = {};
    // The first downloads fail (an expired link); 12 and 56 on different pages.
    env.fake.media.fail(/^fake-pics-(12|56)\.jpg$/, 2);
    env.fake.media.fail(/^video-pics-10\.mp4$/, 1, 403);
    assert.equal((await env.sync()).status, 'ok');
    assert.equal((await env.item(12)).skipped?.reason, 'failed');
    assert.match((await env.item(12)).skipped?.detail ?? '', /404/);
    assert.equal((await env.item(10)).skipped?.reason, 'failed');
    const failed = env.media.totals.failed;
    assert.equal(failed, 3);

    const pages = env.fake.requests.filter((q) => q.path.startsWith('/s/')).length;
    const results = await fetchMissingMedia({
      store: env.store,
      http: env.http,
      baseUrl: env.fake.baseUrl,
      media: env.collector(),
    });
    assert.deepEqual(
      results.map((r) => [r.channel, r.status, r.posts, r.kept, r.failed, r.notFromPreview]),
      [['pics', 'ok', 3, 3, 0, 0]],
    );
    const visited = env.fake.requests.filter((q) => q.path.startsWith('/s/')).slice(pages);
    assert.deepEqual(
      visited.map((q) => q.path),
      ['/s/pics?before=57', '/s/pics?before=13'],
      'one visit serves the posts its page shows',
    );
    assert.deepEqual(await env.read((await env.item(12)).copy!.sha256), fakeMediaBytes('fake-pics-12.jpg'));
    assert.equal((await env.item(12)).skipped, undefined);
    assert.equal((await env.item(10)).copy?.type, 'video/mp4');
    assert.ok((await env.item(10)).thumbCopy, 'the poster kept before stays');

    // Nothing left to fetch: no page visited.
    const again = await fetchMissingMedia({
      store: env.store,
      http: env.http,
      baseUrl: env.fake.baseUrl,
      media: env.collector(),
    });
    assert.deepEqual(again, []);
  });
});
