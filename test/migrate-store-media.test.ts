// migrate-store takes the media files along (REPORT-s3 #1): a SQLite archive's media/ folder copied into the
// target's store (S3, or another folder), once, with the files the source lacks counted and named.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../src/pipeline/media/keep.js';
import { LocalMediaStore } from '../src/store/media/local.js';
import { S3MediaStore } from '../src/store/media/s3.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tgwire } from './cli.testkit.js';
import { PG_URL, schemaPool } from './pg.js';
import { startTestS3, type TestS3 } from './s3.js';

const SKIP = PG_URL ? false : 'TGWIRE_TEST_PG not set: PostgreSQL migrate-store tests skipped';
const enc = (t: string) => new TextEncoder().encode(t);

describe('migrate-store copies the media files', { skip: SKIP }, () => {
  const schemas = schemaPool('mm');
  let dir: string;
  let db: string;
  let s3: TestS3;
  const files = ['a photo', 'a video', 'never stored'].map(enc);
  const hashes = files.map(sha256Hex);
  before(async () => {
    s3 = await startTestS3();
    dir = mkdtempSync(join(tmpdir(), 'tgwire-migrate-media-'));
    db = join(dir, 'archive.db');
    const store = await openSqliteStore(db);
    const media = new LocalMediaStore(join(dir, 'media'));
    try {
      for (const [i, bytes] of files.entries()) {
        await store.copyMediaFile({
          sha256: hashes[i]!,
          size: bytes.length,
          contentType: 'application/octet-stream',
          kind: 'document',
          channel: 'news',
          createdAt: '2026-01-01T00:00:00.000Z',
          preview: null,
        });
        if (i < 2) await media.put(hashes[i]!, bytes);
      }
    } finally {
      await store.close();
    }
  });
  after(async () => {
    await schemas.dropAll();
    await s3.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('from media/ beside the SQLite file into the configured bucket, once; a file the source lacks is named', async () => {
    const o = s3.options();
    const to = `${PG_URL}?schema=${schemas.fresh()}`;
    const run = () => tgwire(['migrate-store', '--from', `sqlite://${db}`, '--to', to], s3.env(o));
    const first = run();
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(
        `media: 2 files copied \\(14 B\\), 0 already there, from ${join(dir, 'media')} to s3://tgwire-test/${o.prefix}`,
      ),
    );
    assert.match(first.stdout, new RegExp(`media: 1 recorded files are not in .*first: ${hashes[2]}`));
    const bucket = new S3MediaStore(o);
    assert.equal(await bucket.size(hashes[0]!), files[0]!.length);
    assert.equal(await bucket.size(hashes[1]!), files[1]!.length);

    const again = run();
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /media: 0 files copied \(0 B\), 2 already there/);
  });

  it('into a folder named with --to-media, as JSON', () => {
    const target = join(dir, 'target-media');
    const r = tgwire(
      [
        'migrate-store',
        '--from',
        db,
        '--to',
        `${PG_URL}?schema=${schemas.fresh()}`,
        '--to-media',
        target,
        '--json',
      ],
      {},
    );
    assert.equal(r.code, 0, r.stderr);
    const media = (JSON.parse(r.stdout) as { media: Record<string, unknown> }).media;
    assert.equal(media.copied, 2);
    assert.equal(media.missing, 1);
    assert.equal(media.to, target);
  });
});
