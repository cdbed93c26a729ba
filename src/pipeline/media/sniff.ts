// What a file is, read from its bytes (file-type's signatures), and whether that fits the kind the post claims.
import { fileTypeFromBuffer } from 'file-type';
import type { MediaFileKind } from '../../model/media.js';

/** The content type of the bytes; application/octet-stream when no signature matches (plain text included). */
export async function sniffType(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  return found?.mime ?? 'application/octet-stream';
}

const IMAGE = /^image\/(jpeg|png|gif|webp|avif|heic|heif|bmp|tiff)$/;
const VIDEO = /^video\//;
const AUDIO = /^audio\//;

/**
 * True when bytes of `type` may stand for a `kind`: a photo must be an image, a voice note audio (Telegram's are
 * Ogg Opus, which may read as video/ogg), a video a video (GIFs in Telegram are MP4s). Documents may be anything.
 */
export function fitsKind(kind: MediaFileKind, type: string): boolean {
  switch (kind) {
    case 'photo':
    case 'thumbnail':
    case 'preview':
      return IMAGE.test(type);
    case 'video':
    case 'round_video':
    case 'gif':
      return VIDEO.test(type) || type === 'image/gif';
    case 'voice':
    case 'audio':
      return AUDIO.test(type) || type === 'video/ogg' || type === 'video/mp4' || type === 'video/webm';
    case 'sticker':
      // Animated stickers are gzipped Lottie (.tgs); video stickers WebM.
      return IMAGE.test(type) || type === 'video/webm' || type === 'application/gzip';
    default:
      return true;
  }
}

/**
 * Types a browser may show inline from /media (others are served as downloads, so no HTML or SVG runs there).
 * Not PDF: a PDF can carry scripts and forms, and a browser's viewer refuses a sandboxed one anyway.
 */
export function inlineSafe(type: string): boolean {
  return IMAGE.test(type) || VIDEO.test(type) || AUDIO.test(type);
}
