// Composition of live collection: the paced HTTP client, the collect context, and the config's channels.
import type { Config } from '../config/config.js';
import { parseChannelRef } from '../model/channel-ref.js';
import type { CollectContext } from '../pipeline/collect/index.js';
import { mediaDownloader, TELEGRAM_MEDIA_HOSTS } from '../pipeline/collect/media.js';
import { createEnricher } from '../pipeline/enrich.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { createHttpClient } from '../util/http.js';
import { createPacer } from '../util/pace.js';
import { parseDateArg } from '../util/time.js';

export async function collectContext(
  store: Store,
  config: Config,
  options: { mediaDir?: string | null } = {},
): Promise<CollectContext> {
  const http = createHttpClient({
    userAgent: config.politeness.userAgent,
    timeoutMs: config.politeness.timeoutMs,
    pacer: createPacer({ intervalMs: config.politeness.intervalMs, jitterMs: config.politeness.jitterMs }),
    onRetry: ({ url, attempt, delayMs, error }) =>
      console.error(
        `retry url=${url} attempt=${attempt} wait_ms=${delayMs} reason=${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  const mediaDir = options.mediaDir ?? config.media.dir;
  const media = mediaDir
    ? mediaDownloader(store, http, {
        dir: mediaDir,
        maxFileBytes: config.media.maxFileBytes,
        maxTotalBytes: config.media.maxTotalBytes,
        // The t.me address the user configured is trusted like Telegram's own hosts (a mirror, a local copy).
        allowHosts: [...(config.media.allowHosts ?? TELEGRAM_MEDIA_HOSTS), new URL(config.tmeBase).host],
      })
    : null;
  return {
    store,
    baseUrl: config.tmeBase,
    enricher: await createEnricher(store),
    http,
    ...(media ? { afterPage: async (posts) => void (await media.download(posts)) } : {}),
  };
}

/** `@name`, `t.me/name`, `https://t.me/s/name`, `t.me/name/123` -> the channel key, or a user error. */
export function channelKeyOf(input: string): string {
  const ref = parseChannelRef(input);
  if (!ref) throw new UserError(`not a channel username or t.me link: ${input}`);
  return ref.username;
}

/** A depth given as a date or a post id, checked (`where` names it in the error: the flag or the config entry). */
export function parseDepth(
  value: string | number | undefined | null,
  where = '--depth',
): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || /^\d+$/.test(value)) return Number(value);
  if (/^\d{4}-/.test(value)) {
    parseDateArg(value, where);
    return value.trim();
  }
  throw new UserError(`${where} must be a date (YYYY-MM-DD) or a post id: ${value.slice(0, 40)}`);
}

/** Channels listed in the config file are followed when tgwire starts (never unfollowed by it). */
export async function followConfigChannels(store: Store, config: Config): Promise<string[]> {
  if (config.channels.length === 0) return [];
  const known = new Set((await store.listFollows()).map((f) => f.channel));
  const added: string[] = [];
  for (const entry of config.channels) {
    const ref = typeof entry === 'string' ? entry : entry.channel;
    const key = channelKeyOf(ref);
    if (known.has(key)) continue;
    await store.follow(
      key,
      typeof entry === 'string' ? null : parseDepth(entry.depth, `config channels: ${key}: depth`),
    );
    added.push(key);
  }
  return added;
}

/** The backfill bounds of a follow's depth. */
export function depthOptions(depth: string | number | null): { since?: string; minId?: number } {
  if (typeof depth === 'number') return { minId: depth };
  if (typeof depth === 'string') return { since: new Date(Date.parse(depth)).toISOString() };
  return {};
}
