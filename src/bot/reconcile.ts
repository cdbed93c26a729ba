// After a crash: settles the messages that were in flight by probing the ids Telegram would have given them.
//
// Why a probe works: in a channel or supergroup Telegram numbers messages 1, 2, 3… per chat, and tgwire sends one
// message at a time per chat, so a message in flight when the process died is either absent or has id M+1, M the
// highest id recorded for that chat. An edit to exactly the planned content is refused with "message is not
// modified" only when that message exists with that content: the answer tells ours from absent or foreign ones.
import type { InDoubtPolicy, OutboxRow, OutboxStore, Settlement } from '../store/outbox.js';
import { errorMessage } from '../util/errors.js';
import { withRetry, type RetryPolicy, type RetryRun } from '../util/retry.js';
import { editCall } from './sender.js';
import { isTelegramRefusal, type BotApi } from './telegram.js';

/**
 * What one probe (an edit to the planned content of message id N) says:
 * same: N exists with exactly this content (ours); absent: no message N; foreign: N exists but is not ours (another
 * poster's, a service message, or of another kind); edited: the edit went through, so N was someone else's message
 * and now shows ours; unknown: no answer to trust (network, 429/5xx after retries, rights, anything else).
 */
export type ProbeAnswer = 'same' | 'absent' | 'foreign' | 'edited' | 'unknown';

export interface Probe {
  messageId: number;
  answer: ProbeAnswer;
  /** Telegram's description (or the error), for the row's note. */
  detail: string;
}

/** The answer of a probe from what the edit call did: `error` is null when the edit succeeded. */
export function probeAnswer(error: unknown): ProbeAnswer {
  if (error === null) return 'edited';
  if (!isTelegramRefusal(error) || error.error_code !== 400) return 'unknown';
  const d = error.description.toLowerCase();
  if (d.includes('message is not modified')) return 'same';
  if (d.includes('message to edit not found')) return 'absent';
  if (/message can't be edited|there is no (?:text|caption|media) in the message/.test(d)) return 'foreign';
  return 'unknown';
}

/** How a row is settled from its probes (in the order made; probing stops at the first same/edited/unknown). */
export function settlementOf(
  probes: readonly Probe[],
  policy: InDoubtPolicy,
  notProbed = 'not probed',
  at = 'in flight at a crash',
): Settlement {
  const last = probes[probes.length - 1];
  if (last?.answer === 'same')
    return {
      state: 'sent',
      messageId: last.messageId,
      note: `${at}; reconciled: message ${last.messageId} already shows this content, not resent`,
    };
  if (last?.answer === 'edited')
    return {
      state: 'held',
      note: `${at}; the probe edited message ${last.messageId}, which was not ours: restore it in the chat; held`,
    };
  if (last?.answer === 'unknown')
    return policy === 'hold'
      ? { state: 'held', note: `${at}; probe of message ${last.messageId} failed (${last.detail}); held` }
      : {
          state: 'sending',
          note: `${at}; probe of message ${last.messageId} failed (${last.detail}); the chat waits for the next pass`,
        };
  const seen = probes.map((p) => `${p.messageId}: ${p.answer}`).join(', ');
  const why = probes.length ? `not found among the probed ids (${seen})` : notProbed;
  return policy === 'hold'
    ? { state: 'held', note: `${at}; ${why}; held (policy hold)` }
    : { state: 'planned', note: `${at}; ${why}; resent` };
}

export interface ReconcileOptions {
  /** Applied to rows a probe shows were not taken. @default 'resend' */
  policy?: InDoubtPolicy;
  retry?: RetryPolicy;
  run?: RetryRun;
}

export interface ReconcileReport {
  /** Rows found in flight. */
  found: number;
  /** Found in the chat: recorded as sent, not resent. */
  reconciled: number;
  /** Planned again (resend) or held (hold) because the probes did not find them. */
  notFound: number;
  /** Held or still in flight because no probe answer could be trusted (the chats wait). */
  unsettled: { chat: string; seq: number; note: string }[];
}

/**
 * Whether the bot may edit other posters' messages in `chat` (a channel admin right): then a probe that hits
 * another admin's post would overwrite it, so none is made. Unknown counts as "may".
 */
async function mayEditOthers(api: BotApi, chat: string, botId: number | null): Promise<boolean> {
  if (botId === null) return true;
  try {
    const m = (await api.call('getChatMember', { chat_id: chat, user_id: botId })) as {
      status?: string;
      can_edit_messages?: boolean;
    };
    return m.status === 'creator' || m.can_edit_messages === true;
  } catch {
    return true;
  }
}

/** Probes and settles every row left in flight; rows are settled one by one, so a crash here loses nothing. */
export async function reconcileInFlight(
  outbox: OutboxStore,
  api: BotApi,
  options: ReconcileOptions = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { found: 0, reconciled: 0, notFound: 0, unsettled: [] };
  const rows = await outbox.inFlight();
  if (rows.length === 0) return report;
  const byChat = new Map<string, OutboxRow[]>();
  for (const r of rows) byChat.set(r.chat, [...(byChat.get(r.chat) ?? []), r]);
  const botId = await botIdOf(api);
  for (const [chat, inChat] of byChat)
    addReport(report, await reconcileChat(outbox, api, chat, inChat, botId, options));
  return report;
}

/** The bot's own user id (getMe), or null when it cannot be read (then no probe is made). */
export async function botIdOf(api: BotApi): Promise<number | null> {
  try {
    return ((await api.call('getMe', {})) as { id?: number }).id ?? null;
  } catch {
    return null;
  }
}

function addReport(into: ReconcileReport, r: ReconcileReport): void {
  into.found += r.found;
  into.reconciled += r.reconciled;
  into.notFound += r.notFound;
  into.unsettled.push(...r.unsettled);
}

/**
 * Probes and settles the in-flight rows of one chat. Also used within a pass (bot/sender.ts, policy hold) for a
 * request whose answer was lost: only the worker of that chat sends to it, so its row is the one in flight.
 * `at` says in the row's note how the row came to be in doubt.
 */
export async function reconcileChat(
  outbox: OutboxStore,
  api: BotApi,
  chat: string,
  inChat: readonly OutboxRow[],
  botId: number | null,
  options: ReconcileOptions & { at?: string } = {},
): Promise<ReconcileReport> {
  const policy = options.policy ?? 'resend';
  const report: ReconcileReport = { found: inChat.length, reconciled: 0, notFound: 0, unsettled: [] };
  const record = async (row: OutboxRow, probes: Probe[], notProbed?: string) => {
    const s = settlementOf(probes, policy, notProbed, options.at);
    await outbox.settle(row.seq, s);
    const last = probes[probes.length - 1]?.answer;
    if (s.state === 'sent') report.reconciled++;
    else if (last === 'edited' || last === 'unknown')
      report.unsettled.push({ chat: row.chat, seq: row.seq, note: s.note });
    else report.notFound++;
  };

  const last = await outbox.lastMessageId(chat);
  const refuse =
    last === null
      ? 'not probed: no earlier message id recorded for this chat, so no id to probe'
      : (await mayEditOthers(api, chat, botId))
        ? "not probed: the bot may edit other posters' messages here (or its rights are unknown), a probe could overwrite one"
        : null;
  if (refuse !== null || last === null) {
    for (const row of inChat) await record(row, [], refuse ?? undefined);
    return report;
  }
  // One message in flight per chat is the rule; more (an older version's leftovers) widen the window.
  const candidates = inChat.map((_, i) => last + 1 + i);
  const claimed = new Set<number>();
  for (const row of inChat) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>;
    const probes: Probe[] = [];
    for (const id of candidates) {
      if (claimed.has(id)) continue;
      const [method, params] = editCall(row.method, id, payload, chat);
      let error: unknown = null;
      try {
        await withRetry(() => api.call(method, params), options.retry, options.run);
      } catch (e) {
        error = e;
      }
      const answer = probeAnswer(error);
      probes.push({ messageId: id, answer, detail: error === null ? 'edited' : errorMessage(error) });
      if (answer === 'same' || answer === 'edited') claimed.add(id);
      if (answer !== 'absent' && answer !== 'foreign') break;
    }
    await record(row, probes);
  }
  return report;
}
