// A send Telegram took whose answer was lost (connection reset) within a pass: under --hold it is never resent blindly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/index.js';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { FakeBotApi } from '../../test/fake-botapi/server.js';
import { publishOnce, type PublishOptions } from './publisher.js';
import { routesFromConfig } from './routes.js';
import { grammyBotApi } from './telegram.js';
import type { RouteEntry } from '../config/config.js';

const FAST: PublishOptions = {
  chatLimit: { perWindow: 1000, windowMs: 1000, minIntervalMs: 0 },
  globalLimit: { perWindow: 1000, windowMs: 1000, minIntervalMs: 0 },
  retry: { baseDelayMs: 1, maxAttempts: 3 },
  newRouteStart: 'backlog',
};

const ROUTE: RouteEntry = {
  channel: 'news',
  to: ['@mirror'],
  forwards: 'include',
  undetermined: 'include',
  silent: false,
  deleteOnSourceDelete: false,
};

function post(id: number): Post {
  return {
    ...emptyPost('news', id, 'tme-html'),
    date: new Date(Date.UTC(2024, 8, 1, 0, id)).toISOString(),
    text: `Post number ${id}`,
  };
}

async function setup(t: { after(fn: () => Promise<void> | void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-lost-'));
  const store = await openSqliteStore(join(dir, 'a.db'));
  const fake = new FakeBotApi();
  const api = grammyBotApi({ token: fake.token, apiRoot: await fake.start() });
  t.after(async () => {
    await fake.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await store.upsertChannel({ ...emptyChannel('news'), username: 'news', title: 'News' });
  return { store, outbox: store.outbox(), fake, api };
}

test('--hold: a send whose answer was lost is probed, found and recorded as sent, not sent twice', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const routes = routesFromConfig([ROUTE]);
  await store.savePosts([post(1)]);
  await publishOnce(store, outbox, api, routes, { ...FAST, inDoubt: 'hold' });
  await store.savePosts([post(2), post(3)]);
  fake.dropAnswers = 1; // post 2 reaches the chat as message 2; its answer is lost
  const r = await publishOnce(store, outbox, api, routes, { ...FAST, inDoubt: 'hold' });
  assert.deepEqual(
    fake.chat('@mirror').map((m) => m.text.split('\n').pop()),
    ['Post number 1', 'Post number 2', 'Post number 3'],
    'each post once, in order',
  );
  assert.equal(r.sent, 2);
  assert.equal(r.held, 0);
  const rows = await outbox.rowsFor(routes[0]!.id, '@mirror');
  assert.deepEqual(
    rows.map((x) => [x.state, x.messageId]),
    [
      ['sent', 1],
      ['sent', 2],
      ['sent', 3],
    ],
  );
  assert.match(rows[1]!.note ?? '', /answer lost.*reconciled: message 2/);
  assert.deepEqual(fake.violations, []);
});

test('--hold: a lost answer that cannot be probed (first message in the chat) is held, never resent', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const routes = routesFromConfig([ROUTE]);
  await store.savePosts([post(1), post(2)]);
  fake.dropAnswers = 1;
  const r = await publishOnce(store, outbox, api, routes, { ...FAST, inDoubt: 'hold' });
  assert.equal(fake.published.filter((m) => m.text.endsWith('Post number 1')).length, 1, 'not sent twice');
  assert.equal(r.held, 1);
  assert.equal(r.sent, 1);
  const rows = await outbox.rowsFor(routes[0]!.id, '@mirror');
  assert.deepEqual(
    rows.map((x) => x.state),
    ['held', 'sent'],
  );
  assert.match(rows[0]!.note ?? '', /answer lost.*held/);
});

test('default policy: a send whose answer was lost is retried (documented: at least once)', async (t) => {
  const { store, outbox, fake, api } = await setup(t);
  const routes = routesFromConfig([ROUTE]);
  await store.savePosts([post(1)]);
  fake.dropAnswers = 1;
  const r = await publishOnce(store, outbox, api, routes, FAST);
  assert.equal(r.sent, 1);
  assert.equal(fake.published.length, 2);
});
