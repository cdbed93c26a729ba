// The bytes of every file an archive records, copied to another media store (`migrate-store`), and the check of a
// store against the records (`media verify`): a record whose bytes are not there is a broken picture to a reader.
import type { MediaBlobStore } from '../../store/media/blob-store.js';
import type { Post } from '../../model/post.js';
import type { MediaIndex, Store } from '../../store/store.js';

const PAGE = 500;

/** At most this many hashes are listed in a result (the counts are whole). */
const LISTED = 20;

export interface RecordedCopyResult {
  /** Files copied now, and their bytes. */
  copied: number;
  bytes: number;
  /** Files the target already held (same size): a re-run copies nothing again. */
  present: number;
  /** Recorded files the source store does not hold either: their posts show a broken picture until fetched again. */
  missing: number;
  /** The first missing hashes (LISTED at most). */
  missingHashes: string[];
}

/** Called after each file: files looked at so far. */
export type CopyProgress = (done: number) => void;

/**
 * Copies the bytes of each file `index` records from `from` to `to`, unless `to` holds them already. Only recorded
 * files go (a stray in the source is not the archive's); a file the source lacks is counted, not fatal.
 */
export async function copyRecordedMedia(
  index: Pick<MediaIndex, 'listMediaFiles'>,
  from: MediaBlobStore,
  to: MediaBlobStore,
  onFile?: CopyProgress,
): Promise<RecordedCopyResult> {
  const result: RecordedCopyResult = { copied: 0, bytes: 0, present: 0, missing: 0, missingHashes: [] };
  let done = 0;
  for (let after: string | null = null; ;) {
    const page = await index.listMediaFiles(after, PAGE);
    if (page.length === 0) break;
    for (const f of page) {
      if ((await to.size(f.sha256)) === f.size) result.present++;
      else {
        const blob = await from.read(f.sha256);
        if (!blob) {
          result.missing++;
          if (result.missingHashes.length < LISTED) result.missingHashes.push(f.sha256);
        } else {
          // One file at a time in memory: a kept file is at most media.maxFileBytes.
          const chunks: Uint8Array[] = [];
          for await (const c of blob.body as AsyncIterable<Uint8Array>) chunks.push(c);
          await to.put(f.sha256, Buffer.concat(chunks), f.contentType);
          result.copied++;
          result.bytes += blob.size;
        }
      }
      onFile?.(++done);
    }
    after = page[page.length - 1]!.sha256;
  }
  return result;
}

export interface VerifyResult {
  /** Records looked at. */
  checked: number;
  /** Records whose bytes are in the store, whole. */
  ok: number;
  /** Records with no bytes in the store, and with bytes of another size (the first LISTED hashes of each). */
  missing: number;
  missingHashes: string[];
  wrongSize: number;
  wrongSizeHashes: string[];
  /** With `mark`: media items that lost their copy and now say why (`media fetch` keeps them again). */
  marked: number;
}

/** What a marked item says: `failed`, so `media fetch` and `sync --force` try it again. */
export const LOST_DETAIL = 'the media store does not hold this file (media verify)';

/**
 * Checks each recorded file against the store. With `mark`, every media item of a post (deleted ones aside, as
 * `media fetch` skips them) whose copy or thumbnail is one of the lost files loses that copy and is marked failed:
 * the next `media fetch` downloads it again, and the keeper stores the bytes under the record that is still there.
 */
export async function verifyMedia(
  store: Pick<Store, 'listMediaFiles' | 'iteratePosts' | 'savePosts'>,
  blobs: MediaBlobStore,
  options: { mark?: boolean; onFile?: CopyProgress } = {},
): Promise<VerifyResult> {
  const r: VerifyResult = {
    checked: 0,
    ok: 0,
    missing: 0,
    missingHashes: [],
    wrongSize: 0,
    wrongSizeHashes: [],
    marked: 0,
  };
  const lost = new Set<string>();
  for (let after: string | null = null; ;) {
    const page = await store.listMediaFiles(after, PAGE);
    if (page.length === 0) break;
    for (const f of page) {
      const size = await blobs.size(f.sha256);
      r.checked++;
      if (size === f.size) r.ok++;
      else {
        const [count, hashes] =
          size === null
            ? (['missing', r.missingHashes] as const)
            : (['wrongSize', r.wrongSizeHashes] as const);
        r[count]++;
        if (hashes.length < LISTED) hashes.push(f.sha256);
        lost.add(f.sha256);
      }
      options.onFile?.(r.checked);
    }
    after = page[page.length - 1]!.sha256;
  }
  if (options.mark && lost.size > 0) r.marked = await markLost(store, lost);
  return r;
}

async function markLost(
  store: Pick<Store, 'iteratePosts' | 'savePosts'>,
  lost: Set<string>,
): Promise<number> {
  let marked = 0;
  const changed: Post[] = [];
  for await (const post of store.iteratePosts({ hasMedia: true, includeDeleted: false })) {
    let touched = false;
    for (const m of post.media) {
      if (m.thumbCopy && lost.has(m.thumbCopy.sha256)) {
        // A thumbnail's failure is not recorded: no copy is enough for another try.
        delete m.thumbCopy;
        touched = true;
        marked++;
      }
      if (m.copy && lost.has(m.copy.sha256)) {
        delete m.copy;
        m.skipped = { reason: 'failed', detail: LOST_DETAIL };
        touched = true;
        marked++;
      } else if (m.copy?.preview && lost.has(m.copy.preview)) {
        // The page shows the whole file instead of the lost preview.
        delete m.copy.preview;
        touched = true;
        marked++;
      }
    }
    if (touched) changed.push(post);
  }
  // After the walk: saving while iterating would move the posts under the cursor. Whole posts as stored, saved
  // without mergeMissing: a merge keeps a stored copy the incoming item lacks (a later visit brings none).
  for (let i = 0; i < changed.length; i += PAGE)
    await store.savePosts(changed.slice(i, i + PAGE), { mergeMissing: false });
  return marked;
}
