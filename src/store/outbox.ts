// The publisher's outbox: every planned Telegram message, its delivery state and the message id Telegram gave it.

/** Bot API methods a planned message is sent with. */
export type SendMethod = 'sendMessage' | 'sendPhoto';

/**
 * planned: to send; sending: a request may be in flight (after a crash: in doubt, and its chat waits until a probe
 * settles it); sent: Telegram answered with a message id (or a probe found the message); skipped: deliberately not
 * sent (another post of the same story was); held: in doubt and left for the operator (in-doubt policy "hold", or a
 * probe that could not be trusted); failed: Telegram refused it (its route is stopped); deleted: the message was
 * deleted (its id is kept, since message ids are what a probe after a crash counts from).
 */
export type OutboxState = 'planned' | 'sending' | 'sent' | 'skipped' | 'held' | 'failed' | 'deleted';

/** What to do with a message already sent: edit it to a new payload, or delete it. */
export type PendingOp = 'edit' | 'delete';

export interface PlannedMessage {
  route: string;
  /** Target chat as configured ("@name" or "-100…"). */
  chat: string;
  /** `channel/id` of the source post. */
  postKey: string;
  /** 0-based part of a long post. */
  part: number;
  story: string | null;
  method: SendMethod;
  /** The Bot API parameters without chat_id, as JSON. */
  payload: string;
  payloadHash: string;
  /** Hash of the source post's content: when it changes, the published message is edited. */
  sourceHash: string;
  /** 'skipped' rows record a post that is deliberately not published (note says why). */
  state: 'planned' | 'skipped';
  note?: string;
}

export interface OutboxRow extends Omit<PlannedMessage, 'state'> {
  /** Plan order: messages to one chat go out in this order. */
  seq: number;
  state: OutboxState;
  messageId: number | null;
  attempts: number;
  /** Times a restart found this message in flight (sent or not; the note says how it was settled). */
  doubts: number;
  error: string | null;
  plannedAt: string;
  sentAt: string | null;
  pendingOp: PendingOp | null;
  pendingPayload: string | null;
  pendingHash: string | null;
  pendingSourceHash: string | null;
}

export interface QueuedOp {
  seq: number;
  op: PendingOp;
  /** New payload (edits only). */
  payload?: string;
  payloadHash?: string;
  sourceHash?: string;
}

export type RouteState = 'ok' | 'stopped';

export interface RouteStatus {
  route: string;
  chat: string;
  state: RouteState;
  /** Telegram's error code and description when stopped. */
  code: number | null;
  error: string | null;
  updatedAt: string;
}

export type InDoubtPolicy = 'resend' | 'hold';

/** How a message found in flight after a crash is settled (bot/reconcile.ts decides, the outbox records). */
export type Settlement =
  /** A probe found the message in the chat: it was sent, with this id. */
  | { state: 'sent'; messageId: number; note: string }
  /** Not found where it would be: planned again (policy resend) or held (policy hold). */
  | { state: 'planned' | 'held'; note: string }
  /** The probe gave no trustworthy answer: stays in flight, its chat waits, the next pass probes again. */
  | { state: 'sending'; note: string };

export interface OutboxStore {
  /**
   * Records new messages and queued edits/deletions in one transaction. A message already in the outbox is ignored,
   * unless its row was deleted and it comes planned: the row is planned again with the new content (a part a
   * shorter version deleted, needed again by a longer one).
   */
  plan(messages: PlannedMessage[], ops: QueuedOp[]): Promise<{ planned: number; ops: number }>;
  /** Every row of a route and chat, in seq order. */
  rowsFor(route: string, chat: string): Promise<OutboxRow[]>;
  /** The post key already published (or planned) for `story` on this route and chat, or null. */
  storyOwner(route: string, chat: string, story: string): Promise<string | null>;
  /** The next row with work to do for `chat` (a planned send or a pending op), skipping stopped routes. */
  next(chat: string): Promise<OutboxRow | null>;
  /** Chats with work to do. */
  pendingChats(): Promise<string[]>;
  /**
   * The delivery protocol of one attempt: marks the row as in flight, runs `call` (the API request), and records
   * its message id synchronously as soon as `call` resolves. When `call` throws and `notAccepted(error)` says
   * Telegram certainly did not take the message, the row goes back to planned; otherwise it stays in flight.
   */
  attemptSend(
    seq: number,
    call: () => Promise<number>,
    notAccepted: (e: unknown) => boolean,
  ): Promise<number>;
  /** Marks a pending edit/delete done (result recorded on the row). */
  finishOp(seq: number, note?: string): Promise<void>;
  /** A planned row that is not to be sent after all (the note says why); no-op if it is not planned. */
  skip(seq: number, note: string): Promise<void>;
  /** Marks a row failed (Telegram refused it); its pending op, if any, is dropped. */
  fail(seq: number, error: string): Promise<void>;
  /** After a crash: rows left in flight become planned again (resend) or held; returns how many. */
  recover(policy: InDoubtPolicy): Promise<number>;
  /** Rows in flight (after a crash: in doubt), by chat then seq. */
  inFlight(): Promise<OutboxRow[]>;
  /**
   * The highest message id Telegram gave for `chat` on any route (deleted messages included), or null: ids of
   * messages sent after it are counted from it.
   */
  lastMessageId(chat: string): Promise<number | null>;
  /** Records how an in-flight row was settled (counts a doubt, writes the note); no-op if it is not in flight. */
  settle(seq: number, outcome: Settlement): Promise<void>;
  /** Times (ms since epoch) of sends to `chat` since `sinceMs`, oldest first: seeds the rate limiter. */
  recentSends(chat: string, sinceMs: number): Promise<number[]>;
  /** Every (route, chat) the outbox or the route statuses hold. */
  routeChats(): Promise<{ route: string; chat: string }[]>;
  /**
   * Moves the rows and status of route `from` for `chat` to route `to` (an id the route had in an older version),
   * in one transaction; does nothing and returns false when `to` already has rows or a status for `chat`.
   */
  renameRoute(from: string, to: string, chat: string): Promise<boolean>;
  setRouteStatus(status: Omit<RouteStatus, 'updatedAt'>): Promise<void>;
  routeStatuses(): Promise<RouteStatus[]>;
  /** Lets stopped routes run again; returns how many were stopped. */
  resumeRoutes(): Promise<number>;
  /** Counts per state, for reports. */
  counts(): Promise<Record<OutboxState, number>>;
}

export interface OutboxOptions {
  /** The clock (ms since epoch) planned and sent times are taken from. @default Date.now */
  now?: () => number;
}
