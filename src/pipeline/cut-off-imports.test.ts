// Imports killed while serve runs are taken back by serve's own loop; two processes finding the same one undo it once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore } from '../store/postgres/index.js';
import type { Store } from '../store/store.js';
import { PG_URL, schemaPool } from '../../test/pg.js';
import { keepCutOffImportsTakenBack } from './cut-off-imports.js';
import { leaveCutOffImport } from './cut-off.testkit.js';
import { recoverCutOffImports, rollBackImport } from './import.js';

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'tgwire-cut-off-'))));
const schemas = schemaPool('cutoff');
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await schemas.dropAll();
});

describe('imports cut off while the archive is open', () => {
  it('the running loop takes back an import killed after it started, and says so once', async () => {
    const store = await openSqliteStore(join(dir, 'loop.db'));
    const stop = new AbortController();
    const lines: string[] = [];
    const task = keepCutOffImportsTakenBack(store, {
      signal: stop.signal,
      everyMs: 5,
      log: (l) => lines.push(l),
    });
    // The import dies after the loop is up: only a later look can see it.
    await leaveCutOffImport(store, { file: 'big.json', channel: 'bigchan2', posts: 40 });
    for (let i = 0; i < 400 && (await store.countPosts({ channel: 'bigchan2' })) > 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    stop.abort();
    await task.done;
    assert.equal(await store.countPosts({ channel: 'bigchan2' }), 0);
    assert.equal(await store.getChannel('bigchan2'), null);
    assert.deepEqual(await store.unfinishedImportBatches(), []);
    assert.deepEqual(
      lines.filter((l) => l.startsWith('import taken back')),
      [
        'import taken back: big.json: import batch 1 did not finish: its 40 posts saved so far were taken back',
      ],
    );
    await store.close();
  });

  // Two archives on one database: two processes (serve's loop and a command opening the archive at that moment).
  const backends: [string, (() => Promise<[Store, Store]>) | null][] = [
    [
      'SQLite',
      async () => {
        const path = join(dir, `race-${Math.random().toString(36).slice(2)}.db`);
        return [await openSqliteStore(path), await openSqliteStore(path)];
      },
    ],
    [
      'PostgreSQL',
      PG_URL
        ? async () => {
            const schema = schemas.fresh();
            const one = await openPostgresStore(PG_URL!, { schema });
            return [one, await openPostgresStore(PG_URL!, { schema })];
          }
        : null,
    ],
  ];
  for (const [name, open] of backends)
    it(
      `${name}: two processes taking back the same import undo it once, and its record keeps its counts`,
      { skip: open ? false : 'TGWIRE_TEST_PG is not set' },
      async () => {
        const [one, two] = await open!();
        await leaveCutOffImport(one, { file: 'big.json', channel: 'bigchan2', posts: 30 });
        // Both found it before either took it back.
        const [seenByOne] = await one.unfinishedImportBatches();
        const [seenByTwo] = await two.unfinishedImportBatches();
        const said = await Promise.all([rollBackImport(one, seenByOne!), rollBackImport(two, seenByTwo!)]);
        assert.deepEqual(
          said.filter((s) => s !== null),
          [`import batch ${seenByOne!.id} did not finish: its 30 posts saved so far were taken back`],
        );
        assert.deepEqual(await recoverCutOffImports(two), []);
        assert.equal(await two.countPosts({ channel: 'bigchan2' }), 0);
        const [batch] = await one.listImportBatches();
        assert.equal(batch?.added, 30, 'the record still says what the import had added');
        assert.ok(batch?.undoneAt);
        await one.close();
        await two.close();
      },
    );
});
