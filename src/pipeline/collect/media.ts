// Keeps copies of photos and thumbnails, since t.me CDN links expire after a few days: content-addressed, capped.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Media, Post } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import type { HttpClient } from '../../util/http.js';
import { FetchError } from '../../util/errors.js';

export interface MediaOptions {
  dir: string;
  /** A larger file is not kept. */
  maxFileBytes: number;
  /** No more files once the folder holds this much. */
  maxTotalBytes: number;
}

export interface MediaResult {
  downloaded: number;
  /** Already present (the same content), or over a cap. */
  skipped: number;
  failed: number;
  bytes: number;
}

const EXT: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'video/mp4': '.mp4',
};

function folderSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const st = statSync(join(dir, name));
    if (st.isFile()) total += st.size;
  }
  return total;
}

/** What to fetch of one media item: photos themselves, and the thumbnails of everything else. */
function wanted(m: Media): string | null {
  if (m.file) return null;
  if (m.type === 'photo' && m.url) return m.url;
  return m.thumbUrl ?? null;
}

function urlPath(u: string): string {
  return u.replace(/[?#].*$/, '');
}

/**
 * Returns a function for CollectContext.afterPage: it downloads the page's photos and thumbnails, names each file
 * by the SHA-256 of its content (the same image posted twice is kept once), and records the file on the post.
 */
export function mediaDownloader(store: Store, http: HttpClient, options: MediaOptions) {
  let total = folderSize(options.dir);
  const totals: MediaResult = { downloaded: 0, skipped: 0, failed: 0, bytes: 0 };
  async function download(posts: Post[]): Promise<MediaResult> {
    const changed: Post[] = [];
    for (const post of posts) {
      let touched = false;
      // A re-visited page brings fresh objects: files kept earlier are found on the stored post, by URL path
      // (CDN tokens in the query change between visits).
      const kept = new Map<string, string>();
      if (post.media.some(wanted)) {
        for (const m of (await store.getPost(post.channel, post.id))?.media ?? []) {
          const u = m.type === 'photo' ? m.url : m.thumbUrl;
          if (m.file && u) kept.set(urlPath(u), m.file);
        }
      }
      for (const m of post.media) {
        const url = wanted(m);
        if (!url) continue;
        const known = kept.get(urlPath(url));
        if (known) {
          m.file = known;
          touched = true;
          continue;
        }
        if (total >= options.maxTotalBytes) {
          totals.skipped++;
          continue;
        }
        let res;
        try {
          res = await http.get(url, { binary: true, maxBytes: options.maxFileBytes });
        } catch (e) {
          if (e instanceof FetchError) {
            totals.failed++;
            continue;
          }
          throw e;
        }
        const bytes = res.bytes!;
        const hash = createHash('sha256').update(bytes).digest('hex');
        const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
        const ext =
          EXT[type] ?? /\.(jpe?g|png|webp|gif|mp4)(?:\?|$)/i.exec(url)?.[0]?.replace(/\?$/, '') ?? '';
        const rel = `${hash.slice(0, 2)}/${hash}${ext.toLowerCase()}`;
        const abs = join(options.dir, rel);
        if (existsSync(abs)) totals.skipped++;
        else {
          mkdirSync(join(options.dir, hash.slice(0, 2)), { recursive: true });
          // Written under a temporary name, then renamed: a killed process never leaves half a file.
          writeFileSync(`${abs}.part`, bytes);
          renameSync(`${abs}.part`, abs);
          total += bytes.length;
          totals.downloaded++;
          totals.bytes += bytes.length;
        }
        m.file = rel;
        touched = true;
      }
      if (touched) changed.push(post);
    }
    if (changed.length) await store.savePosts(changed);
    return totals;
  }
  return { download, totals };
}
