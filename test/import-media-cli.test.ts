// `tgwire import FOLDER` of a Desktop export with media: files into the media folder beside the archive, --no-media,
// and `tgwire imports undo` leaving them for `media gc`.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tgwire } from './cli.testkit.js';
import { IDS, mediaFixture, writeMediaExport, type MediaExport } from './media-export.testkit.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const env = { TGWIRE_MEDIA_DIR: undefined, TGWIRE_MEDIA: undefined };

describe('tgwire import of an export folder with media', () => {
  let base: string;
  let exp: MediaExport;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tgwire-import-media-cli-'));
    exp = await writeMediaExport(base, 'json');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('stores the files in the media folder beside the archive; imports undo leaves them unreferenced', async () => {
    mkdirSync(join(base, 'archive'));
    const db = join(base, 'archive', 'a.db');
    const r = tgwire(['--db', db, 'import', exp.folder, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as { batch: number; media: { kept: number; refs: number } }[];
    // Four files, as the store (and `stats`) counts them; seven items of the posts carry them.
    assert.equal(result!.media.kept, 4);
    assert.equal(result!.media.refs, 7);
    assert.match(
      r.stderr,
      /media: 4 files kept \(\d+ bytes, carried by 7 items\); without a copy: 1 not included in the export, 1 missing from its folder, 2 outside its folder \(not read\)/,
    );
    assert.match(
      r.stderr,
      /post \S+\/7: \.\.\/\.\.\/outside\.jpg: not a path inside the export folder: not read/,
    );
    const names = ['photo.jpg', 'clip.mp4', 'voice.ogg', 'doc.pdf'] as const;
    for (const name of names) {
      const bytes = mediaFixture(name);
      const h = sha(bytes);
      assert.deepEqual(readFileSync(join(base, 'archive', 'media', h.slice(0, 2), h)), bytes, name);
    }
    assert.ok(
      !existsSync(join(base, 'archive', 'media', sha(exp.outsideBytes).slice(0, 2), sha(exp.outsideBytes))),
    );

    const undo = tgwire(['--db', db, 'imports', 'undo', String(result!.batch)], env);
    assert.equal(undo.code, 0, undo.stderr);
    const store = await openSqliteStore(db);
    try {
      assert.deepEqual(
        (await store.unreferencedMediaFiles()).sort(),
        names.map((n) => sha(mediaFixture(n))).sort(),
      );
    } finally {
      await store.close();
    }
  });

  it('--no-media reads no file: posts list their media, nothing is stored', async () => {
    mkdirSync(join(base, 'plain'));
    const db = join(base, 'plain', 'a.db');
    const r = tgwire(['--db', db, 'import', exp.folder, '--no-media'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /media:/);
    assert.ok(!existsSync(join(base, 'plain', 'media')));
    const store = await openSqliteStore(db);
    try {
      const [channel] = (await store.listChannels()).map((c) => c.key);
      const photo = await store.getPost(channel!, IDS.photo);
      assert.equal(photo?.media[0]?.url, 'photos/photo_1@09-09-2024_10-00-00.jpg');
      assert.equal(photo?.media[0]?.copy, undefined);
      assert.deepEqual(await store.mediaTotals(), []);
    } finally {
      await store.close();
    }
  });
});
