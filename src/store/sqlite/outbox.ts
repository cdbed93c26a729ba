// The publisher outbox on the archive's own SQLite connection: plans in one transaction, records sends synchronously.
import type Database from 'better-sqlite3';
import type {
  InDoubtPolicy,
  OutboxRow,
  OutboxState,
  OutboxStore,
  PlannedMessage,
  QueuedOp,
  RouteStatus,
  Settlement,
  OutboxOptions,
} from '../outbox.js';
import { WORK, toRow, type Row } from '../outbox-rows.js';
import type { SqliteConnection } from './connection.js';

type Db = Database.Database;

class SqliteOutbox implements OutboxStore {
  constructor(
    private readonly c: SqliteConnection,
    private readonly now: () => number,
  ) {}

  private run<T>(fn: (db: Db) => T): Promise<Awaited<T>> {
    return this.c.exclusive(fn);
  }

  plan(messages: PlannedMessage[], ops: QueuedOp[]): Promise<{ planned: number; ops: number }> {
    return this.run((db) => {
      const at = new Date(this.now()).toISOString();
      const ins = db.prepare(
        `INSERT INTO outbox (route, chat, post_key, part, story, method, payload, payload_hash, source_hash, state, note,
           planned_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (route, chat, post_key, part) DO UPDATE SET method = excluded.method, payload = excluded.payload,
             payload_hash = excluded.payload_hash, source_hash = excluded.source_hash, state = excluded.state,
             note = excluded.note, error = NULL, planned_at = excluded.planned_at
           WHERE outbox.state = 'deleted' AND excluded.state = 'planned'`,
      );
      const op = db.prepare(
        `UPDATE outbox SET pending_op = ?, pending_payload = ?, pending_hash = ?, pending_source_hash = ?
         WHERE seq = ? AND state = 'sent'`,
      );
      return db
        .transaction(() => {
          let planned = 0;
          let queued = 0;
          for (const m of messages) {
            planned += ins.run(
              m.route,
              m.chat,
              m.postKey,
              m.part,
              m.story,
              m.method,
              m.payload,
              m.payloadHash,
              m.sourceHash,
              m.state,
              m.note ?? null,
              at,
            ).changes;
          }
          for (const o of ops)
            queued += op.run(
              o.op,
              o.payload ?? null,
              o.payloadHash ?? null,
              o.sourceHash ?? null,
              o.seq,
            ).changes;
          return { planned, ops: queued };
        })
        .immediate();
    });
  }

  rowsFor(route: string, chat: string): Promise<OutboxRow[]> {
    return this.run((db) =>
      (
        db.prepare('SELECT * FROM outbox WHERE route = ? AND chat = ? ORDER BY seq').all(route, chat) as Row[]
      ).map(toRow),
    );
  }

  storyOwner(route: string, chat: string, story: string): Promise<string | null> {
    return this.run((db) => {
      const r = db
        .prepare(
          `SELECT post_key FROM outbox WHERE route = ? AND chat = ? AND story = ? AND state <> 'skipped'
           ORDER BY seq LIMIT 1`,
        )
        .get(route, chat, story) as { post_key: string } | undefined;
      return r?.post_key ?? null;
    });
  }

  next(chat: string): Promise<OutboxRow | null> {
    return this.run((db) => {
      const r = db
        .prepare(`SELECT * FROM outbox o WHERE o.chat = ? AND ${WORK} ORDER BY o.seq LIMIT 1`)
        .get(chat) as Row | undefined;
      return r ? toRow(r) : null;
    });
  }

  pendingChats(): Promise<string[]> {
    return this.run((db) =>
      (
        db.prepare(`SELECT DISTINCT o.chat FROM outbox o WHERE ${WORK} ORDER BY o.chat`).all() as {
          chat: string;
        }[]
      ).map((r) => r.chat),
    );
  }

  attemptSend(
    seq: number,
    call: () => Promise<number>,
    notAccepted: (e: unknown) => boolean,
  ): Promise<number> {
    return this.run(async (db) => {
      // Committed before the request leaves: after a crash, a row still 'sending' is known to be in doubt.
      const begun = db
        .prepare(
          `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE seq = ? AND state = 'planned'`,
        )
        .run(seq);
      if (begun.changes !== 1) throw new Error(`outbox row ${seq} is not planned`);
      let messageId: number;
      try {
        messageId = await call();
      } catch (e) {
        if (notAccepted(e)) db.prepare(`UPDATE outbox SET state = 'planned' WHERE seq = ?`).run(seq);
        throw e;
      }
      // The first thing after the answer, synchronously: the only crash window left is the answer's own transit.
      const ms = this.now();
      db.prepare(
        `UPDATE outbox SET state = 'sent', message_id = ?, sent_at = ?, sent_ms = ?, error = NULL WHERE seq = ?`,
      ).run(messageId, new Date(ms).toISOString(), ms, seq);
      return messageId;
    });
  }

  finishOp(seq: number, note?: string): Promise<void> {
    return this.run((db) => {
      db.prepare(
        `UPDATE outbox SET
           payload = CASE WHEN pending_op = 'edit' THEN pending_payload ELSE payload END,
           payload_hash = CASE WHEN pending_op = 'edit' THEN pending_hash ELSE payload_hash END,
           source_hash = CASE WHEN pending_op = 'edit' THEN pending_source_hash ELSE source_hash END,
           note = CASE WHEN pending_op = 'delete' THEN coalesce(?, 'deleted') ELSE coalesce(?, note) END,
           state = CASE WHEN pending_op = 'delete' THEN 'deleted' ELSE state END,
           pending_op = NULL, pending_payload = NULL, pending_hash = NULL, pending_source_hash = NULL
         WHERE seq = ?`,
      ).run(note ?? null, note ?? null, seq);
    });
  }

  skip(seq: number, note: string): Promise<void> {
    return this.run((db) => {
      db.prepare(`UPDATE outbox SET state = 'skipped', note = ? WHERE seq = ? AND state = 'planned'`).run(
        note,
        seq,
      );
    });
  }

  fail(seq: number, error: string): Promise<void> {
    return this.run((db) => {
      // A refused edit/delete leaves the sent message as it is; a refused send is failed.
      db.prepare(
        `UPDATE outbox SET state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'failed' END, error = ?,
           pending_op = NULL, pending_payload = NULL, pending_hash = NULL, pending_source_hash = NULL WHERE seq = ?`,
      ).run(error, seq);
    });
  }

  recover(policy: InDoubtPolicy): Promise<number> {
    return this.run(
      (db) =>
        db
          .prepare(`UPDATE outbox SET state = ?, doubts = doubts + 1 WHERE state = 'sending'`)
          .run(policy === 'resend' ? 'planned' : 'held').changes,
    );
  }

  inFlight(): Promise<OutboxRow[]> {
    return this.run((db) =>
      (db.prepare(`SELECT * FROM outbox WHERE state = 'sending' ORDER BY chat, seq`).all() as Row[]).map(
        toRow,
      ),
    );
  }

  lastMessageId(chat: string): Promise<number | null> {
    return this.run((db) => {
      const r = db.prepare('SELECT max(message_id) AS m FROM outbox WHERE chat = ?').get(chat) as {
        m: number | null;
      };
      return r.m;
    });
  }

  settle(seq: number, o: Settlement): Promise<void> {
    return this.run((db) => {
      const ms = this.now();
      db.prepare(
        `UPDATE outbox SET state = ?, doubts = doubts + 1, note = ?,
           message_id = coalesce(?, message_id),
           sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END,
           sent_ms = CASE WHEN ? = 'sent' THEN ? ELSE sent_ms END
         WHERE seq = ? AND state = 'sending'`,
      ).run(
        o.state,
        o.note,
        o.state === 'sent' ? o.messageId : null,
        o.state,
        new Date(ms).toISOString(),
        o.state,
        ms,
        seq,
      );
    });
  }

  recentSends(chat: string, sinceMs: number): Promise<number[]> {
    return this.run((db) =>
      (
        db
          .prepare('SELECT sent_ms FROM outbox WHERE chat = ? AND sent_ms >= ? ORDER BY sent_ms')
          .all(chat, sinceMs) as {
          sent_ms: number;
        }[]
      ).map((r) => r.sent_ms),
    );
  }

  routeChats(): Promise<{ route: string; chat: string }[]> {
    return this.run(
      (db) =>
        db
          .prepare(
            `SELECT route, chat FROM outbox UNION SELECT route, chat FROM route_status ORDER BY route, chat`,
          )
          .all() as { route: string; chat: string }[],
    );
  }

  renameRoute(from: string, to: string, chat: string): Promise<boolean> {
    return this.run((db) =>
      db
        .transaction(() => {
          const taken = db
            .prepare(
              `SELECT 1 FROM outbox WHERE route = ? AND chat = ? UNION ALL
               SELECT 1 FROM route_status WHERE route = ? AND chat = ? LIMIT 1`,
            )
            .get(to, chat, to, chat);
          if (taken) return false;
          db.prepare('UPDATE outbox SET route = ? WHERE route = ? AND chat = ?').run(to, from, chat);
          db.prepare('UPDATE route_status SET route = ? WHERE route = ? AND chat = ?').run(to, from, chat);
          return true;
        })
        .immediate(),
    );
  }

  setRouteStatus(s: Omit<RouteStatus, 'updatedAt'>): Promise<void> {
    return this.run((db) => {
      db.prepare(
        `INSERT INTO route_status (route, chat, state, code, error, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (route, chat) DO UPDATE SET state = excluded.state, code = excluded.code, error = excluded.error,
           updated_at = excluded.updated_at`,
      ).run(s.route, s.chat, s.state, s.code, s.error, new Date(this.now()).toISOString());
    });
  }

  routeStatuses(): Promise<RouteStatus[]> {
    return this.run((db) =>
      (
        db.prepare('SELECT * FROM route_status ORDER BY route, chat').all() as {
          route: string;
          chat: string;
          state: string;
          code: number | null;
          error: string | null;
          updated_at: string;
        }[]
      ).map((r) => ({
        route: r.route,
        chat: r.chat,
        state: r.state as RouteStatus['state'],
        code: r.code,
        error: r.error,
        updatedAt: r.updated_at,
      })),
    );
  }

  resumeRoutes(): Promise<number> {
    return this.run((db) =>
      db.transaction(() => {
        const n = db.prepare(`UPDATE route_status SET state = 'ok' WHERE state = 'stopped'`).run().changes;
        // The refused message gets another chance with its route.
        db.prepare(`UPDATE outbox SET state = 'planned' WHERE state = 'failed'`).run();
        return n;
      })(),
    );
  }

  counts(): Promise<Record<OutboxState, number>> {
    return this.run((db) => {
      const out: Record<OutboxState, number> = {
        planned: 0,
        sending: 0,
        sent: 0,
        skipped: 0,
        held: 0,
        failed: 0,
        deleted: 0,
      };
      for (const r of db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as {
        state: OutboxState;
        n: number;
      }[])
        out[r.state] = r.n;
      return out;
    });
  }
}

/** The outbox over an open SQLite archive (same file, same connection, same writer lock). */
export function sqliteOutbox(c: SqliteConnection, options: OutboxOptions = {}): OutboxStore {
  return new SqliteOutbox(c, options.now ?? Date.now);
}
