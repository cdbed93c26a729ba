// `tgwire serve` (= npm start): the web app on the archive; loads the demo feed into an empty archive first.
import { Command } from 'commander';
import { ensureDemo } from '../../pipeline/demo.js';
import { recoverCutOffImports } from '../../pipeline/import.js';
import { keepCutOffImportsTakenBack } from '../../pipeline/cut-off-imports.js';
import { assignStories } from '../../pipeline/stories.js';
import { collectInBackground } from '../../pipeline/collect/index.js';
import { collectContext, depthOptions } from '../collect.js';
import { startServer } from '../../web/server.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { keepSearchIndexMerged } from '../../store/sqlite/index-merge.js';
import { PostgresStore, keepRecentIndex } from '../../store/postgres/index.js';
import { SHUTDOWN_GRACE_MS } from '../../model/limits.js';
import { MediaStoreError, UserError, errorMessage } from '../../util/errors.js';
import type { Supervised } from '../../util/supervise.js';
import { createWakeup } from '../../util/wakeup.js';
import { applyConfig, configFrom, openConfiguredStore } from '../context.js';
import { checkMediaStore, openMediaStore } from '../media.js';
import { createMediaHealth } from '../../web/media-health.js';
import { DEMO_FILE } from '../paths.js';
import { backgroundDeliverer } from './webhooks.js';
import { portArg } from '../numbers.js';
import { withoutPassword } from '../../util/redact-url.js';
import { warnUnfinishedCopy } from '../copy-notice.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** Workers that took or finished a job this recently are at work (an idle fleet re-syncs every 15 min by default). */
const WORKERS_SEEN_MS = 60 * 60_000;

/**
 * On PostgreSQL, serve's collector leaves the channels to `tgwire worker` processes while the job queue shows one at
 * work, so no channel is fetched twice; it collects again an hour after the last worker's job. Each change is logged.
 */
function workersCollect(store: PostgresStore): () => Promise<boolean> {
  let aside: boolean | null = null;
  return async () => {
    // A queue that cannot be read (the server gone a moment) is no reason to stop collecting: the round that
    // follows meets the same trouble and says it as every round does.
    const active = await store.queue.workersActive(WORKERS_SEEN_MS).catch(() => false);
    if (active !== aside && (aside !== null || active))
      console.error(
        active
          ? 'collect: workers are collecting from the job queue; serve leaves the channels to them'
          : 'collect: no worker has taken a job for an hour; serve collects the followed channels again',
      );
    aside = active;
    return active;
  };
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the web app (feeds, search, stories, dashboard, RSS/Atom/JSON Feed, JSON API)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080)', portArg)
    .option('--no-demo', 'do not load the sample feed into an empty archive')
    .option('--no-collect', 'do not collect followed channels in the background')
    .action(async (opts: { host?: string; port?: number; demo: boolean; collect: boolean }, cmd: Command) => {
      const config = configFrom(cmd, { host: opts.host, port: opts.port });
      if (!LOOPBACK.has(config.host) && !config.adminToken) {
        throw new UserError(
          `refusing to listen on ${config.host} without an admin token: set TGWIRE_ADMIN_TOKEN (or adminToken in the config)`,
        );
      }
      // Web and API searches run in worker threads, so several readers do not queue behind one search.
      const store = await openConfiguredStore(config, { searchPool: true });
      if (opts.demo) {
        const demo = await ensureDemo(store, DEMO_FILE);
        if (demo)
          console.error(
            `loaded the demo feed: ${demo.added} posts into channel "${demo.channels.join(',')}"`,
          );
      }
      await applyConfig(store, config);
      // Following a channel in the web app wakes the collector, so its first sync does not wait for the next round.
      const wakeup = createWakeup();
      let collector: Supervised | null = null;
      let deliverer: Supervised | null = null;
      let indexUpkeep: Supervised | null = null;
      let importUpkeep: Supervised | null = null;
      const media = openMediaStore(config);
      const mediaHealth = createMediaHealth();
      const server = await startServer({
        store,
        config,
        media,
        mediaHealth,
        onFollow: () => wakeup.wake(),
        background: () => [
          ...(collector ? [collector.status] : []),
          ...(deliverer ? [deliverer.status] : []),
          ...(indexUpkeep ? [indexUpkeep.status] : []),
          ...(importUpkeep ? [importUpkeep.status] : []),
        ],
      });
      console.error(`tgwire is serving ${withoutPassword(config.db)} on ${server.url}`);
      await warnUnfinishedCopy(store, config.db);
      // A wrong key or a missing bucket is said now, in the log and on /channels, not first by a reader's broken image.
      if (media)
        await checkMediaStore(media).catch((e: unknown) => {
          if (e instanceof MediaStoreError) mediaHealth.failed(e, 'checked at start; serve goes on');
          else console.error(`web: media store ${media.location} not checked at start: ${errorMessage(e)}`);
        });

      // An import whose process was killed is taken back now, not only at the next import: readers never see half a file.
      await recoverCutOffImports(store).then(
        (notices) => notices.forEach((n) => console.error(`import taken back: ${n}`)),
        (e: unknown) =>
          console.error(
            `imports: a cut-off import not taken back yet (${e instanceof Error ? e.message : String(e)}); the next import does it`,
          ),
      );
      // Posts left without a story (a grouping cut off by a killed process, an import that failed part-way, an
      // import --no-stories) get theirs now; assignStories reads only those posts, so this is quick when there are none.
      await assignStories(store).then(
        (r) => r.assigned > 0 && console.error(`stories: grouped ${r.assigned} posts left without a story`),
        (e: unknown) =>
          console.error(
            `stories: not grouped (${e instanceof Error ? e.message : String(e)}); the next import groups them`,
          ),
      );
      // The collector runs beside the web app under a supervisor: a t.me that cannot be reached shows as channel
      // status, a store that refuses writes (an import in another process) as the collector's status; neither stops it.
      const stopCollector = new AbortController();
      // Webhooks are delivered beside the web app too, under their own supervisor.
      deliverer = backgroundDeliverer(store, config, stopCollector.signal);
      // An import killed while serve runs is taken back within seconds, so pages, feeds and the API stop showing it.
      importUpkeep = keepCutOffImportsTakenBack(store, { signal: stopCollector.signal });
      // A SQLite archive's search index is merged into one segment once a day, in a worker thread.
      if (store instanceof SqliteStore && store.path !== ':memory:')
        indexUpkeep = keepSearchIndexMerged(store.path, { signal: stopCollector.signal });
      // A large PostgreSQL archive's recent index is kept to the newest tenth of its posts, looked at hourly.
      if (store instanceof PostgresStore)
        indexUpkeep = keepRecentIndex(() => store.refreshRecentIndex(), { signal: stopCollector.signal });

      if (opts.collect)
        collector = collectInBackground(await collectContext(store, config), store, {
          signal: stopCollector.signal,
          wakeup,
          ...(store instanceof PostgresStore ? { standAside: workersCollect(store) } : {}),
          depthOf: (f) => depthOptions(f.depth),
          onResult: (r, next) =>
            console.error(
              `collect channel=${r.channel} status=${r.status} new=${r.newPosts} next_in_s=${Math.round(next / 1000)}${r.error ? ` error=${JSON.stringify(r.error)}` : ''}`,
            ),
        });
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGINT', () => resolve('SIGINT'));
        process.once('SIGTERM', () => resolve('SIGTERM'));
      });
      // A stop must stop: whatever still runs after the grace period (a fetch, a busy store) does not hold the process.
      const force = setTimeout(() => {
        console.error(
          `tgwire: still shutting down ${SHUTDOWN_GRACE_MS / 1000} s after ${signal}; exiting now`,
        );
        process.exit(process.exitCode ?? 0);
      }, SHUTDOWN_GRACE_MS);
      force.unref();
      stopCollector.abort();
      await server.close();
      await collector?.done;
      await deliverer.done;
      await indexUpkeep?.done;
      await importUpkeep.done;
      await store.close();
      clearTimeout(force);
    });
}
