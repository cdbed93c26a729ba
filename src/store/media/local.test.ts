import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { MediaBlobStore } from './blob-store.js';
import { LocalMediaStore } from './local.js';
import { blobStoreContract, readAll } from './blob-store-contract.testkit.js';

const root = mkdtempSync(join(tmpdir(), 'tgwire-blobs-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Every file under the temporary root (the media folder's parent too: a name must not escape upwards). */
const allFiles = () =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath, d.name)));

let n = 0;
blobStoreContract('local folder', async () => {
  const dir = join(root, `s${++n}`, 'media');
  return { store: new LocalMediaStore(dir), raw: async () => allFiles() };
});

describe('local media folder', () => {
  it('a write killed half-way (its .part file left in the shard) is never listed or read', async () => {
    const dir = join(root, 'killed', 'media');
    const store: MediaBlobStore = new LocalMediaStore(dir);
    const bytes = new TextEncoder().encode('a photo that was being written when the process died');
    const h = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(join(dir, h.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, h.slice(0, 2), `${h}.4242.k1x9.part`), bytes.subarray(0, 10));
    // Files that are not ours in the folder are not listed either.
    writeFileSync(join(dir, h.slice(0, 2), 'notes.txt'), 'x');
    assert.equal(await store.size(h), null);
    assert.equal(await store.read(h), null);
    const seen = [];
    for await (const b of store.list()) seen.push(b);
    assert.deepEqual(seen, []);
    // The next write of the same file completes it as usual.
    await store.put(h, bytes, 'text/plain');
    assert.deepEqual(await readAll((await store.read(h))!.body), Buffer.from(bytes));
    assert.deepEqual(
      await (async () => {
        const out = [];
        for await (const b of store.list()) out.push(b.sha256);
        return out;
      })(),
      [h],
    );
  });

  it('files live at dir/ab/abcd… and are written whole (no .part left after a put)', async () => {
    const dir = join(root, 'layout', 'media');
    const store: MediaBlobStore = new LocalMediaStore(dir);
    const bytes = new TextEncoder().encode('layout');
    const h = createHash('sha256').update(bytes).digest('hex');
    await store.put(h, bytes, 'text/plain');
    assert.deepEqual(readdirSync(join(dir, h.slice(0, 2))), [h]);
    assert.equal(store.location, dir);
  });
});
