// Keeping one media file: checked against the caps and its claimed kind, named by its hash, recorded, stored.
import { createHash } from 'node:crypto';
import type { MediaCopy, MediaFileKind, MediaSkip } from '../../model/media.js';
import type { MediaType } from '../../model/post.js';
import type { MediaBlobStore } from '../../store/media/blob-store.js';
import type { MediaIndex } from '../../store/store.js';
import { fitsKind, sniffType } from './sniff.js';
import type { Previewer } from './thumbnail.js';

export interface MediaPolicy {
  /** Kinds whose files are kept; photos and thumbnails are kept whatever this says (they are small). */
  kinds: ReadonlySet<MediaType>;
  /** A larger file is not kept (recorded as skipped, with its size). */
  maxFileBytes: number;
  /** Bytes one channel's files may take. */
  maxChannelBytes: number;
  /** Bytes every file together may take; never passed, whichever process downloads. */
  maxTotalBytes: number;
}

/** What to keep: the item's own file, or the source's thumbnail of it. */
export type MediaRole = 'file' | 'thumb';

export type KeepResult = { copy: MediaCopy } | { skipped: MediaSkip };

export interface KeepInput {
  /** The channel of the post carrying it: its cap is charged. */
  channel: string;
  kind: MediaType;
  role: MediaRole;
  bytes: Uint8Array;
}

export interface MediaKeeper {
  readonly policy: MediaPolicy;
  /** Whether this item's file (or thumbnail) is wanted at all: the caller need not fetch it otherwise. */
  wants(kind: MediaType, role: MediaRole): boolean;
  keep(input: KeepInput): Promise<KeepResult>;
}

export interface KeeperOptions {
  index: MediaIndex;
  blobs: MediaBlobStore;
  policy: MediaPolicy;
  /** Makes previews of large photos; none when absent. */
  previewer?: Previewer;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createMediaKeeper(options: KeeperOptions): MediaKeeper {
  const { index, blobs, policy } = options;
  const caps = { maxTotalBytes: policy.maxTotalBytes, maxChannelBytes: policy.maxChannelBytes };

  /** Records then stores; a store that fails takes the record back so the caps do not count lost bytes. */
  async function store(
    bytes: Uint8Array,
    sha256: string,
    type: string,
    kind: MediaFileKind,
    channel: string,
  ): Promise<'stored' | 'present' | 'total_cap' | 'channel_cap'> {
    const reserved = await index.reserveMediaFile(
      { sha256, size: bytes.length, contentType: type, kind, channel },
      caps,
    );
    if (reserved === 'total_cap' || reserved === 'channel_cap') return reserved;
    // Recorded by another post (or process) already: the bytes may still be missing (a store write that died).
    if (reserved === 'present' && (await blobs.size(sha256)) === bytes.length) return 'present';
    try {
      await blobs.put(sha256, bytes, type);
    } catch (e) {
      if (reserved === 'added') await index.removeMediaFile(sha256);
      throw e;
    }
    return reserved === 'added' ? 'stored' : 'present';
  }

  async function preview(sha256: string, bytes: Uint8Array, type: string, channel: string) {
    const known = await index.getMediaFile(sha256);
    if (known?.preview) return known.preview;
    const small = options.previewer ? await options.previewer(bytes, type) : null;
    if (!small) return undefined;
    const hash = sha256Hex(small);
    const outcome = await store(small, hash, 'image/jpeg', 'preview', channel);
    if (outcome === 'total_cap' || outcome === 'channel_cap') return undefined;
    await index.setMediaPreview(sha256, hash);
    return hash;
  }

  return {
    policy,
    wants(kind, role) {
      return role === 'thumb' || kind === 'photo' || policy.kinds.has(kind);
    },
    async keep({ channel, kind, role, bytes }) {
      if (!this.wants(kind, role)) return { skipped: { reason: 'kind' } };
      if (bytes.length > policy.maxFileBytes) return { skipped: { reason: 'too_large', size: bytes.length } };
      const type = await sniffType(bytes);
      const as: MediaFileKind = role === 'thumb' ? 'thumbnail' : kind;
      if (!fitsKind(as, type)) {
        return { skipped: { reason: 'type_mismatch', size: bytes.length, detail: type } };
      }
      const sha256 = sha256Hex(bytes);
      const outcome = await store(bytes, sha256, type, as, channel);
      if (outcome === 'total_cap' || outcome === 'channel_cap') {
        return { skipped: { reason: outcome, size: bytes.length } };
      }
      const copy: MediaCopy = { sha256, size: bytes.length, type };
      if (as === 'photo') {
        const p = await preview(sha256, bytes, type, channel);
        if (p) copy.preview = p;
      }
      return { copy };
    },
  };
}
