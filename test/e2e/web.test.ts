// End-to-end in Debian's Chromium: the real server on a temp SQLite archive with the demo sample, as a reader sees it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.js';
import { MEDIA_LABELS } from '../../src/model/labels.js';
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
const SHOTS = join(projectRoot, 'screenshots');

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let page: Page;
const cspErrors: string[] = [];

describe('web app in a browser', { skip: SKIP, timeout: 120_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-e2e-'));
    store = await openSqliteStore(join(dir, 'archive.db'));
    await ensureDemo(store, join(projectRoot, 'demo', 'sample-brics.txt'));
    // The story page needs a story; when the import pipeline does not group them yet, group the two
    // versions of the 9 September remarks (French own post, English forward) by hand.
    const posts = await store.queryPosts({ channel: 'sample' });
    if (!posts.some((p) => p.story)) {
      const fr = posts.find((p) => p.lang === 'fr' && !p.forwardedFrom) ?? posts[0]!;
      const en =
        posts.find((p) => p.lang === 'en' && p.forwardedFrom && /Riyadh/.test(p.text)) ??
        posts.find((p) => p.id !== fr.id)!;
      await store.setStories([
        { channel: fr.channel, id: fr.id, storyId: 'e2e-story', reason: 'canonical' },
        { channel: en.channel, id: en.id, storyId: 'e2e-story', reason: 'translation' },
      ]);
    }
    // The sample is undated: two dated posts four days apart give the dashboard's time axis a gap to draw.
    await store.savePosts(
      ['2024-09-01', '2024-09-05'].map((day, i) => ({
        ...emptyPost('dated', i + 1, 'text'),
        text: `dated post ${i + 1}`,
        date: `${day}T10:00:00.000Z`,
      })),
    );
    server = await startServer({
      store,
      config: { ...loadConfig({}, {}), host: '127.0.0.1', port: 0, adminToken: null },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function noPlaceholderInText() {
    const texts = await page.locator('.post .text').allInnerTexts();
    assert.ok(texts.length > 0, 'post texts visible');
    for (const t of texts)
      for (const label of MEDIA_LABELS) assert.ok(!t.includes(label), `placeholder in post text: ${label}`);
  }

  it('the topic feed shows readable posts, forward origins and a badge for the video', async () => {
    await page.goto(`${server.url}/t/brics?limit=50`);
    assert.match(await page.locator('h1').innerText(), /Topic: brics/);
    assert.ok(await page.locator('.post').first().isVisible());
    assert.ok((await page.locator('.post .fwd').count()) > 0, 'forward lines');
    await noPlaceholderInText();
    const badge = page.locator('.media-badge .badge').first();
    assert.ok(await badge.isVisible(), 'a media badge is visible');
    await page.screenshot({ path: join(SHOTS, 'topic.png'), fullPage: false });
    await badge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'topic-badge.png') });
  });

  it('search finds a word and highlights it', async () => {
    await page.goto(server.url);
    await page.screenshot({ path: join(SHOTS, 'home.png') });
    await page.fill('header.site input[name=q]', 'Kazan');
    await page.press('header.site input[name=q]', 'Enter');
    await page.waitForURL(/\/search\?q=Kazan/);
    assert.match(await page.locator('main').innerText(), /\d+ results?/);
    assert.equal(await page.locator('mark').first().innerText(), 'Kazan');
    await page.screenshot({ path: join(SHOTS, 'search.png') });
    await page.goto(`${server.url}/search?q=${encodeURIComponent('"unbalanced (')}`);
    assert.ok(await page.locator('.error').isVisible(), 'a kind error message');
  });

  it('the story page shows the origin, every version and the timeline', async () => {
    const res = await fetch(`${server.url}/api/stories`);
    const { stories } = (await res.json()) as { stories: { id: string }[] };
    assert.ok(stories.length > 0);
    await page.goto(`${server.url}/s/${encodeURIComponent(stories[0]!.id)}`);
    assert.match(await page.locator('main').innerText(), /Every version[\s\S]*Amplification timeline/);
    assert.ok((await page.locator('.versions .post').count()) >= 2);
    await noPlaceholderInText();
    await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: true });
  });

  it('the channel feed scrolls in older posts and the dashboard draws its charts, within the CSP', async () => {
    await page.goto(`${server.url}/c/sample?limit=5`);
    assert.equal(await page.locator('.post').count(), 5);
    await page.locator('.pager').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelectorAll('.post').length > 5, undefined, {
      timeout: 10_000,
    });
    await page.goto(`${server.url}/dashboard`);
    await page.waitForSelector('#chart-languages svg', { timeout: 10_000 });
    await page.waitForSelector('#chart-daily svg polyline', { state: 'attached', timeout: 10_000 });
    // The daily line has a point for every day of the range, days without posts included (drawn at 0): the dated
    // posts are on 1 and 5 September, so five points.
    const { timeline } = (await (await fetch(`${server.url}/api/stats/daily`)).json()) as {
      timeline: { periods: string[] };
    };
    const points = await page.evaluate(
      () =>
        document.querySelector('#chart-daily polyline')!.getAttribute('points')!.trim().split(/\s+/).length,
    );
    assert.equal(timeline.periods.length, 5);
    assert.equal(points, 5);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    assert.deepEqual(cspErrors, []);
  });

  it('is readable on a phone-sized screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 800 } });
    await phone.goto(`${server.url}/c/sample`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `horizontal overflow ${overflow}px`);
    await phone.screenshot({ path: join(SHOTS, 'channel-phone.png') });
    await phone.close();
  });
});
