// Kept media in the web app (in-process): /media/HASH with its type, ranges and cache headers, post cards showing the
// archive's copies, and feeds enclosing them; real files kept by the keeper into a folder, over a SQLite archive.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { loadConfig, type Config } from '../config/config.js';
import type { MediaCopy } from '../model/media.js';
import { emptyPost, type Media, type Post } from '../model/post.js';
import { createMediaKeeper } from '../pipeline/media/keep.js';
import type { MediaBlobStore } from '../store/media/blob-store.js';
import { LocalMediaStore } from '../store/media/local.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { projectRoot } from '../../test/shared.js';
import { assertInertHtml } from '../feeds/inert.testkit.js';
import { createApp } from './app.js';
import { parseRange } from './routes/media.js';

const FIXTURES = join(projectRoot, 'test', 'fixtures', 'media');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const PUBLIC = 'https://archive.example';
const CH = 'kept';

let dir: string;
let store: SqliteStore;
let blobs: LocalMediaStore;
const copies: Record<string, MediaCopy> = {};
const bytes: Record<string, Uint8Array> = {};

function config(publicUrl: string | null = PUBLIC): Config {
  return { ...loadConfig({ db: ':memory:' }, {}), adminToken: null, publicUrl };
}

function post(id: number, media: Media[], over: Partial<Post> = {}): Post {
  return {
    ...emptyPost(CH, id, 'export-json'),
    date: `2024-09-${String(10 + id).padStart(2, '0')}T10:00:00.000Z`,
    text: `post ${id}`,
    media,
    ...over,
  };
}

/** Counts what the app asks of the media store and the index, to show a refused name reads nothing. */
function spied(target: MediaBlobStore, index: Store) {
  const calls: string[] = [];
  const media: MediaBlobStore = {
    kind: target.kind,
    location: target.location,
    put: (...a) => target.put(...a),
    delete: (h) => target.delete(h),
    list: () => target.list(),
    size: (h) => (calls.push(`size ${h}`), target.size(h)),
    read: (h, r) => (calls.push(`read ${h}`), target.read(h, r)),
  };
  const store = new Proxy(index, {
    get(t, k) {
      if (k === 'getMediaFile') return (h: string) => (calls.push(`index ${h}`), t.getMediaFile(h));
      const v = Reflect.get(t, k) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
  });
  return { calls, media, store };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-web-media-'));
  store = await openSqliteStore(':memory:');
  blobs = new LocalMediaStore(join(dir, 'media'));
  const keeper = createMediaKeeper({
    index: store,
    blobs,
    policy: {
      kinds: new Set(['photo', 'video', 'voice', 'document']),
      maxFileBytes: 50 * 1024 * 1024,
      maxChannelBytes: 1e9,
      maxTotalBytes: 1e9,
    },
  });
  const keep = async (name: string, kind: Media['type'], role: 'file' | 'thumb' = 'file') => {
    bytes[name] = name.includes('.')
      ? fixture(name)
      : new TextEncoder().encode('<html><script>alert(1)</script>');
    const r = await keeper.keep({ channel: CH, kind, role, bytes: bytes[name] });
    assert.ok('copy' in r, `${name} kept: ${JSON.stringify(r)}`);
    copies[name] = r.copy;
  };
  await keep('photo.jpg', 'photo');
  await keep('clip.mp4', 'video');
  await keep('voice.ogg', 'voice');
  await keep('doc.pdf', 'document');
  await keep('page-html', 'document');
  const thumb = await keeper.keep({ channel: CH, kind: 'video', role: 'thumb', bytes: bytes['photo.jpg']! });
  assert.ok('copy' in thumb, 'thumbnail kept');

  await store.upsertChannel({
    key: CH,
    username: null,
    numericId: 1,
    title: 'Kept media',
    description: null,
    subscribers: null,
    avatarUrl: null,
    kind: null,
  });
  await store.savePosts([
    post(1, [{ type: 'photo', url: 'photos/photo_1.jpg', supported: true, copy: copies['photo.jpg'] }]),
    post(2, [
      {
        type: 'video',
        url: 'video_files/clip.mp4',
        supported: true,
        duration: 1,
        copy: copies['clip.mp4'],
        thumbCopy: thumb.copy,
      },
    ]),
    post(3, [{ type: 'voice', url: 'voice_messages/a.ogg', supported: true, copy: copies['voice.ogg'] }]),
    post(4, [{ type: 'document', fileName: 'report.pdf', supported: true, copy: copies['doc.pdf'] }]),
    post(5, [{ type: 'document', fileName: 'page.html', supported: true, copy: copies['page-html'] }]),
    post(6, [
      {
        type: 'video',
        url: 'https://cdn.example/v.mp4',
        supported: true,
        skipped: { reason: 'too_large', size: 80 * 1024 * 1024 },
      },
    ]),
    post(7, [{ type: 'photo', supported: true, skipped: { reason: 'not_included' } }]),
    post(8, [{ type: 'photo', url: 'photos/photo_1.jpg', supported: true, copy: copies['photo.jpg'] }]),
    // An album: a photo and a file.
    post(9, [
      { type: 'photo', supported: true, copy: copies['photo.jpg'] },
      { type: 'document', fileName: 'report.pdf', supported: true, copy: copies['doc.pdf'] },
    ]),
  ]);
  await store.markDeleted(CH, [8]);
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const appWith = (over: { media?: MediaBlobStore | null; store?: Store; publicUrl?: string | null } = {}) =>
  createApp({
    store: over.store ?? store,
    config: config(over.publicUrl === undefined ? PUBLIC : over.publicUrl),
    media: over.media === undefined ? blobs : over.media,
  });

const body = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('parseRange', () => {
  const cases: [string | undefined, number, ReturnType<typeof parseRange>][] = [
    [undefined, 10, null],
    ['bytes=0-3', 10, { start: 0, end: 3 }],
    ['bytes=4-', 10, { start: 4, end: 9 }],
    ['bytes=-3', 10, { start: 7, end: 9 }],
    ['bytes=-30', 10, { start: 0, end: 9 }],
    ['bytes=5-100', 10, { start: 5, end: 9 }],
    ['bytes=10-', 10, 'unsatisfiable'],
    ['bytes=-0', 10, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=0-1,4-5', 10, null],
    ['bytes=5-2', 10, null],
    ['items=0-1', 10, null],
    ['bytes=-', 10, null],
  ];
  for (const [header, size, want] of cases)
    it(`${header ?? '(none)'} of ${size} bytes`, () => assert.deepEqual(parseRange(header, size), want));
});

describe('GET /media/HASH', () => {
  const files: [string, string][] = [
    ['photo.jpg', 'image/jpeg'],
    ['clip.mp4', 'video/mp4'],
    ['voice.ogg', 'audio/ogg; codecs=opus'],
    ['doc.pdf', 'application/pdf'],
  ];
  for (const [name, type] of files) {
    it(`serves ${name} as ${type}, whole, with long-lived cache headers`, async () => {
      const copy = copies[name]!;
      const res = await appWith().request(`/media/${copy.sha256}`);
      assert.equal(res.status, 200);
      assert.equal(copy.type, type);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('content-length'), String(bytes[name]!.length));
      assert.equal(res.headers.get('accept-ranges'), 'bytes');
      assert.equal(res.headers.get('etag'), `"${copy.sha256}"`);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /(^|; )sandbox(;|$)/);
      assert.deepEqual(await body(res), bytes[name]);
    });
  }

  it('serves images, video and audio inline, a PDF and an unknown type as downloads', async () => {
    const app = appWith();
    for (const name of ['photo.jpg', 'clip.mp4', 'voice.ogg']) {
      const res = await app.request(`/media/${copies[name]!.sha256}`);
      assert.equal(res.headers.get('content-disposition'), null, name);
    }
    for (const name of ['doc.pdf', 'page-html']) {
      const res = await app.request(`/media/${copies[name]!.sha256}`);
      assert.match(res.headers.get('content-disposition') ?? '', /^attachment/, name);
      assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/, name);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /html|svg/, name);
    }
  });

  it('answers a single range with 206 and exactly those bytes', async () => {
    const app = appWith();
    const mp4 = bytes['clip.mp4']!;
    const url = `/media/${copies['clip.mp4']!.sha256}`;
    const ranges: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, mp4.length - 1],
      ['bytes=-50', mp4.length - 50, mp4.length - 1],
      [`bytes=2000-${mp4.length + 500}`, 2000, mp4.length - 1],
    ];
    for (const [header, start, end] of ranges) {
      const res = await app.request(url, { headers: { Range: header } });
      assert.equal(res.status, 206, header);
      assert.equal(res.headers.get('content-range'), `bytes ${start}-${end}/${mp4.length}`, header);
      assert.equal(res.headers.get('content-length'), String(end - start + 1), header);
      assert.equal(res.headers.get('content-type'), 'video/mp4');
      assert.deepEqual(await body(res), mp4.subarray(start, end + 1), header);
    }
  });

  it('answers 416 with the size for a range past the end, the whole file for several ranges', async () => {
    const app = appWith();
    const mp4 = bytes['clip.mp4']!;
    const url = `/media/${copies['clip.mp4']!.sha256}`;
    const past = await app.request(url, { headers: { Range: `bytes=${mp4.length}-` } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get('content-range'), `bytes */${mp4.length}`);
    assert.equal((await body(past)).length, 0);
    const several = await app.request(url, { headers: { Range: 'bytes=0-9,20-29' } });
    assert.equal(several.status, 200);
    assert.equal(several.headers.get('content-range'), null);
    assert.deepEqual(await body(several), mp4);
    // A range asked against another version of the file (If-Range): the whole file.
    const stale = await app.request(url, { headers: { Range: 'bytes=0-9', 'If-Range': '"other"' } });
    assert.equal(stale.status, 200);
    assert.deepEqual(await body(stale), mp4);
  });

  it('answers 304 to its own entity tag', async () => {
    const hash = copies['photo.jpg']!.sha256;
    for (const tag of [`"${hash}"`, `W/"${hash}"`, `"x", "${hash}"`, '*']) {
      const res = await appWith().request(`/media/${hash}`, { headers: { 'If-None-Match': tag } });
      assert.equal(res.status, 304, tag);
      assert.equal((await body(res)).length, 0);
      assert.equal(res.headers.get('etag'), `"${hash}"`);
    }
    const other = await appWith().request(`/media/${hash}`, { headers: { 'If-None-Match': '"x"' } });
    assert.equal(other.status, 200);
  });

  it('answers HEAD with the headers and no body, without opening the file', async () => {
    const s = spied(blobs, store);
    const app = appWith({ media: s.media, store: s.store });
    const copy = copies['clip.mp4']!;
    const res = await app.request(`/media/${copy.sha256}`, { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'video/mp4');
    assert.equal(res.headers.get('content-length'), String(copy.size));
    assert.equal((await body(res)).length, 0);
    assert.ok(!s.calls.some((c) => c.startsWith('read')), s.calls.join(', '));
    const part = await app.request(`/media/${copy.sha256}`, {
      method: 'HEAD',
      headers: { Range: 'bytes=0-9' },
    });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-length'), '10');
  });

  it('refuses any name but a lower-case SHA-256 without reading anything', async () => {
    const s = spied(blobs, store);
    const app = appWith({ media: s.media, store: s.store });
    const hash = copies['photo.jpg']!.sha256;
    for (const path of [
      '/media/..%2F..%2Fetc%2Fpasswd',
      '/media/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/media/../x',
      '/media/%2e%2e%2fx',
      `/media/${hash.toUpperCase()}`,
      `/media/${hash}.jpg`,
      `/media/${hash.slice(2)}`,
      `/media/${hash.slice(0, 2)}%2F${hash}`,
      `/media/${hash.slice(0, 2)}/${hash}`,
      '/media/',
    ]) {
      const res = await app.request(path);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /root:x?:0:0/, path);
    }
    assert.deepEqual(s.calls, []);
  });

  it('answers 404 for a hash unknown to the index, or indexed but not stored (not cached)', async () => {
    const unknown = 'a'.repeat(64);
    const res = await appWith().request(`/media/${unknown}`);
    assert.equal(res.status, 404);
    const lost = 'b'.repeat(64);
    await store.reserveMediaFile(
      { sha256: lost, size: 10, contentType: 'image/jpeg', kind: 'photo', channel: CH },
      { maxTotalBytes: 1e12, maxChannelBytes: 1e12 },
    );
    const gone = await appWith().request(`/media/${lost}`);
    assert.equal(gone.status, 404);
    assert.doesNotMatch(gone.headers.get('cache-control') ?? '', /immutable/);
    await store.removeMediaFile(lost);
  });

  it('serves nothing when the app has no media store', async () => {
    const res = await appWith({ media: null }).request(`/media/${copies['photo.jpg']!.sha256}`);
    assert.equal(res.status, 404);
  });

  it("serves a deleted post's media", async () => {
    const deleted = await store.getPost(CH, 8);
    assert.equal(deleted?.deleted, true);
    const hash = deleted!.media[0]!.copy!.sha256;
    const res = await appWith().request(`/media/${hash}`);
    assert.equal(res.status, 200);
    assert.deepEqual(await body(res), bytes['photo.jpg']);
  });
});

describe('post cards show the archive copies', () => {
  async function page(path: string, app = appWith()): Promise<string> {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    const html = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;
    assertInertHtml(html, path, nonce);
    return html;
  }
  const h = (name: string) => copies[name]!.sha256;

  it('a photo from an export shows the image from the archive, linking to the full file', async () => {
    const html = await page(`/c/${CH}/1`);
    assert.match(
      html,
      new RegExp(`<a href="/media/${h('photo.jpg')}"><img\\s+src="/media/${h('photo.jpg')}"`),
    );
    assert.doesNotMatch(html, /media-badge/);
  });

  it('a video plays from the archive, with the kept thumbnail as its poster', async () => {
    const html = await page(`/c/${CH}/2`);
    const video = /<video[^>]*>/.exec(html)?.[0] ?? '';
    assert.match(video, new RegExp(`src="/media/${h('clip.mp4')}"`));
    assert.match(video, /preload="metadata"/);
    assert.match(video, /\bcontrols\b/);
    assert.match(video, new RegExp(`poster="/media/${h('photo.jpg')}"`));
  });

  it('a voice note plays from the archive', async () => {
    const html = await page(`/c/${CH}/3`);
    assert.match(html, new RegExp(`<audio controls preload="metadata" src="/media/${h('voice.ogg')}">`));
  });

  it('a document shows its name, size and a download link', async () => {
    const html = await page(`/c/${CH}/4`);
    assert.match(html, new RegExp(`<a href="/media/${h('doc.pdf')}" download="report.pdf">report.pdf</a>`));
    assert.match(html, /<span class="muted">193 bytes<\/span>/);
  });

  it('items without a copy are a placeholder that says why, never the source file', async () => {
    const big = await page(`/c/${CH}/6`);
    assert.doesNotMatch(big, /cdn\.example/);
    assert.match(big, /<span class="badge">Video<\/span>/);
    assert.match(big, /not kept: over the 50 MB limit \(80 MB\)/);
    const missing = await page(`/c/${CH}/7`);
    assert.match(missing, /file not included in the export/);
    assert.match(missing, /<span class="badge">Photo<\/span>/);
  });

  it('a deleted post keeps its media', async () => {
    const html = await page(`/c/${CH}/8`);
    assert.match(html, /badge deleted/);
    assert.match(html, new RegExp(`<img\\s+src="/media/${h('photo.jpg')}"`));
  });

  it('the channel list shows the copies too', async () => {
    const html = await page(`/c/${CH}`);
    for (const name of ['photo.jpg', 'clip.mp4', 'voice.ogg', 'doc.pdf'])
      assert.ok(html.includes(`/media/${h(name)}`), name);
  });

  it('without a media store the cards keep the source rendering', async () => {
    const html = await page(`/c/${CH}/1`, appWith({ media: null }));
    assert.doesNotMatch(html, /\/media\//);
    assert.match(html, /<span class="badge">Photo<\/span>/);
  });
});

describe('feeds enclose the kept files', () => {
  type AtomLink = { $: { rel?: string; href: string; length?: string; type?: string } };
  const parser = new Parser<object, { id?: string; links?: AtomLink[] }>({
    customFields: { item: [['link', 'links', { keepArray: true }]] },
  });
  const url = (name: string, base = PUBLIC) => `${base}/media/${copies[name]!.sha256}`;
  const idOf = (guidOrId: string | undefined) => Number(/\/(\d+)$/.exec(guidOrId ?? '')?.[1]);

  it('RSS: one enclosure per item with the absolute URL, length and type; photos shown in the item', async () => {
    const res = await appWith().request(`/c/${CH}/feed.rss`);
    assert.equal(res.status, 200);
    const feed = await parser.parseString(await res.text());
    const byId = new Map(feed.items.map((i) => [idOf(i.guid), i]));
    const expect: [number, string, string][] = [
      [1, 'photo.jpg', 'image/jpeg'],
      [2, 'clip.mp4', 'video/mp4'],
      [3, 'voice.ogg', 'audio/ogg; codecs=opus'],
      [4, 'doc.pdf', 'application/pdf'],
      [8, 'photo.jpg', 'image/jpeg'],
      [9, 'photo.jpg', 'image/jpeg'],
    ];
    for (const [id, name, type] of expect) {
      const item = byId.get(id);
      assert.deepEqual(
        { ...item?.enclosure },
        { url: url(name), length: String(bytes[name]!.length), type },
        `post ${id}`,
      );
    }
    assert.equal(byId.get(6)?.enclosure, undefined);
    const html = String((byId.get(1) as Record<string, unknown> | undefined)?.['content:encoded'] ?? '');
    assertInertHtml(html, 'rss item 1');
    assert.ok(html.includes(`<img src="${url('photo.jpg')}"`), `item 1 shows the kept photo: ${html}`);
  });

  it('Atom: a link rel="enclosure" for every kept file', async () => {
    const res = await appWith().request(`/c/${CH}/feed.atom`);
    const feed = await parser.parseString(await res.text());
    const encl = (id: number) =>
      (feed.items.find((i) => idOf(i.id) === id)?.links ?? [])
        .map((l) => ({ ...l.$ }))
        .filter((l) => l.rel === 'enclosure');
    assert.deepEqual(encl(2), [
      {
        rel: 'enclosure',
        href: url('clip.mp4'),
        length: String(bytes['clip.mp4']!.length),
        type: 'video/mp4',
      },
    ]);
    assert.deepEqual(
      encl(9).map((l) => [l.href, l.type]),
      [
        [url('photo.jpg'), 'image/jpeg'],
        [url('doc.pdf'), 'application/pdf'],
      ],
    );
    assert.deepEqual(encl(6), []);
  });

  it('JSON Feed: attachments with URL, type and size; the photo as the item image', async () => {
    const res = await appWith().request(`/c/${CH}/feed.json`);
    const feed = JSON.parse(await res.text()) as {
      items: { id: string; image?: string; content_html?: string; attachments?: unknown[] }[];
    };
    const item = (id: number) => feed.items.find((i) => idOf(i.id) === id);
    assert.deepEqual(item(9)?.attachments, [
      { url: url('photo.jpg'), mime_type: 'image/jpeg', size_in_bytes: bytes['photo.jpg']!.length },
      { url: url('doc.pdf'), mime_type: 'application/pdf', size_in_bytes: bytes['doc.pdf']!.length },
    ]);
    assert.equal(item(9)?.image, url('photo.jpg'));
    assert.deepEqual(item(3)?.attachments, [
      {
        url: url('voice.ogg'),
        mime_type: 'audio/ogg; codecs=opus',
        size_in_bytes: bytes['voice.ogg']!.length,
      },
    ]);
    assert.equal(item(6)?.attachments, undefined);
    // The deleted post's item still carries its file, and the file is still served.
    assert.equal((item(8)?.attachments as { url: string }[] | undefined)?.[0]?.url, url('photo.jpg'));
  });

  it('without a public URL the enclosures use the address the request came to, as the item links do', async () => {
    const res = await appWith({ publicUrl: null }).request(`http://127.0.0.1:8080/c/${CH}/feed.rss`);
    const feed = await parser.parseString(await res.text());
    const item = feed.items.find((i) => idOf(i.guid) === 1);
    assert.equal(item?.enclosure?.url, url('photo.jpg', 'http://127.0.0.1:8080'));
    assert.equal(item?.link, `http://127.0.0.1:8080/c/${CH}/1`);
  });

  it('without a media store the feeds enclose nothing', async () => {
    const res = await appWith({ media: null }).request(`/c/${CH}/feed.json`);
    const raw = await res.text();
    assert.doesNotMatch(raw, /attachments|\/media\//);
  });
});
