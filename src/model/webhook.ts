// Webhooks: endpoints told about changes to the archive (Standard Webhooks), the change log they are fed from, and
// the delivery log with its retry schedule.

/** What a webhook can be told about. */
export const WEBHOOK_EVENT_TYPES = [
  'post.created',
  'post.edited',
  'post.deleted',
  'post.restored',
  'story.grew',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(s: string): s is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(s);
}

/** The text a post had before an edit. */
export interface PreviousVersion {
  text: string;
  entities: unknown[];
}

/**
 * One change of the archive, written in the same transaction as the change itself, so a crash neither loses nor
 * invents one. `seq` grows with every event.
 */
export interface PostEvent {
  seq: number;
  type: WebhookEventType;
  channel: string;
  postId: number;
  /** post.edited: the text and entities before the edit. */
  previous: PreviousVersion | null;
  /** story.grew: the story the post joined. */
  story: string | null;
  /** ISO. */
  at: string;
}

/** What a webhook is told about: the event types, and posts matching any of the filters (no filter: every post). */
export interface WebhookFilters {
  topics: string[];
  channels: string[];
  /** Names of saved searches. */
  searches: string[];
  events: WebhookEventType[];
}

export interface NewWebhook extends WebhookFilters {
  url: string;
  /** `whsec_` + base64 of the key (Standard Webhooks). */
  secret: string;
  /** Private and loopback targets allowed (checked again at every delivery otherwise). */
  allowPrivate: boolean;
  createdAt: string;
}

export interface Webhook extends NewWebhook {
  id: number;
  /** Events up to this seq were written before the webhook existed: they are not sent to it. */
  sinceSeq: number;
  /** ISO; null while it is enabled. A 410 answer disables it. */
  disabledAt: string | null;
  disabledReason: string | null;
}

/** pending: to send (again); delivered: a 2xx answer; failed: the last attempt of the schedule failed. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one webhook, with its body fixed when it was queued so every attempt sends the same bytes. */
export interface Delivery {
  id: number;
  webhookId: number;
  eventSeq: number;
  type: string;
  channel: string;
  postId: number;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  /** ms since epoch: when it is due (while pending); an attempt in flight holds it until its lease ends. */
  nextAttemptMs: number;
  /** HTTP status of the last answer (null: none, e.g. a timeout). */
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The Standard Webhooks id of a delivery: the same on every attempt, so a receiver can drop duplicates. */
export function webhookMessageId(webhookId: number, eventSeq: number): string {
  return `msg_${webhookId}_${eventSeq}`;
}

/**
 * The waits between attempts of the Standard Webhooks specification: after the first attempt fails, 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h (eight attempts in all).
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** A Retry-After longer than this (a receiver's mistake: days, a date years ahead) is taken as this. */
export const RETRY_AFTER_CAP_MS = 10 * 3_600_000;

/** Waits are spread by up to this share either way, so many failed deliveries do not come back at once. */
const JITTER = 0.2;

/**
 * When attempt number `attempts + 1` is due after `attempts` failed ones, in ms from now, or null when the schedule
 * is spent (the delivery has failed). A Retry-After the receiver asked for is honoured (never earlier), up to
 * RETRY_AFTER_CAP_MS.
 */
export function nextRetryDelay(
  attempts: number,
  delays: readonly number[],
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number | null {
  const base = delays[attempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  if (retryAfterMs === null) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, RETRY_AFTER_CAP_MS));
}
