// GET/HEAD /media/HASH: a kept file by its SHA-256, typed from the index, streamed, with single byte ranges.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { isSha256 } from '../../model/media.js';
import { inlineSafe } from '../../pipeline/media/sniff.js';
import type { ByteRange } from '../../store/media/blob-store.js';
import type { WebContext, WebEnv } from '../app.js';
import { notFound } from './common.js';

/**
 * What a Range header asks of a file of `size` bytes: a range, 'unsatisfiable' (416), or null (the whole file:
 * no header, several ranges, or one that does not parse — RFC 9110 says to ignore those).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // bytes=-n: the last n bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  // bytes=a-b with b < a does not parse (ignored); an open or in-order range from past the end cannot be met.
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

/** True when an If-None-Match header names this entity tag (or any, with *). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/*
 * A kept file is whatever a channel posted: an HTML page or an SVG sent as a document must never run in the app's
 * origin. Every answer carries a sandboxing policy (no scripts, no plugins, a unique origin), and types a browser
 * would not just show (anything but images, video and audio) are downloads.
 */
const MEDIA_CSP = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

export function mediaRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/media/:hash', async (c: Context<WebEnv>) => {
    const hash = c.req.param('hash') ?? '';
    // The hash is the file's only name: anything else (a path, upper case, a suffix) is not a kept file.
    const media = ctx.media;
    if (!media || !isSha256(hash)) notFound('no such file');
    const record = await ctx.store.getMediaFile(hash);
    // Known to the index but not in the store (a lost write, a store being moved): not served, and not cached.
    const size = record ? await media.size(hash) : null;
    if (!record || size === null) notFound('no such file');
    const etag = `"${hash}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Accept-Ranges', 'bytes');
    c.header('Content-Security-Policy', MEDIA_CSP);
    if (!inlineSafe(record.contentType)) c.header('Content-Disposition', 'attachment');
    if (matches(c.req.header('if-none-match'), etag)) return c.body(null, 304);

    // If-Range with another validator: the file changed since the client's part, so it gets the whole file.
    const ifRange = c.req.header('if-range');
    const range = ifRange && ifRange !== etag ? null : parseRange(c.req.header('range'), size);
    c.header('Content-Type', record.contentType);
    if (range === 'unsatisfiable') {
      c.header('Content-Range', `bytes */${size}`);
      return c.body(null, 416);
    }
    const length = range ? range.end - range.start + 1 : size;
    c.header('Content-Length', String(length));
    if (range) c.header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
    const status = range ? 206 : 200;
    // HEAD: the headers only; no file is opened (a stream nobody reads would hold its descriptor).
    if (c.req.method === 'HEAD') {
      ctx.mediaHealth.served();
      return c.body(null, status);
    }
    const blob = await media.read(hash, range ?? undefined);
    if (!blob) {
      // Removed between the two looks (media gc): this 404 must not be cached as the file.
      c.header('Cache-Control', 'no-store');
      notFound('no such file');
    }
    ctx.mediaHealth.served();
    // Streamed: a video is never held in memory whole; a client that goes away cancels the read.
    return c.body(Readable.toWeb(blob.body) as ReadableStream<Uint8Array>, status);
  });

  return app;
}
