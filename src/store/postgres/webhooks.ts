// Webhooks on PostgreSQL: the change log written beside each change (recordEvents), endpoints, fan-out and the
// delivery log; the same protocol as SQLite's (src/store/webhooks.ts).
import type pg from 'pg';
import type {
  Delivery,
  NewWebhook,
  PostEvent,
  PreviousVersion,
  Webhook,
  WebhookEventType,
} from '../../model/webhook.js';
import type { AttemptOutcome, DueDelivery, FanOut, WebhookStore, WebhookStoreOptions } from '../webhooks.js';
import {
  DUE_COLUMNS,
  EMPTY_COUNTS,
  splitDue,
  toDelivery,
  toEvent,
  toWebhook,
  type DeliveryRow,
  type EventRow,
  type WebhookRow,
} from '../webhook-rows.js';
import type { PgConnection } from './connection.js';

export interface NewEvent {
  type: WebhookEventType;
  channel: string;
  postId: number;
  at: string;
  previous?: PreviousVersion;
  story?: string;
}

/** True when change events are to be written: an enabled webhook exists (one added later starts after them). */
export async function eventsLive(db: pg.PoolClient): Promise<boolean> {
  return (await db.query('SELECT 1 FROM webhooks WHERE disabled_at IS NULL LIMIT 1')).rowCount !== 0;
}

/** Writes change events on the client of the change, inside its transaction; in the order given. */
export async function recordEvents(db: pg.PoolClient, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO post_events (type, channel, post_id, previous, story, at)
     SELECT u.type, u.channel, u.post_id, u.previous::jsonb, u.story, u.at
     FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY
       AS u(type, channel, post_id, previous, story, at, ord)
     ORDER BY u.ord`,
    [
      events.map((e) => e.type),
      events.map((e) => e.channel),
      events.map((e) => e.postId),
      events.map((e) => (e.previous ? JSON.stringify(e.previous) : null)),
      events.map((e) => e.story ?? null),
      events.map((e) => e.at),
    ],
  );
}

class PgWebhooks implements WebhookStore {
  constructor(
    private readonly c: PgConnection,
    private readonly now: () => number,
  ) {}

  private rows<T>(what: string, text: string, values: unknown[] = []): Promise<T[]> {
    return this.c.rows<T>(`webhooks ${what}`, text, values);
  }

  add(w: NewWebhook): Promise<Webhook> {
    return this.c.write('webhooks add', async (db) => {
      // Events whose seq was taken before this point are not this webhook's (a transaction still running with one
      // commits "before" the webhook existed).
      const since = await db.query<{ s: number }>(
        `SELECT greatest(coalesce((SELECT max(seq) FROM post_events), 0),
           coalesce(pg_sequence_last_value(pg_get_serial_sequence('post_events', 'seq')), 0)) AS s`,
      );
      const { rows } = await db.query<WebhookRow>(
        `INSERT INTO webhooks (url, secret, topics, channels, searches, events, allow_private, since_seq, created_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9) RETURNING *`,
        [
          w.url,
          w.secret,
          JSON.stringify(w.topics),
          JSON.stringify(w.channels),
          JSON.stringify(w.searches),
          JSON.stringify(w.events),
          w.allowPrivate,
          since.rows[0]!.s,
          w.createdAt,
        ],
      );
      return toWebhook(rows[0]!);
    });
  }

  async get(id: number): Promise<Webhook | null> {
    const [r] = await this.rows<WebhookRow>('get', 'SELECT * FROM webhooks WHERE id = $1', [id]);
    return r ? toWebhook(r) : null;
  }

  async list(): Promise<Webhook[]> {
    return (await this.rows<WebhookRow>('list', 'SELECT * FROM webhooks ORDER BY id')).map(toWebhook);
  }

  remove(id: number): Promise<boolean> {
    return this.c.write('webhooks remove', async (db) => {
      await db.query('DELETE FROM webhook_deliveries WHERE webhook_id = $1', [id]);
      return ((await db.query('DELETE FROM webhooks WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }

  disable(id: number, reason: string): Promise<void> {
    return this.c.write('webhooks disable', async (db) => {
      await db.query(
        'UPDATE webhooks SET disabled_at = $1, disabled_reason = $2 WHERE id = $3 AND disabled_at IS NULL',
        [new Date(this.now()).toISOString(), reason, id],
      );
    });
  }

  async pendingEvents(limit: number): Promise<PostEvent[]> {
    return (
      await this.rows<EventRow>(
        'events',
        'SELECT * FROM post_events WHERE fanned_out_at IS NULL ORDER BY seq LIMIT $1',
        [limit],
      )
    ).map(toEvent);
  }

  fanOut(events: FanOut[]): Promise<number> {
    return this.c.write('webhooks fan-out', async (db) => {
      const at = new Date(this.now());
      let queued = 0;
      for (const f of events) {
        // Locked, so two processes fanning out the same event queue its deliveries once between them.
        const { rows } = await db.query<EventRow>(
          'SELECT * FROM post_events WHERE seq = $1 AND fanned_out_at IS NULL FOR UPDATE',
          [f.seq],
        );
        const e = rows[0];
        if (!e) continue;
        if (f.deliveries.length) {
          const r = await db.query(
            `INSERT INTO webhook_deliveries (webhook_id, event_seq, type, channel, post_id, body, next_attempt_ms,
               created_at)
             SELECT u.webhook_id, $1, $2, $3, $4, u.body, $5, $6
             FROM unnest($7::bigint[], $8::text[]) AS u(webhook_id, body)
             WHERE EXISTS (SELECT 1 FROM webhooks w WHERE w.id = u.webhook_id)
             ON CONFLICT (webhook_id, event_seq) DO NOTHING`,
            [
              f.seq,
              e.type,
              e.channel,
              e.post_id,
              at.getTime(),
              at.toISOString(),
              f.deliveries.map((d) => d.webhookId),
              f.deliveries.map((d) => d.body),
            ],
          );
          queued += r.rowCount ?? 0;
        }
        await db.query('UPDATE post_events SET fanned_out_at = $1 WHERE seq = $2', [at.toISOString(), f.seq]);
      }
      return queued;
    });
  }

  async due(nowMs: number, limit: number): Promise<DueDelivery[]> {
    return (
      await this.rows<Record<string, unknown>>(
        'due',
        `SELECT ${DUE_COLUMNS} FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_attempt_ms <= $1 AND w.disabled_at IS NULL
         ORDER BY d.next_attempt_ms, d.id LIMIT $2`,
        [nowMs, limit],
      )
    ).map(splitDue);
  }

  claim(id: number, nowMs: number, leaseUntilMs: number): Promise<boolean> {
    // The guard in the WHERE clause decides a race: a second claimant re-reads the row after the first commits.
    return this.c.write(
      'webhooks claim',
      async (db) =>
        (
          await db.query(
            `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_ms = $1, last_attempt_at = $2
             WHERE id = $3 AND status = 'pending' AND next_attempt_ms <= $4`,
            [leaseUntilMs, new Date(nowMs).toISOString(), id, nowMs],
          )
        ).rowCount === 1,
    );
  }

  settle(id: number, o: AttemptOutcome): Promise<void> {
    return this.c.write('webhooks settle', async (db) => {
      await db.query(
        `UPDATE webhook_deliveries SET status = $1, next_attempt_ms = coalesce($2, next_attempt_ms),
           last_status = $3, last_error = $4, finished_at = $5 WHERE id = $6`,
        [
          o.status,
          o.nextAttemptMs ?? null,
          o.httpStatus,
          o.error,
          o.status === 'pending' ? null : new Date(this.now()).toISOString(),
          id,
        ],
      );
    });
  }

  async deliveries(webhookId: number, limit: number): Promise<Delivery[]> {
    return (
      await this.rows<DeliveryRow>(
        'deliveries',
        'SELECT * FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY event_seq DESC, id DESC LIMIT $2',
        [webhookId, limit],
      )
    ).map(toDelivery);
  }

  async counts(webhookId: number): Promise<Record<Delivery['status'], number>> {
    const out = EMPTY_COUNTS();
    for (const r of await this.rows<{ status: Delivery['status']; n: number }>(
      'counts',
      'SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE webhook_id = $1 GROUP BY status',
      [webhookId],
    ))
      out[r.status] = r.n;
    return out;
  }

  prune(before: string): Promise<number> {
    return this.c.write('webhooks prune', async (db) => {
      const events = await db.query(
        'DELETE FROM post_events WHERE fanned_out_at IS NOT NULL AND fanned_out_at < $1',
        [before],
      );
      const deliveries = await db.query(
        `DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < $1`,
        [before],
      );
      return (events.rowCount ?? 0) + (deliveries.rowCount ?? 0);
    });
  }
}

/** The webhooks over an open PostgreSQL archive (same pool and schema). */
export function postgresWebhooks(c: PgConnection, options: WebhookStoreOptions = {}): WebhookStore {
  return new PgWebhooks(c, options.now ?? Date.now);
}
