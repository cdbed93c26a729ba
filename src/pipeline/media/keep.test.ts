import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { openSqliteStore } from '../../store/sqlite/open.js';
import type { Store } from '../../store/store.js';
import { LocalMediaStore } from '../../store/media/local.js';
import { createMediaKeeper, sha256Hex, type MediaPolicy } from './keep.js';
import { makePreview } from './thumbnail.js';

const policy = (patch: Partial<MediaPolicy> = {}): MediaPolicy => ({
  kinds: new Set(['photo', 'video', 'voice', 'document']),
  maxFileBytes: 10_000_000,
  maxChannelBytes: 50_000_000,
  maxTotalBytes: 50_000_000,
  ...patch,
});

const jpeg = (w: number, h: number, seed = 0) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: seed % 255, g: 80, b: 120 } } })
    .jpeg()
    .toBuffer()
    .then((b) => new Uint8Array(b));

const collect = async (s: NodeJS.ReadableStream) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

describe('media keeper', () => {
  let dir: string;
  let store: Store;
  let blobs: LocalMediaStore;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-keep-'));
    store = await openSqliteStore(join(dir, 'a.db'));
    blobs = new LocalMediaStore(join(dir, 'media'));
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps a photo once by its hash, with the type read from the bytes, and serves its bytes back', async () => {
    const keeper = createMediaKeeper({ index: store, blobs, policy: policy() });
    const bytes = await jpeg(40, 30);
    const a = await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes });
    const b = await keeper.keep({ channel: 'other', kind: 'photo', role: 'file', bytes });
    assert.deepEqual(a, { copy: { sha256: sha256Hex(bytes), size: bytes.length, type: 'image/jpeg' } });
    assert.deepEqual(b, a);
    const record = await store.getMediaFile(sha256Hex(bytes));
    assert.equal(record?.channel, 'news');
    const blob = await blobs.read(sha256Hex(bytes), { start: 0, end: 2 });
    assert.deepEqual([...(await collect(blob!.body))], [0xff, 0xd8, 0xff]);
    assert.equal(blob!.size, bytes.length);
  });

  it('refuses bytes that are not the kind the post claims, and kinds the config does not keep', async () => {
    const keeper = createMediaKeeper({ index: store, blobs, policy: policy() });
    const page = new TextEncoder().encode('<!doctype html><html><body>expired</body></html>');
    assert.deepEqual(await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: page }), {
      skipped: { reason: 'type_mismatch', size: page.length, detail: 'application/octet-stream' },
    });
    assert.deepEqual(await keeper.keep({ channel: 'news', kind: 'audio', role: 'file', bytes: page }), {
      skipped: { reason: 'kind' },
    });
    // A document may be anything: a text file is kept as it is.
    const doc = await keeper.keep({ channel: 'news', kind: 'document', role: 'file', bytes: page });
    assert.ok('copy' in doc);
  });

  it('records a file over the file cap as skipped with its size; the channel and total caps hold', async () => {
    const sub = mkdtempSync(join(dir, 'caps-'));
    const s2 = await openSqliteStore(join(sub, 'b.db'));
    try {
      const small = await jpeg(20, 20, 1);
      const keeper = createMediaKeeper({
        index: s2,
        blobs: new LocalMediaStore(join(sub, 'media')),
        policy: policy({ maxFileBytes: small.length - 1 }),
      });
      assert.deepEqual(await keeper.keep({ channel: 'c', kind: 'photo', role: 'file', bytes: small }), {
        skipped: { reason: 'too_large', size: small.length },
      });
      const capped = createMediaKeeper({
        index: s2,
        blobs: new LocalMediaStore(join(sub, 'media')),
        policy: policy({ maxTotalBytes: small.length * 2 + 10 }),
      });
      const photos = await Promise.all([1, 2, 3, 4].map((i) => jpeg(20, 20, i * 40)));
      const outcomes = [];
      for (const bytes of photos)
        outcomes.push(await capped.keep({ channel: 'c', kind: 'photo', role: 'file', bytes }));
      assert.equal(outcomes.filter((o) => 'copy' in o).length, 2);
      assert.ok(outcomes.slice(2).every((o) => 'skipped' in o && o.skipped.reason === 'total_cap'));
      const total = (await s2.mediaTotals()).reduce((n, t) => n + t.bytes, 0);
      assert.ok(total <= small.length * 2 + 10, `total ${total}`);
    } finally {
      await s2.close();
    }
  });

  it('makes a preview of a large photo once and links it', async () => {
    const keeper = createMediaKeeper({ index: store, blobs, policy: policy(), previewer: makePreview });
    const big = await jpeg(2400, 1600, 7);
    const kept = await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: big });
    assert.ok('copy' in kept && kept.copy.preview);
    const preview = await store.getMediaFile(kept.copy.preview);
    assert.equal(preview?.kind, 'preview');
    const meta = await sharp(await collect((await blobs.read(kept.copy.preview))!.body)).metadata();
    assert.equal(Math.max(meta.width!, meta.height!), 1280);
    const again = await keeper.keep({ channel: 'news', kind: 'photo', role: 'file', bytes: big });
    assert.deepEqual(again, kept);
  });
});
