// The keeper and media gc over S3 (s3rver, or TGWIRE_TEST_S3) with a real SQLite archive: several machines' setup.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { projectRoot } from '../../../test/shared.js';
import { startTestS3, type TestS3 } from '../../../test/s3.js';
import { emptyPost } from '../../model/post.js';
import { readAll } from '../../store/media/blob-store-contract.testkit.js';
import { S3MediaStore } from '../../store/media/s3.js';
import { openSqliteStore } from '../../store/sqlite/open.js';
import type { Store } from '../../store/store.js';
import { collectMediaGarbage } from './gc.js';
import { createMediaKeeper, sha256Hex, type MediaPolicy } from './keep.js';
import { makePreview } from './thumbnail.js';

const policy = (patch: Partial<MediaPolicy> = {}): MediaPolicy => ({
  kinds: new Set(['photo', 'video', 'voice', 'document']),
  maxFileBytes: 10_000_000,
  maxChannelBytes: 50_000_000,
  maxTotalBytes: 50_000_000,
  ...patch,
});

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(projectRoot, 'test', 'fixtures', 'media', name)));
const jpeg = (w: number, h: number, seed: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: seed % 255, g: 80, b: 120 } } })
    .jpeg()
    .toBuffer()
    .then((b) => new Uint8Array(b));

describe('media keeper on S3', () => {
  let s3: TestS3;
  let dir: string;
  let n = 0;
  const archive = async (): Promise<Store> => openSqliteStore(join(dir, `a${++n}.db`));
  before(async () => {
    s3 = await startTestS3();
    dir = mkdtempSync(join(tmpdir(), 'tgwire-keep-s3-'));
  });
  after(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a video and a photo (with its preview) in the bucket, and reads them back whole and by range', async () => {
    const store = await archive();
    try {
      const blobs = new S3MediaStore(s3.options());
      const keeper = createMediaKeeper({ index: store, blobs, policy: policy(), previewer: makePreview });
      const clip = fixture('clip.mp4');
      const kept = await keeper.keep({ channel: 'news', kind: 'video', role: 'file', bytes: clip });
      assert.deepEqual(kept, { copy: { sha256: sha256Hex(clip), size: clip.length, type: 'video/mp4' } });
      assert.equal(await blobs.size(sha256Hex(clip)), clip.length);
      assert.deepEqual(await readAll((await blobs.read(sha256Hex(clip)))!.body), Buffer.from(clip));
      const tail = await blobs.read(sha256Hex(clip), { start: clip.length - 100, end: clip.length - 1 });
      assert.deepEqual(await readAll(tail!.body), Buffer.from(clip.subarray(clip.length - 100)));
      assert.equal((await store.getMediaFile(sha256Hex(clip)))?.contentType, 'video/mp4');

      const big = await jpeg(2000, 1500, 3);
      const photo = await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: big });
      assert.ok('copy' in photo && photo.copy.preview);
      const preview = await readAll((await blobs.read(photo.copy.preview))!.body);
      assert.equal((await sharp(preview).metadata()).width, 1280);
      // The same bytes again: one object, one record.
      assert.deepEqual(
        await keeper.keep({ channel: 'other', kind: 'video', role: 'file', bytes: clip }),
        kept,
      );
      const listed = [];
      for await (const b of blobs.list()) listed.push(b.sha256);
      assert.deepEqual(listed.sort(), [sha256Hex(clip), sha256Hex(big), photo.copy.preview].sort());
    } finally {
      await store.close();
    }
  });

  it('the file, channel and total caps hold with S3 too, and nothing refused reaches the bucket', async () => {
    const store = await archive();
    try {
      const blobs = new S3MediaStore(s3.options());
      const photos = await Promise.all([1, 2, 3, 4, 5].map((i) => jpeg(24, 24, i * 40)));
      const size = Math.max(...photos.map((p) => p.length));
      const small = createMediaKeeper({ index: store, blobs, policy: policy({ maxFileBytes: 100 }) });
      assert.deepEqual(await small.keep({ channel: 'c', kind: 'photo', role: 'file', bytes: photos[0]! }), {
        skipped: { reason: 'too_large', size: photos[0]!.length },
      });
      const capped = createMediaKeeper({
        index: store,
        blobs,
        policy: policy({ maxTotalBytes: size * 3, maxChannelBytes: size * 2 }),
      });
      const outcomes = [];
      // Two channels at once, as two collectors would: the caps are checked in the shared index.
      outcomes.push(
        ...(await Promise.all(
          photos.map((bytes, i) =>
            capped.keep({ channel: i % 2 ? 'a' : 'b', kind: 'photo', role: 'file', bytes }),
          ),
        )),
      );
      const kept = outcomes.filter((o) => 'copy' in o);
      assert.equal(kept.length, 3, JSON.stringify(outcomes));
      for (const o of outcomes)
        if ('skipped' in o)
          assert.ok(['total_cap', 'channel_cap'].includes(o.skipped.reason), o.skipped.reason);
      const total = (await store.mediaTotals()).reduce((t, x) => t + x.bytes, 0);
      assert.ok(total <= size * 3, `total ${total}`);
      assert.ok((await store.channelMediaBytes('a')) <= size * 2);
      assert.ok((await store.channelMediaBytes('b')) <= size * 2);
      const listed = [];
      for await (const b of blobs.list()) listed.push(b.sha256);
      assert.deepEqual(listed.sort(), kept.map((o) => ('copy' in o ? o.copy.sha256 : '')).sort());
    } finally {
      await store.close();
    }
  });

  it('gc on S3: unreferenced files and old strays go, referenced ones and fresh strays stay', async () => {
    const store = await archive();
    try {
      const blobs = new S3MediaStore(s3.options());
      const keeper = createMediaKeeper({ index: store, blobs, policy: policy() });
      const used = await jpeg(30, 30, 11);
      const orphan = await jpeg(30, 30, 12);
      const stray = new TextEncoder().encode('stored, never recorded');
      const a = await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: used });
      await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: orphan });
      await blobs.put(sha256Hex(stray), stray, 'text/plain');
      assert.ok('copy' in a);
      const p = emptyPost('news', 1, 'tme-html');
      p.media = [{ type: 'photo', supported: true, copy: a.copy }];
      await store.savePosts([p]);

      // Now: everything is younger than the grace period.
      const now = await collectMediaGarbage({ index: store, blobs });
      assert.deepEqual([now.unreferenced.files, now.strays.files, now.young], [0, 0, 2]);
      // Two hours later, a dry run first.
      const later = new Date(Date.now() + 2 * 3_600_000);
      const dry = await collectMediaGarbage({ index: store, blobs, now: later, dryRun: true });
      assert.deepEqual(dry.unreferenced.hashes, [sha256Hex(orphan)]);
      assert.deepEqual(dry.strays.hashes, [sha256Hex(stray)]);
      assert.equal(await blobs.size(sha256Hex(orphan)), orphan.length);
      const done = await collectMediaGarbage({ index: store, blobs, now: later });
      assert.deepEqual(done.unreferenced, { files: 1, bytes: orphan.length, hashes: [sha256Hex(orphan)] });
      assert.deepEqual(done.strays, { files: 1, bytes: stray.length, hashes: [sha256Hex(stray)] });
      assert.equal(await blobs.size(sha256Hex(orphan)), null);
      assert.equal(await blobs.size(sha256Hex(stray)), null);
      assert.equal(await store.getMediaFile(sha256Hex(orphan)), null);
      assert.equal(await blobs.size(sha256Hex(used)), used.length);
    } finally {
      await store.close();
    }
  });
});
