// The MediaBlobStore contract, run on every backend (the local folder, S3): bytes, ranges, names, listing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { MediaBlobStore } from './blob-store.js';

export interface BlobStoreHarness {
  store: MediaBlobStore;
  /** Everything the backend holds, raw (file paths or object keys), to see that a refused name wrote nothing. */
  raw(): Promise<string[]>;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (text: string) => new TextEncoder().encode(text);

export async function readAll(body: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of body) parts.push(Buffer.from(c as Buffer));
  return Buffer.concat(parts);
}

async function listed(store: MediaBlobStore) {
  const out = [];
  for await (const b of store.list()) out.push(b);
  return out;
}

/** Names that are not a lower-case hex SHA-256: each must be refused by every method, before any I/O. */
export const BAD_NAMES = [
  '../x',
  '../../etc/passwd',
  'AB'.repeat(32),
  'a'.repeat(63),
  'a'.repeat(65),
  `${'a'.repeat(62)}/x`,
  '',
];

/** `open` gives a fresh, empty store for each test. */
export function blobStoreContract(name: string, open: () => Promise<BlobStoreHarness>): void {
  describe(`media blob store contract: ${name}`, () => {
    it('stores bytes under their hash and reads them back whole and in ranges', async () => {
      const { store } = await open();
      const bytes = bytesOf('0123456789abcdefghij'.repeat(50));
      const h = sha(bytes);
      assert.equal(await store.size(h), null);
      await store.put(h, bytes, 'text/plain');
      assert.equal(await store.size(h), bytes.length);
      const whole = await store.read(h);
      assert.equal(whole?.size, bytes.length);
      assert.deepEqual(await readAll(whole!.body), Buffer.from(bytes));
      const last = bytes.length - 1;
      for (const [start, end] of [
        [0, 0],
        [last, last],
        [10, 19],
        [0, last],
      ] as const) {
        const part = await store.read(h, { start, end });
        assert.equal(part?.size, bytes.length, `whole size with range ${start}-${end}`);
        assert.deepEqual(
          await readAll(part!.body),
          Buffer.from(bytes.subarray(start, end + 1)),
          `range ${start}-${end}`,
        );
      }
    });

    it('a file that is not stored has no size, no bytes, and deleting it is no error', async () => {
      const { store } = await open();
      const h = sha(bytesOf('never stored'));
      assert.equal(await store.size(h), null);
      assert.equal(await store.read(h), null);
      assert.equal(await store.read(h, { start: 0, end: 3 }), null);
      await store.delete(h);
      assert.deepEqual(await listed(store), []);
    });

    it('putting the same file again changes nothing; delete removes it', async () => {
      const { store } = await open();
      const bytes = bytesOf('the same bytes twice');
      const h = sha(bytes);
      await store.put(h, bytes, 'text/plain');
      await store.put(h, bytes, 'text/plain');
      assert.deepEqual(
        (await listed(store)).map((b) => [b.sha256, b.size]),
        [[h, bytes.length]],
      );
      assert.deepEqual(await readAll((await store.read(h))!.body), Buffer.from(bytes));
      await store.delete(h);
      assert.equal(await store.size(h), null);
      assert.equal(await store.read(h), null);
      assert.deepEqual(await listed(store), []);
    });

    it('lists every stored file once, with its size and when it was written', async () => {
      const { store } = await open();
      const files = ['one', 'two', 'three', 'four'].map(bytesOf);
      const before = Date.now();
      for (const b of files) await store.put(sha(b), b, 'application/octet-stream');
      const got = await listed(store);
      assert.deepEqual(
        got.map((b) => [b.sha256, b.size]).sort(),
        files.map((b) => [sha(b), b.length]).sort(),
      );
      for (const b of got) {
        // Object stores keep whole seconds: allow for that, and for nothing older than this test.
        assert.ok(
          b.modifiedAt.getTime() >= before - 2000,
          `${b.sha256} written ${b.modifiedAt.toISOString()}`,
        );
        assert.ok(b.modifiedAt.getTime() <= Date.now() + 2000);
      }
    });

    it('refuses names that are not a lower-case SHA-256, and writes or reads nothing for them', async () => {
      const { store, raw } = await open();
      const kept = bytesOf('kept');
      await store.put(sha(kept), kept, 'text/plain');
      const before = (await raw()).sort();
      for (const bad of BAD_NAMES) {
        await assert.rejects(store.put(bad, bytesOf('evil'), 'text/plain'), /not a media hash/, bad);
        await assert.rejects(store.size(bad), /not a media hash/, bad);
        await assert.rejects(store.read(bad), /not a media hash/, bad);
        await assert.rejects(store.read(bad, { start: 0, end: 1 }), /not a media hash/, bad);
        await assert.rejects(store.delete(bad), /not a media hash/, bad);
      }
      assert.deepEqual((await raw()).sort(), before);
      assert.equal(await store.size(sha(kept)), kept.length);
    });
  });
}
