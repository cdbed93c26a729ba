// One publishing pass: recover after a crash, plan (one transaction), then deliver; or a dry run that sends nothing.
import type { InDoubtPolicy, OutboxStore } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import {
  BEFORE_START,
  NOTHING_TO_SHOW,
  commitPlan,
  planAll,
  type Plan,
  type PlanOptions,
} from './planner.js';
import type { Route } from './routes.js';
import { reconcileInFlight } from './reconcile.js';
import { deliver, type SendOptions, type SendReport } from './sender.js';
import { realClock } from './limiter.js';
import type { BotApi } from './telegram.js';

export interface PublishOptions extends SendOptions, PlanOptions {
  /**
   * What a restart does with a message that was in flight when the process died and that a probe (bot/reconcile.ts)
   * did not find in the chat: 'resend' (the default: never lose a publication) or 'hold' (left for the operator,
   * shown by `tgwire publish --status`). A message the probe finds is recorded as sent either way.
   */
  inDoubt?: InDoubtPolicy;
}

export interface PublishResult extends SendReport {
  /** Messages found in flight after a crash. */
  recovered: number;
  /** Of those, found in the chat by a probe: recorded as sent, not resent. */
  reconciled: number;
  planned: number;
  queuedOps: number;
  /** Not sent: another post of the same story was. */
  skipped: number;
  /** Not sent: older than the start of a route that started in this pass. */
  beforeStart: number;
  /** Not sent: neither text nor media to show (planner NOTHING_TO_SHOW). */
  empty: number;
}

/** A publishing pass over every route: the outbox makes a pass after a crash continue where the last one stopped. */
export async function publishOnce(
  store: Store,
  outbox: OutboxStore,
  api: BotApi,
  routes: readonly Route[],
  options: PublishOptions = {},
): Promise<PublishResult> {
  const rec = await reconcileInFlight(outbox, api, {
    policy: options.inDoubt ?? 'resend',
    retry: options.retry,
    run: { signal: options.signal, sleep: (ms, signal) => (options.clock ?? realClock).sleep(ms, signal) },
  });
  const plan = await planAll(store, outbox, routes, options);
  const committed = await commitPlan(outbox, plan);
  const left = plan.messages.filter((m) => m.state === 'skipped');
  const beforeStart = left.filter((m) => m.note?.startsWith(BEFORE_START)).length;
  const empty = left.filter((m) => m.note === NOTHING_TO_SHOW).length;
  const skipped = left.length - beforeStart - empty;
  const report = await deliver(outbox, api, options);
  // A chat whose in-flight message could not be settled waits (deliver skips it): say so.
  for (const u of rec.unsettled) report.paused.push({ chat: u.chat, error: u.note });
  await recordDelivery(outbox, routes, report, new Date((options.clock ?? realClock).now()));
  return {
    ...report,
    recovered: rec.found,
    reconciled: rec.reconciled,
    planned: committed.planned - left.length,
    queuedOps: committed.ops,
    skipped,
    beforeStart,
    empty,
  };
}

/** What a pass would do, without writing to the outbox or calling Telegram. */
export async function dryRun(
  store: Store,
  outbox: OutboxStore,
  routes: readonly Route[],
  options: PlanOptions = {},
): Promise<Plan> {
  return planAll(store, outbox, routes, options);
}

export { describePlan } from './preview.js';

const PASS_FAILED = 'publishing pass failed';

/**
 * Records a failed pass (the store refusing, the network down) on every route that has run, where `publish
 * --status` shows it; routes stopped by Telegram keep their own reason, routes that never ran get no status (a
 * status would mark them as started).
 */
export async function recordPassFailure(outbox: OutboxStore, error: string, at: Date): Promise<void> {
  for (const s of await outbox.routeStatuses())
    if (s.state === 'ok')
      await outbox.setRouteStatus({
        route: s.route,
        chat: s.chat,
        state: 'ok',
        code: null,
        error: `${PASS_FAILED} at ${at.toISOString()}: ${error}; retrying`,
      });
}

/** After a pass that went through: clears what recordPassFailure wrote. */
export async function clearPassFailures(outbox: OutboxStore): Promise<void> {
  for (const s of await outbox.routeStatuses())
    if (s.state === 'ok' && s.error?.startsWith(PASS_FAILED))
      await outbox.setRouteStatus({ route: s.route, chat: s.chat, state: 'ok', code: null, error: null });
}

const NOT_SENT = 'could not send';

/**
 * Writes what a pass did to each route's status, where `publish --status` shows it: a chat left with work (the Bot
 * API unreachable, 5xx or 429 past the retries) gets the error on every route that sends to it; a chat that went
 * through clears an earlier error (a pass failure, a stop before `--resume`). A stopped route keeps its reason, and
 * a route with no rows for the chat gets no status (a status would mark it as started).
 */
async function recordDelivery(
  outbox: OutboxStore,
  routes: readonly Route[],
  report: SendReport,
  at: Date,
): Promise<void> {
  const paused = new Map(report.paused.map((p) => [p.chat, p.error]));
  const statuses = new Map((await outbox.routeStatuses()).map((s) => [`${s.route}\u0000${s.chat}`, s]));
  for (const route of routes)
    for (const chat of route.chats) {
      const status = statuses.get(`${route.id}\u0000${chat}`);
      if (status?.state === 'stopped') continue;
      const error = paused.get(chat);
      if (error === undefined) {
        if (status?.error)
          await outbox.setRouteStatus({ route: route.id, chat, state: 'ok', code: null, error: null });
        continue;
      }
      if (!status && (await outbox.rowsFor(route.id, chat)).length === 0) continue;
      await outbox.setRouteStatus({
        route: route.id,
        chat,
        state: 'ok',
        code: null,
        error: `${NOT_SENT} at ${at.toISOString()}: ${error}; retrying at the next pass`,
      });
    }
}
