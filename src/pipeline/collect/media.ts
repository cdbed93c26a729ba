// Keeps the media of posts collected from t.me/s while their links are valid (CDN tokens expire within days).
import { KEPT_KINDS, type MediaSkip } from '../../model/media.js';
import type { Media, MediaType, Post } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import { FetchError, errorMessage } from '../../util/errors.js';
import { TooLargeError, type HttpClient } from '../../util/http.js';
import type { KeepResult, MediaKeeper, MediaRole } from '../media/keep.js';

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

/** Attempts per file download, the first included. */
export const MEDIA_ATTEMPTS = 2;

/** Kinds whose file the web preview can give (a `<video>`/`<audio>` source, a photo's or sticker's image). */
const PREVIEW_FILE_KINDS = new Set<MediaType>(KEPT_KINDS.filter((k) => k !== 'document'));
/** Kinds with a file the web preview never gives (only a link to the post): recorded as unavailable. */
const NO_PREVIEW_FILE = new Set<MediaType>(['document', 'other']);

/** True for an item whose own file the archive may keep (photos, videos, voice, documents, …). */
export function hasFile(m: Media): boolean {
  return PREVIEW_FILE_KINDS.has(m.type) || NO_PREVIEW_FILE.has(m.type);
}

export interface MediaTally {
  /** Files kept now (new to the store, or already there from another post). */
  kept: number;
  /** Copies the stored post already had, carried over without a download. */
  reused: number;
  /** Not kept, for a reason that will not change by trying again now (caps, kinds, unavailable). */
  skipped: number;
  /** Downloads that failed (`tgwire media fetch` tries again). */
  failed: number;
  /** Bytes downloaded and kept. */
  bytes: number;
}

export const emptyTally = (): MediaTally => ({ kept: 0, reused: 0, skipped: 0, failed: 0, bytes: 0 });

export function addTally(into: MediaTally, t: MediaTally): void {
  into.kept += t.kept;
  into.reused += t.reused;
  into.skipped += t.skipped;
  into.failed += t.failed;
  into.bytes += t.bytes;
}

export interface MediaCollectorOptions {
  keeper: MediaKeeper;
  /** Downloads go through the collector's client: its timeout, retry policy and pace. */
  http: HttpClient;
  /** Hosts media may come from, redirects included. @default TELEGRAM_MEDIA_HOSTS */
  allowHosts?: readonly string[];
  /** The t.me address pages come from: its post links (`/NAME/ID`) are where a file is not. @default https://t.me */
  baseUrl?: string;
  /** Stops between downloads (what was kept so far is saved). */
  signal?: AbortSignal;
  /**
   * Told when the media store refuses a file (S3 down, keys refused): the item is recorded as failed and the
   * collection goes on, so this is how a run tells its operator. @default none
   */
  onStoreFailure?: (e: unknown) => void;
}

export interface MediaCollector {
  /**
   * Keeps the media of `posts` (just read from a page) and saves the posts whose media changed. A copy the stored
   * post already has is carried over, never downloaded again; `stored` saves the look-up when the caller has it.
   */
  keepPosts(posts: Post[], stored?: ReadonlyMap<number, Post>): Promise<MediaTally>;
  /** Whether an item's file (or thumbnail) is worth another try now: no copy and a skip that may have passed. */
  retryable(channel: string, m: Media, role: MediaRole): Promise<boolean>;
  /** Everything since the collector was made. */
  readonly totals: MediaTally;
}

/** The query and fragment of a CDN link change between visits; the path names the file. */
function urlPath(u: string): string {
  return u.replace(/[?#].*$/, '');
}

const POST_LINK = /^\/(?:s\/)?[A-Za-z0-9_]{1,64}\/\d{1,15}\/?$/;

export function mediaCollector(store: Store, options: MediaCollectorOptions): MediaCollector {
  const { keeper, http, signal } = options;
  const policy = keeper.policy;
  const hosts = options.allowHosts ?? TELEGRAM_MEDIA_HOSTS;
  const allow = (u: URL) => allowedMediaUrl(u, hosts);
  const tmeHosts = new Set(['t.me', 'telegram.me', 'www.t.me']);
  if (options.baseUrl && URL.canParse(options.baseUrl)) tmeHosts.add(new URL(options.baseUrl).host);
  const totals = emptyTally();

  /** The URL to download an item's file or thumbnail from, or why there is none. */
  function source(url: string | undefined): { url: string } | { skipped: MediaSkip } {
    if (!url || !URL.canParse(url)) return { skipped: { reason: 'unavailable' } };
    const u = new URL(url);
    // The post link stands in for a file the preview does not show ("Media is too big", documents).
    if (tmeHosts.has(u.host.toLowerCase()) && POST_LINK.test(u.pathname))
      return { skipped: { reason: 'unavailable' } };
    if (!allow(u))
      return {
        skipped: { reason: 'unavailable', detail: `not on an allowed host: ${u.host}`.slice(0, 200) },
      };
    return { url };
  }

  async function download(url: string): Promise<{ bytes: Uint8Array } | { skipped: MediaSkip }> {
    try {
      const res = await http.get(url, {
        binary: true,
        maxBytes: policy.maxFileBytes,
        allowRedirect: allow,
        // One retry, not the page fetches' five: a file that fails is recorded as failed and `media fetch` tries it
        // again, while a CDN that cannot be reached would otherwise hold the sync up for minutes per file.
        maxAttempts: MEDIA_ATTEMPTS,
        ...(signal ? { signal } : {}),
      });
      return { bytes: res.bytes ?? new Uint8Array(0) };
    } catch (e) {
      if (signal?.aborted) throw e;
      // Stopped at the cap: never read further than that, whatever the file's real size.
      if (e instanceof TooLargeError)
        return {
          skipped:
            e.size !== null
              ? { reason: 'too_large', size: e.size }
              : { reason: 'too_large', detail: `more than ${e.maxBytes} bytes` },
        };
      if (e instanceof FetchError)
        return { skipped: { reason: 'failed', detail: errorMessage(e).slice(0, 300) } };
      throw e;
    }
  }

  /** Bytes every kept file takes, read once per page when a cap skip is looked at. */
  let usage: { total: number; channels: Map<string, number> } | null = null;
  async function room(channel: string, size: number, which: 'total' | 'channel'): Promise<boolean> {
    usage ??= {
      total: (await store.mediaTotals()).reduce((sum, t) => sum + t.bytes, 0),
      channels: new Map(),
    };
    if (usage.total + size > policy.maxTotalBytes) return false;
    if (which === 'total') return true;
    if (!usage.channels.has(channel)) usage.channels.set(channel, await store.channelMediaBytes(channel));
    return usage.channels.get(channel)! + size <= policy.maxChannelBytes;
  }

  async function retryable(channel: string, m: Media, role: MediaRole): Promise<boolean> {
    // A thumbnail's failure is not recorded: tried again while its host is one downloads may use.
    if (role === 'thumb') return !m.thumbCopy && 'url' in source(m.thumbUrl);
    if (!hasFile(m) || m.copy) return false;
    const skip = m.skipped;
    if (!skip) return true;
    switch (skip.reason) {
      case 'failed':
        return true;
      case 'kind':
        return keeper.wants(m.type, 'file');
      case 'too_large': {
        // Size unknown: "more than N bytes" says which cap it passed; a larger cap now may hold it.
        const passed = Number(/more than (\d+)/.exec(skip.detail ?? '')?.[1] ?? NaN);
        if (skip.size !== undefined) return skip.size <= policy.maxFileBytes;
        return Number.isFinite(passed) && policy.maxFileBytes > passed;
      }
      case 'total_cap':
        return room(channel, skip.size ?? 0, 'total');
      case 'channel_cap':
        return room(channel, skip.size ?? 0, 'channel');
      default:
        return false;
    }
  }

  /** Downloads and keeps one file; every outcome is a copy or a reason. */
  async function fetchAndKeep(
    channel: string,
    kind: MediaType,
    role: MediaRole,
    url: string,
    tally: MediaTally,
  ): Promise<KeepResult> {
    const got = await download(url);
    if ('skipped' in got) return got;
    try {
      const kept = await keeper.keep({ channel, kind, role, bytes: got.bytes });
      if ('copy' in kept) {
        tally.bytes += got.bytes.length;
        // A kept file makes room less: the next cap skip looked at is checked against fresh figures.
        usage = null;
      }
      return kept;
    } catch (e) {
      // The media store refusing (a full disk, S3 down) is this file's failure; the collection goes on.
      options.onStoreFailure?.(e);
      return { skipped: { reason: 'failed', detail: `not stored: ${errorMessage(e)}`.slice(0, 300) } };
    }
  }

  function count(tally: MediaTally, r: KeepResult): void {
    if ('copy' in r) tally.kept++;
    else if (r.skipped.reason === 'failed') tally.failed++;
    else tally.skipped++;
  }

  /** The stored item matching `m`: the same position and type, else one of the same file (URL path). */
  function match(m: Media, i: number, old: Media[]): { copy?: Media; thumb?: Media } {
    const same = old[i]?.type === m.type ? old[i] : undefined;
    const byPath = (pick: (o: Media) => string | undefined, url: string | undefined) =>
      url ? old.find((o) => o.type === m.type && pick(o) && urlPath(pick(o)!) === urlPath(url)) : undefined;
    return {
      copy: same?.copy ? same : byPath((o) => (o.copy ? o.url : undefined), m.url),
      thumb: same?.thumbCopy ? same : byPath((o) => (o.thumbCopy ? o.thumbUrl : undefined), m.thumbUrl),
    };
  }

  async function keepItem(post: Post, m: Media, i: number, old: Media[], tally: MediaTally): Promise<void> {
    const found = match(m, i, old);
    const prev = old[i]?.type === m.type ? old[i] : undefined;
    // The thumbnail: always wanted (a video's poster is small), whatever becomes of the file.
    if (m.thumbUrl && !m.thumbCopy) {
      if (found.thumb?.thumbCopy) {
        m.thumbCopy = found.thumb.thumbCopy;
        tally.reused++;
      } else {
        const src = source(m.thumbUrl);
        if ('url' in src) {
          const r = await fetchAndKeep(post.channel, m.type, 'thumb', src.url, tally);
          if ('copy' in r) m.thumbCopy = r.copy;
          count(tally, r);
        }
      }
    }
    if (!hasFile(m) || m.copy) return;
    if (found.copy?.copy) {
      m.copy = found.copy.copy;
      delete m.skipped;
      tally.reused++;
      return;
    }
    // What the page gives no file for is said so first: "not archived by this kind" would blame a setting for a
    // post the preview cannot show ("Please open Telegram to view this post").
    const src = PREVIEW_FILE_KINDS.has(m.type)
      ? source(m.url)
      : { skipped: { reason: 'unavailable' } satisfies MediaSkip };
    if ('skipped' in src) {
      m.skipped = src.skipped;
      tally.skipped++;
      return;
    }
    if (!keeper.wants(m.type, 'file')) {
      m.skipped = { reason: 'kind' };
      tally.skipped++;
      return;
    }
    // A reason recorded on an earlier visit that still holds (over the cap, not a photo): no new download. Whether
    // the page gives the file was decided again just now.
    const earlier = prev?.skipped;
    if (earlier && earlier.reason !== 'unavailable' && !(await retryable(post.channel, prev, 'file'))) {
      m.skipped = earlier;
      tally.skipped++;
      return;
    }
    const r = await fetchAndKeep(post.channel, m.type, 'file', src.url, tally);
    if ('copy' in r) {
      m.copy = r.copy;
      delete m.skipped;
    } else m.skipped = r.skipped;
    count(tally, r);
  }

  return {
    totals,
    retryable,
    async keepPosts(posts, stored) {
      const tally = emptyTally();
      usage = null;
      const changed: Post[] = [];
      try {
        for (const post of posts) {
          if (signal?.aborted) break;
          if (post.media.length === 0) continue;
          const before = JSON.stringify(post.media);
          const old =
            (stored ? stored.get(post.id) : await store.getPost(post.channel, post.id))?.media ?? [];
          for (let i = 0; i < post.media.length; i++) {
            if (signal?.aborted) break;
            await keepItem(post, post.media[i]!, i, old, tally);
          }
          if (JSON.stringify(post.media) !== before) changed.push(post);
        }
      } finally {
        // What was kept before a stop (or a failure) is recorded: its bytes are in the store already.
        if (changed.length > 0) await store.savePosts(changed);
        addTally(totals, tally);
      }
      return tally;
    },
  };
}
