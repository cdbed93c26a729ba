// Real captured inputs (../shared/fixtures) imported and served: every channel page and feed renders, inert.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import Parser from 'rss-parser';
import { loadConfig } from '../config/config.js';
import { MEDIA_LABELS } from '../model/labels.js';
import { importFile } from '../pipeline/import.js';
import { fixtureFiles, SKIP_NO_SHARED, sharedDir } from '../../test/shared.js';
import { assertInertHtml, assertNoRawScript } from '../feeds/inert.testkit.js';
import { createApp } from './app.js';
import { openSqliteStore } from '../store/sqlite/index.js';

const files = ['tme_s_html', 'export_json', 'export_html', 'text_dump'].flatMap((d) => fixtureFiles(d));

describe('real fixtures through the web app', { skip: sharedDir() ? false : SKIP_NO_SHARED }, () => {
  for (const file of files) {
    it(basename(file), async () => {
      const store = await openSqliteStore(':memory:');
      const name = `fx_${basename(file)
        .replace(/[^a-z0-9]+/gi, '_')
        .slice(0, 20)
        .toLowerCase()}`;
      await importFile(store, file, { channel: name });
      const app = createApp({ store, config: { ...loadConfig({}, {}), adminToken: null } });
      const channels = await store.listChannels();
      assert.ok(channels.length > 0);
      for (const ch of channels) {
        const base = `/c/${encodeURIComponent(ch.key)}`;
        const res = await app.request(`${base}?limit=200`);
        assert.equal(res.status, 200, base);
        const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy')!)![1];
        const html = await res.text();
        assertInertHtml(html, base, nonce);
        const texts = [...html.matchAll(/<div class="text" dir="auto">([\s\S]*?)<\/div>/g)].map((m) => m[1]!);
        for (const t of texts)
          for (const label of MEDIA_LABELS) assert.ok(!t.includes(label), `${base}: "${label}" as text`);
        const rss = await (await app.request(`${base}/feed.rss`)).text();
        assertNoRawScript(rss, `${base} rss`);
        const feed = await new Parser().parseString(rss);
        for (const item of feed.items) {
          assert.ok(
            item.title?.trim() && !MEDIA_LABELS.includes(item.title),
            `${base}: title "${item.title}"`,
          );
          assertInertHtml((item['content:encoded'] as string) ?? '', `${base} ${item.guid}`);
        }
        assert.equal(new Set(feed.items.map((i) => i.guid)).size, feed.items.length);
        const json = await (await app.request(`${base}/feed.json`)).text();
        assertNoRawScript(json, `${base} json`);
        assert.ok(Array.isArray((JSON.parse(json) as { items: unknown[] }).items));
      }
    });
  }
});
