// Live collection survives SIGKILL: a 5,000-post backfill killed three times at random moments, then resumed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeTme } from './fake-tme/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { projectRoot } from './shared.js';

const DEV = join(projectRoot, 'scripts', 'tgwire-dev.ts');

function run(
  cmd: string,
  args: string[],
  options: SpawnOptions,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

test('a backfill killed with SIGKILL three times and restarted ends with every post exactly once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-kill-'));
  const fake = await startFakeTme({
    channels: [{ username: 'bigkill', posts: 5000 }],
    faultRate: 0.1,
    seed: 3,
  });
  try {
    const db = join(dir, 'kill.db');
    const config = join(dir, 'tgwire.config.json');
    // Pacing off (the fake server is local) but the retry policy stays real.
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0 } }));
    const env = { ...process.env, TGWIRE_DB: db, TGWIRE_CONFIG: config, TGWIRE_TME_BASE: fake.baseUrl };
    const args = ['--import', 'tsx', DEV, 'sync', 'bigkill', '--json'];
    // Deterministic "random" kill moments, so a failure can be replayed.
    const killAfterMs = [1800, 2600, 2100];
    const killedAtCounts: number[] = [];
    for (const ms of killAfterMs) {
      const child = spawn(process.execPath, args, {
        cwd: projectRoot,
        env,
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await sleep(ms);
      child.kill('SIGKILL');
      await exited;
      const store = await openSqliteStore(db);
      killedAtCounts.push(await store.countPosts({ channel: 'bigkill' }));
      await store.close();
    }
    // Not spawnSync: the fake server lives in this process and must keep answering.
    const last = await run(process.execPath, args, { cwd: projectRoot, env });
    assert.equal(last.status, 0, last.stderr);
    const [result] = JSON.parse(last.stdout) as { status: string; error?: string }[];
    assert.equal(result!.status, 'ok', result!.error);

    const store = await openSqliteStore(db);
    try {
      const ids: number[] = [];
      for await (const p of store.iteratePosts({ channel: 'bigkill' })) ids.push(p.id);
      const expected = fake.channel('bigkill').ids();
      assert.equal(expected.length, 5000);
      assert.deepEqual(
        [...ids].sort((a, b) => a - b),
        expected,
        'every id present exactly once',
      );
      // The kills really interrupted the backfill part-way (otherwise this test proves nothing).
      assert.ok(
        killedAtCounts.some((n) => n > 0 && n < 5000),
        `posts stored at each kill: ${killedAtCounts.join(', ')}`,
      );
    } finally {
      await store.close();
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
