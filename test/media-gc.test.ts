// `tgwire media gc` and the media figures of `tgwire stats`, end to end on a SQLite archive with a media folder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost } from '../src/model/post.js';
import type { MediaBlobStore } from '../src/store/media/blob-store.js';
import { LocalMediaStore } from '../src/store/media/local.js';
import { openSqliteStore } from '../src/store/sqlite/open.js';
import { S3MediaStore } from '../src/store/media/s3.js';
import { assertUserError, tgwire } from './cli.testkit.js';
import { startTestS3, type TestS3 } from './s3.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const NONE = { maxTotalBytes: Number.MAX_SAFE_INTEGER, maxChannelBytes: Number.MAX_SAFE_INTEGER };
const HOURS_AGO = (h: number) => new Date(Date.now() - h * 3_600_000);

describe('tgwire media gc', () => {
  let dir: string;
  let db: string;
  let media: string;
  const file = (name: string) => new TextEncoder().encode(`bytes of ${name}`);
  const h = (name: string) => sha(file(name));
  const pathOf = (name: string) => join(media, h(name).slice(0, 2), h(name));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-gc-'));
    db = join(dir, 'a.db');
    media = join(dir, 'media');
    const store = await openSqliteStore(db);
    const blobs: MediaBlobStore = new LocalMediaStore(media);
    const record = async (name: string, kind: 'photo' | 'thumbnail' | 'preview', at: Date) => {
      const b = file(name);
      await store.reserveMediaFile(
        { sha256: sha(b), size: b.length, contentType: 'image/jpeg', kind, channel: 'news' },
        NONE,
        at.toISOString(),
      );
      await blobs.put(sha(b), b, 'image/jpeg');
    };
    // Kept by posts: a photo with its preview, a video's thumbnail (on a deleted post: it keeps its media).
    await record('photo', 'photo', HOURS_AGO(5));
    await record('preview', 'preview', HOURS_AGO(5));
    await record('thumb', 'thumbnail', HOURS_AGO(5));
    // Recorded, no post refers to them: two old ones go, a fresh one (its post not saved yet) stays.
    await record('orphan1', 'photo', HOURS_AGO(3));
    await record('orphan2', 'photo', HOURS_AGO(2));
    await record('fresh-orphan', 'photo', new Date());
    const p = emptyPost('news', 1, 'tme-html');
    p.media = [
      {
        type: 'photo',
        supported: true,
        copy: { sha256: h('photo'), size: 14, type: 'image/jpeg', preview: h('preview') },
      },
    ];
    const q = emptyPost('news', 2, 'tme-html');
    q.media = [
      { type: 'video', supported: true, thumbCopy: { sha256: h('thumb'), size: 14, type: 'image/jpeg' } },
    ];
    await store.savePosts([p, q]);
    await store.markDeleted('news', [2]);
    await store.close();
    // Bytes the index does not know: an old one (an import rolled back) and one still being downloaded.
    await blobs.put(h('stray-old'), file('stray-old'), 'image/jpeg');
    const old = HOURS_AGO(2);
    utimesSync(pathOf('stray-old'), old, old);
    await blobs.put(h('stray-fresh'), file('stray-fresh'), 'image/jpeg');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const ALL = ['photo', 'preview', 'thumb', 'orphan1', 'orphan2', 'fresh-orphan', 'stray-old', 'stray-fresh'];

  it('--dry-run says what would go and removes nothing', () => {
    const r = tgwire(['--db', db, 'media', 'gc', '--dry-run', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.dryRun, true);
    assert.equal(out.location, media);
    assert.deepEqual(out.unreferenced.hashes.sort(), [h('orphan1'), h('orphan2')].sort());
    assert.equal(out.unreferenced.bytes, file('orphan1').length + file('orphan2').length);
    assert.deepEqual(out.strays.hashes, [h('stray-old')]);
    assert.equal(out.strays.bytes, file('stray-old').length);
    assert.equal(out.young, 2);
    for (const name of ALL) assert.ok(existsSync(pathOf(name)), name);
    const text = tgwire(['--db', db, 'media', 'gc', '--dry-run']);
    assert.match(text.stdout, /^would remove 2 files no post refers to \(32 B\)$/m);
    assert.match(text.stdout, /^would remove 1 file the archive does not know \(18 B\)$/m);
    assert.match(text.stdout, /^left 2 files younger than the grace period/m);
  });

  it('removes exactly the old unreferenced files (record and bytes) and the old stray', async () => {
    const r = tgwire(['--db', db, 'media', 'gc']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^removed 2 files no post refers to \(32 B\)$/m);
    assert.match(r.stdout, /^removed 1 file the archive does not know \(18 B\)$/m);
    const gone = ['orphan1', 'orphan2', 'stray-old'];
    for (const name of ALL) assert.equal(existsSync(pathOf(name)), !gone.includes(name), name);
    const store = await openSqliteStore(db);
    try {
      for (const name of ['orphan1', 'orphan2']) assert.equal(await store.getMediaFile(h(name)), null, name);
      for (const name of ['photo', 'preview', 'thumb', 'fresh-orphan'])
        assert.ok(await store.getMediaFile(h(name)), name);
    } finally {
      await store.close();
    }
    const again = JSON.parse(tgwire(['--db', db, 'media', 'gc', '--json']).stdout);
    assert.equal(again.unreferenced.files + again.strays.files, 0);
  });

  it('stats shows files and bytes per kind and where they live', () => {
    const r = tgwire(['--db', db, 'stats', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.media.location, media);
    assert.equal(s.media.store, 'local');
    assert.equal(s.media.files, 4);
    assert.equal(
      s.media.bytes,
      [...['photo', 'preview', 'thumb', 'fresh-orphan']].reduce((n, x) => n + file(x).length, 0),
    );
    assert.deepEqual(s.media.perKind.map((t: { kind: string; files: number }) => [t.kind, t.files]).sort(), [
      ['photo', 2],
      ['preview', 1],
      ['thumbnail', 1],
    ]);
    const text = tgwire(['--db', db, 'stats']);
    assert.match(text.stdout, new RegExp(`media\\s+4 files, 65 B in ${media.replace(/[.]/g, '\\.')}`));
    assert.match(text.stdout, /^photo\s+2\s+35 B$/m);
  });

  it('with media off, or half the S3 keys, gc is a user error', () => {
    assertUserError(tgwire(['--db', db, 'media', 'gc'], { TGWIRE_MEDIA: '0' }), /media are off/);
    assertUserError(
      tgwire(['--db', db, 'media', 'gc'], {
        TGWIRE_S3_BUCKET: 'tgwire-nowhere',
        TGWIRE_S3_ENDPOINT: 'http://127.0.0.1:9',
        TGWIRE_S3_ACCESS_KEY_ID: 'k',
      }),
      /TGWIRE_S3_ACCESS_KEY_ID and TGWIRE_S3_SECRET_ACCESS_KEY go together/,
    );
  });
});

describe('tgwire media gc on S3', () => {
  let s3: TestS3;
  let dir: string;
  before(async () => {
    s3 = await startTestS3();
    dir = mkdtempSync(join(tmpdir(), 'tgwire-gc-s3-'));
  });
  after(async () => {
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('removes an old unreferenced file from the bucket, leaves a fresh stray, and stats names the bucket', async () => {
    const o = s3.options();
    const db = join(dir, 'a.db');
    const store = await openSqliteStore(db);
    const blobs = new S3MediaStore(o);
    const orphan = new TextEncoder().encode('an orphan in the bucket');
    const stray = new TextEncoder().encode('a download in flight');
    await store.reserveMediaFile(
      { sha256: sha(orphan), size: orphan.length, contentType: 'text/plain', kind: 'document', channel: 'c' },
      NONE,
      HOURS_AGO(2).toISOString(),
    );
    await store.close();
    await blobs.put(sha(orphan), orphan, 'text/plain');
    await blobs.put(sha(stray), stray, 'text/plain');
    const r = tgwire(['--db', db, 'media', 'gc', '--json'], s3.env(o));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.location, `s3://tgwire-test/${o.prefix}`);
    assert.deepEqual(out.unreferenced.hashes, [sha(orphan)]);
    assert.equal(out.strays.files, 0);
    assert.equal(out.young, 1);
    assert.equal(await blobs.size(sha(orphan)), null);
    assert.equal(await blobs.size(sha(stray)), stray.length);
    const st = JSON.parse(tgwire(['--db', db, 'stats', '--json'], s3.env(o)).stdout);
    assert.equal(st.media.location, `s3://tgwire-test/${o.prefix}`);
    assert.equal(st.media.store, 's3');
  });

  it('a bucket that does not exist is one line naming the bucket and the endpoint', () => {
    const o = s3.options({ bucket: 'tgwire-nowhere' });
    assertUserError(
      tgwire(['--db', join(dir, 'b.db'), 'media', 'gc'], s3.env(o)),
      new RegExp(`^tgwire: media store: bucket tgwire-nowhere at ${s3.endpoint} does not exist`),
    );
  });
});
