// End-to-end in Debian's Chromium at a phone's width (390 px): no page scrolls sideways, whatever the names and tables.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.js';
import { emptyPost } from '../../src/model/post.js';
import type { Store } from '../../src/store/store.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { ensureDemo } from '../../src/pipeline/demo.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { projectRoot } from '../shared.js';

const CHROMIUM = process.env.TGWIRE_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set TGWIRE_CHROMIUM`;
// The name a text dump's file gives its channel: one long word, nowhere to break.
const LONG = 'teknologi_umum__tgif__parser_test_ts__copy_paste_dump';
const WIDTH = 390;

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let page: Page;

describe('web pages on a phone', { skip: SKIP, timeout: 120_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-mobile-'));
    store = await openSqliteStore(join(dir, 'archive.db'));
    await ensureDemo(store, join(projectRoot, 'demo', 'sample-brics.txt'));
    await store.savePosts(
      ['2024-09-01', '2024-09-05'].map((day, i) => ({
        ...emptyPost(LONG, i + 1, 'text'),
        text: `dated post ${i + 1} https://example.org/${'a'.repeat(80)}`,
        date: `${day}T10:00:00.000Z`,
        lang: 'en',
      })),
    );
    // A channel whose last sync failed: the status table on /channels gets its widest row.
    await store.saveSyncState(LONG, {
      status: 'error',
      lastError: 'HTTP 429 from t.me: too many requests, the next try waits',
      errorCount: 3,
      nextCheckAt: '2024-10-01T01:00:00.000Z',
      lastSyncAt: '2024-09-30T22:00:00.000Z',
      topId: 2,
      bottomId: 1,
      bottomDate: null,
      reachedStart: false,
      misses: {},
    });
    server = await startServer({
      store,
      config: { ...loadConfig({}, {}), host: '127.0.0.1', port: 0, adminToken: null },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: WIDTH, height: 844 } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const path of ['/', '/channels', '/dashboard', `/c/${LONG}`, `/c/${LONG}/1`]) {
    it(`${path} fits ${WIDTH} px: long names wrap, wide tables scroll in their own box`, async () => {
      const res = await page.goto(`${server.url}${path}`);
      assert.equal(res?.status(), 200);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= WIDTH, `${path}: the page is ${width} px wide at a ${WIDTH} px screen`);
    });
  }
});
