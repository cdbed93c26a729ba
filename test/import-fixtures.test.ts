// Every real captured file imports through the pipeline into a real SQLite file, idempotently; exports twins agree.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { importFile } from '../src/pipeline/import.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import type { Store } from '../src/store/store.js';
import { FIXTURE_FOLDERS, fixtureFiles, SKIP_NO_SHARED, sharedDir } from './shared.js';

const FOLDERS = FIXTURE_FOLDERS;

describe('importing every file of ../shared/fixtures', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-fixtures-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has the fixtures', (t) => {
    if (!sharedDir()) return t.skip(SKIP_NO_SHARED);
    assert.ok(FOLDERS.every((f) => fixtureFiles(f).length > 0));
  });

  for (const folder of FOLDERS) {
    for (const file of fixtureFiles(folder)) {
      it(`${folder}/${basename(file)} imports, stores every post it yields, and a re-import changes nothing`, async () => {
        const store: Store = await openSqliteStore(join(dir, `${folder}-${basename(file)}.db`));
        try {
          const first = await importFile(store, file, { channel: 'fixture' });
          assert.equal(first.added, first.posts, 'every post yielded is a new row');
          let stored = 0;
          for (const ch of first.channels) stored += await store.countPosts({ channel: ch });
          assert.equal(stored, first.posts);
          const again = await importFile(store, file, { channel: 'fixture' });
          assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, first.posts]);
        } finally {
          await store.close();
        }
      });
    }
  }

  it('a Desktop JSON export and its HTML twin land on the same posts', async (t) => {
    const json = fixtureFiles('export_json').find((f) => f.includes('alqaddaaree'));
    const html = fixtureFiles('export_html').find((f) => f.includes('alqaddaaree'));
    if (!json || !html) return t.skip(SKIP_NO_SHARED);
    const store = await openSqliteStore(join(dir, 'twins.db'));
    try {
      const a = await importFile(store, json, { channel: 'salaf' });
      const b = await importFile(store, html, { channel: 'salaf' });
      assert.equal(a.posts, 213);
      assert.equal(b.posts, 213);
      assert.equal(b.added, 0, 'the HTML export adds no post the JSON export did not have');
      assert.equal(await store.countPosts({ channel: 'salaf' }), 213);
      // The HTML carries less (no edit dates, rounded sizes): merging it must not create text versions.
      let versioned = 0;
      for await (const p of store.iteratePosts({ channel: 'salaf' })) {
        if ((await store.getVersions('salaf', p.id)).length > 1) versioned++;
      }
      assert.equal(versioned, 0, 'the same text from the twin is not a new version');
    } finally {
      await store.close();
    }
  });

  it('a t.me page and an export of the same channel meet through the numeric channel id', async (t) => {
    if (!sharedDir()) return t.skip(SKIP_NO_SHARED);
    // A scrape records the channel's numeric id (data-view); an export without username then lands on it.
    const store = await openSqliteStore(join(dir, 'identity.db'));
    try {
      const page = fixtureFiles('tme_s_html').find((f) => f.includes('lexfridman'))!;
      const r = await importFile(store, page);
      const ch = await store.getChannel(r.channels[0]!);
      assert.equal(ch?.username, 'lexfridman');
      assert.ok(ch?.numericId && ch.numericId > 0, 'numeric id kept from data-view');
    } finally {
      await store.close();
    }
  });
});
