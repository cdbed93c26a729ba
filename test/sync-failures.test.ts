// `tgwire sync` over several channels when one fails: the others are synced, the table is printed, and the exit
// code tells a cron job (1 when any channel ended in error, 0 otherwise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeTme } from './fake-tme/index.js';
import { emptyChannel } from '../src/model/post.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tgwireAsync } from './cli.testkit.js';

test('sync: a channel whose numeric id clashes fails alone, the others are synced, and the exit code is 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-sync-fail-'));
  const fake = await startFakeTme({
    channels: [
      { username: 'alpha', posts: 4 },
      { username: 'beta', posts: 3 },
    ],
  });
  try {
    const db = join(dir, 'a.db');
    const config = join(dir, 'tgwire.config.json');
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0 } }));
    const env = { TGWIRE_DB: db, TGWIRE_CONFIG: config, TGWIRE_TME_BASE: fake.baseUrl };
    // An export of alpha imported under another name before alpha was followed: the same numeric id.
    const store = await openSqliteStore(db);
    await store.upsertChannel({
      ...emptyChannel('alpha_export'),
      numericId: fake.channel('alpha').info.numericId,
    });
    await store.follow('alpha', null);
    await store.follow('beta', null);
    await store.close();

    const r = await tgwireAsync(['sync'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /internal error/);
    const rows = r.stdout.split('\n');
    const alpha = rows.find((l) => l.startsWith('alpha '));
    const beta = rows.find((l) => l.startsWith('beta '));
    assert.match(alpha ?? '', /error .*numeric id .* tgwire channels rename alpha_export alpha/, r.stdout);
    assert.match(beta ?? '', /^beta\s+ok\s+3\b/, r.stdout);

    const after = await openSqliteStore(db);
    try {
      assert.equal(await after.countPosts({ channel: 'beta' }), 3, 'beta synced after alpha failed');
      const state = await after.getSyncState('alpha');
      assert.equal(state?.status, 'error');
      assert.equal(state?.errorCount, 1);
      assert.match(state?.lastError ?? '', /numeric id/);
      assert.ok(state?.nextCheckAt, 'alpha backs off');
    } finally {
      await after.close();
    }

    const list = await tgwireAsync(['channels', 'list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /alpha .*error.*numeric id/);

    const ok = await tgwireAsync(['sync', 'beta'], env);
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sync: one empty older page fails the channel and keeps its place; the next sync collects the rest, each progress line true for its page', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-sync-empty-'));
  const fake = await startFakeTme({
    channels: [{ username: 'topwar', posts: 12, hoursApart: 48 }],
    pageSize: 5,
  });
  const ch = fake.channel('topwar');
  const day = (i: number) => ch.posts[i]!.date.slice(0, 10);
  const lines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('sync channel='));
  try {
    const config = join(dir, 'tgwire.config.json');
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0 } }));
    const env = { TGWIRE_DB: join(dir, 'a.db'), TGWIRE_CONFIG: config, TGWIRE_TME_BASE: fake.baseUrl };
    assert.equal((await tgwireAsync(['channels', 'add', 'topwar'], env)).code, 0);
    // The newest page unharmed, the first older one a whole t.me page with no posts.
    fake.failNext({ kind: 'slow', ms: 0 }, { kind: 'empty' });
    const bad = await tgwireAsync(['sync', '--no-media'], env);
    assert.equal(bad.code, 1, bad.stdout);
    assert.match(bad.stdout, /^topwar\s+error\s+5\b.*answered with no posts, though older ones exist/m);
    assert.deepEqual(lines(bad.stderr), [
      `sync channel=topwar phase=head pages=1 posts=5 new=5 oldest=${day(7)}`,
    ]);

    const again = await tgwireAsync(['sync', '--no-media', '--force'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^topwar\s+ok\s+7\b/m);
    assert.deepEqual(lines(again.stderr), [
      `sync channel=topwar phase=head pages=1 posts=5 new=0 oldest=${day(7)}`,
      `sync channel=topwar phase=backfill pages=2 posts=10 new=5 oldest=${day(2)}`,
      `sync channel=topwar phase=backfill pages=3 posts=12 new=7 oldest=${day(0)}`,
    ]);

    ch.addPosts(2);
    const later = await tgwireAsync(['sync', '--no-media'], env);
    assert.equal(later.code, 0, later.stderr);
    assert.deepEqual(lines(later.stderr), [
      `sync channel=topwar phase=head pages=1 posts=5 new=2 oldest=${day(9)}`,
    ]);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
