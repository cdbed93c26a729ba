// The webhook deliverer as a long-running loop (serve, watch, worker, `webhooks deliver`), under the supervisor.
import type { Store } from '../../store/store.js';
import { realSleep } from '../../util/retry.js';
import { supervise, type Supervised } from '../../util/supervise.js';
import { deliverPass, type AttemptReport, type DeliverOptions, type PassResult } from './deliver.js';

/** Delivery log and change log rows are kept this long after they are settled. */
export const KEEP_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

export interface DelivererLoopOptions extends DeliverOptions {
  signal: AbortSignal;
  /** Between passes. @default 2000 */
  pollMs?: number;
  /** After each pass that did something. */
  onPass?: (r: PassResult) => void;
  /** @default console.error */
  log?: (line: string) => void;
}

/** Passes until the signal: fan out, deliver what is due, wait; old log rows pruned once an hour. */
export async function runDeliverer(
  store: Store,
  options: DelivererLoopOptions,
  healthy: () => void = () => {},
): Promise<void> {
  const now = options.now ?? Date.now;
  let prunedAt = 0;
  while (!options.signal.aborted) {
    const r = await deliverPass(store, options);
    if (r.queued || r.delivered || r.retrying || r.failed || r.disabled) options.onPass?.(r);
    if (now() - prunedAt > PRUNE_EVERY_MS) {
      await store.webhooks().prune(new Date(now() - KEEP_MS).toISOString());
      prunedAt = now();
    }
    healthy();
    await realSleep(options.pollMs ?? 2000, options.signal).catch(() => {});
  }
}

/** runDeliverer under the supervisor: a failed pass (a busy or lost database) is logged and retried after a back-off. */
export function deliverInBackground(store: Store, options: DelivererLoopOptions): Supervised {
  return supervise(({ healthy }) => runDeliverer(store, options, healthy), {
    name: 'webhook deliverer',
    signal: options.signal,
    ...(options.log ? { log: options.log } : {}),
  });
}

/** One line per attempt, with stable keys. */
export function describeAttempt(a: AttemptReport): string {
  const o = a.outcome;
  const next =
    o.status === 'pending' && o.nextAttemptMs ? ` next=${new Date(o.nextAttemptMs).toISOString()}` : '';
  return `webhook id=${a.webhook.id} delivery=${a.delivery.id} event=${a.delivery.type} post=${a.delivery.channel}/${a.delivery.postId} attempt=${a.attempt} status=${o.status}${o.httpStatus !== null ? ` http=${o.httpStatus}` : ''}${o.error ? ` error=${JSON.stringify(o.error)}` : ''}${next}${a.disabled ? ' webhook=disabled' : ''}`;
}
