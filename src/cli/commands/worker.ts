// `tgwire worker`: one of several collection processes sharing a job queue and the pace toward t.me on PostgreSQL.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import {
  runWorker,
  storyUpkeep,
  type WorkerEvent,
  type WorkerSummary,
} from '../../pipeline/workers/index.js';
import { supervise } from '../../util/supervise.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { createHttpClient } from '../../util/http.js';
import { collectContext, depthOptions } from '../collect.js';
import { applyConfig, configFrom } from '../context.js';
import { openPostgresArchive } from '../open-store.js';
import { printJson } from '../output.js';
import { backgroundDeliverer } from './webhooks.js';

function seconds(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`${flag} must be a positive number of seconds`);
  return n * 1000;
}

function describe(id: string, e: WorkerEvent): string {
  switch (e.type) {
    case 'scheduled':
      return `worker id=${id} event=scheduled channels=${e.channels.length}`;
    case 'claimed':
      return `worker id=${id} event=claimed channel=${e.job.channel} attempt=${e.job.attempt}`;
    case 'done': {
      // A channel whose posts were kept but whose media failed is not quite ok: the line says so, with the way out.
      const m = e.media;
      const media = m ? ` media_kept=${m.kept} media_failed=${m.failed}` : '';
      const retry = m && m.failed > 0 ? ' (tgwire media fetch tries the failed ones again)' : '';
      return `worker id=${id} event=done channel=${e.job.channel} status=${e.result.status} new=${e.result.newPosts} pages=${e.result.pages}${media}${e.result.error ? ` error="${e.result.error}"` : ''}${retry}`;
    }
    case 'lost':
      return `worker id=${id} event=lost channel=${e.job.channel} (lease ran out; another worker has it)`;
    case 'released':
      return `worker id=${id} event=released channel=${e.job.channel}${e.error ? ` error="${e.error}"` : ''}`;
    case 'stories':
      return `worker id=${id} event=stories assigned=${e.result.assigned} written=${e.result.written} read=${e.result.read}`;
    case 'stories-failed':
      return `worker id=${id} event=stories-failed error="${e.error}"`;
    case 'idle':
      return `worker id=${id} event=idle (every followed channel is done)`;
  }
}

export function workerCommand(): Command {
  return new Command('worker')
    .description(
      'collect followed channels as one of several workers sharing a PostgreSQL job queue and pace toward t.me',
    )
    .option(
      '--lease <s>',
      "seconds a taken job stays this worker's without renewal (a dead worker's job waits this long)",
      '60',
    )
    .option('--poll <s>', 'seconds between looks for work when idle, and between scheduling rounds', '5')
    .option('--every <s>', "seconds after a channel's last sync before it is queued again", '900')
    .option('--no-schedule', 'never schedule (leave it to other workers)')
    .option('--schedule-only', 'only schedule due channels, take no jobs')
    .option('--until-idle', 'exit once every followed channel has been synced')
    .option(
      '--stories-every <s>',
      'seconds between looks whether stories need rebuilding after new posts',
      '60',
    )
    .option(
      '--no-media',
      'keep no media in this run (t.me links expire: `tgwire media fetch` catches up later)',
    )
    .option('--id <name>', 'name of this worker in the queue (default host:pid:random)')
    .option('--json', 'print a summary as JSON at the end')
    .action(
      async (
        opts: {
          lease: string;
          poll: string;
          every: string;
          schedule: boolean;
          scheduleOnly?: boolean;
          untilIdle?: boolean;
          storiesEvery: string;
          media: boolean;
          id?: string;
          json?: boolean;
        },
        c: Command,
      ) => {
        const config = configFrom(c);
        const leaseMs = seconds(opts.lease, '--lease');
        const pollMs = seconds(opts.poll, '--poll');
        const everyMs = seconds(opts.every, '--every');
        const storiesEveryMs = seconds(opts.storiesEvery, '--stories-every');
        const id = opts.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
        const ac = new AbortController();
        const onSignal = () => {
          if (ac.signal.aborted) process.exit(130);
          console.error(`worker id=${id} stopping after the current page (again to quit now)`);
          ac.abort();
        };
        // Checked once, before anything runs: the job queue and the shared pace exist only on PostgreSQL.
        const store = await openPostgresArchive(
          config.db,
          'tgwire worker needs a postgres:// database (--db or TGWIRE_DB): the job queue and the shared pace live there',
          config.pgSearchIndex,
        );
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        try {
          await applyConfig(store, config);
          const pacer = store.sharedPacer({
            intervalMs: config.politeness.intervalMs,
            jitterMs: config.politeness.jitterMs,
            // A live request ends (answered or timed out) within timeoutMs; a longer hold means its worker died.
            holdMs: config.politeness.timeoutMs + 1000,
          });
          try {
            // Channels added --via mtproto: the first worker to get one holds the account (its session's lock) and
            // takes them from then on; the others hand such jobs back. The account's pace is the shared one.
            // The media store refusing is recorded on each item and the sync goes on: said here once per reason and
            // run, as the CLI's one line, so an operator running only workers learns that the bucket refuses writes.
            const storeFailures = new Set<string>();
            const base = await collectContext(store, config, {
              media: opts.media ? undefined : false,
              account: true,
              accountPacer: pacer,
              onMediaStoreFailure: (e) => {
                const message = errorMessage(e);
                if (storeFailures.has(message)) return;
                storeFailures.add(message);
                console.error(
                  `tgwire: ${message} (worker id=${id}: the posts are kept, their media recorded as failed)`,
                );
              },
            });
            const ctx = {
              ...base,
              http: createHttpClient({
                userAgent: config.politeness.userAgent,
                timeoutMs: config.politeness.timeoutMs,
                pacer,
                onRetry: ({ url: u, attempt, delayMs, error }) =>
                  console.error(
                    `retry url=${u} attempt=${attempt} wait_ms=${delayMs} reason=${error instanceof Error ? error.message : String(error)}`,
                  ),
              }),
            };
            // Under the supervisor: a failure of the database (a restart, a dropped connection) is logged and
            // retried after a back-off; only a shutdown (or --until-idle reaching idle) ends the worker.
            let summary: WorkerSummary | null = null;
            // Webhooks are delivered beside the collection (several workers share the deliveries safely).
            const stopDelivering = new AbortController();
            const deliverer = backgroundDeliverer(store, config, stopDelivering.signal);
            try {
              await supervise(
                async ({ signal, healthy }) => {
                  summary = await runWorker(ctx, store.queue, {
                    id,
                    leaseMs,
                    pollMs,
                    everyMs,
                    schedule: opts.schedule,
                    scheduleOnly: opts.scheduleOnly ?? false,
                    untilIdle: opts.untilIdle ?? false,
                    stories: storyUpkeep(store, store),
                    media: base.media,
                    storiesEveryMs,
                    signal,
                    depthOf: async (ch) =>
                      depthOptions((await store.listFollows()).find((f) => f.channel === ch)?.depth ?? null),
                    onEvent: (e) => {
                      if (e.type === 'done' || e.type === 'scheduled') healthy();
                      console.error(describe(id, e));
                    },
                  });
                },
                // A mistake of the user's (a setting, a name) is not mended by waiting: it ends the worker at once.
                { name: `worker ${id}`, signal: ac.signal, fatal: (e) => e instanceof UserError },
              ).done;
            } finally {
              stopDelivering.abort();
              await deliverer.done;
              await base.closeAccount();
            }
            const result = summary as WorkerSummary | null;
            if (opts.json) printJson({ id, ...result });
          } finally {
            await pacer.close();
          }
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await store.close();
        }
      },
    );
}
