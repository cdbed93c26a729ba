// Smaller images for large photos, made once with sharp when the photo is kept (lists and feeds show these).

/** Photos wider or taller than this, or heavier than PREVIEW_BYTES, get a preview. */
export const PREVIEW_EDGE = 1280;
export const PREVIEW_BYTES = 512 * 1024;

export type Previewer = (bytes: Uint8Array, type: string) => Promise<Uint8Array | null>;

/** A JPEG at most PREVIEW_EDGE on its long side, or null when the image is small enough or cannot be read. */
export const makePreview: Previewer = async (bytes) => {
  try {
    // Loaded when a photo is kept, not with every command that can keep one (its native library takes a while).
    const { default: sharp } = await import('sharp');
    const meta = await sharp(bytes, { limitInputPixels: 100_000_000 }).metadata();
    const large = (meta.width ?? 0) > PREVIEW_EDGE || (meta.height ?? 0) > PREVIEW_EDGE;
    if (!large && bytes.length <= PREVIEW_BYTES) return null;
    const out = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: PREVIEW_EDGE, height: PREVIEW_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
    return out.length < bytes.length ? new Uint8Array(out) : null;
  } catch {
    // A photo sharp cannot decode is still kept and served as it is; it just has no preview.
    return null;
  }
};
