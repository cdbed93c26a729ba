// The media files of an archive copied to another media store (`tgwire backup`): by hash, so a file already there
// (the same name is the same bytes) is not copied again and a second backup into the same folder is quick.
import type { MediaBlobStore } from '../../store/media/blob-store.js';

export interface MediaCopyResult {
  /** Files copied now, and their bytes. */
  copied: number;
  bytes: number;
  /** Files the target already held. */
  present: number;
}

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

/**
 * Copies every complete file of `from` that `to` lacks. A file gone between the listing and the read (`media gc`)
 * is skipped: no post of the archive refers to it.
 */
export async function copyMediaFiles(
  from: MediaBlobStore,
  to: MediaBlobStore,
  onFile?: (done: number) => void,
): Promise<MediaCopyResult> {
  const result: MediaCopyResult = { copied: 0, bytes: 0, present: 0 };
  for await (const f of from.list()) {
    if ((await to.size(f.sha256)) === f.size) result.present++;
    else {
      const blob = await from.read(f.sha256);
      if (!blob) continue;
      // One file at a time in memory: a kept file is at most media.maxFileBytes.
      await to.put(f.sha256, await bytesOf(blob.body), 'application/octet-stream');
      result.copied++;
      result.bytes += blob.size;
    }
    onFile?.(result.copied + result.present);
  }
  return result;
}
