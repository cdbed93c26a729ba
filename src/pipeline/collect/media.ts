// Keeps copies of photos and thumbnails, since t.me CDN links expire after a few days: content-addressed, capped.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Media, Post } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import type { HttpClient } from '../../util/http.js';
import { FetchError } from '../../util/errors.js';

export interface MediaOptions {
  dir: string;
  /** A larger file is not kept. */
  maxFileBytes: number;
  /** The folder never holds more than this, whichever process downloads (a ledger in the folder says). */
  maxTotalBytes: number;
  /**
   * Hosts media may come from, redirects included: a host name (its subdomains too) or `host:port`.
   * @default TELEGRAM_MEDIA_HOSTS
   */
  allowHosts?: readonly string[];
}

/** Telegram's own hosts: t.me pages name photos on cdn*.telesco.pe and cdn*.telegram-cdn.org. */
export const TELEGRAM_MEDIA_HOSTS: readonly string[] = Object.freeze([
  'telegram.org',
  't.me',
  'telesco.pe',
  'telegram-cdn.org',
  'cdn-telegram.org',
]);

/** True when the URL is http(s) on an allowed host; a hostile page cannot point downloads at 127.0.0.1 or a LAN. */
export function allowedMediaUrl(url: URL, hosts: readonly string[]): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => {
    const entry = h.toLowerCase();
    if (entry.includes(':') && !entry.startsWith('[')) return url.host.toLowerCase() === entry;
    return host === entry || host.endsWith(`.${entry}`);
  });
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
    if (st.isFile() && !name.startsWith('.')) total += st.size;
  }
  return total;
}

/** The ledger of bytes kept in the folder, shared by every process that downloads into it. */
const LEDGER = '.total-bytes';
const LOCK = '.lock';
/** A lock older than this was left by a killed process. */
const STALE_LOCK_MS = 30_000;

/**
 * Runs `work` holding the folder's lock file (created exclusively), so two processes never both reserve the last
 * bytes under the cap. The work inside is local disk only: a short wait.
 */
async function withFolderLock<T>(dir: string, work: () => T): Promise<T> {
  const lock = join(dir, LOCK);
  for (let waited = 0; ; waited += 20) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS || waited > STALE_LOCK_MS) unlinkQuietly(lock);
      else await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    return work();
  } finally {
    unlinkQuietly(lock);
  }
}

/** Another process may have removed a lock it judged stale. */
function unlinkQuietly(path: string) {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Bytes the ledger says the folder holds; measured (once) when there is no ledger yet. */
function ledgerTotal(dir: string): number {
  const path = join(dir, LEDGER);
  const n = existsSync(path) ? Number(readFileSync(path, 'utf8').trim()) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : folderSize(dir);
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
  const hosts = options.allowHosts ?? TELEGRAM_MEDIA_HOSTS;
  const allow = (u: URL) => allowedMediaUrl(u, hosts);
  const totals: MediaResult = { downloaded: 0, skipped: 0, failed: 0, bytes: 0 };
  // Every write happens under the lock, so measuring under it is exact: files removed by hand free their room.
  let measured: Promise<void> | null = null;
  const measure = () =>
    withFolderLock(options.dir, () =>
      writeFileSync(join(options.dir, LEDGER), String(folderSize(options.dir))),
    );
  /**
   * Keeps the file when the folder has room for it: under the lock, the ledger is read, the size reserved and the
   * file written. Another process sees the reservation at once, so together they never pass the cap.
   */
  const keep = (rel: string, bytes: Uint8Array) =>
    withFolderLock(options.dir, (): 'kept' | 'present' | 'full' => {
      const abs = join(options.dir, rel);
      if (existsSync(abs)) return 'present';
      const total = ledgerTotal(options.dir);
      if (total + bytes.length > options.maxTotalBytes) return 'full';
      // Reserved before the file is written: a process killed in between over-counts, never under-counts.
      writeFileSync(join(options.dir, LEDGER), String(total + bytes.length));
      mkdirSync(join(options.dir, rel.slice(0, 2)), { recursive: true });
      // Written under a temporary name, then renamed: a killed process never leaves half a file.
      writeFileSync(`${abs}.part`, bytes);
      renameSync(`${abs}.part`, abs);
      return 'kept';
    });
  async function download(posts: Post[]): Promise<MediaResult> {
    if (!measured) {
      mkdirSync(options.dir, { recursive: true });
      measured = measure();
    }
    await measured;
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
        if (!URL.canParse(url) || !allow(new URL(url))) {
          totals.failed++;
          continue;
        }
        if (ledgerTotal(options.dir) >= options.maxTotalBytes) {
          totals.skipped++;
          continue;
        }
        let res;
        try {
          res = await http.get(url, { binary: true, maxBytes: options.maxFileBytes, allowRedirect: allow });
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
        const outcome = await keep(rel, bytes);
        if (outcome === 'full') {
          totals.skipped++;
          continue;
        }
        if (outcome === 'present') totals.skipped++;
        else {
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
