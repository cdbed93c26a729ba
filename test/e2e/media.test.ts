// Kept media in Debian's Chromium: the real server serves a post's photo and video from the archive's folder, the
// photo decodes and the video's metadata loads through byte-range requests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config.js';
import { emptyChannel, emptyPost } from '../../src/model/post.js';
import { createMediaKeeper } from '../../src/pipeline/media/keep.js';
import { LocalMediaStore } from '../../src/store/media/local.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { startServer, type RunningServer } from '../../src/web/server.js';
import { projectRoot } from '../shared.js';

const CHROMIUM = process.env.TGWIRE_CHROMIUM ?? '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM)
  ? false
  : `no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set TGWIRE_CHROMIUM`;
const FIXTURES = join(projectRoot, 'test', 'fixtures', 'media');

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let page: Page;
const mediaResponses: { url: string; status: number; range: string | null }[] = [];
const problems: string[] = [];

describe('kept media in a browser', { skip: SKIP, timeout: 120_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-e2e-media-'));
    store = await openSqliteStore(join(dir, 'archive.db'));
    const blobs = new LocalMediaStore(join(dir, 'media'));
    const keeper = createMediaKeeper({
      index: store,
      blobs,
      policy: {
        kinds: new Set(['photo', 'video']),
        maxFileBytes: 1e8,
        maxChannelBytes: 1e9,
        maxTotalBytes: 1e9,
      },
    });
    const keep = async (file: string, kind: 'photo' | 'video') => {
      const r = await keeper.keep({
        channel: 'kept',
        kind,
        role: 'file',
        bytes: new Uint8Array(readFileSync(join(FIXTURES, file))),
      });
      assert.ok('copy' in r, `${file} kept`);
      return r.copy;
    };
    const photo = await keep('photo.jpg', 'photo');
    const clip = await keep('clip.mp4', 'video');
    await store.upsertChannel({ ...emptyChannel('kept'), title: 'Kept media' });
    await store.savePosts([
      {
        ...emptyPost('kept', 1, 'export-json'),
        date: '2024-09-10T10:00:00.000Z',
        text: 'a photo and a clip',
        media: [
          { type: 'photo', url: 'photos/photo_1.jpg', supported: true, copy: photo },
          { type: 'video', url: 'video_files/clip.mp4', supported: true, copy: clip },
        ],
      },
    ]);
    server = await startServer({
      store,
      config: { ...loadConfig({}, {}), host: '127.0.0.1', port: 0, adminToken: null },
      media: blobs,
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
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('response', async (res) => {
      if (!res.url().includes('/media/')) return;
      const range =
        (await res
          .request()
          .headerValue('range')
          .catch(() => null)) ?? null;
      mediaResponses.push({ url: res.url(), status: res.status(), range });
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the post page's photo loads and its video reads its metadata through range requests", async () => {
    await page.goto(`${server.url}/c/kept/1`);
    const img = page.locator('.media figure.photo img');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () => {
        const i = document.querySelector<HTMLImageElement>('.media figure.photo img');
        return !!i && i.complete && i.naturalWidth > 0;
      },
      undefined,
      { timeout: 15_000 },
    );
    assert.equal(await img.evaluate((i: HTMLImageElement) => i.naturalWidth), 32);

    const duration = await page.waitForFunction(
      () => {
        const v = document.querySelector<HTMLVideoElement>('.media video');
        return v && v.readyState >= 1 && Number.isFinite(v.duration) && v.duration > 0 ? v.duration : null;
      },
      undefined,
      { timeout: 15_000 },
    );
    const seconds = (await duration.jsonValue()) as number;
    assert.ok(seconds > 0.5 && seconds < 2, `video duration ${seconds}`);
    const video = await page.locator('.media video').evaluate((v: HTMLVideoElement) => ({
      error: v.error?.code ?? null,
      width: v.videoWidth,
    }));
    assert.deepEqual(video, { error: null, width: 64 });
    // Chromium asks media by ranges; the server answered them with partial content.
    const ranged = mediaResponses.filter((r) => r.range);
    assert.ok(
      ranged.some((r) => r.status === 206),
      `a 206 answer to a Range request: ${JSON.stringify(mediaResponses)}`,
    );
    assert.ok(
      mediaResponses.every((r) => r.status === 200 || r.status === 206),
      JSON.stringify(mediaResponses),
    );
    assert.deepEqual(problems, []);
  });
});
