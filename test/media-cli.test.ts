// `tgwire sync` keeps media by default (in the folder beside the archive), `--no-media` keeps none, and
// `tgwire media fetch` keeps what failed at first; all against a local fake t.me serving real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyPost } from '../src/model/post.js';
import { LocalMediaStore } from '../src/store/media/local.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { assertUserError, tgwireAsync } from './cli.testkit.js';
import { fakeMediaBytes, startFakeTme } from './fake-tme/index.js';

async function bytesOf(blobs: LocalMediaStore, sha256: string): Promise<Buffer> {
  const blob = await blobs.read(sha256);
  assert.ok(blob, `${sha256} is stored`);
  const parts: Buffer[] = [];
  for await (const c of blob.body) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('sync keeps media by default, and media fetch keeps what failed at first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-cli-'));
  const fake = await startFakeTme({
    channels: [{ username: 'pics', posts: 8, idGapEvery: 0 }],
    serveMedia: true,
  });
  try {
    const db = join(dir, 'a.db');
    const config = join(dir, 'tgwire.config.json');
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0, jitterMs: 0 } }));
    const env = {
      TGWIRE_DB: db,
      TGWIRE_CONFIG: config,
      TGWIRE_TME_BASE: fake.baseUrl,
      TGWIRE_MEDIA_ALLOW_HOSTS: '127.0.0.1',
    };
    fake.channel('pics').post(6)!.video = {};
    fake.media.fail(/^fake-pics-8\.jpg$/, 1);

    const sync = await tgwireAsync(['sync', 'pics'], env);
    assert.equal(sync.code, 0, sync.stderr);
    assert.match(sync.stderr, /media kept=3 bytes=\d+ already=0 skipped=0 failed=1 \(tgwire media fetch/);

    const blobs = new LocalMediaStore(join(dir, 'media'));
    let store = await openSqliteStore(db);
    try {
      const four = (await store.getPost('pics', 4))!.media[0]!;
      assert.deepEqual(await bytesOf(blobs, four.copy!.sha256), fakeMediaBytes('fake-pics-4.jpg'));
      const six = (await store.getPost('pics', 6))!.media[0]!;
      assert.deepEqual(await bytesOf(blobs, six.copy!.sha256), fakeMediaBytes('video-pics-6.mp4'));
      assert.equal((await store.getPost('pics', 8))!.media[0]!.skipped?.reason, 'failed');
      // A post from an export whose file never came: its files come with the export folder, not the preview.
      await store.savePosts([
        {
          ...emptyPost('exported', 3, 'export-json'),
          media: [{ type: 'photo', url: 'photos/photo_3.jpg', supported: true }],
        },
      ]);
    } finally {
      await store.close();
    }

    const fetched = await tgwireAsync(['media', 'fetch', '--json'], env);
    assert.equal(fetched.code, 0, fetched.stderr);
    const results = JSON.parse(fetched.stdout) as Record<string, unknown>[];
    assert.deepEqual(
      results.map((r) => [r.channel, r.status, r.posts, r.pages, r.kept, r.notFromPreview]),
      [
        ['exported', 'skipped', 0, 0, 0, 1],
        ['pics', 'ok', 1, 1, 1, 0],
      ],
    );
    assert.match(String(results[0]!.error), /not from the web preview: import the export folder again/);
    assert.match(fetched.stderr, /media channel=pics pages=1 posts=1\/1 kept=1/);
    assert.ok(fake.requests.some((q) => q.path === '/s/pics?before=9'));

    store = await openSqliteStore(db);
    try {
      const eight = (await store.getPost('pics', 8))!.media[0]!;
      assert.equal(eight.skipped, undefined);
      assert.deepEqual(await bytesOf(blobs, eight.copy!.sha256), fakeMediaBytes('fake-pics-8.jpg'));
    } finally {
      await store.close();
    }

    const table = await tgwireAsync(['media', 'fetch', '--channel', 'pics'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /nothing to fetch/);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sync --no-media keeps none, and media fetch says when media are off', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-cli-'));
  const fake = await startFakeTme({
    channels: [{ username: 'pics', posts: 8, idGapEvery: 0 }],
    serveMedia: true,
  });
  try {
    const config = join(dir, 'tgwire.config.json');
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0, jitterMs: 0 } }));
    const env = { TGWIRE_DB: join(dir, 'a.db'), TGWIRE_CONFIG: config, TGWIRE_TME_BASE: fake.baseUrl };
    const sync = await tgwireAsync(['sync', 'pics', '--no-media'], env);
    assert.equal(sync.code, 0, sync.stderr);
    assert.deepEqual(fake.media.requested(), []);
    assert.ok(!existsSync(join(dir, 'media')));
    assert.doesNotMatch(sync.stderr, /media kept/);

    const off = await tgwireAsync(['media', 'fetch'], { ...env, TGWIRE_MEDIA: '0' });
    assertUserError(off, /media are off/);
    const off2 = await tgwireAsync(['sync', 'pics'], { ...env, TGWIRE_MEDIA: '0' });
    assert.equal(off2.code, 0, off2.stderr);
    assert.deepEqual(fake.media.requested(), [], 'TGWIRE_MEDIA=0 keeps none either');

    // `--media DIR` chooses the folder for the pass.
    const other = join(dir, 'elsewhere');
    const chosen = await tgwireAsync(['sync', 'pics', '--media', other], env);
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.equal(fake.media.requested().length, 2, 'the two photos');
    let files = 0;
    for await (const _ of new LocalMediaStore(other).list()) files++;
    assert.equal(files, 2);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('media on the configured t.me address are kept without allowHosts (the README says that host is trusted)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tgwire-media-cli-'));
  const fake = await startFakeTme({
    channels: [{ username: 'pics', posts: 8, idGapEvery: 0 }],
    serveMedia: true,
  });
  try {
    const config = join(dir, 'tgwire.config.json');
    writeFileSync(config, JSON.stringify({ politeness: { intervalMs: 0, jitterMs: 0 } }));
    // No allow list at all: Telegram's hosts and the t.me address's host.
    const env = {
      TGWIRE_DB: join(dir, 'a.db'),
      TGWIRE_CONFIG: config,
      TGWIRE_TME_BASE: fake.baseUrl,
      TGWIRE_MEDIA_ALLOW_HOSTS: '',
    };
    const sync = await tgwireAsync(['sync', 'pics'], env);
    assert.equal(sync.code, 0, sync.stderr);
    assert.equal(fake.media.requested().length, 2, 'the two photos');
    let files = 0;
    for await (const _ of new LocalMediaStore(join(dir, 'media')).list()) files++;
    assert.equal(files, 2);
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
