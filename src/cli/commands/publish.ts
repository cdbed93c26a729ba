// `tgwire publish`: republishes routed posts to Telegram chats through the bot, exactly once via the outbox.
import { Command } from 'commander';
import { routesFromConfig, type Route } from '../../bot/routes.js';
import type { OutboxRow, OutboxStore } from '../../store/outbox.js';
import { adoptFormerIds } from '../../bot/route-ids.js';
import {
  clearPassFailures,
  describePlan,
  dryRun,
  publishOnce,
  recordPassFailure,
  type PublishResult,
} from '../../bot/publisher.js';
import { grammyBotApi } from '../../bot/telegram.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { supervise } from '../../util/supervise.js';
import { parseDateArg } from '../../util/time.js';
import { realSleep } from '../../util/retry.js';
import { configFrom, withStore } from '../context.js';
import { checkRouteTargets } from '../resolve.js';
import { formatTable } from '../output.js';
import { lockPublisher } from '../publish-lock.js';

interface PublishFlags {
  dryRun?: boolean;
  once?: boolean;
  since?: string;
  all?: boolean;
  interval: string;
  hold?: boolean;
  resume?: boolean;
  status?: boolean;
}

function summary(r: PublishResult): string {
  const parts = [
    `${r.sent} sent`,
    `${r.edited} edited`,
    ...(r.editsGone ? [`${r.editsGone} could not be edited (message gone from the chat)`] : []),
    `${r.deleted} deleted`,
    `${r.skipped} skipped (same story)`,
  ];
  if (r.beforeStart)
    parts.push(
      `${r.beforeStart} older post(s) not sent (a new route starts now; --since DATE or --all starts it earlier)`,
    );
  if (r.empty) parts.push(`${r.empty} post(s) with no text or media not sent`);
  if (r.held) parts.push(`${r.held} held (answer lost; publish --status shows them)`);
  if (r.recovered) parts.push(`${r.recovered} in doubt after a crash (policy applied)`);
  return parts.join(', ');
}

/**
 * `--status`: every configured route and chat (a route that never ran says so), with its messages by state, then the
 * routes the outbox still knows that the config no longer lists.
 */
async function routeStatusRows(outbox: OutboxStore, routes: readonly Route[]): Promise<string[][]> {
  const known = new Map((await outbox.routeStatuses()).map((s) => [`${s.route}\u0000${s.chat}`, s]));
  const rows: string[][] = [];
  const byState = (msgs: readonly OutboxRow[]): string => {
    const n = new Map<string, number>();
    for (const m of msgs) n.set(m.state, (n.get(m.state) ?? 0) + 1);
    return [...n].map(([k, v]) => `${v} ${k}`).join(', ');
  };
  for (const r of routes)
    for (const chat of r.chats) {
      const key = `${r.id}\u0000${chat}`;
      const status = known.get(key);
      known.delete(key);
      const msgs = await outbox.rowsFor(r.id, chat);
      const state = status?.state ?? (msgs.length ? 'ok' : 'not run yet');
      rows.push([r.id, chat, state, byState(msgs), status?.error ?? '']);
    }
  for (const s of known.values())
    rows.push([s.route, s.chat, `${s.state} (no longer in the config)`, '', s.error ?? '']);
  return rows;
}

export function publishCommand(): Command {
  return new Command('publish')
    .description('republish the posts of the configured routes to Telegram chats through the bot')
    .option(
      '--dry-run',
      'print every message in full as it would be sent (text, entities, parts); send nothing',
    )
    .option('--once', 'one pass, then exit (default: keep publishing new posts)')
    .option(
      '--since <date>',
      'only posts from this date on; a new route starts here (without it, a new route starts now: the posts already archived are not sent)',
    )
    .option('--all', 'a new route publishes every archived post, undated ones (text dumps) included')
    .option('--interval <seconds>', 'seconds between passes when not --once', '60')
    .option(
      '--hold',
      'hold messages whose outcome is unknown (in flight at a crash, or answer lost) unless a probe finds them, instead of resending them (at most once)',
    )
    .option('--resume', 'let routes stopped by a Telegram refusal run again')
    .option(
      '--status',
      'print the outbox counts and each configured route and chat with its state, messages and last error, then exit',
    )
    .addHelpText(
      'after',
      '\nEnvironment:\n' +
        '  TGWIRE_BOT_TOKEN     the bot token from @BotFather (never logged)\n' +
        '  TGWIRE_BOT_API_ROOT  another Bot API server, e.g. a self-hosted telegram-bot-api ' +
        '(default https://api.telegram.org)\n' +
        '\nRoutes are read from the config file (routes:); see docs/publishing.md.',
    )
    .action(async (flags: PublishFlags, c: Command) => {
      const config = configFrom(c);
      const routes = routesFromConfig(config.routes, config.configPath);
      const since = flags.since ? parseDateArg(flags.since, '--since') : undefined;
      const interval = Number(flags.interval);
      if (!Number.isFinite(interval) || interval <= 0)
        throw new UserError(`--interval: not a number of seconds: ${flags.interval}`);
      await withStore(config, async (store) => {
        const outbox = store.outbox();
        if (flags.status) {
          const counts = await outbox.counts();
          console.log(
            Object.entries(counts)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', '),
          );
          const rows = await routeStatusRows(outbox, routes);
          if (rows.length) console.log(formatTable(['route', 'chat', 'state', 'messages', 'error'], rows));
          return;
        }
        if (flags.resume) console.log(`${await outbox.resumeRoutes()} stopped route(s) resumed`);
        if (routes.length === 0) throw new UserError('no routes configured: add "routes" to the config file');
        await checkRouteTargets(store, routes, config.configPath);
        // History recorded under the positional ids of older versions goes to the route it belongs to.
        for (const a of await adoptFormerIds(outbox, routes))
          console.error(`tgwire: route ${a.to} -> ${a.chat}: its history, kept as ${a.from}, carries on`);
        const render = { tmeBase: config.tmeBase, publicUrl: config.publicUrl };
        // A route that never ran starts when this command does (or at --since): the archive is not news to its chat.
        if (flags.all && since)
          throw new UserError('--all starts new routes at the oldest post: drop --since');
        const newRouteStart = flags.all ? 'backlog' : (since ?? new Date().toISOString());
        if (flags.dryRun) {
          const plan = await dryRun(store, outbox, routes, { since, newRouteStart, render });
          for (const line of describePlan(plan)) console.log(line);
          console.log(
            `dry run: ${plan.messages.filter((m) => m.state === 'planned').length} message(s), ` +
              `${plan.ops.length} edit/delete(s); nothing sent`,
          );
          return;
        }
        if (!config.botToken) throw new UserError('TGWIRE_BOT_TOKEN is not set: create a bot with BotFather');
        const api = grammyBotApi({ token: config.botToken, apiRoot: config.botApiRoot ?? undefined });
        // One publisher per archive: a second one would take the first one's message in flight for a crash.
        const unlock = await lockPublisher(config.db);
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        const pass = async (signal: AbortSignal) => {
          const r = await publishOnce(store, outbox, api, routes, {
            since,
            newRouteStart,
            render,
            inDoubt: flags.hold ? 'hold' : 'resend',
            signal,
            onEvent: (e) => {
              if (e.type === 'route-stopped')
                console.error(`tgwire: route ${e.route} -> ${e.chat} stopped: ${e.error}`);
              else if (e.type === 'chat-paused')
                console.error(`tgwire: ${e.chat} paused until the next pass: ${e.error}`);
              else if (e.type === 'edit-gone')
                console.error(
                  `tgwire: ${e.row.postKey} -> ${e.row.chat}: message ${e.row.messageId} is gone from the chat, not edited` +
                    (e.orphans ? `; its ${e.orphans} new part(s) not sent` : ''),
                );
              else if (e.type === 'held')
                console.error(`tgwire: ${e.row.postKey} -> ${e.row.chat} held: ${e.note}`);
              else if (e.type === 'message-failed')
                console.error(`tgwire: ${e.row.postKey} -> ${e.row.chat}: ${e.error}`);
            },
          });
          console.log(summary(r));
          return r;
        };
        try {
          if (flags.once) {
            const r = await pass(stop.signal);
            // As `sync` does for a channel in error: a cron job must see that a pass left messages unsent.
            const chats = new Set([...r.paused, ...r.stoppedRoutes].map((x) => x.chat));
            if (chats.size > 0) {
              console.error(
                `tgwire: ${chats.size} chat(s) could not be sent to (publish --status shows the routes and errors)`,
              );
              process.exitCode = 1;
            }
          } else
            // Passes until stopped, supervised: a failed pass is logged, recorded on the routes and retried after a
            // back-off; only a user error (a token Telegram refuses) ends the command, as retrying cannot mend it.
            await supervise(
              async ({ signal, healthy }) => {
                while (!signal.aborted) {
                  await pass(signal);
                  if (signal.aborted) break;
                  healthy();
                  await clearPassFailures(outbox);
                  await realSleep(interval * 1000, signal).catch(() => {});
                }
              },
              {
                name: 'publisher',
                signal: stop.signal,
                fatal: (e) => e instanceof UserError,
                record: (e) => recordPassFailure(outbox, errorMessage(e), new Date()),
              },
            ).done;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          await unlock();
        }
      });
    });
}
