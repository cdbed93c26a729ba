// Stories over the real exports of ../shared/fixtures: a channel in one language has no translations in it (the
// 908-message Chinese export above all: its daily digests and releases share dates, numbers and names).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { fixtureFiles, SKIP_NO_SHARED, sharedDir } from '../../test/shared.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { importFile } from './import.js';
import { rebuildStories } from './stories.js';

const files = ['export_html', 'export_json'].flatMap((d) => fixtureFiles(d));

describe('stories of the real exports', { skip: sharedDir() ? false : SKIP_NO_SHARED }, () => {
  for (const file of files)
    it(`${basename(file)}: a translation joins posts of two languages only`, async () => {
      const store = await openSqliteStore(':memory:');
      try {
        await importFile(store, file, { channel: 'fixture' });
        await rebuildStories(store);
        const lang = new Map<string, string | null>();
        const stories = new Set<string>();
        for await (const p of store.iteratePosts({})) {
          lang.set(`${p.channel}/${p.id}`, p.lang ?? null);
          if (p.story) stories.add(p.story);
        }
        assert.ok(lang.size > 0, 'posts imported');
        // The Chinese library channel is in one language: no translation at all.
        const oneLanguage = basename(file).startsWith('goddaneel');
        if (oneLanguage) assert.ok(lang.size > 800, `${lang.size} posts`);
        for (const id of stories)
          for (const m of await store.getStoryMembers(id)) {
            if (m.reason !== 'translation') continue;
            assert.ok(!oneLanguage, `${m.channel}/${m.id} in story ${id}`);
            const own = lang.get(`${m.channel}/${m.id}`);
            for (const k of m.evidence?.matched ?? [])
              assert.notEqual(lang.get(k), own, `${m.channel}/${m.id} (${own}) a translation of ${k}`);
          }
      } finally {
        await store.close();
      }
    });
});
