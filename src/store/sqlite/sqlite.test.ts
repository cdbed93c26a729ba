// Runs the Store contract on a real SQLite file, plus what only SQLite has: migrations, version refusal, the file.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { storeContract } from '../contract.testkit.js';
import { StoreError } from '../../util/errors.js';
import { emptyPost } from '../../model/post.js';
import { SCHEMA_VERSION, migrations, openSqliteStore } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-sqlite-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

storeContract('sqlite', async () => {
  const dir = join(root, `c${n++}`);
  const store = await openSqliteStore(join(dir, 'nested', 'archive.db'));
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('sqlite store', () => {
  it('creates the folder, records every migration, uses WAL and foreign keys', async () => {
    const file = join(root, 'm', 'deep', 'a.db');
    const store = await openSqliteStore(file);
    await store.close();
    assert.ok(existsSync(file));
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    assert.deepEqual(
      rows,
      migrations.map((m) => ({ version: m.version, name: m.name })),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });
  it('refuses a database stamped with a newer schema, with what to do', async () => {
    const file = join(root, 'newer.db');
    await (await openSqliteStore(file)).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'future', 'x')").run();
    db.close();
    await assert.rejects(openSqliteStore(file), (e: unknown) => {
      assert.ok(e instanceof StoreError);
      assert.equal(
        e.message,
        `database schema v7 is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
      );
      return true;
    });
  });
  it('keeps the data across close and reopen, and opens read-only', async () => {
    const file = join(root, 'persist.db');
    const s1 = await openSqliteStore(file);
    await s1.savePosts([{ ...emptyPost('c', 1, 'text'), text: 'persisted kazan' }]);
    await s1.close();
    const s2 = await openSqliteStore(file, { readonly: true });
    assert.equal((await s2.getPost('c', 1))?.text, 'persisted kazan');
    assert.equal((await s2.search('kazan')).total, 1);
    await assert.rejects(s2.savePosts([{ ...emptyPost('c', 2, 'text'), text: 'x' }]), StoreError);
    await s2.close();
  });
  it('a file that is not a database is a StoreError naming the file', async () => {
    const file = join(root, 'junk.db');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, 'this is not sqlite at all, just some text that is long enough to be a header');
    await assert.rejects(
      openSqliteStore(file),
      (e: unknown) => e instanceof StoreError && e.message.includes(file),
    );
  });
});
