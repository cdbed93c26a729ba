// A Desktop export exported with media brings its files into the media store, and nothing outside its folder.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import {
  IDS,
  PATHS,
  mediaFixture,
  writeMediaExport,
  type MediaExport,
} from '../../test/media-export.testkit.js';
import { fixtureFiles, SKIP_NO_SHARED } from '../../test/shared.js';
import { KEPT_KINDS } from '../model/media.js';
import type { Media, MediaType, Post } from '../model/post.js';
import { LocalMediaStore } from '../store/media/local.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';
import { importFile } from './import.js';
import { createMediaKeeper, sha256Hex, type MediaKeeper } from './media/keep.js';
import { makePreview } from './media/thumbnail.js';

const keeperFor = (store: Store, blobs: LocalMediaStore): MediaKeeper =>
  createMediaKeeper({
    index: store,
    blobs,
    previewer: makePreview,
    policy: {
      kinds: new Set<MediaType>(KEPT_KINDS),
      maxFileBytes: 50 * 1024 * 1024,
      maxChannelBytes: 1024 ** 3,
      maxTotalBytes: 1024 ** 3,
    },
  });

const collect = async (s: NodeJS.ReadableStream) => {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
};

async function listed(blobs: LocalMediaStore): Promise<string[]> {
  const out: string[] = [];
  for await (const b of blobs.list()) out.push(b.sha256);
  return out.sort();
}

/** Every file under dir (relative path -> size and mtime), for "nothing else was written". */
function snapshot(dir: string, skip: (rel: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const rel = relative(dir, p);
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p, { throwIfNoEntry: false });
        out.set(rel, st ? `${st.size}:${st.mtimeMs}` : 'link');
      }
    }
  };
  walk(dir);
  return out;
}

const sha = (b: Uint8Array) => sha256Hex(b);

for (const format of ['json', 'html'] as const) {
  describe(`a Desktop ${format.toUpperCase()} export with media`, () => {
    let base: string;
    let store: Store;
    let blobs: LocalMediaStore;
    let exp: MediaExport;
    let posts: Map<number, Post>;
    let batch: number;
    let channel: string;
    let before_: Map<string, string>;
    const outsideOf = (rel: string) => rel === 'a.db' || rel.startsWith('a.db-') || rel === 'media';

    before(async () => {
      base = mkdtempSync(join(tmpdir(), `tgwire-import-media-${format}-`));
      exp = await writeMediaExport(base, format);
      store = await openSqliteStore(join(base, 'a.db'));
      blobs = new LocalMediaStore(join(base, 'media'));
      before_ = snapshot(base, outsideOf);
      const r = await importFile(store, exp.folder, { media: keeperFor(store, blobs) });
      assert.equal(r.format, `export-${format}`);
      assert.equal(r.posts, 9);
      assert.equal(r.added, 9);
      batch = r.batch;
      channel = r.channels[0]!;
      posts = new Map();
      for await (const p of store.iteratePosts({ channel })) posts.set(p.id, p);
    });
    after(async () => {
      await store.close();
      rmSync(base, { recursive: true, force: true });
    });

    const item = (id: number): Media => {
      const m = posts.get(id)?.media;
      assert.equal(m?.length, 1, `post ${id} has one media item`);
      return m[0]!;
    };

    it('keeps the photo, video, voice note, document and round video byte for byte, typed from their bytes', async () => {
      const cases: [number, MediaType, 'photo.jpg' | 'clip.mp4' | 'voice.ogg' | 'doc.pdf', RegExp][] = [
        [IDS.photo, 'photo', 'photo.jpg', /^image\/jpeg$/],
        [IDS.video, 'video', 'clip.mp4', /^video\/mp4$/],
        [IDS.voice, 'voice', 'voice.ogg', /^audio\/ogg/],
        [IDS.doc, 'document', 'doc.pdf', /^application\/pdf$/],
        [IDS.round, 'round_video', 'clip.mp4', /^video\/mp4$/],
      ];
      for (const [id, type, name, contentType] of cases) {
        const m = item(id);
        assert.equal(m.type, type, `post ${id}`);
        const bytes = mediaFixture(name);
        assert.equal(m.copy?.sha256, sha(bytes), `post ${id} copy`);
        assert.equal(m.copy?.size, bytes.length);
        assert.match(m.copy!.type, contentType);
        assert.equal(m.skipped, undefined);
        const stored = await blobs.read(m.copy!.sha256);
        assert.ok(stored, `post ${id}: its file is in the media store`);
        assert.deepEqual(await collect(stored.body), bytes, `post ${id}: byte-equal`);
        const record = await store.getMediaFile(m.copy!.sha256);
        assert.match(record!.contentType, contentType);
        // The round video is the same clip as the video: stored once, under the kind that brought it first.
        assert.equal(record!.kind, id === IDS.round ? 'video' : type);
        assert.equal(record!.channel, channel);
      }
    });

    it("keeps the video's and round video's thumbnails, and (HTML) the export's photo preview", async () => {
      assert.equal(item(IDS.video).thumbCopy?.sha256, sha(mediaFixture('photo.jpg')));
      assert.equal(item(IDS.round).thumbCopy?.sha256, sha(mediaFixture('photo.jpg')));
      if (format === 'html') {
        const t = item(IDS.photo).thumbCopy;
        assert.equal(t?.sha256, sha(exp.photoThumbBytes));
        assert.equal((await store.getMediaFile(t!.sha256))?.kind, 'thumbnail');
      } else assert.equal(item(IDS.photo).thumbCopy, undefined, 'JSON names no photo thumbnail');
    });

    it('records why the others have no copy: not included, missing, unsafe paths (file and link)', () => {
      assert.deepEqual(item(IDS.notIncluded).skipped, { reason: 'not_included' });
      assert.deepEqual(item(IDS.missing).skipped, { reason: 'missing', detail: PATHS.missing });
      for (const id of [IDS.climbing, IDS.linked]) {
        const m = item(id);
        assert.equal(m.skipped?.reason, 'unsafe_path', `post ${id}`);
        assert.equal(m.copy, undefined);
        assert.equal(m.thumbCopy, undefined);
      }
      assert.match(item(IDS.climbing).skipped!.detail!, /\.\.\/\.\.\/outside\.jpg/);
      assert.match(item(IDS.linked).skipped!.detail!, /outside the export folder/);
    });

    it('reads and writes nothing outside the folder: the outside file is in neither the index nor the store', async () => {
      const outside = sha(exp.outsideBytes);
      assert.equal(await store.getMediaFile(outside), null);
      assert.equal(await blobs.size(outside), null);
      const expected = [
        mediaFixture('photo.jpg'),
        mediaFixture('clip.mp4'),
        mediaFixture('voice.ogg'),
        mediaFixture('doc.pdf'),
        ...(format === 'html' ? [exp.photoThumbBytes] : []),
      ]
        .map(sha)
        .sort();
      assert.deepEqual(await listed(blobs), expected);
      assert.deepEqual(snapshot(base, outsideOf), before_, 'no file beside the media store changed');
    });

    it('a second import of the same folder adds and updates nothing', async () => {
      const again = await importFile(store, exp.folder, { media: keeperFor(store, blobs) });
      assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 9]);
      assert.deepEqual(again.media?.skipped, { not_included: 1, missing: 1, unsafe_path: 2 });
    });

    it('an undo of the batch leaves the files unreferenced (what media gc removes)', async () => {
      const kept = await listed(blobs);
      // The second import changed nothing, so the first batch is the one holding the posts.
      await store.undoImportBatch(batch);
      assert.equal(await store.countPosts({ channel }), 0);
      assert.deepEqual((await store.unreferencedMediaFiles()).sort(), kept);
    });
  });
}

describe('an export imported without a media keeper', () => {
  it('reads no file and records nothing on its media', async () => {
    const base = mkdtempSync(join(tmpdir(), 'tgwire-import-nomedia-'));
    const store = await openSqliteStore(join(base, 'a.db'));
    try {
      const exp = await writeMediaExport(base, 'json');
      const r = await importFile(store, exp.file);
      assert.equal(r.media, undefined);
      for await (const p of store.iteratePosts({ channel: r.channels[0]! }))
        for (const m of p.media)
          assert.deepEqual([m.copy, m.thumbCopy, m.skipped], [undefined, undefined, undefined]);
      assert.deepEqual(await store.mediaTotals(), []);
    } finally {
      await store.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('the real exports of ../shared/fixtures (no media files beside them)', () => {
  const files = [...fixtureFiles('export_json'), ...fixtureFiles('export_html')];
  it('has them', (t) => {
    if (files.length === 0) return t.skip(SKIP_NO_SHARED);
  });
  for (const file of files) {
    it(`${basename(file)}: every file is missing or not included, and a re-import changes nothing`, async () => {
      const base = mkdtempSync(join(tmpdir(), 'tgwire-import-real-'));
      const store = await openSqliteStore(join(base, 'a.db'));
      const blobs = new LocalMediaStore(join(base, 'media'));
      try {
        const r = await importFile(store, file, { channel: 'fixture', media: keeperFor(store, blobs) });
        let items = 0;
        for (const ch of r.channels)
          for await (const p of store.iteratePosts({ channel: ch }))
            for (const m of p.media) {
              if (!(KEPT_KINDS as readonly string[]).includes(m.type)) continue;
              if (m.url === undefined && m.supported) continue;
              items++;
              assert.equal(m.copy, undefined);
              assert.equal(m.thumbCopy, undefined);
              assert.ok(
                m.skipped?.reason === 'missing' || m.skipped?.reason === 'not_included',
                `${p.channel}/${p.id}: ${JSON.stringify(m.skipped)}`,
              );
              if (m.skipped.reason === 'missing') assert.equal(m.skipped.detail, m.url);
            }
        const tally = r.media!;
        assert.equal((tally.skipped.missing ?? 0) + (tally.skipped.not_included ?? 0), items);
        assert.equal(tally.kept, 0);
        assert.deepEqual(await listed(blobs), []);
        const again = await importFile(store, file, { channel: 'fixture', media: keeperFor(store, blobs) });
        assert.deepEqual([again.added, again.updated], [0, 0]);
      } finally {
        await store.close();
        rmSync(base, { recursive: true, force: true });
      }
    });
  }
});
