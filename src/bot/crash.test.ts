// Exactly once under SIGKILL: a publisher killed at random moments and restarted publishes every story once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openSqliteStore } from '../store/sqlite/index.js';
import { sqliteOutbox } from '../store/sqlite/outbox.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import type { StoryMember } from '../store/store.js';
import { projectRoot } from '../../test/shared.js';
import { FakeBotApi } from '../../test/fake-botapi/server.js';

const STORIES = 500;
const marker = (i: number) => `[m:${String(i).padStart(5, '0')}]`;

async function seed(db: string): Promise<void> {
  const store = await openSqliteStore(db);
  await store.upsertChannel(emptyChannel('gen'));
  const posts: Post[] = [];
  const members: StoryMember[] = [];
  let id = 0;
  for (let i = 0; i < STORIES; i++) {
    const long = i % 25 === 0 ? '\n\n' + Array.from({ length: 6 }, () => 'y'.repeat(1000)).join('\n\n') : '';
    posts.push({ ...emptyPost('gen', ++id, 'text'), text: `${marker(i)} story ${i}${long}` });
    members.push({ channel: 'gen', id, storyId: `s${i}`, reason: 'canonical' });
    if (i % 5 === 0) {
      // A copy of the story: recorded as skipped, never sent.
      posts.push({ ...emptyPost('gen', ++id, 'text'), text: `copy of story ${i}` });
      members.push({ channel: 'gen', id, storyId: `s${i}`, reason: 'copy' });
    }
  }
  await store.savePosts(posts);
  await store.setStories(members);
  await store.close();
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

test(
  'SIGKILL at random moments, then restarts: every story published, a second time only if a kill caught it in flight',
  { timeout: 120_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-crash-'));
    const db = join(dir, 'a.db');
    const fake = new FakeBotApi();
    const apiRoot = await fake.start();
    t.after(async () => {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    await seed(db);

    const child = join(projectRoot, 'test', 'fake-botapi', 'publish-child.ts');
    let kills = 0;
    let finished = false;
    for (let round = 0; round < 30 && !finished; round++) {
      const p = spawn(process.execPath, ['--import', 'tsx', child, db, apiRoot, fake.token], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<Run>((r) => p.on('exit', (code, signal) => r({ code, signal, out })));
      if (kills < 8) {
        // Kill while it is sending: wait for its first message, then a random moment.
        const before = fake.published.length;
        const t0 = Date.now();
        while (fake.published.length === before && p.exitCode === null && Date.now() - t0 < 20_000)
          await sleep(2);
        await sleep(Math.random() * 120);
        if (p.exitCode === null) {
          p.kill('SIGKILL');
          kills++;
        }
      }
      const run = await exited;
      if (run.signal === null) {
        assert.equal(run.code, 0, run.out);
        finished = run.out.includes('"done":true');
      }
    }
    assert.ok(finished, 'the publisher finished');
    assert.ok(kills >= 3, `only ${kills} kills landed`);
    assert.deepEqual(fake.violations, []);

    const store = await openSqliteStore(db);
    const outbox = sqliteOutbox(store);
    const rows = await outbox.rowsFor('channel:gen', '@crash');
    await store.close();
    const counts = new Map<string, number>();
    for (const m of fake.published) {
      const k = /\[m:\d{5}\]/.exec(m.text)?.[0];
      if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // Messages a restart found in flight: Telegram cannot be asked whether it took them, so they were resent.
    const doubts = new Map<string, number>();
    for (const r of rows)
      if (r.doubts > 0 && r.part === 0) {
        const k = /\[m:\d{5}\]/.exec((JSON.parse(r.payload) as { text: string }).text)?.[0];
        if (k) doubts.set(k, r.doubts);
      }
    let duplicates = 0;
    for (let i = 0; i < STORIES; i++) {
      const n = counts.get(marker(i)) ?? 0;
      // Never lost; more than once only for a message a kill caught in flight, at most once more per such kill.
      assert.ok(n >= 1 && n <= 1 + (doubts.get(marker(i)) ?? 0), `${marker(i)} published ${n} times`);
      duplicates += n - 1;
    }
    assert.ok(!fake.published.some((m) => m.text.includes('copy of story')), 'story copies are skipped');
    assert.equal(rows.filter((r) => r.state === 'skipped').length, STORIES / 5);
    assert.ok(rows.every((r) => r.state === 'sent' || r.state === 'skipped'));
    // Order: the first parts appear in story order (resends of in-doubt messages aside).
    const firstSeen = [
      ...new Set(fake.published.map((m) => /\[m:(\d{5})\]/.exec(m.text)?.[1]).filter(Boolean)),
    ];
    assert.deepEqual(firstSeen, [...firstSeen].sort());
    t.diagnostic(`${kills} kills, ${doubts.size} messages found in flight, ${duplicates} duplicates`);
  },
);
