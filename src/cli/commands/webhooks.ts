// `tgwire webhooks add|list|remove|test|deliveries|deliver`: signed HTTP callbacks (Standard Webhooks) on new,
// edited and deleted posts and growing stories.
import { Command } from 'commander';
import type { Config } from '../../config/config.js';
import {
  WEBHOOK_EVENT_TYPES,
  isWebhookEventType,
  type Webhook,
  type WebhookEventType,
} from '../../model/webhook.js';
import { deliverInBackground, describeAttempt } from '../../pipeline/webhooks/background.js';
import {
  deliverPass,
  newWebhookSecret,
  sendTestEvent,
  type DeliverOptions,
} from '../../pipeline/webhooks/deliver.js';
import type { Store } from '../../store/store.js';
import { publicAddresses } from '../../util/addresses.js';
import { UserError } from '../../util/errors.js';
import { nearestNames } from '../../util/nearest.js';
import { configFrom, withStore } from '../context.js';
import { formatTable, printJson } from '../output.js';
import { resolveChannel, resolveTopic } from '../../pipeline/names.js';
import { positiveInt } from '../numbers.js';

const collect = (v: string, acc: string[]) => [...acc, v];

/** What the deliverer takes from the config (timeouts and the retry schedule are set there, e.g. for tests). */
export function deliverOptions(config: Config): DeliverOptions {
  return {
    timeoutMs: config.webhooks.timeoutMs,
    ...(config.webhooks.retryDelaysMs ? { retryDelaysMs: config.webhooks.retryDelaysMs } : {}),
  };
}

/**
 * The deliverer beside a long-running command (serve, watch, worker): supervised, logging each attempt, stopped
 * with the command.
 */
export function backgroundDeliverer(store: Store, config: Config, signal: AbortSignal) {
  return deliverInBackground(store, {
    ...deliverOptions(config),
    pollMs: config.webhooks.pollMs,
    signal,
    onAttempt: (a) => console.error(describeAttempt(a)),
  });
}

function parseEvents(v: string | undefined): WebhookEventType[] {
  if (v === undefined) return [...WEBHOOK_EVENT_TYPES];
  const out: WebhookEventType[] = [];
  for (const raw of v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!isWebhookEventType(raw)) {
      const near = nearestNames(raw, WEBHOOK_EVENT_TYPES);
      throw new UserError(
        `--events: no event type ${raw}: ${near.length ? `did you mean ${near.join(' or ')}?` : `the types are ${WEBHOOK_EVENT_TYPES.join(', ')}`}`,
      );
    }
    if (!out.includes(raw)) out.push(raw);
  }
  if (out.length === 0)
    throw new UserError(`--events: name at least one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  return out;
}

/** An http(s) URL, and (without allowPrivate) a host that is and resolves only to public addresses. */
async function checkUrl(input: string, allowPrivate: boolean): Promise<string> {
  const u = URL.canParse(input) ? new URL(input) : null;
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
    throw new UserError(
      `not an http(s) URL: ${input} (a webhook needs one, like https://example.org/hooks/tgwire)`,
    );
  if (!allowPrivate) {
    try {
      await publicAddresses(u.hostname);
    } catch (e) {
      if (e instanceof UserError)
        throw new UserError(
          `${e.message}: refused, a webhook could reach your own network (add --allow-private if you mean it)`,
          { cause: e },
        );
      throw new UserError(
        `${u.hostname}: cannot resolve it (${e instanceof Error ? e.message : String(e)})`,
        {
          cause: e,
        },
      );
    }
  }
  return u.href;
}

async function resolveSavedSearch(store: Store, input: string): Promise<string> {
  const names = (await store.listSavedSearches()).map((s) => s.name);
  const name = input.trim();
  if (names.includes(name)) return name;
  const lower = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (lower.length === 1) return lower[0]!;
  const near = nearestNames(name, names);
  throw new UserError(
    `no saved search named ${name}: ${
      near.length
        ? `did you mean ${near.join(' or ')}?`
        : names.length
          ? `the saved searches are ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`
          : "no saved searches yet (tgwire searches add NAME 'QUERY')"
    }`,
  );
}

function parseId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new UserError(`not a webhook id: ${v} (tgwire webhooks list shows them)`);
  return n;
}

async function requireWebhook(store: Store, id: string): Promise<Webhook> {
  const n = parseId(id);
  const w = await store.webhooks().get(n);
  if (!w) throw new UserError(`no webhook ${id} (tgwire webhooks list shows them)`);
  return w;
}

function filtersLine(w: Webhook): string {
  const parts = [
    ...w.topics.map((t) => `topic:${t}`),
    ...w.channels.map((c) => `channel:${c}`),
    ...w.searches.map((s) => `search:${s}`),
  ];
  return parts.length ? parts.join(' OR ') : 'all posts';
}

/** The webhook as listed: everything but the secret. */
function publicView(w: Webhook) {
  const { secret: _secret, ...rest } = w;
  return rest;
}

const when = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function webhooksCommand(): Command {
  const cmd = new Command('webhooks').description(
    'signed HTTP callbacks (Standard Webhooks) when posts are created, edited, deleted or a story grows',
  );
  cmd
    .command('add')
    .description('add a webhook; prints its id and signing secret')
    .argument('<url>', 'http(s) address the events are POSTed to')
    .option('--topic <name>', 'posts of this topic (repeatable)', collect, [])
    .option('--channel <name>', 'posts of this channel (repeatable)', collect, [])
    .option('--search <name>', 'posts this saved search finds (repeatable)', collect, [])
    .option('--events <types>', `comma-separated: ${WEBHOOK_EVENT_TYPES.join(',')} (default all)`)
    .option('--allow-private', 'allow a private, loopback or link-local address (a receiver on this machine)')
    .option('--json', 'print as JSON')
    .action(
      async (
        url: string,
        opts: {
          topic: string[];
          channel: string[];
          search: string[];
          events?: string;
          allowPrivate?: boolean;
          json?: boolean;
        },
        c: Command,
      ) => {
        const events = parseEvents(opts.events);
        const href = await checkUrl(url, opts.allowPrivate ?? false);
        await withStore(configFrom(c), async (store) => {
          const topics = [];
          for (const t of opts.topic) topics.push(await resolveTopic(store, t));
          const channels = [];
          for (const ch of opts.channel) channels.push(await resolveChannel(store, ch));
          const searches = [];
          for (const s of opts.search) searches.push(await resolveSavedSearch(store, s));
          const w = await store.webhooks().add({
            url: href,
            secret: newWebhookSecret(),
            topics: [...new Set(topics)],
            channels: [...new Set(channels)],
            searches: [...new Set(searches)],
            events,
            allowPrivate: opts.allowPrivate ?? false,
            createdAt: new Date().toISOString(),
          });
          if (opts.json)
            return printJson({ id: w.id, secret: w.secret, url: w.url, events, filters: filtersLine(w) });
          console.log(`webhook ${w.id}: ${w.url}`);
          console.log(`secret: ${w.secret}`);
          console.log(`events: ${events.join(', ')}; posts: ${filtersLine(w)}`);
          console.error(
            'keep the secret: receivers check signatures with it, and it is not shown again (tgwire webhooks deliver, serve, watch and worker send the events)',
          );
        });
      },
    );
  cmd
    .command('list')
    .description('webhooks with their filters, state and deliveries')
    .option('--json', 'print as JSON (no secrets)')
    .action(async (opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const hooks = store.webhooks();
        const rows = [];
        for (const w of await hooks.list())
          rows.push({ ...publicView(w), deliveries: await hooks.counts(w.id) });
        if (opts.json) return printJson(rows);
        if (rows.length === 0) return console.log('no webhooks (tgwire webhooks add URL)');
        console.log(
          formatTable(
            ['id', 'url', 'events', 'posts', 'state', 'delivered', 'pending', 'failed'],
            rows.map((w) => [
              w.id,
              w.url,
              w.events.join(','),
              filtersLine({ ...w, secret: '' }),
              w.disabledAt
                ? `disabled: ${w.disabledReason ?? ''}`
                : w.allowPrivate
                  ? 'enabled (private ok)'
                  : 'enabled',
              w.deliveries.delivered,
              w.deliveries.pending,
              w.deliveries.failed,
            ]),
          ),
        );
      });
    });
  cmd
    .command('remove')
    .description('remove a webhook and its delivery log')
    .argument('<id>')
    .action(async (id: string, _o: unknown, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        if (!(await store.webhooks().remove(parseId(id))))
          throw new UserError(`no webhook ${id} (tgwire webhooks list shows them)`);
        console.log(`webhook ${id} removed`);
      });
    });
  cmd
    .command('test')
    .description('send a signed webhook.test event now and print the answer')
    .argument('<id>')
    .action(async (id: string, _o: unknown, c: Command) => {
      const config = configFrom(c);
      await withStore(config, async (store) => {
        const w = await requireWebhook(store, id);
        const r = await sendTestEvent(w, deliverOptions(config));
        if (r.error === null) console.log(`webhook ${w.id}: HTTP ${r.status} in ${r.ms} ms (${r.msgId})`);
        else {
          console.log(`webhook ${w.id}: failed after ${r.ms} ms: ${r.error}`);
          process.exitCode = 1;
        }
      });
    });
  cmd
    .command('deliveries')
    .description("a webhook's delivery log, newest first: status, attempts, last error, next attempt")
    .argument('<id>')
    .option('--limit <n>', 'rows', '50')
    .option('--json', 'print as JSON')
    .action(async (id: string, opts: { limit: string; json?: boolean }, c: Command) => {
      const limit = positiveInt(opts.limit, '--limit');
      await withStore(configFrom(c), async (store) => {
        const w = await requireWebhook(store, id);
        const rows = (await store.webhooks().deliveries(w.id, limit)).map((d) => ({
          id: d.id,
          event: d.eventSeq,
          type: d.type,
          post: `${d.channel}/${d.postId}`,
          status: d.status,
          attempts: d.attempts,
          lastStatus: d.lastStatus,
          lastError: d.lastError,
          lastAttemptAt: d.lastAttemptAt,
          nextAttemptAt: d.status === 'pending' ? when(d.nextAttemptMs) : null,
          finishedAt: d.finishedAt,
        }));
        if (opts.json) return printJson(rows);
        if (w.disabledAt) console.log(`webhook ${w.id} is disabled: ${w.disabledReason ?? ''}`);
        if (rows.length === 0) return console.log(`webhook ${w.id}: no deliveries yet`);
        console.log(
          formatTable(
            ['event', 'type', 'post', 'status', 'attempts', 'last error', 'next attempt'],
            rows.map((r) => [r.event, r.type, r.post, r.status, r.attempts, r.lastError, r.nextAttemptAt]),
          ),
        );
      });
    });
  cmd
    .command('deliver')
    .description('deliver the events to the webhooks until stopped (serve, watch and worker also do)')
    .option('--once', 'deliver what is due now and exit')
    .action(async (opts: { once?: boolean }, c: Command) => {
      const config = configFrom(c);
      const ac = new AbortController();
      const onSignal = () => {
        if (ac.signal.aborted) process.exit(130);
        ac.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await withStore(config, async (store) => {
          const options = {
            ...deliverOptions(config),
            signal: ac.signal,
            onAttempt: (a: Parameters<typeof describeAttempt>[0]) => console.error(describeAttempt(a)),
          };
          if (opts.once) {
            const r = await deliverPass(store, options);
            console.log(
              `queued ${r.queued}, delivered ${r.delivered}, to retry ${r.retrying}, failed ${r.failed}${r.disabled ? `, webhooks disabled ${r.disabled}` : ''}`,
            );
            return;
          }
          // Supervised: a pass that fails (the database restarting, the archive busy) is retried after a back-off.
          await deliverInBackground(store, { ...options, pollMs: config.webhooks.pollMs }).done;
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
  return cmd;
}
