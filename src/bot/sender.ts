// Delivers the outbox: one worker per chat, in plan order, within the rate limits, each send recorded at once.
import type { InDoubtPolicy, OutboxRow, OutboxStore } from '../store/outbox.js';
import { withRetry, type RetryPolicy } from '../util/retry.js';
import { errorMessage } from '../util/errors.js';
import {
  DEFAULT_CHAT_LIMIT,
  DEFAULT_GLOBAL_LIMIT,
  Limiter,
  realClock,
  type Clock,
  type RateLimit,
} from './limiter.js';
import {
  classifyRefusal,
  isNetworkFailure,
  isTelegramRefusal,
  refusalMessage,
  tokenError,
  type BotApi,
} from './telegram.js';
import { botIdOf, reconcileChat } from './reconcile.js';

export interface SendOptions {
  /** @default DEFAULT_CHAT_LIMIT (20 a minute, 1 a second) */
  chatLimit?: RateLimit;
  /** @default DEFAULT_GLOBAL_LIMIT (30 a second) */
  globalLimit?: RateLimit;
  /** Shared retry policy (util/retry.ts): 429 waits retry_after, 5xx and network failures back off. */
  retry?: RetryPolicy;
  clock?: Clock;
  signal?: AbortSignal;
  /**
   * A send whose answer was lost (network failure: Telegram may have taken it). 'resend' retries it (at least
   * once); 'hold' never sends it blindly again: it is probed at once (bot/reconcile.ts), recorded as sent when
   * found, else held. @default 'resend'
   */
  inDoubt?: InDoubtPolicy;
  /** Called after each message or operation, for logs and dry progress. */
  onEvent?: (e: SendEvent) => void;
}

export type SendEvent =
  | { type: 'sent'; row: OutboxRow; messageId: number }
  | { type: 'edited' | 'deleted'; row: OutboxRow; note?: string }
  | { type: 'edit-gone'; row: OutboxRow; orphans: number }
  | { type: 'retry'; row: OutboxRow; delayMs: number; error: string }
  | { type: 'route-stopped'; route: string; chat: string; error: string }
  | { type: 'message-failed'; row: OutboxRow; error: string }
  | { type: 'held'; row: OutboxRow; note: string }
  | { type: 'chat-paused'; chat: string; error: string };

export interface SendReport {
  sent: number;
  edited: number;
  deleted: number;
  /** Edits Telegram could not make because the message is gone from the chat (deleted there by hand). */
  editsGone: number;
  /** Sends whose answer was lost, held for the operator (policy hold; `publish --status` shows the note). */
  held: number;
  stoppedRoutes: { route: string; chat: string; error: string }[];
  /** Chats left with work (a failure worth trying later: long 429, network down). */
  paused: { chat: string; error: string }[];
}

/**
 * Parameters of the edit that makes message `messageId` (sent with `method`) show `payload`, the send parameters
 * it would have now. Also the probe after a crash: the same payload is an edit that changes nothing.
 */
export function editCall(
  method: OutboxRow['method'],
  messageId: number | null,
  payload: Record<string, unknown>,
  chatId: string,
): [string, Record<string, unknown>] {
  const base = { chat_id: chatId, message_id: messageId };
  if (method === 'sendPhoto')
    return [
      'editMessageCaption',
      {
        ...base,
        caption: payload.caption,
        ...(payload.caption_entities ? { caption_entities: payload.caption_entities } : {}),
      },
    ];
  return [
    'editMessageText',
    { ...base, text: payload.text, ...(payload.entities ? { entities: payload.entities } : {}) },
  ];
}

/** Telegram's answer to an edit of a message that is no longer in the chat. */
const EDIT_GONE = /message to edit not found/i;

/** A send under --hold whose answer was lost; not retried (decideRetry knows nothing of it), but probed. */
class AnswerLost extends Error {
  override name = 'AnswerLost';
  constructor(readonly original: unknown) {
    super(errorMessage(original));
  }
}

/** Sends everything the outbox holds (planned messages, queued edits and deletions) and returns what happened. */
export async function deliver(
  outbox: OutboxStore,
  api: BotApi,
  options: SendOptions = {},
): Promise<SendReport> {
  const clock = options.clock ?? realClock;
  const chatLimit = options.chatLimit ?? DEFAULT_CHAT_LIMIT;
  const global = new Limiter(options.globalLimit ?? DEFAULT_GLOBAL_LIMIT, clock);
  const report: SendReport = {
    sent: 0,
    edited: 0,
    deleted: 0,
    editsGone: 0,
    held: 0,
    stoppedRoutes: [],
    paused: [],
  };
  const hold = options.inDoubt === 'hold';
  const emit = options.onEvent ?? (() => {});
  let fatal: unknown = null;
  const retryRun = (row: OutboxRow) => ({
    signal: options.signal,
    sleep: (ms: number, signal?: AbortSignal) => clock.sleep(ms, signal),
    onRetry: (i: { error: unknown; delayMs: number }) =>
      emit({ type: 'retry', row, delayMs: i.delayMs, error: errorMessage(i.error) }),
  });

  /**
   * A part of a post whose message is gone from the chat: the parts a longer version planned after it are not sent,
   * since they would continue a message readers no longer see. Returns how many were skipped.
   */
  const skipOrphans = async (gone: OutboxRow): Promise<number> => {
    const later = (await outbox.rowsFor(gone.route, gone.chat)).filter(
      (r) => r.postKey === gone.postKey && r.part > gone.part && r.state === 'planned',
    );
    for (const r of later)
      await outbox.skip(
        r.seq,
        `not sent: part ${gone.part + 1} of this post is gone from the chat (message ${gone.messageId})`,
      );
    return later.length;
  };

  let botId: number | null | undefined;
  /** Under --hold, a send whose answer was lost: probed at once; its message id when found, else null (held). */
  const settleLost = async (row: OutboxRow): Promise<number | null> => {
    botId ??= await botIdOf(api);
    await reconcileChat(outbox, api, row.chat, [row], botId, {
      policy: 'hold',
      retry: options.retry,
      run: retryRun(row),
      at: 'answer lost (network failure)',
    });
    const settled = (await outbox.rowsFor(row.route, row.chat)).find((r) => r.seq === row.seq);
    if (settled?.state === 'sent' && settled.messageId !== null) return settled.messageId;
    report.held++;
    emit({ type: 'held', row, note: settled?.note ?? 'held' });
    return null;
  };

  const worker = async (chat: string) => {
    const limiter = new Limiter(chatLimit, clock);
    limiter.seed(await outbox.recentSends(chat, clock.now() - chatLimit.windowMs));
    for (;;) {
      if (fatal || options.signal?.aborted) return;
      const row = await outbox.next(chat);
      if (!row) return;
      const paced = async <T>(fn: () => Promise<T>): Promise<T> => {
        const doneChat = await limiter.take(options.signal);
        const doneGlobal = await global.take(options.signal);
        try {
          return await fn();
        } finally {
          doneChat();
          doneGlobal();
        }
      };
      try {
        if (row.pendingOp) {
          const note = await withRetry(
            () =>
              paced(async () => {
                const [method, params] =
                  row.pendingOp === 'delete'
                    ? ['deleteMessage', { chat_id: chat, message_id: row.messageId }]
                    : editCall(
                        row.method,
                        row.messageId,
                        JSON.parse(row.pendingPayload ?? '{}') as Record<string, unknown>,
                        chat,
                      );
                try {
                  await api.call(method, params);
                  return undefined;
                } catch (e) {
                  if (isTelegramRefusal(e) && classifyRefusal(e) === 'done') return e.description;
                  throw e;
                }
              }),
            options.retry,
            retryRun(row),
          );
          await outbox.finishOp(row.seq, note);
          if (row.pendingOp === 'delete') {
            report.deleted++;
            emit({ type: 'deleted', row, note });
          } else if (note !== undefined && EDIT_GONE.test(note)) {
            report.editsGone++;
            emit({ type: 'edit-gone', row, orphans: await skipOrphans(row) });
          } else {
            report.edited++;
            emit({ type: 'edited', row, note });
          }
        } else {
          const params = { chat_id: chat, ...(JSON.parse(row.payload) as Record<string, unknown>) };
          const messageId = await withRetry(
            () =>
              paced(() =>
                outbox
                  .attemptSend(
                    row.seq,
                    async () => {
                      const res = (await api.call(row.method, params)) as { message_id?: unknown };
                      if (typeof res?.message_id !== 'number')
                        throw new Error(`${row.method} answered without a message_id`);
                      return res.message_id;
                    },
                    // A refusal certainly was not accepted. A network failure may have been: it is retried here
                    // (at least once), the same choice as the default in-doubt policy after a crash; under
                    // --hold the row stays in flight and is probed below, never sent blindly again.
                    (e) => isTelegramRefusal(e) || (!hold && isNetworkFailure(e)),
                  )
                  .catch((e: unknown) => {
                    throw hold && isNetworkFailure(e) ? new AnswerLost(e) : e;
                  }),
              ),
            options.retry,
            retryRun(row),
          ).catch(async (e: unknown) => {
            if (!(e instanceof AnswerLost)) throw e;
            return settleLost(row);
          });
          if (messageId === null) continue;
          report.sent++;
          emit({ type: 'sent', row, messageId });
        }
      } catch (e) {
        if (options.signal?.aborted) return;
        if (isTelegramRefusal(e)) {
          const kind = classifyRefusal(e);
          if (kind === 'token') {
            fatal = tokenError(e);
            return;
          }
          if (kind === 'message') {
            const error = `${e.error_code} ${e.description}`;
            await outbox.fail(row.seq, error);
            emit({ type: 'message-failed', row, error });
            continue;
          }
          if (kind === 'route') {
            const error = refusalMessage(e, chat);
            await outbox.fail(row.seq, error);
            await outbox.setRouteStatus({
              route: row.route,
              chat,
              state: 'stopped',
              code: e.error_code,
              error,
            });
            report.stoppedRoutes.push({ route: row.route, chat, error });
            emit({ type: 'route-stopped', route: row.route, chat, error });
            continue;
          }
        }
        // Retries exhausted, or a failure that is not Telegram's answer: the chat waits for the next run.
        const error = errorMessage(e);
        report.paused.push({ chat, error });
        emit({ type: 'chat-paused', chat, error });
        return;
      }
    }
  };

  await Promise.all((await outbox.pendingChats()).map((c) => worker(c)));
  if (fatal) throw fatal;
  return report;
}
