// Composition of live collection: the paced HTTP client, the collect context, and the config's channels.
import type { Config } from '../config/config.js';
import { notAChannel, parseChannelRef } from '../model/channel-ref.js';
import type { OpenedAccount } from '../collectors/mtproto/account.js';
import type { ChannelSyncResult, CollectContext, SyncOptions } from '../pipeline/collect/index.js';
import type { MtprotoContext, syncChannelMtproto } from '../pipeline/collect/mtproto.js';
import type { Enricher } from '../pipeline/enrich.js';
import { mediaCollector, TELEGRAM_MEDIA_HOSTS, type MediaCollector } from '../pipeline/collect/media.js';
import { createEnricher } from '../pipeline/enrich.js';
import { LocalMediaStore } from '../store/media/local.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { createHttpClient, type HttpClient } from '../util/http.js';
import { createPacer, type Pacer } from '../util/pace.js';
import { SessionLockedError } from '../collectors/mtproto/session.js';
import { parseDateArg } from '../util/time.js';
import { mediaKeeper } from './media.js';
import type { MediaKeeper } from '../pipeline/media/keep.js';

/** The paced client live collection (pages and media) goes through. */
export function collectHttp(config: Config): HttpClient {
  return createHttpClient({
    userAgent: config.politeness.userAgent,
    timeoutMs: config.politeness.timeoutMs,
    pacer: createPacer({ intervalMs: config.politeness.intervalMs, jitterMs: config.politeness.jitterMs }),
    onRetry: ({ url, attempt, delayMs, error }) =>
      console.error(
        `retry url=${url} attempt=${attempt} wait_ms=${delayMs} reason=${error instanceof Error ? error.message : String(error)}`,
      ),
  });
}

/**
 * What to do with media in a run: a folder given for it (`sync --media DIR`), false to keep none (`--no-media`),
 * or undefined for the config's choice (kept by default, in the configured media store).
 */
export type MediaChoice = string | boolean | undefined;

/** The media keeper a run's choice gives, or null for none. */
function keeperFor(store: Store, config: Config, choice: MediaChoice): MediaKeeper | null {
  if (choice === false) return null;
  return typeof choice === 'string'
    ? mediaKeeper(store, config, new LocalMediaStore(choice))
    : mediaKeeper(store, config);
}

/** The media collector of this archive, or null when media are off (or an in-memory archive has no folder). */
export function collectMedia(
  store: Store,
  config: Config,
  http: HttpClient,
  choice: MediaChoice,
  signal?: AbortSignal,
  onStoreFailure?: (e: unknown) => void,
): MediaCollector | null {
  const keeper = keeperFor(store, config, choice);
  if (!keeper) return null;
  return mediaCollector(store, {
    keeper,
    http,
    // The t.me address the user configured is trusted like Telegram's own hosts (a mirror, a local copy).
    allowHosts: [...(config.media.allowHosts ?? TELEGRAM_MEDIA_HOSTS), new URL(config.tmeBase).host],
    baseUrl: config.tmeBase,
    ...(signal ? { signal } : {}),
    ...(onStoreFailure ? { onStoreFailure } : {}),
  });
}

/**
 * `account: true`: channels added --via mtproto are synced through the Telegram account, opened (and its session
 * locked) at the first such channel; `closeAccount` must run when the command ends (the client keeps connections).
 */
export async function collectContext(
  store: Store,
  config: Config,
  options: {
    media?: MediaChoice;
    signal?: AbortSignal;
    account?: boolean;
    updates?: boolean;
    /** The account's pace when several processes share it (workers: the pace kept in the database). */
    accountPacer?: Pacer;
    /** Told when the media store refuses a file (the item is recorded as failed). */
    onMediaStoreFailure?: (e: unknown) => void;
  } = {},
): Promise<
  CollectContext & {
    media: MediaCollector | null;
    /** The account's collect context (opened on first call), or a UserError when there is no usable session. */
    account: (() => Promise<MtprotoContext>) | null;
    closeAccount: () => Promise<void>;
  }
> {
  const http = collectHttp(config);
  const media = collectMedia(store, config, http, options.media, options.signal, options.onMediaStoreFailure);
  const enricher = await createEnricher(store);
  const account = options.account
    ? accountCollector(store, config, {
        enricher,
        media: keeperFor(store, config, options.media),
        updates: options.updates === true,
        shared: options.accountPacer ?? null,
      })
    : null;
  return {
    store,
    baseUrl: config.tmeBase,
    enricher,
    http,
    deepRecheck: config.recheck,
    media,
    // After each page: photos and thumbnails while their links are valid, other files as the config says.
    ...(media ? { afterPage: async (posts) => void (await media.keepPosts(posts)) } : {}),
    ...(account ? { mtproto: account.sync } : {}),
    account: account ? async () => (await account.open()).ctx : null,
    closeAccount: async () => account?.close(),
  };
}

/** The Telegram account for MTProto channels: loaded and opened only when one is synced, closed with the command. */
function accountCollector(
  store: Store,
  config: Config,
  {
    enricher,
    media,
    updates,
    shared,
  }: { enricher: Enricher; media: MediaKeeper | null; updates: boolean; shared: Pacer | null },
) {
  let opened: Promise<{
    account: OpenedAccount;
    ctx: MtprotoContext;
    sync: typeof syncChannelMtproto;
  }> | null = null;
  const start = async () => {
    const [{ openAccount }, { openTelegram }, { syncChannelMtproto }] = await Promise.all([
      import('../collectors/mtproto/account.js'),
      import('../collectors/mtproto/telegram.js'),
      import('../pipeline/collect/mtproto.js'),
    ]);
    const account = await openAccount(openTelegram, config.telegram, { updates });
    // The account's own pace, per method, with the politeness settings the t.me pace uses.
    const pacer =
      shared ??
      createPacer({ intervalMs: config.politeness.intervalMs, jitterMs: config.politeness.jitterMs });
    const ctx: MtprotoContext = {
      store,
      client: account.client,
      enricher,
      pacer,
      ...(media ? { media } : {}),
    };
    return { account, ctx, sync: syncChannelMtproto };
  };
  // A failed open is forgotten: the session may be logged in, or its holder gone, by the next channel's turn.
  const open = () =>
    (opened ??= start().catch((e: unknown) => {
      opened = null;
      throw e;
    }));
  return {
    open,
    async sync(channel: string, options: SyncOptions): Promise<ChannelSyncResult> {
      try {
        const { ctx, sync } = await open();
        return await sync(ctx, channel, options);
      } catch (e) {
        // No session: every MTProto channel of this run says so; nothing is recorded on them (the channels are
        // fine). A session another process holds is thrown: a worker hands the job back for one that holds it.
        if (!(e instanceof UserError) || e instanceof SessionLockedError) throw e;
        return { channel, status: 'error', newPosts: 0, edits: 0, deletions: 0, pages: 0, error: e.message };
      }
    },
    async close() {
      const o = await opened?.catch(() => null);
      await o?.account.close();
    },
  };
}

/** `@name`, `t.me/name`, `https://t.me/s/name`, `t.me/name/123` -> the channel key, or a user error. */
export function channelKeyOf(input: string): string {
  const ref = parseChannelRef(input);
  if (!ref) throw new UserError(notAChannel(input));
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
