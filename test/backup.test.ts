// `tgwire backup FILE`: a copy of a SQLite archive taken while another process writes holds what that process
// wrote (a plain copy of the file misses what is still in the write-ahead log), with its media files beside it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, importDemo, tgwire } from './cli.testkit.js';

const dir = mkdtempSync(join(tmpdir(), 'tgwire-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const db = join(dir, 'live', 'tgwire.db');
const bk = join(dir, 'bk');
let writer: SqliteStore;

const deletedIn = async (file: string): Promise<number> => {
  const s = await openSqliteStore(file);
  try {
    return (await s.stats()).deleted;
  } finally {
    await s.close();
  }
};

describe('tgwire backup', () => {
  before(async () => {
    mkdirSync(join(dir, 'live'));
    mkdirSync(bk);
    importDemo(db);
    // Another process's last changes, still in the write-ahead log: this connection stays open, so nothing
    // checkpoints them into the file (as with serve running).
    writer = await openSqliteStore(db);
    assert.equal(await writer.markDeleted('demo', [1, 2, 3]), 3);
    // The media folder beside the archive, as collection leaves it: files named by their hash.
    const bytes = Buffer.from('a photo');
    const hash = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(join(dir, 'live', 'media', hash.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, 'live', 'media', hash.slice(0, 2), hash), bytes);
  });
  after(() => writer.close());

  it('copies the archive as it stands while another process writes, with its media into media/ beside it', async () => {
    // What a plain cp gives: the file without its write-ahead log.
    copyFileSync(db, join(bk, 'plain-cp.db'));
    assert.equal(await deletedIn(join(bk, 'plain-cp.db')), 0);

    const r = tgwire(['--db', db, 'backup', join(bk, 'one.db')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^backed up .*tgwire\.db to .*one\.db: \d+ posts, /m);
    assert.match(
      r.stdout,
      /^media: 1 files copied \(7 B\), 0 already there, from .*live\/media into .*bk\/media$/m,
    );
    assert.equal(await deletedIn(join(bk, 'one.db')), 3);
    assert.ok(!existsSync(join(bk, 'one.db-wal')), 'the copy is one file');

    const again = tgwire(['--db', db, 'backup', join(bk, 'two.db'), '--json']);
    assert.equal(again.code, 0, again.stderr);
    const media = (JSON.parse(again.stdout) as { media: { copied: number; present: number } }).media;
    assert.deepEqual([media.copied, media.present], [0, 1]);
    // The copy is an archive tgwire opens and reads like the original.
    const stats = tgwire(['--db', join(bk, 'one.db'), 'stats']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.match(stats.stdout, /\(3 deleted\)/);
  });

  it('never replaces a file, and sends a PostgreSQL archive to pg_dump', () => {
    assertUserError(
      tgwire(['--db', db, 'backup', join(bk, 'plain-cp.db')]),
      /^tgwire: .*plain-cp\.db exists: a backup goes to a new file/,
    );
    assertUserError(
      tgwire(['--db', db, 'backup', join(dir, 'nowhere', 'x.db')]),
      /^tgwire: backup .*x\.db: the folder .*nowhere does not exist/,
    );
    assertUserError(
      tgwire(['--db', 'postgres://u:secret@127.0.0.1:1/db', 'backup', join(bk, 'pg.db')]),
      /^tgwire: backup copies a SQLite archive, and postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/db is a PostgreSQL one: back it up with pg_dump/,
    );
  });
});
