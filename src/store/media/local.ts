// Media bytes in a local folder: `ab/abcd…` (two-letter shards keep folders small), written whole then renamed.
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSha256 } from '../../model/media.js';
import {
  OWNER_MARKER,
  type ByteRange,
  type MediaBlob,
  type OwnedBlobStore,
  type StoredBlob,
} from './blob-store.js';

function checked(sha256: string): string {
  if (!isSha256(sha256)) throw new Error(`not a media hash: ${sha256.slice(0, 80)}`);
  return sha256;
}

/**
 * Writes a file under a unique temporary name, fsynced, then renamed: a killed process never leaves half a file
 * under its name, and two processes writing the same file never write into one another's.
 */
async function writeWhole(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

export class LocalMediaStore implements OwnedBlobStore {
  readonly kind = 'local';
  constructor(readonly dir: string) {}

  get location(): string {
    return this.dir;
  }

  private path(sha256: string): string {
    const h = checked(sha256);
    return join(this.dir, h.slice(0, 2), h);
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(sha256);
    if ((await this.size(sha256)) === bytes.length) return;
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    await writeWhole(path, bytes);
  }

  async size(sha256: string): Promise<number | null> {
    const st = await stat(this.path(sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return st?.isFile() ? st.size : null;
  }

  async read(sha256: string, range?: ByteRange): Promise<MediaBlob | null> {
    const size = await this.size(sha256);
    if (size === null) return null;
    const body = createReadStream(this.path(sha256), range ? { start: range.start, end: range.end } : {});
    return { body, size };
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.path(sha256), { force: true });
  }

  async *list(): AsyncIterable<StoredBlob> {
    const shards = await readdir(this.dir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [] as string[];
      throw e;
    });
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await readdir(join(this.dir, shard))).sort()) {
        // Temporary `.part` files (a write in flight, or one a killed process left) are not files yet.
        if (!isSha256(name) || !name.startsWith(shard)) continue;
        const st = await stat(join(this.dir, shard, name)).catch(() => null);
        if (st?.isFile()) yield { sha256: name, size: st.size, modifiedAt: st.mtime };
      }
    }
  }

  async readOwner(): Promise<string | null> {
    return readFile(join(this.dir, OWNER_MARKER), 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
  }

  async writeOwner(text: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeWhole(join(this.dir, OWNER_MARKER), text);
  }
}
