// Test kit for the t.me collector: a fake t.me, an in-memory archive and the context a sync runs with.
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';
import { createHttpClient } from '../../util/http.js';
import { createPacer } from '../../util/pace.js';
import { startFakeTme, type FakeTmeOptions } from '../../../test/fake-tme/index.js';
import { memorySyncState, type CollectContext } from './index.js';

const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 };

export async function setup(fakeOptions: FakeTmeOptions, intervalMs = 0) {
  const fake = await startFakeTme(fakeOptions);
  const store = await openSqliteStore(':memory:');
  const syncState = memorySyncState();
  const http = createHttpClient({
    timeoutMs: 2000,
    retry: FAST_RETRY,
    pacer: createPacer({ intervalMs, jitterMs: intervalMs / 4 }),
  });
  const ctx: CollectContext = { store, syncState, http, baseUrl: fake.baseUrl };
  return {
    fake,
    store,
    syncState,
    ctx,
    async [Symbol.asyncDispose]() {
      await fake.close();
      await store.close();
    },
  };
}

export async function storedIds(store: Store, channel: string, includeDeleted = true): Promise<number[]> {
  return (await store.queryPosts({ channel, includeDeleted })).map((p) => p.id).sort((a, b) => a - b);
}
