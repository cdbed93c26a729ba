// Webhook delivery: fans the change log out to the webhooks it matches, then sends what is due, signed (Standard
// Webhooks), retried on the schedule, each attempt recorded in the delivery log.
import { randomBytes } from 'node:crypto';
import { Webhook as Signer } from 'standardwebhooks';
import { eventPayload, payloadBody, testPayload, type StoryInfo } from '../../feeds/webhook.js';
import type { Post } from '../../model/post.js';
import {
  DEFAULT_RETRY_DELAYS_MS,
  nextRetryDelay,
  webhookMessageId,
  type Delivery,
  type PostEvent,
  type Webhook,
} from '../../model/webhook.js';
import { webhookMatcher } from '../../rules/webhook.js';
import type { Store } from '../../store/store.js';
import type { AttemptOutcome, FanOut, WebhookStore } from '../../store/webhooks.js';
import type { Resolver } from '../../util/addresses.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { resolveQueryNames } from '../names.js';
import { postOnce, type PostOptions, type PostResult } from '../../util/http-post.js';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 15_000;
const USER_AGENT = 'tgwire-webhooks/0.1';

export interface DeliverOptions {
  /** Per attempt. @default 15000 */
  timeoutMs?: number;
  /** Waits after each failed attempt; the delivery fails after the last. @default DEFAULT_RETRY_DELAYS_MS */
  retryDelaysMs?: readonly number[];
  /** @default Date.now */
  now?: () => number;
  /** Jitter of the waits. @default Math.random */
  random?: () => number;
  /** The HTTP POST. @default postOnce */
  send?: (url: string, body: string, options: PostOptions) => Promise<PostResult>;
  /** DNS, for the private-address check. @default the system resolver */
  resolve?: Resolver;
  /** Told about each attempt (for logs). */
  onAttempt?: (a: AttemptReport) => void;
  /** Stops the pass: an attempt in flight is cut off and comes due again at once. */
  signal?: AbortSignal;
  /** Events read per fan-out step. @default 200 */
  batch?: number;
}

export interface AttemptReport {
  webhook: Webhook;
  delivery: Delivery;
  /** This attempt's number (1 = the first). */
  attempt: number;
  outcome: AttemptOutcome;
  disabled: boolean;
}

export interface PassResult {
  /** Deliveries queued from new events. */
  queued: number;
  delivered: number;
  /** Failed attempts with another one to come. */
  retrying: number;
  /** Deliveries whose last attempt failed. */
  failed: number;
  /** Webhooks disabled (a 410 answer). */
  disabled: number;
}

/** A new signing secret: `whsec_` and the base64 of 24 random bytes (Standard Webhooks). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

async function storyInfo(store: Store, post: Post, event: PostEvent): Promise<StoryInfo | null> {
  const id = post.story ?? event.story;
  if (!id) return null;
  const members = await store.getStoryMembers(id);
  const me = members.find((m) => m.channel === post.channel && m.id === post.id);
  return { id, reason: String(me?.reason ?? 'unknown'), size: members.length };
}

/**
 * Queues a delivery of every new event to each enabled webhook it matches, with its body fixed now; returns how many.
 * An event whose post is gone (its channel deleted, its import undone) goes nowhere.
 */
export async function fanOutEvents(store: Store, options: DeliverOptions = {}): Promise<number> {
  const hooks = store.webhooks(options.now ? { now: options.now } : {});
  const enabled = (await hooks.list()).filter((w) => w.disabledAt === null);
  const saved = enabled.some((w) => w.searches.length > 0) ? await store.listSavedSearches() : [];
  // A topic: written in another case matches as the archive names it; a saved search naming a topic removed since
  // (topics remove --force) is kept as is and matches nothing, as a removed saved search does.
  const searches = await Promise.all(
    saved.map(async (s) => {
      try {
        return { ...s, query: await resolveQueryNames(store, s.query) };
      } catch (e) {
        if (e instanceof UserError) return s;
        throw e;
      }
    }),
  );
  const matchers = enabled.map((w) => ({ id: w.id, match: webhookMatcher(w, searches) }));
  let queued = 0;
  for (;;) {
    if (options.signal?.aborted) break;
    const events = await hooks.pendingEvents(options.batch ?? 200);
    if (events.length === 0) break;
    const out: FanOut[] = [];
    for (const e of events) {
      const post = matchers.length ? await store.getPost(e.channel, e.postId) : null;
      const targets = post ? matchers.filter((m) => m.match(e, post)) : [];
      if (!post || targets.length === 0) {
        out.push({ seq: e.seq, deliveries: [] });
        continue;
      }
      const body = payloadBody(eventPayload(e, post, await storyInfo(store, post, e)));
      out.push({ seq: e.seq, deliveries: targets.map((t) => ({ webhookId: t.id, body })) });
    }
    queued += await hooks.fanOut(out);
  }
  return queued;
}

/** The Standard Webhooks headers of one attempt: the id stays the same across attempts, the time is now. */
export function signedHeaders(webhook: Pick<Webhook, 'secret'>, msgId: string, at: Date, body: string) {
  return {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Signer(webhook.secret).sign(msgId, at, body),
  };
}

/** An answer's status and the start of its body, on one line, for the delivery log. */
function answerError(r: PostResult): string {
  const text = r.body.replace(/\s+/g, ' ').trim().slice(0, 200);
  return `HTTP ${r.status}${text ? `: ${text}` : ''}`;
}

async function attempt(
  hooks: WebhookStore,
  w: Webhook,
  d: Delivery,
  options: DeliverOptions,
): Promise<AttemptReport | null> {
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const start = now();
  // Held while the request runs; a process killed meanwhile leaves it to come due again when the lease ends.
  if (!(await hooks.claim(d.id, start, start + 2 * timeoutMs + 1000))) return null;
  const attemptNo = d.attempts + 1;
  const send = options.send ?? postOnce;
  let result: PostResult | null = null;
  let error: string | null = null;
  try {
    result = await send(w.url, d.body, {
      headers: signedHeaders(w, webhookMessageId(w.id, d.eventSeq), new Date(start), d.body),
      timeoutMs,
      allowPrivate: w.allowPrivate,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
  } catch (e) {
    if (options.signal?.aborted) {
      // Stopped: whether it arrived is unknown, so it is sent again (with the same webhook-id) by the next run.
      await hooks.settle(d.id, {
        status: 'pending',
        nextAttemptMs: now(),
        httpStatus: null,
        error: 'stopped during the attempt',
      });
      return null;
    }
    error = errorMessage(e);
  }
  let outcome: AttemptOutcome;
  let disabled = false;
  if (result && result.status >= 200 && result.status < 300) {
    outcome = { status: 'delivered', httpStatus: result.status, error: null };
  } else if (result?.status === 410) {
    // 410 Gone: the receiver says the endpoint is no more (Standard Webhooks): no more attempts, to any event.
    disabled = true;
    await hooks.disable(w.id, `410 Gone at ${new Date(now()).toISOString()}`);
    outcome = { status: 'failed', httpStatus: 410, error: `${answerError(result)} (webhook disabled)` };
  } else {
    const wait = nextRetryDelay(
      attemptNo,
      options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      result?.retryAfterMs ?? null,
      options.random,
    );
    const message = result ? answerError(result) : (error ?? 'no answer');
    outcome =
      wait === null
        ? { status: 'failed', httpStatus: result?.status ?? null, error: message }
        : {
            status: 'pending',
            nextAttemptMs: now() + wait,
            httpStatus: result?.status ?? null,
            error: message,
          };
  }
  await hooks.settle(d.id, outcome);
  const report = { webhook: w, delivery: d, attempt: attemptNo, outcome, disabled };
  options.onAttempt?.(report);
  return report;
}

/**
 * Sends the deliveries due now: each webhook's in order, one at a time; webhooks side by side. Returns what
 * happened.
 */
export async function deliverDue(
  store: Store,
  options: DeliverOptions = {},
): Promise<Omit<PassResult, 'queued'>> {
  const hooks = store.webhooks(options.now ? { now: options.now } : {});
  const now = options.now ?? Date.now;
  const result = { delivered: 0, retrying: 0, failed: 0, disabled: 0 };
  for (;;) {
    if (options.signal?.aborted) break;
    const due = await hooks.due(now(), 100);
    if (due.length === 0) break;
    const byHook = new Map<number, { webhook: Webhook; deliveries: Delivery[] }>();
    for (const { webhook, delivery } of due) {
      const g = byHook.get(webhook.id) ?? { webhook, deliveries: [] };
      g.deliveries.push(delivery);
      byHook.set(webhook.id, g);
    }
    let progressed = false;
    await Promise.all(
      [...byHook.values()].map(async ({ webhook, deliveries }) => {
        for (const d of deliveries) {
          if (options.signal?.aborted) return;
          const r = await attempt(hooks, webhook, d, options);
          if (!r) continue;
          progressed = true;
          if (r.outcome.status === 'delivered') result.delivered++;
          else if (r.outcome.status === 'pending') result.retrying++;
          else result.failed++;
          if (r.disabled) {
            result.disabled++;
            return;
          }
        }
      }),
    );
    // Every due one was taken by another process: what is left is theirs.
    if (!progressed) break;
  }
  return result;
}

/** Fans out the new events, then sends what is due. */
export async function deliverPass(store: Store, options: DeliverOptions = {}): Promise<PassResult> {
  const queued = await fanOutEvents(store, options);
  return { queued, ...(await deliverDue(store, options)) };
}

export interface TestResult {
  status: number | null;
  error: string | null;
  ms: number;
  msgId: string;
}

/** Sends a signed `webhook.test` event to the webhook now (not queued, not retried). */
export async function sendTestEvent(webhook: Webhook, options: DeliverOptions = {}): Promise<TestResult> {
  const now = options.now ?? Date.now;
  const at = new Date(now());
  const msgId = `msg_${webhook.id}_test_${randomBytes(6).toString('hex')}`;
  const body = payloadBody(testPayload(webhook.id, at.toISOString()));
  const send = options.send ?? postOnce;
  try {
    const r = await send(webhook.url, body, {
      headers: signedHeaders(webhook, msgId, at, body),
      timeoutMs: options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
      allowPrivate: webhook.allowPrivate,
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
    const ok = r.status >= 200 && r.status < 300;
    return { status: r.status, error: ok ? null : answerError(r), ms: now() - at.getTime(), msgId };
  } catch (e) {
    return { status: null, error: errorMessage(e), ms: now() - at.getTime(), msgId };
  }
}
