// Webhooks on SQLite: the change log written beside each change (EventLog), endpoints, fan-out and the delivery log.
import type Database from 'better-sqlite3';
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
import type { SqliteConnection } from './connection.js';

/**
 * Writes change events on the connection of the change, inside its transaction. Nothing is written while no
 * enabled webhook exists: a webhook added later starts after the events there were then, so none would be sent.
 */
export class EventLog {
  private readonly liveStmt: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    this.liveStmt = db.prepare('SELECT 1 FROM webhooks WHERE disabled_at IS NULL LIMIT 1').pluck();
    this.insert = db.prepare(
      'INSERT INTO post_events (type, channel, post_id, previous, story, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** True when events are to be written (an enabled webhook exists); ask once per write. */
  live(): boolean {
    return this.liveStmt.get() !== undefined;
  }

  record(
    type: WebhookEventType,
    channel: string,
    postId: number,
    at: string,
    extra: { previous?: PreviousVersion; story?: string } = {},
  ): void {
    this.insert.run(
      type,
      channel,
      postId,
      extra.previous ? JSON.stringify(extra.previous) : null,
      extra.story ?? null,
      at,
    );
  }
}

class SqliteWebhooks implements WebhookStore {
  constructor(
    private readonly c: SqliteConnection,
    private readonly now: () => number,
  ) {}

  private get db(): Database.Database {
    return this.c.db;
  }

  add(w: NewWebhook): Promise<Webhook> {
    return this.c.write('webhooks add', (db) => {
      const since =
        (db.prepare('SELECT coalesce(max(seq), 0) FROM post_events').pluck().get() as number) ?? 0;
      const id = db
        .prepare(
          `INSERT INTO webhooks (url, secret, topics, channels, searches, events, allow_private, since_seq, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          w.url,
          w.secret,
          JSON.stringify(w.topics),
          JSON.stringify(w.channels),
          JSON.stringify(w.searches),
          JSON.stringify(w.events),
          w.allowPrivate ? 1 : 0,
          since,
          w.createdAt,
        ).lastInsertRowid;
      return toWebhook(db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow);
    });
  }

  get(id: number): Promise<Webhook | null> {
    return this.c.read('webhooks get', (db) => {
      const r = db.prepare('SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
      return r ? toWebhook(r) : null;
    });
  }

  list(): Promise<Webhook[]> {
    return this.c.read('webhooks list', (db) =>
      (db.prepare('SELECT * FROM webhooks ORDER BY id').all() as WebhookRow[]).map(toWebhook),
    );
  }

  remove(id: number): Promise<boolean> {
    return this.c.write('webhooks remove', (db) => {
      db.prepare('DELETE FROM webhook_deliveries WHERE webhook_id = ?').run(id);
      return db.prepare('DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
    });
  }

  disable(id: number, reason: string): Promise<void> {
    return this.c.write('webhooks disable', (db) => {
      db.prepare(
        'UPDATE webhooks SET disabled_at = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NULL',
      ).run(new Date(this.now()).toISOString(), reason, id);
    });
  }

  pendingEvents(limit: number): Promise<PostEvent[]> {
    return this.c.read('webhooks events', (db) =>
      (
        db
          .prepare('SELECT * FROM post_events WHERE fanned_out_at IS NULL ORDER BY seq LIMIT ?')
          .all(limit) as EventRow[]
      ).map(toEvent),
    );
  }

  fanOut(events: FanOut[]): Promise<number> {
    return this.c.write('webhooks fan-out', (db) => {
      const at = new Date(this.now());
      const ev = db.prepare('SELECT * FROM post_events WHERE seq = ? AND fanned_out_at IS NULL');
      const ins = db.prepare(
        `INSERT INTO webhook_deliveries (webhook_id, event_seq, type, channel, post_id, body, next_attempt_ms,
           created_at)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = ?)
         ON CONFLICT (webhook_id, event_seq) DO NOTHING`,
      );
      const mark = db.prepare('UPDATE post_events SET fanned_out_at = ? WHERE seq = ?');
      let queued = 0;
      for (const f of events) {
        const e = ev.get(f.seq) as EventRow | undefined;
        if (!e) continue; // fanned out meanwhile by another process
        for (const d of f.deliveries)
          queued += ins.run(
            d.webhookId,
            f.seq,
            e.type,
            e.channel,
            e.post_id,
            d.body,
            at.getTime(),
            at.toISOString(),
            d.webhookId,
          ).changes;
        mark.run(at.toISOString(), f.seq);
      }
      return queued;
    });
  }

  due(nowMs: number, limit: number): Promise<DueDelivery[]> {
    return this.c.read('webhooks due', (db) =>
      (
        db
          .prepare(
            `SELECT ${DUE_COLUMNS} FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
             WHERE d.status = 'pending' AND d.next_attempt_ms <= ? AND w.disabled_at IS NULL
             ORDER BY d.next_attempt_ms, d.id LIMIT ?`,
          )
          .all(nowMs, limit) as Record<string, unknown>[]
      ).map(splitDue),
    );
  }

  claim(id: number, nowMs: number, leaseUntilMs: number): Promise<boolean> {
    return this.c.write(
      'webhooks claim',
      (db) =>
        db
          .prepare(
            `UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_ms = ?, last_attempt_at = ?
             WHERE id = ? AND status = 'pending' AND next_attempt_ms <= ?`,
          )
          .run(leaseUntilMs, new Date(nowMs).toISOString(), id, nowMs).changes === 1,
    );
  }

  settle(id: number, o: AttemptOutcome): Promise<void> {
    return this.c.write('webhooks settle', (db) => {
      const at = new Date(this.now()).toISOString();
      db.prepare(
        `UPDATE webhook_deliveries SET status = ?, next_attempt_ms = coalesce(?, next_attempt_ms), last_status = ?,
           last_error = ?, finished_at = ? WHERE id = ?`,
      ).run(o.status, o.nextAttemptMs ?? null, o.httpStatus, o.error, o.status === 'pending' ? null : at, id);
    });
  }

  deliveries(webhookId: number, limit: number): Promise<Delivery[]> {
    return this.c.read('webhooks deliveries', (db) =>
      (
        db
          .prepare(
            'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY event_seq DESC, id DESC LIMIT ?',
          )
          .all(webhookId, limit) as DeliveryRow[]
      ).map(toDelivery),
    );
  }

  counts(webhookId: number): Promise<Record<Delivery['status'], number>> {
    return this.c.read('webhooks counts', (db) => {
      const out = EMPTY_COUNTS();
      for (const r of db
        .prepare('SELECT status, count(*) AS n FROM webhook_deliveries WHERE webhook_id = ? GROUP BY status')
        .all(webhookId) as { status: Delivery['status']; n: number }[])
        out[r.status] = r.n;
      return out;
    });
  }

  prune(before: string): Promise<number> {
    return this.c.write('webhooks prune', (db) => {
      const events = db
        .prepare('DELETE FROM post_events WHERE fanned_out_at IS NOT NULL AND fanned_out_at < ?')
        .run(before).changes;
      const deliveries = db
        .prepare(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < ?`)
        .run(before).changes;
      return events + deliveries;
    });
  }
}

/** The webhooks over an open SQLite archive (same file, same connection, same writer lock). */
export function sqliteWebhooks(c: SqliteConnection, options: WebhookStoreOptions = {}): WebhookStore {
  return new SqliteWebhooks(c, options.now ?? Date.now);
}
