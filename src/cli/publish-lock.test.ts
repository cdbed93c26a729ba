// One publisher per archive: a second `publish` on an archive whose publisher runs is refused, naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.js';
import { emptyChannel, emptyPost } from '../model/post.js';
import { FakeBotApi } from '../../test/fake-botapi/server.js';
import { PG_URL } from '../../test/pg.js';
import { tgwireAsync } from '../../test/cli.testkit.js';
import { lockPublisher, PublisherRunningError } from './publish-lock.js';

async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-lock-'));
  const db = join(dir, 'a.db');
  const store = await openSqliteStore(db);
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News' });
  await store.savePosts([{ ...emptyPost('news', 1, 'tme-html'), date: '2024-09-01T00:00:00Z', text: 'One' }]);
  await store.close();
  const config = join(dir, 'cfg.yaml');
  writeFileSync(config, 'routes:\n  - { channel: news, to: "@mirror" }\n');
  const fake = new FakeBotApi();
  const env = { TGWIRE_BOT_TOKEN: fake.token, TGWIRE_BOT_API_ROOT: await fake.start() };
  // A living process that is not this one: the other publisher.
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  t.after(async () => {
    other.kill();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, db, config, fake, env, other };
}

test('publish is refused while another living publisher holds the archive, and sends nothing', async (t) => {
  const { db, config, fake, env, other } = await setup(t);
  writeFileSync(`${db}.publish.lock`, `${hostname()}:${other.pid}\n`);
  const r = await tgwireAsync(['--db', db, '--config', config, 'publish', '--once', '--all'], env);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`another publisher \\(${hostname()}:${other.pid}\\) is running on `));
  assert.equal(fake.published.length, 0);
  assert.ok(existsSync(`${db}.publish.lock`), "the other publisher's lock is left alone");
});

test("a dead publisher's lock is taken over, and released at the end", async (t) => {
  const { db, config, fake, env } = await setup(t);
  const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => dead.on('exit', r));
  writeFileSync(`${db}.publish.lock`, `${hostname()}:${dead.pid}\n`);
  const r = await tgwireAsync(['--db', db, '--config', config, 'publish', '--once', '--all'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fake.published.length, 1);
  assert.ok(!existsSync(`${db}.publish.lock`));
});

test(
  'PostgreSQL: the second publisher on one schema is refused, naming the first',
  { skip: !PG_URL },
  async () => {
    const target = `${PG_URL}${PG_URL!.includes('?') ? '&' : '?'}schema=lock_${process.pid}`;
    const release = await lockPublisher(target, 'hostA:11');
    try {
      await assert.rejects(lockPublisher(target, 'hostB:22'), (e: unknown) => {
        assert.ok(e instanceof PublisherRunningError);
        assert.match(e.message, /another publisher \(hostA:11\) is running/);
        return true;
      });
    } finally {
      await release();
    }
    const again = await lockPublisher(target, 'hostB:22');
    await again();
  },
);
