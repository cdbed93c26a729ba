import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost } from '../../model/post.js';
import { LocalMediaStore } from '../../store/media/local.js';
import { openSqliteStore } from '../../store/sqlite/open.js';
import type { Store } from '../../store/store.js';
import { copyRecordedMedia, LOST_DETAIL, verifyMedia } from './copy-recorded.js';
import { sha256Hex } from './keep.js';

const enc = (t: string) => new TextEncoder().encode(t);

describe('recorded media: copied between stores, checked against the records', () => {
  let dir: string;
  let store: Store;
  const files = ['first file', 'second file', 'lost file'].map(enc);
  const [a, b, lost] = files.map(sha256Hex) as [string, string, string];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-copy-recorded-'));
    store = await openSqliteStore(join(dir, 'a.db'));
    const source = new LocalMediaStore(join(dir, 'source'));
    for (const [i, bytes] of files.entries()) {
      const sha256 = sha256Hex(bytes);
      await store.copyMediaFile({
        sha256,
        size: bytes.length,
        contentType: 'text/plain',
        kind: 'document',
        channel: 'news',
        createdAt: '2026-01-01T00:00:00.000Z',
        preview: null,
      });
      // The third is recorded but its bytes never reached the source store.
      if (i < 2) await source.put(sha256, bytes);
    }
    const copy = (sha256: string) => ({ sha256, size: 1, type: 'text/plain' });
    await store.savePosts([
      {
        ...emptyPost('news', 1, 'tme-html'),
        media: [
          { type: 'document', url: 'https://cdn/a', supported: true, copy: copy(a) },
          { type: 'document', url: 'https://cdn/l', supported: true, copy: copy(lost) },
        ],
      },
    ]);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the bytes of every recorded file once, and counts the ones the source lacks (REPORT-s3 #1)', async () => {
    const source = new LocalMediaStore(join(dir, 'source'));
    const target = new LocalMediaStore(join(dir, 'target'));
    const seen: number[] = [];
    const first = await copyRecordedMedia(store, source, target, (n) => seen.push(n));
    assert.deepEqual(first, { copied: 2, bytes: 21, present: 0, missing: 1, missingHashes: [lost] });
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(await target.size(a), files[0]!.length);
    assert.equal(await target.size(b), files[1]!.length);
    // A re-run copies nothing again.
    const again = await copyRecordedMedia(store, source, target);
    assert.deepEqual(again, { copied: 0, bytes: 0, present: 2, missing: 1, missingHashes: [lost] });
  });

  it('verify finds a record whose bytes the store lacks; --mark makes its item one media fetch tries again', async () => {
    const target = new LocalMediaStore(join(dir, 'target'));
    const r = await verifyMedia(store, target);
    assert.equal(r.checked, 3);
    assert.equal(r.ok, 2);
    assert.deepEqual(r.missingHashes, [lost]);
    assert.equal(r.marked, 0);
    assert.ok((await store.getPost('news', 1))!.media[1]!.copy, 'nothing changes without --mark');

    const marked = await verifyMedia(store, target, { mark: true });
    assert.equal(marked.marked, 1);
    const [kept, gone] = (await store.getPost('news', 1))!.media;
    assert.equal(kept!.copy?.sha256, a);
    assert.equal(gone!.copy, undefined);
    assert.deepEqual(gone!.skipped, { reason: 'failed', detail: LOST_DETAIL });
    assert.equal((await store.getVersions('news', 1)).length, 1, 'no new version of the post');
  });
});
