// Importing an export again: what its summary says about posts it leaves out and about its HTML twin.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fixtureFiles, SKIP_NO_SHARED } from '../../test/shared.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { importFile } from './import.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-import-reimport-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A Desktop JSON export of channel 777 holding the given message ids. */
function exportOf(ids: number[]): string {
  const messages = ids.map((id) => ({
    id,
    type: 'message',
    date: '2024-05-01T10:00:00',
    date_unixtime: String(1714557600 + id * 60),
    text: `Post ${id} about the harbour.`,
  }));
  const file = join(dir, `result-${n++}.json`);
  writeFileSync(file, JSON.stringify({ name: 'Harbour', type: 'public_channel', id: 777, messages }));
  return file;
}

const fresh = (): Promise<Store> => openSqliteStore(join(dir, `archive-${n++}.db`));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("an export imported again without some of the archive's posts", () => {
  it('keeps them, counts them and names them in a notice', async () => {
    const store = await fresh();
    await importFile(store, exportOf(range(1, 20)), { channel: 'harbour' });
    const r = await importFile(store, exportOf(range(1, 20).filter((id) => id !== 7 && id !== 12)));
    assert.equal(r.notInFile, 2);
    assert.ok(
      r.notices.some((x) =>
        x.endsWith(
          "2 posts of channel harbour within this export's range (ids 1–20) are not in this file (kept: an export leaving a post out does not delete it): 7, 12",
        ),
      ),
      r.notices.join('\n'),
    );
    assert.equal(await store.countPosts({ channel: 'harbour' }), 20);
    await store.close();
  });

  it('says nothing of posts outside its range, nor of posts marked deleted', async () => {
    const store = await fresh();
    await importFile(store, exportOf(range(1, 30)), { channel: 'harbour' });
    await store.markDeleted('harbour', [15]);
    const r = await importFile(store, exportOf(range(10, 20).filter((id) => id !== 15)));
    assert.equal(r.notInFile, 0);
    assert.ok(!r.notices.some((x) => /not in this file/.test(x)), r.notices.join('\n'));
    await store.close();
  });

  it('names five ids and counts the rest', async () => {
    const store = await fresh();
    await importFile(store, exportOf(range(1, 40)), { channel: 'harbour' });
    const r = await importFile(store, exportOf([1, 40]));
    assert.equal(r.notInFile, 38);
    assert.ok(
      r.notices.some((x) => x.endsWith(': 2, 3, 4, 5, 6, …')),
      r.notices.join('\n'),
    );
    await store.close();
  });
});

const json = fixtureFiles('export_json').find((f) => basename(f).startsWith('alqaddaaree'));
const html = fixtureFiles('export_html').find((f) => basename(f).startsWith('alqaddaaree'));

describe(
  'the HTML export of a channel imported after its JSON export',
  { skip: json && html ? false : SKIP_NO_SHARED },
  () => {
    it('reports every post unchanged: the page carries nothing the JSON did not', async () => {
      const store = await fresh();
      const first = await importFile(store, json!, { channel: 'salaf' });
      assert.equal(first.added, 213);
      const twin = await importFile(store, html!);
      assert.deepEqual(
        { channels: twin.channels, added: twin.added, updated: twin.updated, unchanged: twin.unchanged },
        { channels: ['salaf'], added: 0, updated: 0, unchanged: 213 },
      );
      assert.equal(
        (await store.getPost('salaf', 5))?.service?.text,
        undefined,
        "the JSON's service reading stays",
      );
      await store.close();
    });
  },
);
