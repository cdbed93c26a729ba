// `tgwire webhooks` end to end: add (SSRF rule, names checked), list, test, deliver, deliveries, remove; and a
// deliverer killed with SIGKILL during deliveries loses nothing (SQLite, and PostgreSQL with TGWIRE_TEST_PG).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../src/cli/open-store.js';
import { emptyPost, type Post } from '../src/model/post.js';
import { newWebhookSecret } from '../src/pipeline/webhooks/deliver.js';
import { Receiver } from '../src/pipeline/webhooks/webhook.testkit.js';
import { CLI_ENTRY, assertUserError, importDemo, tgwire, tgwireAsync } from './cli.testkit.js';
import { PG_URL, dropSchema, schemaPool } from './pg.js';
import { projectRoot } from './shared.js';

const post = (id: number, text: string): Post => ({
  ...emptyPost('demo', 100_000 + id, 'tme-live'),
  date: '2024-09-09T10:00:00.000Z',
  text,
});

function config(dir: string): string {
  const file = join(dir, 'tgwire.config.json');
  writeFileSync(
    file,
    JSON.stringify({ webhooks: { timeoutMs: 1000, retryDelaysMs: Array(10).fill(200), pollMs: 100 } }),
  );
  return file;
}

test('webhooks add refuses private targets and unknown names; list, test, deliver, deliveries, remove', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-hooks-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'a.db');
  importDemo(db);
  assert.equal(tgwire(['--db', db, 'topics', 'add', 'brics', 'BRICS']).code, 0);
  const cli = (args: string[]) => tgwire(['--db', db, '--config', config(dir), 'webhooks', ...args]);

  // Mistakes, checked side by side (each is a process of its own).
  const mistakes: [string[], RegExp][] = [
    [['add', 'http://127.0.0.1:9/hook'], /127\.0\.0\.1 is a private.*--allow-private/],
    [['add', 'http://localhost:9/hook'], /localhost resolves to .*--allow-private/],
    [['add', 'http://[::1]:9/hook'], /private.*--allow-private/],
    [['add', 'ftp://93.184.215.14/x'], /not an http\(s\) URL/],
    [['add', 'https://93.184.215.14/hook', '--topic', 'brcs'], /no topic named brcs: did you mean brics\?/],
    [
      ['add', 'https://93.184.215.14/hook', '--channel', 'demoo'],
      /no channel named demoo: did you mean demo\?/,
    ],
    [['add', 'https://93.184.215.14/hook', '--search', 'nosuch'], /no saved search named nosuch/],
    [
      ['add', 'https://93.184.215.14/hook', '--events', 'post.create'],
      /no event type post.create: did you mean post.created\?/,
    ],
    [['deliveries', '99'], /no webhook 99/],
  ];
  const results = await Promise.all(
    mistakes.map(([args]) => tgwireAsync(['--db', db, '--config', config(dir), 'webhooks', ...args])),
  );
  results.forEach((r, i) => assertUserError(r, mistakes[i]![1]));
  const pub = cli(['add', 'https://93.184.215.14/hook', '--topic', 'BRICS', '--events', 'post.deleted']);
  assert.equal(pub.code, 0, pub.stderr);
  assert.match(pub.stdout, /^webhook 1: https:\/\/93\.184\.215\.14\/hook\nsecret: whsec_[A-Za-z0-9+/]{32}\n/);
  assert.match(pub.stdout, /events: post.deleted; posts: topic:brics/);

  const receiver = new Receiver();
  const url = await receiver.start();
  t.after(() => receiver.stop());
  const added = cli(['add', url, '--allow-private', '--json']);
  assert.equal(added.code, 0, added.stderr);
  const { id, secret } = JSON.parse(added.stdout) as { id: number; secret: string };
  assert.equal(Buffer.from(secret.slice('whsec_'.length), 'base64').length, 24);
  receiver.useSecret(secret);

  const list = JSON.parse(cli(['list', '--json']).stdout) as Record<string, unknown>[];
  assert.deepEqual(
    list.map((w) => [w.id, w.url, w.allowPrivate, w.secret]),
    [
      [1, 'https://93.184.215.14/hook', false, undefined],
      [id, url, true, undefined],
    ],
  );

  const sent = await tgwireAsync(['--db', db, '--config', config(dir), 'webhooks', 'test', String(id)]);
  assert.equal(sent.code, 0, sent.stderr);
  assert.match(sent.stdout, new RegExp(`webhook ${id}: HTTP 200 in \\d+ ms \\(msg_${id}_test_[0-9a-f]+\\)`));
  assert.equal(receiver.received.at(-1)?.payload.type, 'webhook.test');

  const store = await openStore(db);
  await store.savePosts([post(1, 'new post one'), post(2, 'new post two')]);
  await store.close();
  const run = await tgwireAsync(['--db', db, '--config', config(dir), 'webhooks', 'deliver', '--once']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /queued 2, delivered 2, to retry 0, failed 0/);
  assert.deepEqual(receiver.unverified, []);
  assert.deepEqual(
    receiver.received
      .filter((r) => r.payload.type === 'post.created')
      .map((r) => r.id)
      .sort(),
    [`msg_${id}_1`, `msg_${id}_2`],
  );
  const log = JSON.parse(cli(['deliveries', String(id), '--json']).stdout) as Record<string, unknown>[];
  assert.deepEqual(
    log.map((d) => [d.post, d.type, d.status, d.attempts, d.lastError, d.nextAttemptAt]),
    [
      ['demo/100002', 'post.created', 'delivered', 1, null, null],
      ['demo/100001', 'post.created', 'delivered', 1, null, null],
    ],
  );
  assert.match(cli(['deliveries', String(id)]).stdout, /post\.created\s+demo\/100001\s+delivered\s+1/);
  assert.equal(cli(['remove', String(id)]).code, 0);
  assertUserError(cli(['remove', String(id)]), new RegExp(`no webhook ${id}`));
});

const EVENTS = 60;
const KILLS = 4;
const TITLE =
  'SIGKILL of `webhooks deliver` during deliveries, then restarts: every event delivered, duplicates only with the same webhook-id';

test(`${TITLE} (SQLite)`, { timeout: 180_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-hooks-crash-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  await crashRun(t, join(dir, 'a.db'), dir);
});

test(`${TITLE} (PostgreSQL)`, { timeout: 180_000 }, async (t) => {
  if (!PG_URL) return t.skip('TGWIRE_TEST_PG not set: the PostgreSQL webhook crash test is skipped');
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-hooks-crash-'));
  const schema = schemaPool('hookcrash').fresh();
  t.after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });
  const url = new URL(PG_URL);
  url.searchParams.set('schema', schema);
  await crashRun(t, url.toString(), dir);
});

async function crashRun(
  t: { after(fn: () => Promise<void> | void): void },
  db: string,
  dir: string,
): Promise<void> {
  const receiver = new Receiver();
  const url = await receiver.start();
  t.after(() => receiver.stop());
  const secret = newWebhookSecret();
  receiver.useSecret(secret);
  receiver.responder = () => ({ status: 200, delayMs: 5 });
  const store = await openStore(db);
  const hook = await store.webhooks().add({
    url,
    secret,
    topics: [],
    channels: [],
    searches: [],
    events: ['post.created'],
    allowPrivate: true,
    createdAt: new Date().toISOString(),
  });
  await store.savePosts(Array.from({ length: EVENTS }, (_, i) => post(i + 1, `event ${i + 1}`)));
  await store.close();
  const cfg = config(dir);

  let kills = 0;
  const done = () => receiver.accepted().size === EVENTS;
  for (let round = 0; round <= KILLS; round++) {
    const p = spawn(process.execPath, [...CLI_ENTRY, '--db', db, '--config', cfg, 'webhooks', 'deliver'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      p.on('exit', (code, signal) => r({ code, signal })),
    );
    if (kills < KILLS) {
      // Killed while a request is at the receiver, not yet answered: the deliverer never learns it arrived.
      let countdown = 1 + Math.floor(Math.random() * 10);
      receiver.onRequest = async () => {
        if (--countdown !== 0 || p.exitCode !== null) return;
        p.kill('SIGKILL');
        kills++;
        await exited;
      };
      const r = await exited;
      receiver.onRequest = null;
      if (r.signal !== 'SIGKILL') assert.fail(`the deliverer ended on its own: ${r.code} ${out}`);
    } else {
      // Until the archive says every delivery is settled: a request cut off by a kill may have arrived (the
      // receiver took it) and is still sent again, with its id.
      const t0 = Date.now();
      const check = await openStore(db);
      const settled = async () => (await check.webhooks().counts(hook.id)).delivered === EVENTS;
      while (!(done() && (await settled())) && Date.now() - t0 < 60_000 && p.exitCode === null)
        await sleep(100);
      await check.close();
      p.kill('SIGTERM');
      const r = await exited;
      assert.equal(r.code, 0, out);
    }
  }
  assert.equal(kills, KILLS);
  assert.deepEqual(receiver.unverified, []);
  const accepted = receiver.accepted();
  const want = Array.from({ length: EVENTS }, (_, i) => i + 1);
  const ids = [...accepted.keys()];
  assert.equal(ids.length, EVENTS, 'every event was accepted');
  // Duplicates are whole: the same webhook-id always carries the same event, body for body.
  const bodyOf = new Map<string, string>();
  for (const r of receiver.received) {
    const b = bodyOf.get(r.id);
    if (b === undefined) bodyOf.set(r.id, r.body);
    else assert.equal(r.body, b, `${r.id} sent with another body`);
  }
  const posts = ids
    .map((id) => (accepted.get(id)![0]!.payload.data.post as Post).id - 100_000)
    .sort((a, b) => a - b);
  assert.deepEqual(posts, want);
  assert.ok(receiver.received.length > EVENTS, 'the kills caused resends (at-least-once)');

  const after = await openStore(db);
  const log = await after.webhooks().deliveries(hook.id, 1000);
  await after.close();
  assert.equal(log.length, EVENTS);
  assert.ok(
    log.every((d) => d.status === 'delivered'),
    JSON.stringify(log.filter((d) => d.status !== 'delivered')),
  );
}
