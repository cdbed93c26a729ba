// The app over a real SQLite archive holding the demo sample: what a newcomer sees first.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { loadConfig } from '../config/config.js';
import { MEDIA_LABELS } from '../model/labels.js';
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { ensureDemo } from '../pipeline/demo.js';
import { projectRoot } from '../../test/shared.js';
import { assertInertHtml } from '../feeds/inert.testkit.js';
import { atomEntries, strictXml } from '../feeds/xml.testkit.js';
import { createApp } from './app.js';

const DEMO = join(projectRoot, 'demo', 'sample-brics.txt');
let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tgwire-web-'));
  store = await openSqliteStore(join(dir, 'archive.db'));
  await ensureDemo(store, DEMO);
  app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: null } });
});

after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const nonceOf = (res: Response) =>
  /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')![1]!;

async function page(path: string, status = 200): Promise<string> {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  const body = await res.text();
  if (res.headers.get('content-type')?.includes('html')) assertInertHtml(body, path, nonceOf(res));
  for (const label of MEDIA_LABELS)
    assert.ok(!body.includes(label), `${path}: placeholder "${label}" shown as text`);
  return body;
}

describe('demo archive in SQLite', () => {
  it('home lists the brics topic and the sample channel with counts', async () => {
    const body = await page('/');
    assert.match(body, /href="\/t\/brics"/);
    assert.match(body, /href="\/c\/sample"/);
    assert.match(body, /21 posts/);
  });

  it('the topic feed shows the posts with their forward origin and a badge for the video', async () => {
    const body = await page('/t/brics?limit=50');
    assert.match(body, /Forwarded from/);
    assert.match(body, /Lavrov/);
    assert.match(body, /class="media-badge/);
    assert.match(body, /not shown by the source/);
  });

  it('pages through undated posts by position, every post exactly once', async () => {
    const seen: number[] = [];
    let path: string | null = '/c/sample?limit=4';
    while (path) {
      const body: string = await page(path);
      seen.push(...[...body.matchAll(/id="p-sample-(\d+)"/g)].map((m) => Number(m[1])));
      const older: string | undefined = /<a class="older" href="([^"]+)"/.exec(body)?.[1];
      path = older ? older.replace(/&amp;/g, '&') : null;
    }
    assert.equal(seen.length, 21);
    assert.equal(new Set(seen).size, 21);
  });

  it('search highlights matches and explains mistakes', async () => {
    const ok = await page('/search?q=Kazan');
    assert.match(ok, /<mark>Kazan<\/mark>/);
    const bad = await page('/search?q=%22Kazan', 400);
    assert.match(bad, /class="error"/);
    for (const q of ['*', 'NEAR(a b)', 'a AND', '(((', '"a" "b', 'x:y', '-', '#']) {
      const res = await app.request(`/search?q=${encodeURIComponent(q)}`);
      assert.ok(res.status === 200 || res.status === 400, `${q}: ${res.status}`);
    }
  });

  it('feeds parse back with real titles and stable GUIDs linking to the local post pages', async () => {
    const feed = await new Parser().parseString(await (await app.request('/t/brics/feed.rss')).text());
    assert.equal(feed.items.length, 20);
    for (const i of feed.items) {
      assert.ok(i.title && !MEDIA_LABELS.includes(i.title), i.title);
      assert.match(i.guid!, /^tgwire:sample\/\d+$/);
      assert.match(i.link!, /^http:\/\/localhost\/c\/sample\/\d+$/);
    }
    const chan = await new Parser().parseString(await (await app.request('/c/sample/feed.atom')).text());
    assert.equal(chan.items.length, 21);
    assert.ok(chan.items.some((i) => i.title === 'Forwarded from Russian MFA 🇷🇺'));
  });

  it('behind a proxy, feed links and ids use the public URL, and undated posts carry no publication date', async () => {
    const config = loadConfig({}, { TGWIRE_PUBLIC_URL: 'https://archive.example/tg/' });
    const proxied = createApp({ store, config: { ...config, adminToken: null } });
    for (const fmt of ['rss', 'atom'] as const) {
      const raw = await (await proxied.request(`http://10.0.0.5:8080/c/sample/feed.${fmt}`)).text();
      assert.doesNotMatch(raw, /10\.0\.0\.5/, fmt);
      const feed = await new Parser().parseString(raw);
      assert.equal(feed.items.length, 21);
      for (const i of feed.items) assert.match(i.link!, /^https:\/\/archive\.example\/tg\/c\/sample\/\d+$/);
      // The sample is a text dump: its posts have no date, and the import time is not one.
      if (fmt === 'rss') for (const i of feed.items) assert.equal(i.isoDate, undefined, i.link);
    }
    const json = (await (await proxied.request('/c/sample/feed.json')).json()) as {
      items: Record<string, unknown>[];
    };
    assert.ok(json.items.every((i) => !('date_published' in i)));
  });

  it('Atom entries of undated posts are valid: updated is when the archive recorded the version, never a published', async () => {
    const seenOf = async (id: string) => {
      const [channel, n] = id.replace(/^tgwire:/, '').split('/');
      return (await store.getVersions(channel!, Number(n))).at(-1)!.seenAt;
    };
    for (const path of ['/c/sample/feed.atom', '/t/brics/feed.atom']) {
      const raw = await (await app.request(path)).text();
      const entries = atomEntries(raw);
      assert.ok(entries.length >= 20, path);
      for (const e of entries) {
        assert.equal(e.id.length, 1, path);
        assert.deepEqual(e.updated, [await seenOf(e.id[0]!)], `${path} ${e.id[0]}`);
        assert.deepEqual(e.published, [], `${path} ${e.id[0]}`);
      }
      // The feed's own updated is its newest entry's, not the time of the request.
      const feedUpdated = strictXml(raw).documentElement.getElementsByTagName('updated')[0]!.textContent;
      assert.equal(
        feedUpdated,
        entries
          .map((e) => e.updated[0]!)
          .sort()
          .at(-1),
        path,
      );
    }
    const json = (await (await app.request('/c/sample/feed.json')).json()) as {
      items: { id: string; date_modified?: string }[];
    };
    for (const i of json.items) assert.equal(i.date_modified, await seenOf(i.id), i.id);
  });

  it('post pages and the dashboard render', async () => {
    assert.match(await page('/c/sample/2'), /Versions \(1\)/);
    assert.match(await page('/dashboard'), /chart-languages/);
    const langs = (await (await app.request('/api/stats/languages')).json()) as {
      languages: { lang: string | null }[];
    };
    // null: the sample's post without text (a video), which has no language to tell.
    assert.deepEqual(new Set(langs.languages.map((l) => l.lang)), new Set(['en', 'fr', 'ru', null]));
  });
});

describe('story corrections over the demo archive in SQLite', () => {
  it('a merge through the API shows on the story page with its evidence, and is listed', async () => {
    const admin = createApp({ store, config: { ...loadConfig({}, {}), adminToken: 'demo-admin-token' } });
    const auth = { authorization: 'Bearer demo-admin-token' };
    const res = await admin.request('/api/stories/merge', {
      method: 'POST',
      body: JSON.stringify({ post: 'sample/20', into: 'sample/5' }),
      headers: { 'content-type': 'application/json', ...auth },
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { story } = (await res.json()) as { story: string };
    const view = await admin.request(`/s/${story}`, { headers: auth });
    const body = await view.text();
    assertInertHtml(body, `/s/${story}`, nonceOf(view));
    assert.match(body, /<span class="reason">merged<\/span>/);
    assert.match(body, /matched <a href="\/c\/sample\/5">sample\/5<\/a> · score 1\.00/);
    assert.match(body, /<li>merged by a reader<\/li>/);
    assert.equal(body.match(/action="\/api\/stories\/split"/g)?.length, 4);
    const list = (await (await app.request('/api/stories/corrections')).json()) as {
      corrections: { kind: string; post: string; into: string }[];
    };
    assert.deepEqual(
      list.corrections.map((c) => [c.kind, c.post, c.into]),
      [['merge', 'sample/20', 'sample/5']],
    );
  });
});
