// What both outboxes (sqlite/outbox.ts, postgres/outbox.ts) share: the row as stored, and which rows have work.
import type { OutboxRow, OutboxState, PendingOp } from './outbox.js';

/** An outbox row as either database returns it (PostgreSQL's bigints arrive as numbers: see postgres/open.ts). */
export interface Row {
  seq: number;
  route: string;
  chat: string;
  post_key: string;
  part: number;
  story: string | null;
  method: string;
  payload: string;
  payload_hash: string;
  source_hash: string;
  state: string;
  note: string | null;
  message_id: number | null;
  attempts: number;
  doubts: number;
  error: string | null;
  planned_at: string;
  sent_at: string | null;
  pending_op: string | null;
  pending_payload: string | null;
  pending_hash: string | null;
  pending_source_hash: string | null;
}

export function toRow(r: Row): OutboxRow {
  return {
    seq: r.seq,
    route: r.route,
    chat: r.chat,
    postKey: r.post_key,
    part: r.part,
    story: r.story,
    method: r.method as OutboxRow['method'],
    payload: r.payload,
    payloadHash: r.payload_hash,
    sourceHash: r.source_hash,
    state: r.state as OutboxState,
    note: r.note ?? undefined,
    messageId: r.message_id,
    attempts: r.attempts,
    doubts: r.doubts,
    error: r.error,
    plannedAt: r.planned_at,
    sentAt: r.sent_at,
    pendingOp: r.pending_op as PendingOp | null,
    pendingPayload: r.pending_payload,
    pendingHash: r.pending_hash,
    pendingSourceHash: r.pending_source_hash,
  };
}

// A chat with a message in doubt waits: what a probe counts from must not move until that message is settled.
export const WORK = `(o.state = 'planned' OR (o.state = 'sent' AND o.pending_op IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM route_status s WHERE s.route = o.route AND s.chat = o.chat AND s.state = 'stopped')
  AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.chat = o.chat AND d.state = 'sending')`;
