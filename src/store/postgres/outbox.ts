// The publisher outbox on the PostgreSQL archive: the same protocol as SQLite's (src/store/outbox.ts), on the same
// pool. Every step commits on its own, outside any Store transaction: the row is marked in flight before the request
// leaves, and the message id is written as soon as the answer arrives.
import type pg from 'pg';
import { wrapStoreError as wrap } from '../shared.js';
import type {
  InDoubtPolicy,
  OutboxOptions,
  OutboxRow,
  OutboxState,
  OutboxStore,
  PlannedMessage,
  QueuedOp,
  RouteStatus,
  Settlement,
} from '../outbox.js';
import { WORK, toRow, type Row } from '../outbox-rows.js';
import type { PgConnection, Queryable } from './connection.js';

/*
 * SQLite serialises the outbox behind its writer lock; here each statement is atomic on its own and the state
 * guards in the WHERE clauses (state = 'planned', state = 'sending') decide races: two publishers that pick the same
 * row both try to mark it in flight, one wins, the other is told the row is not planned. A crash between Telegram's
 * answer and the 'sent' write leaves the row in flight, which the restart probes (bot/reconcile.ts), as on SQLite.
 */
class PostgresOutbox implements OutboxStore {
  constructor(
    private readonly c: PgConnection,
    private readonly now: () => number,
  ) {}

  private async q<T>(what: string, text: string, values: unknown[] = [], db?: Queryable): Promise<T[]> {
    try {
      return (await (db ?? this.c.pool).query(text, values)).rows as T[];
    } catch (e) {
      throw wrap(e, `outbox: ${what}`);
    }
  }

  private async count(what: string, text: string, values: unknown[], db?: pg.PoolClient): Promise<number> {
    try {
      return (await (db ?? this.c.pool).query(text, values)).rowCount ?? 0;
    } catch (e) {
      throw wrap(e, `outbox: ${what}`);
    }
  }

  plan(messages: PlannedMessage[], ops: QueuedOp[]): Promise<{ planned: number; ops: number }> {
    const at = new Date(this.now()).toISOString();
    return this.c.alone('outbox: plan', async (db) => {
      let planned = 0;
      let queued = 0;
      // One statement per message keeps seq in plan order (a multi-row insert does not promise it).
      for (const m of messages)
        planned += await this.count(
          'plan',
          `INSERT INTO outbox (route, chat, post_key, part, story, method, payload, payload_hash, source_hash, state,
             note, planned_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (route, chat, post_key, part) DO UPDATE SET method = excluded.method, payload = excluded.payload,
             payload_hash = excluded.payload_hash, source_hash = excluded.source_hash, state = excluded.state,
             note = excluded.note, error = NULL, planned_at = excluded.planned_at
           WHERE outbox.state = 'deleted' AND excluded.state = 'planned'`,
          [
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
          ],
          db,
        );
      for (const o of ops)
        queued += await this.count(
          'plan',
          `UPDATE outbox SET pending_op = $1, pending_payload = $2, pending_hash = $3, pending_source_hash = $4
           WHERE seq = $5 AND state = 'sent'`,
          [o.op, o.payload ?? null, o.payloadHash ?? null, o.sourceHash ?? null, o.seq],
          db,
        );
      return { planned, ops: queued };
    });
  }

  async rowsFor(route: string, chat: string): Promise<OutboxRow[]> {
    return (
      await this.q<Row>('rowsFor', 'SELECT * FROM outbox WHERE route = $1 AND chat = $2 ORDER BY seq', [
        route,
        chat,
      ])
    ).map(toRow);
  }

  async storyOwner(route: string, chat: string, story: string): Promise<string | null> {
    const [r] = await this.q<{ post_key: string }>(
      'storyOwner',
      `SELECT post_key FROM outbox WHERE route = $1 AND chat = $2 AND story = $3 AND state <> 'skipped'
       ORDER BY seq LIMIT 1`,
      [route, chat, story],
    );
    return r?.post_key ?? null;
  }

  async next(chat: string): Promise<OutboxRow | null> {
    const [r] = await this.q<Row>(
      'next',
      `SELECT * FROM outbox o WHERE o.chat = $1 AND ${WORK} ORDER BY o.seq LIMIT 1`,
      [chat],
    );
    return r ? toRow(r) : null;
  }

  async pendingChats(): Promise<string[]> {
    return (
      await this.q<{ chat: string }>(
        'pendingChats',
        `SELECT DISTINCT o.chat FROM outbox o WHERE ${WORK} ORDER BY o.chat`,
      )
    ).map((r) => r.chat);
  }

  async attemptSend(
    seq: number,
    call: () => Promise<number>,
    notAccepted: (e: unknown) => boolean,
  ): Promise<number> {
    // Committed before the request leaves: after a crash, a row still 'sending' is known to be in doubt.
    const begun = await this.count(
      'attemptSend',
      `UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE seq = $1 AND state = 'planned'`,
      [seq],
    );
    if (begun !== 1) throw new Error(`outbox row ${seq} is not planned`);
    let messageId: number;
    try {
      messageId = await call();
    } catch (e) {
      if (notAccepted(e))
        await this.count(
          'attemptSend',
          `UPDATE outbox SET state = 'planned' WHERE seq = $1 AND state = 'sending'`,
          [seq],
        );
      throw e;
    }
    // The first thing after the answer: the crash window left is the answer's transit and this one write.
    const ms = this.now();
    await this.count(
      'attemptSend',
      `UPDATE outbox SET state = 'sent', message_id = $1, sent_at = $2, sent_ms = $3, error = NULL WHERE seq = $4`,
      [messageId, new Date(ms).toISOString(), ms, seq],
    );
    return messageId;
  }

  async finishOp(seq: number, note?: string): Promise<void> {
    await this.count(
      'finishOp',
      `UPDATE outbox SET
         payload = CASE WHEN pending_op = 'edit' THEN pending_payload ELSE payload END,
         payload_hash = CASE WHEN pending_op = 'edit' THEN pending_hash ELSE payload_hash END,
         source_hash = CASE WHEN pending_op = 'edit' THEN pending_source_hash ELSE source_hash END,
         note = CASE WHEN pending_op = 'delete' THEN coalesce($1, 'deleted') ELSE coalesce($1, note) END,
         state = CASE WHEN pending_op = 'delete' THEN 'deleted' ELSE state END,
         pending_op = NULL, pending_payload = NULL, pending_hash = NULL, pending_source_hash = NULL
       WHERE seq = $2`,
      [note ?? null, seq],
    );
  }

  async skip(seq: number, note: string): Promise<void> {
    await this.count(
      'skip',
      `UPDATE outbox SET state = 'skipped', note = $1 WHERE seq = $2 AND state = 'planned'`,
      [note, seq],
    );
  }

  async fail(seq: number, error: string): Promise<void> {
    // A refused edit/delete leaves the sent message as it is; a refused send is failed.
    await this.count(
      'fail',
      `UPDATE outbox SET state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'failed' END, error = $1,
         pending_op = NULL, pending_payload = NULL, pending_hash = NULL, pending_source_hash = NULL WHERE seq = $2`,
      [error, seq],
    );
  }

  recover(policy: InDoubtPolicy): Promise<number> {
    return this.count(
      'recover',
      `UPDATE outbox SET state = $1, doubts = doubts + 1 WHERE state = 'sending'`,
      [policy === 'resend' ? 'planned' : 'held'],
    );
  }

  async inFlight(): Promise<OutboxRow[]> {
    return (
      await this.q<Row>('inFlight', `SELECT * FROM outbox WHERE state = 'sending' ORDER BY chat, seq`)
    ).map(toRow);
  }

  async lastMessageId(chat: string): Promise<number | null> {
    const [r] = await this.q<{ m: number | null }>(
      'lastMessageId',
      'SELECT max(message_id) AS m FROM outbox WHERE chat = $1',
      [chat],
    );
    return r?.m ?? null;
  }

  async settle(seq: number, o: Settlement): Promise<void> {
    const ms = this.now();
    const sent = o.state === 'sent';
    await this.count(
      'settle',
      `UPDATE outbox SET state = $1, doubts = doubts + 1, note = $2,
         message_id = coalesce($3, message_id),
         sent_at = CASE WHEN $4 THEN $5 ELSE sent_at END,
         sent_ms = CASE WHEN $4 THEN $6::bigint ELSE sent_ms END
       WHERE seq = $7 AND state = 'sending'`,
      [o.state, o.note, sent ? o.messageId : null, sent, new Date(ms).toISOString(), ms, seq],
    );
  }

  async recentSends(chat: string, sinceMs: number): Promise<number[]> {
    return (
      await this.q<{ sent_ms: number }>(
        'recentSends',
        'SELECT sent_ms FROM outbox WHERE chat = $1 AND sent_ms >= $2 ORDER BY sent_ms',
        [chat, sinceMs],
      )
    ).map((r) => r.sent_ms);
  }

  async routeChats(): Promise<{ route: string; chat: string }[]> {
    return this.q<{ route: string; chat: string }>(
      'routeChats',
      `SELECT route, chat FROM outbox UNION SELECT route, chat FROM route_status ORDER BY route, chat`,
    );
  }

  renameRoute(from: string, to: string, chat: string): Promise<boolean> {
    return this.c.alone('outbox: renameRoute', async (db) => {
      // Rare (once per route after an upgrade): a table lock keeps two publishers from both moving rows onto `to`.
      await this.q('renameRoute', 'LOCK TABLE route_status IN EXCLUSIVE MODE', [], db);
      const taken = await this.q(
        'renameRoute',
        `SELECT 1 FROM outbox WHERE route = $1 AND chat = $2 UNION ALL
         SELECT 1 FROM route_status WHERE route = $1 AND chat = $2 LIMIT 1`,
        [to, chat],
        db,
      );
      if (taken.length) return false;
      await this.q(
        'renameRoute',
        'UPDATE outbox SET route = $1 WHERE route = $2 AND chat = $3',
        [to, from, chat],
        db,
      );
      await this.q(
        'renameRoute',
        'UPDATE route_status SET route = $1 WHERE route = $2 AND chat = $3',
        [to, from, chat],
        db,
      );
      return true;
    });
  }

  async setRouteStatus(s: Omit<RouteStatus, 'updatedAt'>): Promise<void> {
    await this.count(
      'setRouteStatus',
      `INSERT INTO route_status (route, chat, state, code, error, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (route, chat) DO UPDATE SET state = excluded.state, code = excluded.code, error = excluded.error,
         updated_at = excluded.updated_at`,
      [s.route, s.chat, s.state, s.code, s.error, new Date(this.now()).toISOString()],
    );
  }

  async routeStatuses(): Promise<RouteStatus[]> {
    const rows = await this.q<{
      route: string;
      chat: string;
      state: string;
      code: number | null;
      error: string | null;
      updated_at: string;
    }>('routeStatuses', 'SELECT * FROM route_status ORDER BY route, chat');
    return rows.map((r) => ({
      route: r.route,
      chat: r.chat,
      state: r.state as RouteStatus['state'],
      code: r.code,
      error: r.error,
      updatedAt: r.updated_at,
    }));
  }

  resumeRoutes(): Promise<number> {
    return this.c.alone('outbox: resumeRoutes', async (db) => {
      const n = await this.count(
        'resumeRoutes',
        `UPDATE route_status SET state = 'ok' WHERE state = 'stopped'`,
        [],
        db,
      );
      // The refused message gets another chance with its route.
      await this.count('resumeRoutes', `UPDATE outbox SET state = 'planned' WHERE state = 'failed'`, [], db);
      return n;
    });
  }

  async counts(): Promise<Record<OutboxState, number>> {
    const out: Record<OutboxState, number> = {
      planned: 0,
      sending: 0,
      sent: 0,
      skipped: 0,
      held: 0,
      failed: 0,
      deleted: 0,
    };
    for (const r of await this.q<{ state: OutboxState; n: number }>(
      'counts',
      'SELECT state, count(*) AS n FROM outbox GROUP BY state',
    ))
      out[r.state] = r.n;
    return out;
  }
}

/** The outbox over an open PostgreSQL archive (same pool, same type parsers). */
export function postgresOutbox(c: PgConnection, options: OutboxOptions = {}): OutboxStore {
  return new PostgresOutbox(c, options.now ?? Date.now);
}
