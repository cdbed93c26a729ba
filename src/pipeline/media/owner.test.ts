import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMediaStore } from '../../store/media/local.js';
import { OWNER_MARKER, type MediaBlobStore } from '../../store/media/blob-store.js';
import { openSqliteStore } from '../../store/sqlite/open.js';
import { collectMediaGarbage } from './gc.js';
import { sha256Hex } from './keep.js';
import { checkOwner, markOnFirstPut, MediaOwnerError } from './owner.js';

const enc = (t: string) => new TextEncoder().encode(t);

describe("the media store's owner: media gc of a copy of the archive deletes nothing (REPORT-s3 #2)", () => {
  let dir: string;
  let media: string;
  const stray = enc('a file the live archive stored after the copy was made');
  const old = new Date(Date.now() - 5 * 3_600_000);
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-owner-'));
    media = join(dir, 'media');
    const live = await openSqliteStore(join(dir, 'live.db'));
    await live.close();
    // The copy: the archive's file copied (a restore), opened where it lies, sharing the live archive's store.
    copyFileSync(join(dir, 'live.db'), join(dir, 'copy.db'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const withArchive = async <T>(
    name: string,
    fn: (s: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>,
  ) => {
    const s = await openSqliteStore(join(dir, name));
    try {
      return await fn(s);
    } finally {
      await s.close();
    }
  };

  it("the live archive's first file writes the marker naming it", async () => {
    await withArchive('live.db', async (live) => {
      const blobs: MediaBlobStore = markOnFirstPut(new LocalMediaStore(media), () => live.archiveIdentity());
      await blobs.put(sha256Hex(stray), stray, 'text/plain');
      const marker = JSON.parse(readFileSync(join(media, OWNER_MARKER), 'utf8')) as Record<string, string>;
      const me = await live.archiveIdentity();
      assert.equal(marker.archive, me.id);
      assert.equal(marker.database, me.database);
    });
    const h = sha256Hex(stray);
    utimesSync(join(media, h.slice(0, 2), h), old, old);
  });

  it('gc on the copy (same id, another file) refuses and removes nothing, dry run or not', async () => {
    await withArchive('copy.db', async (copy) => {
      const me = await copy.archiveIdentity();
      const live = await withArchive('live.db', (l) => l.archiveIdentity());
      assert.equal(me.id, live.id, 'a copied file is the same archive');
      assert.notEqual(me.database, live.database);
      for (const dryRun of [true, false])
        await assert.rejects(
          collectMediaGarbage({ index: copy, blobs: new LocalMediaStore(media), dryRun }),
          (e: unknown) => {
            assert.ok(e instanceof MediaOwnerError, String(e));
            assert.match(
              e.message,
              /nothing removed from .*this archive is a copy .*its own bucket or prefix/,
            );
            return true;
          },
        );
      assert.equal(await new LocalMediaStore(media).size(sha256Hex(stray)), stray.length);
    });
  });

  it("another archive's gc refuses too; the live archive's own removes its stray", async () => {
    await withArchive('other.db', async (other) => {
      await assert.rejects(
        collectMediaGarbage({ index: other, blobs: new LocalMediaStore(media) }),
        /belongs to another archive/,
      );
    });
    await withArchive('live.db', async (live) => {
      const r = await collectMediaGarbage({ index: live, blobs: new LocalMediaStore(media) });
      assert.equal(r.strays.files, 1);
    });
  });

  it('a store without a marker gets one at the first gc (not at a dry run); claim takes it over', async () => {
    const fresh = new LocalMediaStore(join(dir, 'fresh'));
    await withArchive('copy.db', async (copy) => {
      const me = await copy.archiveIdentity();
      await collectMediaGarbage({ index: copy, blobs: fresh, dryRun: true });
      assert.equal(await fresh.readOwner(), null);
      await collectMediaGarbage({ index: copy, blobs: fresh });
      assert.deepEqual(await checkOwner(fresh, me), { state: 'ours' });
      // The copy replacing the live archive for good: claimed, its gc then runs on the shared store.
      await checkOwner(new LocalMediaStore(media), me, { claim: true });
      await collectMediaGarbage({ index: copy, blobs: new LocalMediaStore(media) });
    });
  });
});
