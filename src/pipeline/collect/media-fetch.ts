// Media of archived posts that have no copy yet, kept from a fresh visit of the channel's preview page around them.
import type { Post, SourceKind } from '../../model/post.js';
import type { Store } from '../../store/store.js';
import { errorMessage } from '../../util/errors.js';
import type { HttpClient } from '../../util/http.js';
import { addTally, emptyTally, type MediaCollector, type MediaTally } from './media.js';
import { readChannelPage } from './sync.js';

/** Posts read from the web preview: their channel's page shows them again, with fresh links. */
const FROM_PREVIEW = new Set<SourceKind>(['tme-live', 'tme-html']);

export interface MediaFetchContext {
  store: Store;
  http: HttpClient;
  /** @default 'https://t.me' */
  baseUrl?: string;
  media: MediaCollector;
}

export interface MediaFetchProgress {
  channel: string;
  /** Pages visited in this channel so far. */
  pages: number;
  /** Posts looked at so far, of `of`. */
  posts: number;
  of: number;
  tally: MediaTally;
}

export interface MediaFetchOptions {
  /** Only this channel's posts. @default every channel */
  channel?: string;
  /** Stops after the page being handled (what was kept is saved). */
  signal?: AbortSignal;
  onProgress?: (progress: MediaFetchProgress) => void;
}

export interface MediaFetchResult extends MediaTally {
  channel: string;
  status: 'ok' | 'error' | 'skipped';
  /** Posts with media worth another try. */
  posts: number;
  pages: number;
  /** Posts the preview did not show again (deleted at the source since). */
  notShown: number;
  /** Posts with missing media that came from an export or a text dump: the preview is not their source. */
  notFromPreview: number;
  aborted?: boolean;
  /** Why the channel could not be visited, or what the user can do. */
  error?: string;
}

/** The stored post with the links a fresh page shows for the same items (same place, same type). */
function withFreshLinks(stored: Post, fresh: Post): Post {
  const { deleted: _d, topics: _t, story: _s, ...rest } = structuredClone(stored);
  rest.media = rest.media.map((m, i) => {
    const f = fresh.media[i];
    if (!f || f.type !== m.type) return m;
    const out = { ...m };
    if (f.url) out.url = f.url;
    if (f.thumbUrl) out.thumbUrl = f.thumbUrl;
    return out;
  });
  return rest;
}

/**
 * For every archived post (of one channel, or all) whose media lack a copy worth another try (never tried,
 * failed, or a cap that has room now): visits `/s/NAME?before=ID+1`, which shows the post with fresh links, and
 * keeps what it shows; one visit serves every such post the page shows. Posts from exports are counted, not
 * fetched: their files come with the export folder.
 */
export async function fetchMissingMedia(
  ctx: MediaFetchContext,
  options: MediaFetchOptions = {},
): Promise<MediaFetchResult[]> {
  const base = ctx.baseUrl ?? 'https://t.me';
  const wanted = new Map<string, number[]>();
  const elsewhere = new Map<string, number>();
  const query = {
    hasMedia: true,
    includeDeleted: false,
    ...(options.channel ? { channel: options.channel } : {}),
  };
  for await (const post of ctx.store.iteratePosts(query)) {
    if (!(await needsMedia(ctx.media, post))) continue;
    if (FROM_PREVIEW.has(post.source)) {
      const ids = wanted.get(post.channel) ?? [];
      ids.push(post.id);
      wanted.set(post.channel, ids);
    } else elsewhere.set(post.channel, (elsewhere.get(post.channel) ?? 0) + 1);
  }
  const channels = [...new Set([...wanted.keys(), ...elsewhere.keys()])].sort();
  const results: MediaFetchResult[] = [];
  for (const channel of channels) {
    const ids = wanted.get(channel) ?? [];
    const result: MediaFetchResult = {
      channel,
      status: ids.length ? 'ok' : 'skipped',
      posts: ids.length,
      pages: 0,
      ...emptyTally(),
      notShown: 0,
      notFromPreview: elsewhere.get(channel) ?? 0,
    };
    results.push(result);
    if (result.notFromPreview > 0)
      result.error = `${result.notFromPreview} post(s) not from the web preview: import the export folder again`;
    if (ids.length === 0) continue;
    if (options.signal?.aborted) {
      result.status = 'skipped';
      result.aborted = true;
      continue;
    }
    try {
      await fetchChannel(ctx, base, channel, ids, result, options);
    } catch (e) {
      if (options.signal?.aborted) {
        result.aborted = true;
        continue;
      }
      result.status = 'error';
      result.error = [errorMessage(e), result.error].filter(Boolean).join('; ');
    }
  }
  return results;
}

/** True when some item of the post has no copy and another try may give one. */
async function needsMedia(media: MediaCollector, post: Post): Promise<boolean> {
  for (const m of post.media) {
    if ((await media.retryable(post.channel, m, 'file')) || (await media.retryable(post.channel, m, 'thumb')))
      return true;
  }
  return false;
}

async function fetchChannel(
  ctx: MediaFetchContext,
  base: string,
  channel: string,
  ids: number[],
  result: MediaFetchResult,
  options: MediaFetchOptions,
): Promise<void> {
  // Newest first: each page shows the post asked for and the older ones before it, so one visit serves several.
  const pending = [...ids].sort((a, b) => b - a);
  let next = 0;
  let looked = 0;
  while (next < pending.length) {
    if (options.signal?.aborted) {
      result.aborted = true;
      return;
    }
    const top = pending[next]!;
    const page = await readChannelPage(ctx.http, base, channel, `?before=${top + 1}`, options.signal);
    result.pages++;
    const shown = new Map(page.posts.map((p) => [p.id, p]));
    const lowest = Math.min(top, page.posts[0]?.id ?? top);
    const batch: Post[] = [];
    const stored = new Map<number, Post>();
    // The post asked for is done whatever the page showed, so the walk always moves on.
    do {
      const id = pending[next++]!;
      looked++;
      const fresh = shown.get(id);
      const post = fresh ? await ctx.store.getPost(channel, id) : null;
      if (!fresh || !post || post.deleted) {
        result.notShown++;
        continue;
      }
      stored.set(id, post);
      batch.push(withFreshLinks(post, fresh));
    } while (next < pending.length && pending[next]! >= lowest);
    addTally(result, await ctx.media.keepPosts(batch, stored));
    options.onProgress?.({ channel, pages: result.pages, posts: looked, of: pending.length, tally: result });
  }
}
