// `--out -` is standard output, as most tools take it, for `export` and `digest`: never a file named "-".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost } from '../src/model/post.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tgwireAsync } from './cli.testkit.js';
import { projectRoot } from './shared.js';

describe('--out -', () => {
  let dir: string;
  let db: string;
  // The commands run in the project folder: a file "-" would appear there.
  const dash = join(projectRoot, '-');
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-out-dash-'));
    db = join(dir, 'a.db');
    const store = await openSqliteStore(db);
    try {
      await store.savePosts([
        { ...emptyPost('news', 1, 'tme-live'), date: '2024-09-01T06:00:00.000Z', text: 'Hello' },
      ]);
    } finally {
      await store.close();
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dash, { force: true });
  });

  for (const args of [
    ['export', '--format', 'jsonl'],
    ['digest', '--all'],
  ])
    it(`${args[0]} writes to standard output`, async () => {
      const r = await tgwireAsync(['--db', db, ...args, '--out', '-']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Hello/);
      assert.equal(existsSync(dash), false, 'no file named "-"');
    });
});
