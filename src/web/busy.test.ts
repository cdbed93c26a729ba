// The web app while another process writes the archive (an import): writes answer 503 + Retry-After, reads answer.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config/config.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { createApp } from './app.js';
import { wrapStoreError } from '../store/shared.js';

const TOKEN = 'a-long-enough-admin-token';
let dir: string;
let store: Store;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-web-busy-'));
  store = await openSqliteStore(join(dir, 'archive.db'));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('an admin POST while another process holds the write lock answers 503 + Retry-After; pages answer meanwhile', async () => {
  const app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: TOKEN }, writeWaitMs: 1500 });
  // Another process's long write: SQLite's writer lock held from another connection.
  const other = new Database(join(dir, 'archive.db'));
  other.exec('BEGIN IMMEDIATE');
  try {
    const started = Date.now();
    let postAnsweredAt = 0;
    const post = Promise.resolve(
      app.request('/admin/channels', {
        method: 'POST',
        body: new URLSearchParams({ channel: '@harbour' }),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://localhost',
          authorization: `Bearer ${TOKEN}`,
        },
      }),
    ).then((r) => {
      postAnsweredAt = Date.now();
      return r;
    });
    // A page asked while the POST waits is answered at once, not after it: the event loop is not blocked.
    await new Promise((r) => setTimeout(r, 300));
    const page = await app.request('/channels');
    const pageAnsweredAt = Date.now();
    assert.equal(page.status, 200);
    assert.equal(postAnsweredAt, 0, 'the page answered before the POST gave up');
    assert.ok(pageAnsweredAt - started < 1200, `the page took ${pageAnsweredAt - started} ms`);

    const res = await post;
    assert.equal(res.status, 503);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    assert.match(await res.text(), /the archive is busy/);
    assert.equal(await store.getChannel('harbour'), null);
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  // Once the other writer is done, the same request goes through.
  const again = await app.request('/admin/channels', {
    method: 'POST',
    body: new URLSearchParams({ channel: '@harbour' }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'http://localhost',
      authorization: `Bearer ${TOKEN}`,
    },
  });
  assert.equal(again.status, 201);
});

it('a database server that went away: search and pages answer 503 + Retry-After, never "try plainer words"', async () => {
  // The store as PostgreSQL's wrapper leaves it when the server refuses connections.
  const refused = (): never => {
    throw wrapStoreError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      'search',
    );
  };
  const away = new Proxy(store, {
    get: (target, name, receiver) =>
      name === 'search' || name === 'queryPosts' ? refused : (Reflect.get(target, name, receiver) as unknown),
  });
  const app = createApp({ store: away, config: loadConfig({}, {}) });
  for (const path of ['/api/search?q=BRICS', '/search?q=BRICS']) {
    const res = await app.request(path);
    assert.equal(res.status, 503, path);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    const body = await res.text();
    assert.match(
      body,
      /the archive&#39;s database cannot be reached|the archive's database cannot be reached/,
      path,
    );
    assert.doesNotMatch(body, /plainer words/);
  }
});
