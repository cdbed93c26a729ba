// The media archive end to end: a Desktop export folder with a JPEG, an MP4, an Ogg voice note and a PDF is imported
// with the CLI; the web app then shows or links each file on its post's page, serves the bytes with their type and
// ranges, and the RSS, Atom and JSON feeds (read back by a feed parser) carry them as enclosures.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { loadConfig } from '../src/config/config.js';
import { openMediaStore } from '../src/cli/media.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/index.js';
import { createApp } from '../src/web/app.js';
import { tgwire } from './cli.testkit.js';
import { IDS, mediaFixture, writeMediaExport } from './media-export.testkit.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PUBLIC = 'https://archive.example.org';
const FILES = [
  { id: IDS.photo, name: 'photo.jpg', type: 'image/jpeg', shown: /<img[^>]+src="\/media\/HASH"/ },
  { id: IDS.video, name: 'clip.mp4', type: 'video/mp4', shown: /<video[^>]+src="\/media\/HASH"/ },
  { id: IDS.voice, name: 'voice.ogg', type: 'audio/ogg', shown: /<audio[^>]+src="\/media\/HASH"/ },
  { id: IDS.doc, name: 'doc.pdf', type: 'application/pdf', shown: /<a[^>]+href="\/media\/HASH"/ },
] as const;

for (const format of ['json', 'html'] as const) {
  describe(`media from a ${format.toUpperCase()} export folder, imported, served and syndicated`, () => {
    let base: string;
    let db: string;
    let store: SqliteStore;
    let app: ReturnType<typeof createApp>;
    let channel: string;

    before(async () => {
      base = mkdtempSync(join(tmpdir(), `tgwire-media-e2e-${format}-`));
      const exp = await writeMediaExport(base, format);
      mkdirSync(join(base, 'archive'));
      db = join(base, 'archive', 'a.db');
      const r = tgwire(['--db', db, 'import', exp.folder, '--json'], {
        TGWIRE_MEDIA_DIR: undefined,
        TGWIRE_MEDIA: undefined,
      });
      assert.equal(r.code, 0, r.stderr);
      store = await openSqliteStore(db);
      channel = (await store.listChannels())[0]!.key;
      const config = { ...loadConfig({ db }, {}), adminToken: null, publicUrl: PUBLIC };
      app = createApp({ store, config, media: openMediaStore(config) });
    });
    after(async () => {
      await store.close();
      rmSync(base, { recursive: true, force: true });
    });

    for (const f of FILES) {
      it(`${f.name}: shown on its post's page, served whole and by range with its type`, async () => {
        const bytes = mediaFixture(f.name);
        const hash = sha(bytes);
        const page = await app.request(`/c/${channel}/${f.id}`);
        assert.equal(page.status, 200);
        const html = await page.text();
        assert.match(html, new RegExp(f.shown.source.replace('HASH', hash)), `${f.name} on its page`);

        const whole = await app.request(`/media/${hash}`);
        assert.equal(whole.status, 200);
        assert.equal(whole.headers.get('content-type')?.split(';')[0], f.type);
        assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes);

        const part = await app.request(`/media/${hash}`, { headers: { range: 'bytes=4-11' } });
        assert.equal(part.status, 206);
        assert.equal(part.headers.get('content-range'), `bytes 4-11/${bytes.length}`);
        assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(4, 12));
      });
    }

    it('the RSS, Atom and JSON feeds carry each kept file as an enclosure at the public address', async () => {
      // rss-parser reads RSS enclosures itself; Atom's link rel="enclosure" is read from the links it keeps.
      type AtomLink = { $: { rel?: string; href: string; length?: string; type?: string } };
      const parser = new Parser<object, { links?: AtomLink[] }>({
        customFields: { item: [['link', 'links', { keepArray: true }]] },
      });
      const want = new Map(FILES.map((f) => [`${PUBLIC}/media/${sha(mediaFixture(f.name))}`, f]));
      for (const kind of ['rss', 'atom'] as const) {
        const res = await app.request(`/c/${channel}/feed.${kind}`);
        assert.equal(res.status, 200);
        const feed = await parser.parseString(await res.text());
        const found =
          kind === 'rss'
            ? feed.items.flatMap((i) => (i.enclosure ? [i.enclosure] : []))
            : feed.items.flatMap((i) =>
                (i.links ?? [])
                  .filter((l) => l.$.rel === 'enclosure')
                  .map((l) => ({ url: l.$.href, type: l.$.type, length: l.$.length })),
              );
        for (const [url, f] of want) {
          const e = found.find((x) => x.url === url);
          assert.ok(e, `${kind}: enclosure for ${f.name}`);
          assert.equal(e.type?.split(';')[0], f.type, `${kind}: type of ${f.name}`);
          assert.equal(Number(e.length), mediaFixture(f.name).length, `${kind}: length of ${f.name}`);
        }
      }
      const json = (await (await app.request(`/c/${channel}/feed.json`)).json()) as {
        items: { attachments?: { url: string; mime_type: string; size_in_bytes: number }[] }[];
      };
      const attachments = json.items.flatMap((i) => i.attachments ?? []);
      for (const [url, f] of want) {
        const a = attachments.find((x) => x.url === url);
        assert.ok(a, `json: attachment for ${f.name}`);
        assert.equal(a.mime_type.split(';')[0], f.type);
        assert.equal(a.size_in_bytes, mediaFixture(f.name).length);
      }
    });
  });
}
