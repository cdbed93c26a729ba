// One publishing pass: recover after a crash, plan (one transaction), then deliver; or a dry run that sends nothing.
import type { InDoubtPolicy, OutboxStore } from '../store/outbox.js';
import type { Store } from '../store/store.js';
import { commitPlan, planAll, type Plan, type PlanOptions } from './planner.js';
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
  skipped: number;
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
  const skipped = plan.messages.filter((m) => m.state === 'skipped').length;
  const report = await deliver(outbox, api, options);
  // A chat whose in-flight message could not be settled waits (deliver skips it): say so.
  for (const u of rec.unsettled) report.paused.push({ chat: u.chat, error: u.note });
  return {
    ...report,
    recovered: rec.found,
    reconciled: rec.reconciled,
    planned: committed.planned - skipped,
    queuedOps: committed.ops,
    skipped,
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

/** One line per planned message or operation, for `publish --dry-run`. */
export function describePlan(plan: Plan): string[] {
  const lines: string[] = [];
  for (const m of plan.messages) {
    const where = `${m.route} -> ${m.chat} ${m.postKey}#${m.part}`;
    if (m.state === 'skipped') {
      lines.push(`skip  ${where}: ${m.note ?? ''}`);
      continue;
    }
    const p = JSON.parse(m.payload) as { text?: string; caption?: string; photo?: string };
    const raw = p.text ?? p.caption ?? '';
    const text = raw.replace(/\s+/g, ' ');
    const shown = text.length > 80 ? text.slice(0, 79) + '…' : text;
    lines.push(`${m.method === 'sendPhoto' ? 'photo' : 'send '} ${where} (${raw.length} chars): ${shown}`);
  }
  for (const o of plan.ops) lines.push(`${o.op.padEnd(5)} ${o.route} -> ${o.chat} ${o.postKey}#${o.part}`);
  return lines;
}
