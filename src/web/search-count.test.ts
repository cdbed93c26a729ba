// A search with more matches than the stores count says so alike in the web page, the API and the CLI: "1,000+".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { emptyChannel, emptyPost } from '../model/post.js';
import { countLabel } from '../search/count.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { tgwire } from '../../test/cli.testkit.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let db: string;
let store: Store;
let server: RunningServer;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-count-'));
  db = join(dir, 'archive.db');
  store = await openSqliteStore(db);
  await store.upsertChannel({ ...emptyChannel('many'), username: 'many', title: 'Many' });
  const start = Date.parse('2024-01-01T00:00:00Z');
  await store.transaction(() =>
    store.savePosts(
      Array.from({ length: 1_020 }, (_, i) => ({
        ...emptyPost('many', i + 1, 'tme-live'),
        date: new Date(start + i * 60_000).toISOString(),
        text: i % 100 === 0 ? 'kazan summit rare' : 'kazan summit',
      })),
    ),
  );
  const config = { ...loadConfig({}, {}), adminToken: null, host: '127.0.0.1', port: 0 };
  server = await startServer({ store, config });
});

after(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('capped result counts', () => {
  it('labels exact and capped counts', () => {
    assert.equal(countLabel({ total: 1 }), '1 result');
    assert.equal(countLabel({ total: 0 }), '0 results');
    assert.equal(countLabel({ total: 1234 }, 'post'), '1,234 posts');
    assert.equal(countLabel({ total: 1_000, totalIsLowerBound: true }), '1,000+ results');
  });

  it('the search page shows 1,000+ and keeps a next page past the counted ones', async () => {
    const first = await (await fetch(`${server.url}/search?q=kazan`)).text();
    assert.match(first, /1,000\+\s+results · page 1 of 50\+/);
    // Page 51 is past the counted matches: the reader is on at least 51 pages.
    const page = await (await fetch(`${server.url}/search?q=kazan&page=51`)).text();
    assert.match(page, /1,000\+\s+results · page 51 of 51\+/);
    assert.match(page, /class="older"/);
    // Page 52 comes back short (empty): it is the last, and offers no next one.
    const last = await (await fetch(`${server.url}/search?q=kazan&page=52`)).text();
    assert.match(last, /1,000\+\s+results · page 52 of 52\s*</);
    assert.doesNotMatch(last, /class="older"/);
    const exact = await (await fetch(`${server.url}/search?q=rare`)).text();
    assert.match(exact, /11\s+results/);
    assert.doesNotMatch(exact, /results · page/);
  });

  it('the API flags the lower bound and only then', async () => {
    const capped = (await (await fetch(`${server.url}/api/search?q=kazan`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(capped.total, 1_000);
    assert.equal(capped.totalIsLowerBound, true);
    const exact = (await (await fetch(`${server.url}/api/search?q=rare`)).json()) as Record<string, unknown>;
    assert.equal(exact.total, 11);
    assert.equal('totalIsLowerBound' in exact, false);
  });

  it('the CLI prints 1,000+ and flags it in JSON', () => {
    const text = tgwire(['search', 'kazan', '--limit', '1'], { TGWIRE_DB: db });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^1,000\+ results, 1 shown \(--limit N for more\)\n/);
    const json = JSON.parse(tgwire(['search', 'kazan', '--json'], { TGWIRE_DB: db }).stdout) as Record<
      string,
      unknown
    >;
    assert.equal(json.totalIsLowerBound, true);
  });
});
