// Two tgwire processes writing one archive: the second waits its turn, or says the archive is busy (exit 1).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { projectRoot } from './shared.js';
import { CLI_ENTRY, tgwire, tgwireAsync } from './cli.testkit.js';

let dir: string;
let db: string;
let feed: string;
let big: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-writers-'));
  db = join(dir, 'archive.db');
  feed = join(dir, 'result.json');
  const messages = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    type: 'message',
    date: `2024-05-01T10:${String(i).padStart(2, '0')}:00`,
    date_unixtime: String(1714557600 + i * 60),
    from: 'Harbour news',
    from_id: 'channel7654321',
    text: `Post ${i + 1} about the harbour.`,
  }));
  writeFileSync(
    feed,
    JSON.stringify({ name: 'Harbour news', type: 'public_channel', id: 7654321, messages }),
  );
  const many = Array.from({ length: 20_000 }, (_, i) => ({
    id: i + 1,
    type: 'message',
    date: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().slice(0, 19),
    date_unixtime: String(Date.UTC(2024, 0, 1) / 1000 + i * 60),
    from: 'Long export',
    from_id: 'channel5550001',
    text: `Post ${i + 1} of a long export about the harbour, the bridge and the market.`,
  }));
  big = join(dir, 'big.json');
  writeFileSync(
    big,
    JSON.stringify({ name: 'Long export', type: 'public_channel', id: 5550001, messages: many }),
  );
  assert.equal(tgwire(['--db', db, 'channels', 'list']).code, 0, 'the archive exists');
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Holds the archive's writer lock as another process's long write would, until release(). */
function holdWriteLock(): { release: () => void } {
  const other = new Database(db);
  other.exec('BEGIN IMMEDIATE');
  return {
    release: () => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    },
  };
}

describe('two writers on one archive', () => {
  it('an import killed (SIGKILL) after committing some batches is taken back by the next import', async () => {
    const child = spawn(process.execPath, [...CLI_ENTRY, '--db', db, 'import', big], {
      cwd: projectRoot,
      env: { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const closed = new Promise((r) => child.once('close', r));
    // Not read-only: a read-only connection opened before the importer cannot see its write-ahead log.
    const reader = new Database(db);
    const count = () =>
      reader.prepare('SELECT count(*) FROM posts WHERE channel = ?').pluck().get('c5550001');
    let atKill = 0;
    try {
      for (const start = Date.now(); Date.now() - start < 120_000;) {
        atKill = count() as number;
        if (atKill >= 1000) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await closed;
      atKill = count() as number;
      assert.ok(atKill > 0 && atKill < 20_000, `killed part-way: ${atKill} posts committed; ${output}`);
    } finally {
      child.kill('SIGKILL');
      reader.close();
    }
    const next = await tgwireAsync(['--db', db, 'import', feed]);
    assert.equal(next.code, 0, next.stderr);
    assert.match(
      next.stdout + next.stderr,
      /big\.json: import batch \d+ did not finish: its \d+ posts saved so far were taken back/,
    );
    const store = await openSqliteStore(db);
    try {
      assert.equal(await store.countPosts({ channel: 'c5550001' }), 0);
      assert.equal(await store.getChannel('c5550001'), null);
      assert.deepEqual(await store.unfinishedImportBatches(), []);
    } finally {
      await store.close();
    }
  });

  it('a second writer waits its turn while the first holds the archive for 10 s, then imports', async () => {
    const lock = holdWriteLock();
    const started = Date.now();
    const timer = setTimeout(() => lock.release(), 10_000);
    try {
      const r = await tgwireAsync(['--db', db, 'import', feed]);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(Date.now() - started >= 10_000, 'it waited for the lock');
      assert.match(r.stdout + r.stderr, /50/);
    } finally {
      clearTimeout(timer);
      lock.release();
    }
  });

  it('a second writer that still cannot write exits 1 with "the archive is busy", never an internal error', async () => {
    const lock = holdWriteLock();
    try {
      for (const args of [
        ['import', feed],
        ['channels', 'add', 'harbour'],
      ]) {
        const r = await tgwireAsync(['--db', db, ...args], { TGWIRE_WRITE_WAIT_MS: '1000' });
        assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(
          r.stderr.trim(),
          'tgwire: the archive is busy (another tgwire process is writing); try again',
          args.join(' '),
        );
      }
    } finally {
      lock.release();
    }
    // Nothing half-written: the import that gave up left no posts and no import record open.
    const store = await openSqliteStore(db);
    try {
      assert.equal(await store.countPosts({}), 50);
      assert.deepEqual(await store.unfinishedImportBatches(), []);
    } finally {
      await store.close();
    }
  });
});
