// The Store contract, collection part: follows and sync state, on every backend (called from storeContract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncState } from '../model/collection.js';
import { emptyChannel } from '../model/post.js';
import type { Store } from './store.js';

type Use = (fn: (store: Store) => Promise<void>) => () => Promise<void>;

const state = (patch: Partial<SyncState> = {}): SyncState => ({
  status: 'ok',
  lastError: null,
  errorCount: 0,
  nextCheckAt: '2024-09-10T00:00:00.000Z',
  lastSyncAt: '2024-09-09T12:00:00.000Z',
  topId: 120,
  bottomId: 3,
  bottomDate: '2024-01-02T00:00:00.000Z',
  reachedStart: false,
  misses: { '117': 1 },
  ...patch,
});

export function collectionContract(use: Use): void {
  describe('collection: follows', () => {
    it(
      'follow keeps the depth (post id, date or none), lists by channel, refollowing changes only the depth',
      use(async (store) => {
        assert.deepEqual(await store.listFollows(), []);
        await store.follow('zeta', 500);
        await store.follow('alpha', '2024-01-01');
        await store.follow('mid', null);
        const first = await store.listFollows();
        assert.deepEqual(
          first.map((f) => [f.channel, f.depth]),
          [
            ['alpha', '2024-01-01'],
            ['mid', null],
            ['zeta', 500],
          ],
        );
        for (const f of first) assert.ok(!Number.isNaN(Date.parse(f.addedAt)), `addedAt of ${f.channel}`);
        await store.follow('zeta', 10);
        const again = await store.listFollows();
        assert.equal(again.find((f) => f.channel === 'zeta')?.depth, 10);
        assert.equal(
          again.find((f) => f.channel === 'zeta')?.addedAt,
          first.find((f) => f.channel === 'zeta')?.addedAt,
          'refollowing keeps when it was first followed',
        );
      }),
    );
    it(
      'a followed channel is listed before its first post; unfollow says whether it was followed',
      use(async (store) => {
        await store.follow('newcomer', null);
        assert.ok((await store.listChannels()).some((c) => c.key === 'newcomer'));
        assert.equal(await store.unfollow('newcomer'), true);
        assert.equal(await store.unfollow('newcomer'), false);
        assert.deepEqual(await store.listFollows(), []);
      }),
    );
    it(
      'a follow inside a failed transaction is not kept',
      use(async (store) => {
        await assert.rejects(
          store.transaction(async () => {
            await store.follow('gone', null);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.deepEqual(await store.listFollows(), []);
      }),
    );
  });

  describe('collection: sync state', () => {
    it(
      'is null before the first save, read back as saved, replaced by the next save',
      use(async (store) => {
        await store.upsertChannel(emptyChannel('c'));
        assert.equal(await store.getSyncState('c'), null);
        await store.saveSyncState('c', state());
        assert.deepEqual(await store.getSyncState('c'), state());
        const failed = state({
          status: 'error',
          lastError: 'HTTP 502',
          errorCount: 2,
          misses: {},
          deepRecheckAt: '2024-09-10T01:00:00.000Z',
        });
        await store.saveSyncState('c', failed);
        assert.deepEqual(await store.getSyncState('c'), failed);
        assert.equal(await store.getSyncState('other'), null);
      }),
    );
    it(
      'is saved with the page of posts it describes: a failed transaction keeps the old state',
      use(async (store) => {
        await store.saveSyncState('c', state({ topId: 10 }));
        await assert.rejects(
          store.transaction(async () => {
            await store.saveSyncState('c', state({ topId: 20 }));
            assert.equal((await store.getSyncState('c'))?.topId, 20, 'read inside the transaction');
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal((await store.getSyncState('c'))?.topId, 10);
      }),
    );
  });
}
