// Where the bytes of kept media live: a local folder by default, S3-compatible object storage for several machines.
// Files are named by their SHA-256 only, checked on every call: no caller's string ever becomes a path or a key.
import type { Readable } from 'node:stream';

/** An inclusive byte range, as HTTP `Range: bytes=start-end` names it (already checked against the size). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaBlob {
  /** The requested bytes (all of them without a range). */
  body: Readable;
  /** The whole file's size. */
  size: number;
}

/** One stored file, as list() finds it. */
export interface StoredBlob {
  sha256: string;
  size: number;
  /** When its bytes were written (file mtime, S3 LastModified): `media gc` leaves young strays alone. */
  modifiedAt: Date;
}

export interface MediaBlobStore {
  /** 'local' or 's3': shown by `tgwire stats`. */
  readonly kind: string;
  /** Where, for people: the folder, or s3://bucket/prefix. */
  readonly location: string;
  /** Stores the bytes under their hash; atomic (a reader never sees half a file) and idempotent. */
  put(sha256: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file's size, or null when it is not stored. */
  size(sha256: string): Promise<number | null>;
  /** The bytes (or a range of them), or null when the file is not stored. */
  read(sha256: string, range?: ByteRange): Promise<MediaBlob | null>;
  /** Removes the file; no error when it is not there. */
  delete(sha256: string): Promise<void>;
  /** Every stored file (for `media gc`: files the index no longer knows); nothing but complete files. */
  list(): AsyncIterable<StoredBlob>;
}

/** The owner marker's name, beside the files (`PREFIX` + it in a bucket): not a hash, so list() never yields it. */
export const OWNER_MARKER = 'tgwire-owner.json';

/**
 * A store that keeps an owner marker: a small text naming the archive whose `media gc` may delete from it (a
 * restored copy sharing the bucket must not). Both real stores are one; a serving-only stand-in need not be.
 */
export interface OwnedBlobStore extends MediaBlobStore {
  /** The marker's text, or null when there is none yet. */
  readOwner(): Promise<string | null>;
  /** Writes (or replaces) the marker. */
  writeOwner(text: string): Promise<void>;
}
