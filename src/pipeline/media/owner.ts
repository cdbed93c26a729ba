// Which archive owns a media store: a marker written at first use, so `media gc` on a restored or test copy that
// shares the live archive's bucket (or folder) deletes nothing (REPORT-s3 #2: such a copy saw the live archive's
// newer files as strays).
import type { MediaBlobStore, OwnedBlobStore } from '../../store/media/blob-store.js';
import type { ArchiveIdentity } from '../../store/store.js';
import { UserError } from '../../util/errors.js';

interface Marker {
  archive: string;
  database: string;
  claimedAt: string;
}

export type Ownership =
  /** The marker names this archive here. */
  | { state: 'ours' }
  /** There was none: this archive's is written now. */
  | { state: 'claimed' }
  /** The same archive in another database (a pg_restore, a copied or moved SQLite file). */
  | { state: 'copy'; owner: string }
  /** Another archive altogether (or a marker tgwire cannot read). */
  | { state: 'other'; owner: string };

function markerOf(me: ArchiveIdentity, now: Date): string {
  const m: Marker = { archive: me.id, database: me.database, claimedAt: now.toISOString() };
  return `${JSON.stringify(m, null, 2)}\n`;
}

/**
 * Reads the store's marker and compares it with this archive; a store with none gets this archive's (unless
 * `write` is false: a dry run changes nothing). `claim` replaces whatever is there (`media claim`).
 */
export async function checkOwner(
  blobs: OwnedBlobStore,
  me: ArchiveIdentity,
  options: { write?: boolean; claim?: boolean; now?: Date } = {},
): Promise<Ownership> {
  const write = options.write ?? true;
  const text = options.claim ? null : await blobs.readOwner();
  if (text === null) {
    if (write || options.claim) await blobs.writeOwner(markerOf(me, options.now ?? new Date()));
    return { state: 'claimed' };
  }
  let m: Partial<Marker> = {};
  try {
    m = JSON.parse(text) as Partial<Marker>;
  } catch {
    // Unreadable: treated as a stranger's, so nothing is deleted on its account.
  }
  if (m.archive === me.id && m.database === me.database) return { state: 'ours' };
  const owner = typeof m.database === 'string' ? m.database : 'an unknown archive';
  return m.archive === me.id ? { state: 'copy', owner } : { state: 'other', owner };
}

/** Refused: the store belongs to another archive, or to the archive this one is a copy of. */
export class MediaOwnerError extends UserError {}

/** Throws a MediaOwnerError when the store is not this archive's to clean. */
export async function assertOwner(
  blobs: OwnedBlobStore,
  me: ArchiveIdentity,
  options: { write?: boolean } = {},
): Promise<void> {
  const o = await checkOwner(blobs, me, options);
  if (o.state === 'ours' || o.state === 'claimed') return;
  const whose =
    o.state === 'copy'
      ? `this archive is a copy (restored or moved) of the one at ${o.owner}, which owns it`
      : `it belongs to another archive (${o.owner})`;
  throw new MediaOwnerError(
    `media gc: nothing removed from ${blobs.location}: ${whose}. Give this archive its own bucket or prefix ` +
      '(TGWIRE_S3_BUCKET / TGWIRE_S3_PREFIX) or media folder (TGWIRE_MEDIA_DIR); only if it has replaced the ' +
      'other for good, run `tgwire media claim`',
  );
}

/**
 * The store with the marker written before its first file (every process checks once): the owner is then known
 * from the archive's first download or import on, before any copy of it exists. A store whose marker names
 * someone else is still written to: files are named by their bytes, so sharing them harms no one; only deleting does.
 */
export function markOnFirstPut<T extends MediaBlobStore>(
  blobs: T & OwnedBlobStore,
  identity: () => Promise<ArchiveIdentity>,
): T {
  let marked: Promise<unknown> | null = null;
  const put: MediaBlobStore['put'] = async (sha256, bytes, contentType) => {
    marked ??= identity().then((me) => checkOwner(blobs, me));
    try {
      await marked;
    } catch (e) {
      marked = null;
      throw e;
    }
    return blobs.put(sha256, bytes, contentType);
  };
  // The same object (location, list, reads unchanged) with put going through the marker first.
  return Object.assign(Object.create(blobs) as T, { put });
}
