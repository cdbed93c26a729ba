// How an archived copy of a media item is shown (image, player or file) and why an item has none: pages and feeds.
import type { MediaCopy, MediaSkip } from '../model/media.js';
import type { Media } from '../model/post.js';

/** The archive's address of a kept file under `base` ("" for the web app's own pages, the public URL in feeds). */
export function archiveMediaUrl(base: string, sha256: string): string {
  return `${base.replace(/\/+$/, '')}/media/${sha256}`;
}

export type CopyView =
  | {
      as: 'image';
      copy: MediaCopy;
      /** What to show: the preview when the archive made one. */ shown: string;
    }
  | { as: 'video'; copy: MediaCopy }
  | { as: 'audio'; copy: MediaCopy }
  | { as: 'file'; copy: MediaCopy };

const IMAGE = /^image\//;
const VIDEO = /^video\//;

/**
 * How an item's copy is shown, from its kind and the type read from its bytes (a GIF kept as image/gif is an
 * image, a voice note read as video/ogg still audio); documents are always files. Null without a copy.
 */
export function copyView(m: Media): CopyView | null {
  const copy = m.copy;
  if (!copy) return null;
  const image = IMAGE.test(copy.type) && copy.type !== 'image/svg+xml';
  switch (m.type) {
    case 'photo':
    case 'sticker':
    case 'gif':
    case 'video':
    case 'round_video':
      if (image) return { as: 'image', copy, shown: copy.preview ?? copy.sha256 };
      if (VIDEO.test(copy.type) && m.type !== 'photo') return { as: 'video', copy };
      return { as: 'file', copy };
    case 'voice':
    case 'audio':
      return /^(audio|video)\//.test(copy.type) ? { as: 'audio', copy } : { as: 'file', copy };
    default:
      return { as: 'file', copy };
  }
}

/** The image the archive keeps for a player's poster or a badge: the thumbnail's copy (its preview when made). */
export function posterHash(m: Media): string | null {
  const t = m.thumbCopy;
  return t && IMAGE.test(t.type) ? (t.preview ?? t.sha256) : null;
}

/** "1.2 MB", "14 KB", "193 bytes". */
export function byteSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/**
 * Why an item has no copy, for a reader ("not kept: over the 50 MB limit"); `maxFileBytes` is the limit in force
 * (the item records the file's size, not the limit at the time).
 */
export function skipText(skip: MediaSkip, maxFileBytes?: number): string {
  const size = skip.size ? ` (${byteSize(skip.size)})` : '';
  switch (skip.reason) {
    case 'too_large':
      return maxFileBytes
        ? `not kept: over the ${byteSize(maxFileBytes)} limit${size}`
        : `not kept: too large${size}`;
    case 'channel_cap':
      return `not kept: the channel's share of the media archive is used up${size}`;
    case 'total_cap':
      return `not kept: the media archive is full${size}`;
    case 'kind':
      return 'not kept: this kind of media is not archived';
    case 'not_included':
      return 'file not included in the export';
    case 'missing':
      return 'file missing from the export folder';
    case 'unsafe_path':
      return 'not kept: the export names a file outside its folder';
    case 'type_mismatch':
      return `not kept: the file is not what the post says${skip.detail ? ` (${skip.detail})` : ''}`;
    case 'unavailable':
      return 'no file to keep: the source does not show one';
    case 'failed':
      return `not kept yet: the download failed${skip.detail ? ` (${skip.detail})` : ''}`;
    default:
      return 'not kept';
  }
}

/** The kept files of a post's media in order (the files themselves, not thumbnails): what feeds enclose. */
export function keptFiles(media: readonly Media[]): MediaCopy[] {
  const seen = new Set<string>();
  const out: MediaCopy[] = [];
  for (const m of media) {
    if (m.copy && !seen.has(m.copy.sha256)) {
      seen.add(m.copy.sha256);
      out.push(m.copy);
    }
  }
  return out;
}
