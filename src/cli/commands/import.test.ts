// After an import into a SQLite file, the search index is merged when that is worth it, and never otherwise.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost } from '../../model/post.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { mergeAfterImport } from './import.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-import-merge-'));
after(() => rmSync(root, { recursive: true, force: true }));

it('merges the index of a SQLite archive an import left in segments, and leaves a small or merged one alone', async () => {
  const store = await openSqliteStore(join(root, 'a.db'));
  try {
    for (let b = 0; b < 10; b++) {
      const posts = Array.from({ length: 30 }, (_, i) => {
        const p = emptyPost('c', b * 30 + i + 1, 'text');
        p.text = `brics summit ${b} post ${i}`;
        return p;
      });
      await store.transaction(() => store.savePosts(posts));
    }
    assert.equal(await mergeAfterImport(store), null, 'a small index is left alone');
    assert.match(
      (await mergeAfterImport(store, { minPages: 0 })) ?? '',
      /^search index: \d+ segments merged into 1 \(/,
    );
    assert.equal(await mergeAfterImport(store, { minPages: 0 }), null, 'one segment: nothing to do');
    assert.equal((await store.search('brics', { limit: 1 })).total, 300);
  } finally {
    await store.close();
  }
  const memory = await openSqliteStore(':memory:');
  assert.equal(await mergeAfterImport(memory, { minPages: 0 }), null);
  await memory.close();
});
