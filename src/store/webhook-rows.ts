// Rows of the webhook tables as both archives read them (JSON columns come as text from SQLite, parsed from PostgreSQL).
import type { Delivery, PostEvent, PreviousVersion, Webhook, WebhookEventType } from '../model/webhook.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

export interface WebhookRow {
  id: number;
  url: string;
  secret: string;
  topics: unknown;
  channels: unknown;
  searches: unknown;
  events: unknown;
  allow_private: number | boolean;
  since_seq: number;
  created_at: string;
  disabled_at: string | null;
  disabled_reason: string | null;
}

export const toWebhook = (r: WebhookRow): Webhook => ({
  id: Number(r.id),
  url: r.url,
  secret: r.secret,
  topics: json<string[]>(r.topics),
  channels: json<string[]>(r.channels),
  searches: json<string[]>(r.searches),
  events: json<WebhookEventType[]>(r.events),
  allowPrivate: !!r.allow_private,
  sinceSeq: Number(r.since_seq),
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
});

export interface EventRow {
  seq: number;
  type: string;
  channel: string;
  post_id: number;
  previous: unknown;
  story: string | null;
  at: string;
}

export const toEvent = (r: EventRow): PostEvent => ({
  seq: Number(r.seq),
  type: r.type as WebhookEventType,
  channel: r.channel,
  postId: Number(r.post_id),
  previous: r.previous === null ? null : json<PreviousVersion>(r.previous),
  story: r.story,
  at: r.at,
});

export interface DeliveryRow {
  id: number;
  webhook_id: number;
  event_seq: number;
  type: string;
  channel: string;
  post_id: number;
  body: string;
  status: string;
  attempts: number;
  next_attempt_ms: number;
  last_status: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
  finished_at: string | null;
}

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: Number(r.id),
  webhookId: Number(r.webhook_id),
  eventSeq: Number(r.event_seq),
  type: r.type,
  channel: r.channel,
  postId: Number(r.post_id),
  body: r.body,
  status: r.status as Delivery['status'],
  attempts: r.attempts,
  nextAttemptMs: Number(r.next_attempt_ms),
  lastStatus: r.last_status,
  lastError: r.last_error,
  lastAttemptAt: r.last_attempt_at,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** Delivery columns prefixed `d_` next to the webhook's, for the join of due(). */
export const DELIVERY_FIELDS = [
  'id',
  'webhook_id',
  'event_seq',
  'type',
  'channel',
  'post_id',
  'body',
  'status',
  'attempts',
  'next_attempt_ms',
  'last_status',
  'last_error',
  'last_attempt_at',
  'created_at',
  'finished_at',
] as const;

export const WEBHOOK_FIELDS = [
  'id',
  'url',
  'secret',
  'topics',
  'channels',
  'searches',
  'events',
  'allow_private',
  'since_seq',
  'created_at',
  'disabled_at',
  'disabled_reason',
] as const;

/** `d.id AS d_id, …, w.id AS w_id, …` */
export const DUE_COLUMNS = [
  ...DELIVERY_FIELDS.map((f) => `d.${f} AS d_${f}`),
  ...WEBHOOK_FIELDS.map((f) => `w.${f} AS w_${f}`),
].join(', ');

/** Splits a row of DUE_COLUMNS into its delivery and webhook. */
export function splitDue(r: Record<string, unknown>): { delivery: Delivery; webhook: Webhook } {
  const part = (prefix: string) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => [k.slice(prefix.length), v]),
    );
  return {
    delivery: toDelivery(part('d_') as unknown as DeliveryRow),
    webhook: toWebhook(part('w_') as unknown as WebhookRow),
  };
}

export const EMPTY_COUNTS = (): Record<Delivery['status'], number> => ({
  pending: 0,
  delivered: 0,
  failed: 0,
});
