// The webhooks kept in the archive: endpoints, the change log they are fed from (written by savePosts, markDeleted
// and setStories in the transaction of the change), and the delivery log.
import type { Delivery, NewWebhook, PostEvent, Webhook } from '../model/webhook.js';

/** One event fanned out: the deliveries it makes (possibly none), each with its body. */
export interface FanOut {
  seq: number;
  deliveries: { webhookId: number; body: string }[];
}

/** How an attempt ended, recorded on the delivery. */
export interface AttemptOutcome {
  status: 'delivered' | 'pending' | 'failed';
  /** pending: when the next attempt is due (ms since epoch). */
  nextAttemptMs?: number;
  httpStatus: number | null;
  error: string | null;
}

/** A delivery due now, with the webhook it goes to. */
export interface DueDelivery {
  delivery: Delivery;
  webhook: Webhook;
}

export interface WebhookStore {
  /** Adds an endpoint; it is told about events written from now on (not the earlier ones). */
  add(webhook: NewWebhook): Promise<Webhook>;
  get(id: number): Promise<Webhook | null>;
  /** By id. */
  list(): Promise<Webhook[]>;
  /** Removes it with its delivery log; false when there was none with that id. */
  remove(id: number): Promise<boolean>;
  /** Stops deliveries to it (its pending ones wait); `reason` says why (a 410 answer). */
  disable(id: number, reason: string): Promise<void>;

  /** Events not yet fanned out to deliveries, oldest first. */
  pendingEvents(limit: number): Promise<PostEvent[]>;
  /**
   * Queues the deliveries of the given events and marks the events fanned out, in one transaction. A delivery of
   * an event to a webhook is queued once, however many processes fan out.
   */
  fanOut(events: FanOut[]): Promise<number>;

  /** Pending deliveries due at `nowMs` to enabled webhooks, oldest first. */
  due(nowMs: number, limit: number): Promise<DueDelivery[]>;
  /**
   * Takes a due delivery for one attempt: counts the attempt and holds it until `leaseUntilMs`, so no other
   * process sends it meanwhile (after a crash it comes due again then). False when it was taken or settled.
   */
  claim(id: number, nowMs: number, leaseUntilMs: number): Promise<boolean>;
  /** Records how the attempt ended. */
  settle(id: number, outcome: AttemptOutcome): Promise<void>;
  /** A webhook's deliveries, newest first. */
  deliveries(webhookId: number, limit: number): Promise<Delivery[]>;
  /** Counts of a webhook's deliveries per status. */
  counts(webhookId: number): Promise<Record<Delivery['status'], number>>;

  /**
   * Forgets events fanned out before `before` (ISO) and deliveries settled (delivered or failed) before it;
   * returns how many rows went.
   */
  prune(before: string): Promise<number>;
}

export interface WebhookStoreOptions {
  /** The clock (ms since epoch) creation and attempt times are taken from. @default Date.now */
  now?: () => number;
}
