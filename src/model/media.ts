// The archive's own copies of media: content-addressed files, why a file was not kept, and the caps they live under.
import type { Media, MediaType } from './post.js';

/** A file the archive keeps, named by the SHA-256 of its bytes (stored once however many posts carry it). */
export interface MediaCopy {
  /** Lower-case hex SHA-256 of the bytes: the file's only name, in the web app (`/media/HASH`) and in the store. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Content type read from the bytes themselves (never from a URL or a file name). */
  type: string;
  /** A smaller image made from a large photo (once, when it was kept): its SHA-256. */
  preview?: string;
}

export type MediaSkipReason =
  /** Larger than `media.maxFileBytes` (size: what the source said or what was read before stopping). */
  | 'too_large'
  /** The channel's share (`media.maxChannelBytes`) is used up. */
  | 'channel_cap'
  /** The archive's total (`media.maxTotalBytes`) is used up. */
  | 'total_cap'
  /** A kind the config does not keep (`media.kinds`). */
  | 'kind'
  /** The export was made without this file ("File not included"). */
  | 'not_included'
  /** The export names a file that is not in its folder. */
  | 'missing'
  /** The export names a path outside its folder (or a link out of it): never read. */
  | 'unsafe_path'
  /** The bytes are not what the post says (an HTML page where a photo was expected, …). */
  | 'type_mismatch'
  /** The source shows no file to fetch (a t.me document, a video too big for the preview). */
  | 'unavailable'
  /** The download failed (network, expired link); `media fetch` tries again. */
  | 'failed';

/** Why an item has no copy: recorded on the item so a reader (and `media fetch`) can tell. */
export interface MediaSkip {
  reason: MediaSkipReason;
  /** Bytes, when known. */
  size?: number;
  /** A short human detail: the detected type, the HTTP status, the path. */
  detail?: string;
}

/** What a kept file is to the archive: one of the post media kinds, or a preview the archive made. */
export type MediaFileKind = MediaType | 'thumbnail' | 'preview';

/** The index row of a kept file. */
export interface MediaFileRecord {
  sha256: string;
  size: number;
  /** Read from the bytes. */
  contentType: string;
  kind: MediaFileKind;
  /** The channel whose post brought the file first (its bytes count against that channel's cap). */
  channel: string | null;
  /** ISO. */
  createdAt: string;
  /** The preview the archive made of it (a large photo), when it did. */
  preview: string | null;
}

/** Limits a reservation checks atomically (bytes; Number.MAX_SAFE_INTEGER for none). */
export interface MediaCaps {
  maxTotalBytes: number;
  maxChannelBytes: number;
}

export type MediaReservation = 'added' | 'present' | 'total_cap' | 'channel_cap';

/** Files and bytes of one kind, for `tgwire stats`. */
export interface MediaTotal {
  kind: MediaFileKind;
  files: number;
  bytes: number;
}

/** Media kinds that carry a file the archive can keep. */
export const KEPT_KINDS = [
  'photo',
  'video',
  'gif',
  'round_video',
  'voice',
  'audio',
  'document',
  'sticker',
] as const;
export type KeptKind = (typeof KEPT_KINDS)[number];

const SHA256 = /^[0-9a-f]{64}$/;

/** True for a lower-case hex SHA-256: the only form a media name may take (never a path). */
export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

/** Every kept file a post's media refer to: copies, thumbnails' copies and previews (what `media gc` keeps). */
export function mediaHashes(media: readonly Media[]): string[] {
  const out: string[] = [];
  for (const m of media) {
    for (const c of [m.copy, m.thumbCopy]) {
      if (!c) continue;
      out.push(c.sha256);
      if (c.preview) out.push(c.preview);
    }
  }
  return out;
}

/**
 * A channel's status with its media that failed (download or store) and wait for `tgwire media fetch`: "ok, 12 media
 * not stored". The posts are kept; this says their files are not, while the t.me links may still expire.
 */
export function withMediaNotStored(status: string, failed: number): string {
  return failed > 0 ? `${status}, ${failed} media not stored` : status;
}
