// `channels relabel` over real exports: the labels it gives are a fixed point (a second run changes none).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { importFile } from '../src/pipeline/import.js';
import { createEnricher, relabelChannel } from '../src/pipeline/enrich.js';
import { SKIP_NO_SHARED, fixtureFiles } from './shared.js';

const files = [...fixtureFiles('export_json'), ...fixtureFiles('export_html')];

if (files.length === 0) it('relabel over the real exports', (t) => t.skip(SKIP_NO_SHARED));
for (const file of files)
  it(`relabel of ${basename(file)} twice: the second run changes nothing`, async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const r = await importFile(store, file, {}, await createEnricher(store));
      for (const channel of r.channels) {
        await relabelChannel(store, channel);
        assert.equal((await relabelChannel(store, channel)).changed, 0, channel);
      }
    } finally {
      await store.close();
    }
  });
