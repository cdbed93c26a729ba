// The Store contract, saved searches part: add, replace, list by name, remove (called from storeContract).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from './store.js';

type Use = (fn: (store: Store) => Promise<void>) => () => Promise<void>;

export function savedSearchContract(use: Use): void {
  describe('saved searches', () => {
    it(
      'keeps a search under its name, exactly as given',
      use(async (store) => {
        assert.equal(await store.getSavedSearch('brics'), null);
        const s = {
          name: 'brics',
          query: 'brics OR брикс -#ad "Kazan summit"',
          createdAt: '2024-10-22T08:00:00.000Z',
        };
        await store.saveSearch(s);
        assert.deepEqual(await store.getSavedSearch('brics'), s);
        assert.equal(await store.getSavedSearch('BRICS'), null, 'names are compared as written');
      }),
    );

    it(
      'replaces a search of the same name; lists by name',
      use(async (store) => {
        await store.saveSearch({ name: 'zeta', query: 'z', createdAt: '2024-01-01T00:00:00.000Z' });
        await store.saveSearch({ name: 'alpha-1', query: 'a', createdAt: '2024-01-02T00:00:00.000Z' });
        await store.saveSearch({ name: 'alpha_2', query: 'b', createdAt: '2024-01-03T00:00:00.000Z' });
        await store.saveSearch({ name: 'zeta', query: 'zz lang:ru', createdAt: '2024-01-04T00:00:00.000Z' });
        assert.deepEqual(await store.listSavedSearches(), [
          { name: 'alpha-1', query: 'a', createdAt: '2024-01-02T00:00:00.000Z' },
          { name: 'alpha_2', query: 'b', createdAt: '2024-01-03T00:00:00.000Z' },
          { name: 'zeta', query: 'zz lang:ru', createdAt: '2024-01-04T00:00:00.000Z' },
        ]);
      }),
    );

    it(
      'removes a search; removing one that is not there says so',
      use(async (store) => {
        await store.saveSearch({ name: 'a', query: 'x', createdAt: '2024-01-01T00:00:00.000Z' });
        await store.saveSearch({ name: 'b', query: 'y', createdAt: '2024-01-01T00:00:00.000Z' });
        assert.equal(await store.removeSavedSearch('a'), true);
        assert.equal(await store.removeSavedSearch('a'), false);
        assert.equal(await store.getSavedSearch('a'), null);
        assert.deepEqual(
          (await store.listSavedSearches()).map((s) => s.name),
          ['b'],
        );
      }),
    );

    it(
      'joins a transaction: a failed one keeps no saved search',
      use(async (store) => {
        await assert.rejects(
          store.transaction(async () => {
            await store.saveSearch({ name: 'gone', query: 'x', createdAt: '2024-01-01T00:00:00.000Z' });
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.getSavedSearch('gone'), null);
      }),
    );
  });
}
