// Imports commit in batches: other writers get their turn, and a file that fails or is cut off keeps nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { createEnricher, type Enricher } from './enrich.js';
import { importFile, recoverCutOffImports } from './import.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-import-batches-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A Desktop JSON export of one channel with `posts` posts. */
function exportFile(posts: number, channelId = 1234567): string {
  const messages = Array.from({ length: posts }, (_, i) => ({
    id: i + 1,
    type: 'message',
    date: `2024-05-01T10:${String(i % 60).padStart(2, '0')}:00`,
    date_unixtime: String(1714557600 + i * 60),
    from: 'Harbour news',
    from_id: `channel${channelId}`,
    text: `Post ${i + 1} about the harbour and the bridge.`,
  }));
  const file = join(dir, `result-${n++}.json`);
  writeFileSync(
    file,
    JSON.stringify({ name: 'Harbour news', type: 'public_channel', id: channelId, messages }),
  );
  return file;
}

async function fresh(): Promise<Store> {
  return openSqliteStore(join(dir, `archive-${n++}.db`));
}

describe('imports in batches', () => {
  it('another write waits one batch of an import, not the whole file', async () => {
    const store = await fresh();
    const order: string[] = [];
    let other: Promise<void> | null = null;
    await importFile(store, exportFile(200), {
      batchSize: 20,
      onProgress: () => {
        other ??= store.follow('elsewhere', null).then(() => void order.push('other write'));
      },
    });
    order.push('import done');
    await other;
    assert.deepEqual(order, ['other write', 'import done']);
    assert.equal(await store.countPosts({}), 200);
    await store.close();
  });

  it('an import that fails part-way takes back the batches it committed: nothing of the file stays', async () => {
    const store = await fresh();
    const real = await createEnricher(store);
    let batches = 0;
    const failing: Enricher = {
      prepare: (p) => real.prepare(p),
      afterSave: async (p) => {
        if (++batches === 4) throw new Error('the disk is full');
        await real.afterSave(p);
      },
      finish: () => real.finish(),
    };
    await assert.rejects(importFile(store, exportFile(200), { batchSize: 20 }, failing), /the disk is full/);
    assert.equal(batches, 4, 'three batches were committed before the failure');
    assert.equal(await store.countPosts({}), 0);
    assert.deepEqual(await store.listChannels(), []);
    assert.deepEqual(await store.unfinishedImportBatches(), []);
    const [batch] = await store.listImportBatches();
    assert.ok(batch?.undoneAt, 'listed as undone');
    await store.close();
  });

  it('an import cut off by a kill is taken back by the next import; a running one is left alone', async () => {
    const store = await fresh();
    // What a killed import leaves: its record (owner: a process that is gone), two batches of posts committed.
    const cut = await store.startImportBatch({
      file: 'killed.json',
      format: 'export-json',
      startedAt: '2024-05-01T00:00:00.000Z',
      owner: `${hostname()}:2147483646`,
    });
    const running = await store.startImportBatch({
      file: 'running.json',
      format: 'export-json',
      startedAt: '2024-05-01T00:00:00.000Z',
      owner: `${hostname()}:${process.ppid}`,
    });
    await store.upsertChannel({
      key: 'killed',
      username: null,
      numericId: null,
      title: null,
      description: null,
      subscribers: null,
      avatarUrl: null,
      kind: null,
    });
    await store.progressImportBatch(cut, { channels: ['killed'], created: ['killed'] });
    const posts = Array.from({ length: 30 }, (_, i) => ({
      channel: 'killed',
      id: i + 1,
      date: '2024-05-01T10:00:00.000Z',
      edited: false,
      editDate: null,
      author: null,
      text: `half-imported ${i}`,
      entities: [],
      forwardedFrom: null,
      replyTo: null,
      groupId: null,
      media: [],
      views: null,
      reactions: [],
      service: null,
      source: 'export-json' as const,
      lang: null,
    }));
    await store.noteImportPosts(cut, posts);
    await store.savePosts(posts);
    assert.equal(await store.countPosts({ channel: 'killed' }), 30);

    const r = await importFile(store, exportFile(5));
    assert.ok(
      r.notices.some((m) => /killed\.json: import batch \d+ did not finish: its 30 posts/.test(m)),
      r.notices.join('\n'),
    );
    assert.equal(await store.countPosts({ channel: 'killed' }), 0);
    assert.equal(await store.getChannel('killed'), null);
    assert.deepEqual(
      (await store.unfinishedImportBatches()).map((b) => b.id),
      [running],
    );
    assert.deepEqual(await recoverCutOffImports(store), []);
    await store.close();
  });
});
