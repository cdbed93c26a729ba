// Collection through the account survives SIGKILL: a backfill killed at three moments, then resumed, stores every
// post exactly once, and the resumed run does not start over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { projectRoot } from './shared.js';

const CHILD = join(projectRoot, 'src', 'pipeline', 'collect', 'mtproto-kill.testkit.ts');

function child(db: string, killAfterPages: number | null): Promise<{ pages: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, db, '2000'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let pages = 0;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      pages = (out.match(/^page \d+$/gm) ?? []).length;
      if (killAfterPages !== null && pages >= killAfterPages) p.kill('SIGKILL');
    });
    p.on('close', () => resolve({ pages, out }));
  });
}

test('a backfill through the account killed with SIGKILL three times ends with every post exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-mtproto-kill-'));
  try {
    const db = join(dir, 'kill.db');
    let pagesRead = 0;
    for (const at of [5, 9, 7]) pagesRead += (await child(db, at)).pages;
    const last = await child(db, null);
    pagesRead += last.pages;
    assert.match(last.out, /"status":"ok"/);
    const store = await openSqliteStore(db, { readonly: true });
    try {
      const ids = (await store.queryPosts({ channel: 'killed' })).map((p) => p.id).sort((a, b) => a - b);
      assert.deepEqual(
        ids,
        Array.from({ length: 2000 }, (_, i) => i + 1),
      );
      const state = await store.getSyncState('killed');
      assert.deepEqual([state?.bottomId, state?.reachedStart, state?.topId], [1, true, 2000]);
    } finally {
      await store.close();
    }
    // 40 pages of 50; each restart reads the newest page again and at most the page it was killed in.
    assert.ok(pagesRead <= 40 + 4 * 2, `pages read: ${pagesRead}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
