// The Store contract, media part: the index of kept files and its caps, on every backend (called from storeContract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost } from '../model/post.js';
import type { Store } from './store.js';

type Use = (fn: (store: Store) => Promise<void>) => () => Promise<void>;

const hash = (c: string) => c.repeat(64);
const NONE = { maxTotalBytes: Number.MAX_SAFE_INTEGER, maxChannelBytes: Number.MAX_SAFE_INTEGER };
const file = (c: string, size: number, channel: string | null = 'news') => ({
  sha256: hash(c),
  size,
  contentType: 'image/jpeg',
  kind: 'photo' as const,
  channel,
});

export function mediaContract(use: Use): void {
  describe('media index', () => {
    it(
      "names the archive: an id made once and where this copy lives, the same on every call (media gc's owner marker)",
      use(async (store) => {
        const a = await store.archiveIdentity();
        assert.match(a.id, /^[0-9a-f-]{36}$/);
        assert.ok(a.database.length > 0);
        assert.deepEqual(await store.archiveIdentity(), a);
      }),
    );
    it(
      'records a file once, returns it, forgets it',
      use(async (store) => {
        assert.equal(await store.reserveMediaFile(file('a', 10), NONE, '2024-09-09T00:00:00.000Z'), 'added');
        assert.equal(await store.reserveMediaFile(file('a', 10, 'other'), NONE), 'present');
        assert.deepEqual(await store.getMediaFile(hash('a')), {
          sha256: hash('a'),
          size: 10,
          contentType: 'image/jpeg',
          kind: 'photo',
          channel: 'news',
          createdAt: '2024-09-09T00:00:00.000Z',
          preview: null,
        });
        await store.setMediaPreview(hash('a'), hash('b'));
        assert.equal((await store.getMediaFile(hash('a')))?.preview, hash('b'));
        assert.equal(await store.removeMediaFile(hash('a')), true);
        assert.equal(await store.removeMediaFile(hash('a')), false);
        assert.equal(await store.getMediaFile(hash('a')), null);
      }),
    );

    it(
      'never passes the total cap or a channel cap; a refused file is not recorded',
      use(async (store) => {
        const caps = { maxTotalBytes: 100, maxChannelBytes: 60 };
        assert.equal(await store.reserveMediaFile(file('1', 50), caps), 'added');
        assert.equal(await store.reserveMediaFile(file('2', 20), caps), 'channel_cap');
        assert.equal(await store.reserveMediaFile(file('3', 10), caps), 'added');
        assert.equal(await store.channelMediaBytes('news'), 60);
        assert.equal(await store.reserveMediaFile(file('4', 45, 'b'), caps), 'total_cap');
        assert.equal(await store.reserveMediaFile(file('5', 40, 'b'), caps), 'added');
        assert.equal(await store.getMediaFile(hash('2')), null);
        assert.equal(await store.getMediaFile(hash('4')), null);
        // Reservations at once (one process's many downloads): the cap still holds.
        const tries = await Promise.all(
          ['6', '7', '8', '9'].map((c) =>
            store.reserveMediaFile(file(c, 1, 'c'), { ...caps, maxChannelBytes: 100 }),
          ),
        );
        assert.deepEqual(tries, ['total_cap', 'total_cap', 'total_cap', 'total_cap']);
        const totals = await store.mediaTotals();
        assert.deepEqual(totals, [{ kind: 'photo', files: 3, bytes: 100 }]);
      }),
    );

    it(
      "counts a channel's media items that failed and have no copy yet (media fetch's work)",
      use(async (store) => {
        const photo = { type: 'photo' as const, supported: true };
        const failed = {
          reason: 'failed' as const,
          detail: 'not stored: media store: cannot reach bucket b',
        };
        const p = emptyPost('news', 1, 'tme-html');
        p.media = [
          { ...photo, skipped: failed },
          { ...photo, skipped: failed },
          { ...photo, skipped: { reason: 'too_large' as const, size: 9 } },
          { ...photo, copy: { sha256: hash('a'), size: 1, type: 'image/jpeg' } },
        ];
        const q = emptyPost('news', 2, 'tme-html');
        q.media = [{ ...photo, skipped: failed }];
        const other = emptyPost('other', 1, 'tme-html');
        other.media = [{ ...photo, skipped: failed }];
        await store.savePosts([p, q, other, emptyPost('quiet', 1, 'tme-html')]);
        assert.equal(await store.channelMediaFailed('news'), 3);
        assert.equal(await store.channelMediaFailed('other'), 1);
        assert.equal(await store.channelMediaFailed('quiet'), 0);
        assert.equal(await store.channelMediaFailed('nobody'), 0);
      }),
    );

    it(
      'unreferenced files are those no post media refers to (deleted posts keep theirs)',
      use(async (store) => {
        for (const c of ['a', 'b', 'c', 'd', 'e']) await store.reserveMediaFile(file(c, 1), NONE);
        const p = emptyPost('news', 1, 'tme-html');
        p.media = [
          {
            type: 'photo',
            supported: true,
            copy: { sha256: hash('a'), size: 1, type: 'image/jpeg', preview: hash('b') },
          },
        ];
        const q = emptyPost('news', 2, 'tme-html');
        q.media = [
          { type: 'video', supported: true, thumbCopy: { sha256: hash('c'), size: 1, type: 'image/jpeg' } },
        ];
        await store.savePosts([p, q]);
        await store.markDeleted('news', [2]);
        assert.deepEqual(await store.unreferencedMediaFiles(), [hash('d'), hash('e')]);
      }),
    );
  });
}
