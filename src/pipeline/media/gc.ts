// `media gc`: forgets kept files no post refers to, and removes stored bytes the index does not know at all.
import type { OwnedBlobStore } from '../../store/media/blob-store.js';
import type { MediaIndex } from '../../store/store.js';
import { assertOwner } from './owner.js';

/**
 * Younger files are left alone: a download in flight is stored (and recorded) before its post is saved, and an
 * import records its files before its posts are committed; neither is garbage yet.
 */
export const GC_GRACE_MS = 60 * 60 * 1000;

export interface GcOptions {
  index: MediaIndex;
  /** Its owner marker must name this archive (one is written when there is none): see owner.ts. */
  blobs: OwnedBlobStore;
  /** Count what would go, remove nothing. */
  dryRun?: boolean;
  /** @default GC_GRACE_MS */
  graceMs?: number;
  /** @default now */
  now?: Date;
}

export interface GcPart {
  files: number;
  bytes: number;
  hashes: string[];
}

export interface GcResult {
  dryRun: boolean;
  /** Recorded files no post refers to (their record and their bytes). */
  unreferenced: GcPart;
  /** Stored bytes with no record (an import rolled back, a process killed between storing and recording). */
  strays: GcPart;
  /** Files that would have gone but are younger than the grace period. */
  young: number;
}

const part = (): GcPart => ({ files: 0, bytes: 0, hashes: [] });

export async function collectMediaGarbage(options: GcOptions): Promise<GcResult> {
  const { index, blobs } = options;
  const dryRun = options.dryRun ?? false;
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? GC_GRACE_MS);
  const result: GcResult = { dryRun, unreferenced: part(), strays: part(), young: 0 };
  // Before anything is read: a copy of the archive sees the live one's newer files as strays, and its own taken-back
  // imports as unreferenced (MediaOwnerError, nothing removed). A dry run refuses too, and writes no marker.
  await assertOwner(blobs, await index.archiveIdentity(), { write: !dryRun });

  for (const sha256 of await index.unreferencedMediaFiles()) {
    const record = await index.getMediaFile(sha256);
    if (!record) continue;
    if (Date.parse(record.createdAt) > cutoff) {
      result.young++;
      continue;
    }
    if (!dryRun) {
      // The record first: a process killed in between leaves bytes without a record, which the next run removes.
      await index.removeMediaFile(sha256);
      await blobs.delete(sha256);
    }
    add(result.unreferenced, sha256, record.size);
  }

  for await (const blob of blobs.list()) {
    // Recorded (in a dry run, the unreferenced files too: counted above already).
    if (await index.getMediaFile(blob.sha256)) continue;
    if (blob.modifiedAt.getTime() > cutoff) {
      result.young++;
      continue;
    }
    if (!dryRun) await blobs.delete(blob.sha256);
    add(result.strays, blob.sha256, blob.size);
  }
  return result;
}

function add(p: GcPart, sha256: string, bytes: number): void {
  p.files++;
  p.bytes += bytes;
  p.hashes.push(sha256);
}
