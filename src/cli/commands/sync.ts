// `tgwire sync` (one pass over channels) and `tgwire watch` (keeps collecting until stopped).
import { Command } from 'commander';
import {
  collectInBackground,
  syncChannel,
  type ChannelSyncResult,
  type SyncProgress,
} from '../../pipeline/collect/index.js';
import type { MediaTally } from '../../pipeline/collect/media.js';
import type { MtprotoWatch } from '../../pipeline/collect/mtproto-watch.js';
import type { Store } from '../../store/store.js';
import { assignStories } from '../../pipeline/stories.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { channelKeyOf, collectContext, depthOptions } from '../collect.js';
import { backgroundDeliverer } from './webhooks.js';
import { configFrom, withStore } from '../context.js';
import { channelProgress, formatTable, printJson } from '../output.js';
import { positiveInt } from '../numbers.js';

/** Ctrl-C stops after the page being read; a second Ctrl-C exits at once. */
export function stopOnSignals(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSignal = () => {
    if (ac.signal.aborted) process.exit(130);
    console.error('stopping after the current page (Ctrl-C again to quit now)');
    ac.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: ac.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Per-channel progress: bars on a terminal, one log line per page otherwise. */
function progressReporter(tty: boolean) {
  const bars = channelProgress(
    tty,
    ' {channel} {phase}: {pages} pages, {posts} posts ({newPosts} new), oldest {oldest}',
  );
  return {
    update(p: SyncProgress) {
      const payload = {
        channel: p.channel,
        phase: p.phase,
        pages: p.pages,
        posts: p.posts,
        newPosts: p.newPosts,
        oldest: p.oldestDate?.slice(0, 10) ?? (p.oldestId !== null ? `#${p.oldestId}` : '-'),
      };
      bars.update(
        p.channel,
        { value: 0, total: 1 },
        payload,
        () =>
          `sync channel=${p.channel} phase=${p.phase} pages=${p.pages} posts=${p.posts} new=${p.newPosts} oldest=${payload.oldest}`,
      );
    },
    stop: () => bars.stop(),
  };
}

async function syncOnce(
  store: Store,
  keys: string[],
  ctxOpts: { signal: AbortSignal; force?: boolean; maxPages?: number; recheckPages?: number },
  ctx: Awaited<ReturnType<typeof collectContext>>,
  onProgress: (p: SyncProgress) => void,
): Promise<ChannelSyncResult[]> {
  const depths = new Map((await store.listFollows()).map((f) => [f.channel, f.depth]));
  const results: ChannelSyncResult[] = [];
  for (const key of keys) {
    if (ctxOpts.signal.aborted) {
      results.push({
        channel: key,
        status: 'skipped',
        newPosts: 0,
        edits: 0,
        deletions: 0,
        pages: 0,
        error: 'stopped',
      });
      continue;
    }
    try {
      results.push(
        await syncChannel(ctx, key, {
          ...depthOptions(depths.get(key) ?? null),
          signal: ctxOpts.signal,
          force: ctxOpts.force,
          maxPages: ctxOpts.maxPages,
          recheckPages: ctxOpts.recheckPages,
          onProgress,
        }),
      );
    } catch (e) {
      // The failure could not even be recorded on the channel (the store refused): still this channel's row.
      results.push({
        channel: key,
        status: 'error',
        newPosts: 0,
        edits: 0,
        deletions: 0,
        pages: 0,
        error: errorMessage(e),
      });
    }
  }
  return results;
}

function printResults(results: ChannelSyncResult[]): void {
  console.log(
    formatTable(
      ['channel', 'status', 'new', 'edits', 'deletions', 'pages', 'message'],
      results.map((r) => [
        r.channel,
        r.status,
        r.newPosts,
        r.edits,
        r.deletions,
        r.pages,
        r.error ?? (r.aborted ? 'stopped' : ''),
      ]),
    ),
  );
}

/** One line on stderr about the media of this pass, when there were any to keep. */
export function reportMedia(t: MediaTally): void {
  if (t.kept + t.reused + t.skipped + t.failed === 0) return;
  const retry = t.failed > 0 ? ' (tgwire media fetch tries the failed ones again)' : '';
  console.error(
    `media kept=${t.kept} bytes=${t.bytes} already=${t.reused} skipped=${t.skipped} failed=${t.failed}${retry}`,
  );
}

const optionalInt = (v: string | undefined, flag: string): number | undefined =>
  v === undefined ? undefined : positiveInt(v, flag);

export function syncCommand(): Command {
  return new Command('sync')
    .description(
      'one pass: backfill what is missing, then fetch what is new (all followed channels, or those given)',
    )
    .argument('[channel...]', 'usernames or t.me links (default: every followed channel)')
    .option('--force', 'also channels waiting out a back-off after errors')
    .option('--max-pages <n>', 'pages per channel in this pass (the rest waits for the next)')
    .option(
      '--recheck-pages <n>',
      'newest pages re-read for views, edits and deletions (default 1, and `recheck.pages` when its hour is due)',
    )
    .option('--media <dir>', 'keep media in this folder in this pass (default: the configured media store)')
    .option(
      '--no-media',
      'keep no media in this pass (t.me links expire: `tgwire media fetch` catches up later)',
    )
    .option('--json', 'print the per-channel results as JSON')
    .action(
      async (
        inputs: string[],
        opts: {
          force?: boolean;
          maxPages?: string;
          recheckPages?: string;
          json?: boolean;
          media?: string | false;
        },
        c: Command,
      ) => {
        const config = configFrom(c);
        const maxPages = optionalInt(opts.maxPages, '--max-pages');
        const recheckPages = optionalInt(opts.recheckPages, '--recheck-pages');
        const stop = stopOnSignals();
        let results: ChannelSyncResult[] = [];
        try {
          await withStore(config, async (store) => {
            const keys = inputs.length
              ? inputs.map(channelKeyOf)
              : (await store.listFollows()).map((f) => f.channel);
            if (keys.length === 0)
              throw new UserError('no channels to sync: tgwire channels add @name, or name them');
            const progress = progressReporter(process.stderr.isTTY === true && !opts.json);
            const ctx = await collectContext(store, config, {
              media: opts.media,
              signal: stop.signal,
              account: true,
            });
            try {
              results = await syncOnce(
                store,
                keys,
                { signal: stop.signal, force: opts.force, maxPages, recheckPages },
                ctx,
                (p) => progress.update(p),
              );
            } finally {
              progress.stop();
              await ctx.closeAccount();
            }
            if (ctx.media) reportMedia(ctx.media.totals);
            if (results.some((r) => r.newPosts > 0)) await assignStories(store);
          });
        } finally {
          stop.dispose();
        }
        if (opts.json) printJson(results);
        else printResults(results);
        if (results.some((r) => r.status === 'error')) process.exitCode = 1;
      },
    );
}

/**
 * Channels added --via mtproto are kept up by the account's updates while watch runs; null when there are none, or
 * no session to use (they then wait, and each scheduled check says why).
 */
async function watchAccountChannels(
  store: Store,
  ctx: Awaited<ReturnType<typeof collectContext>>,
): Promise<MtprotoWatch | null> {
  const keys: string[] = [];
  for (const f of await store.listFollows())
    if ((await store.getSyncState(f.channel))?.via === 'mtproto') keys.push(f.channel);
  if (keys.length === 0 || !ctx.account) return null;
  let account;
  try {
    account = await ctx.account();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.error(`watch: ${keys.length} channel(s) collected through the account wait: ${e.message}`);
    return null;
  }
  const { startMtprotoWatch } = await import('../../pipeline/collect/mtproto-watch.js');
  const log = (r: ChannelSyncResult) =>
    console.error(
      `watch channel=${r.channel} via=mtproto status=${r.status} new=${r.newPosts}${r.error ? ` error="${r.error}"` : ''}`,
    );
  return startMtprotoWatch(account, keys, {
    onResult: log,
    onError: (channel, e) =>
      console.error(`watch channel=${channel} via=mtproto update_error="${errorMessage(e)}"`),
  });
}

export function watchCommand(): Command {
  return new Command('watch')
    .description(
      'collect followed channels until stopped: busy channels are checked more often, quiet ones less',
    )
    .option('--min-interval <s>', 'shortest wait between checks of one channel, seconds', '300')
    .option('--max-interval <s>', 'longest wait between checks of one channel, seconds', '21600')
    .option(
      '--no-media',
      'keep no media while watching (t.me links expire: `tgwire media fetch` catches up later)',
    )
    .action(async (opts: { minInterval: string; maxInterval: string; media: boolean }, c: Command) => {
      const config = configFrom(c);
      const min = positiveInt(opts.minInterval, '--min-interval') * 1000;
      const max = positiveInt(opts.maxInterval, '--max-interval') * 1000;
      const stop = stopOnSignals();
      try {
        await withStore(config, async (store) => {
          const progress = progressReporter(false);
          // Webhooks are delivered beside the collector; stopped with it, whichever way it ends.
          const stopDelivering = new AbortController();
          stop.signal.addEventListener('abort', () => stopDelivering.abort(), { once: true });
          const deliverer = backgroundDeliverer(store, config, stopDelivering.signal);
          let closeAccount = async (): Promise<void> => {};
          // Supervised as in serve: a failure the store cannot take (another process writing) is retried, not fatal.
          try {
            const ctx = await collectContext(store, config, {
              media: opts.media ? undefined : false,
              signal: stop.signal,
              account: true,
              updates: true,
            });
            closeAccount = ctx.closeAccount;
            const live = await watchAccountChannels(store, ctx);
            if (live) {
              // The scheduled rechecks of these channels go through the watcher, in turn with its updates.
              ctx.mtproto = (key, o) => live.sync(key, o);
              const close = closeAccount;
              closeAccount = async () => {
                await live.stop();
                await close();
              };
            }
            await collectInBackground(ctx, store, {
              minIntervalMs: min,
              maxIntervalMs: max,
              signal: stop.signal,
              depthOf: (f) => depthOptions(f.depth),
              onProgress: (p) => progress.update(p),
              onResult: (r, next) =>
                console.error(
                  `watch channel=${r.channel} status=${r.status} new=${r.newPosts} edits=${r.edits} deletions=${r.deletions} next_in_s=${Math.round(next / 1000)}${r.error ? ` error="${r.error}"` : ''}`,
                ),
            }).done;
          } finally {
            stopDelivering.abort();
            await deliverer.done;
            await closeAccount();
          }
        });
      } finally {
        stop.dispose();
      }
    });
}
