// The collector as `tgwire serve` runs it: the watch loop under the supervisor, so no failure stops it for good.
import type { Store } from '../../store/store.js';
import { supervise, type SuperviseOptions, type Supervised } from '../../util/supervise.js';
import { ChannelFailureUnrecorded, recordChannelFailure, type CollectContext } from './sync.js';
import { syncStateOf } from './state.js';
import { watchChannels, type WatchOptions } from './watch.js';

export interface BackgroundCollectOptions extends WatchOptions {
  /** Back-off of the supervisor between restarts of the watch loop. @default supervisor's (1 s doubling to 5 min) */
  backoff?: SuperviseOptions['backoff'];
  /** @default console.error */
  log?: (line: string) => void;
}

/**
 * Keeps the followed channels collected until `signal`. A failure the watch loop cannot take (the store refusing
 * writes while another process imports) is logged, shown in the status, and recorded on its channel as soon as the
 * store takes writes again; the loop restarts after a back-off.
 */
export function collectInBackground(
  ctx: CollectContext,
  store: Store,
  options: BackgroundCollectOptions,
): Supervised {
  const states = syncStateOf(ctx.store, ctx.syncState);
  const now = ctx.now ?? (() => new Date());
  return supervise(
    ({ signal, healthy }) =>
      watchChannels(ctx, store, {
        ...options,
        signal,
        onResult: (result, next) => {
          healthy();
          options.onResult?.(result, next);
        },
      }),
    {
      name: 'collector',
      signal: options.signal,
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.log ? { log: options.log } : {}),
      now,
      record: async (error) => {
        if (error instanceof ChannelFailureUnrecorded)
          await recordChannelFailure(states, error.channel, error.failure, { now: now() });
      },
    },
  );
}
