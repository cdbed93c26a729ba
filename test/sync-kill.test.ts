// Live collection survives SIGKILL: a 5,000-post backfill killed three times at random moments, then resumed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTme } from './fake-tme/index.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { projectRoot } from './shared.js';
import { CLI_ENTRY } from './cli.testkit.js';

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
    const args = [...CLI_ENTRY, 'sync', 'bigkill', '--json'];
    // Kill moments are tied to progress, not to the clock (process start-up time varies with load): after a
    // number of pages saved, plus a delay inside the next page, so the kill lands anywhere in a page's work.
    // The numbers are fixed so a failure can be replayed.
    const kills = [
      { afterPages: 12, delayMs: 3 },
      { afterPages: 30, delayMs: 17 },
      { afterPages: 21, delayMs: 0 },
    ];
    const killedAtCounts: number[] = [];
    for (const k of kills) {
      const child = spawn(process.execPath, args, {
        cwd: projectRoot,
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      let armed = false;
      child.stderr!.on('data', (d: Buffer) => {
        // Progress lines: "sync channel=bigkill phase=backfill pages=N …" (non-terminal output).
        const pages = [...d.toString().matchAll(/ pages=(\d+)/g)].map((m) => Number(m[1]));
        if (!armed && pages.some((n) => n >= k.afterPages)) {
          armed = true;
          setTimeout(() => child.kill('SIGKILL'), k.delayMs);
        }
      });
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(guard);
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
      // Every kill interrupted the backfill part-way, and each restart went on from where the last one stopped.
      assert.ok(
        killedAtCounts.every((n, i) => n > 0 && n < 5000 && (i === 0 || n > killedAtCounts[i - 1]!)),
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
