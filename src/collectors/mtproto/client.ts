// The few MTProto calls tgwire makes, as one narrow interface: the real client (telegram.ts) and the tests' stub
// both answer with the library's raw TL objects, so everything above this line is tested without a connection.
import type { tl } from '@mtcute/node';

/** A peer resolved once and kept: history calls need its id and access hash, never the username again. */
export interface PeerRef {
  type: 'channel' | 'chat' | 'user';
  id: number;
  /** Telegram's access hash as a decimal string (a 64-bit integer); '0' for basic groups, which have none. */
  accessHash: string;
}

/** One page of messages.getHistory: newest first, below offsetId (0: from the newest message). */
export interface HistoryRequest {
  offsetId: number;
  limit: number;
  /** Only messages with a larger id (0: no lower bound). */
  minId?: number;
}

/** The chats and users an answer or update carries beside its messages (forward origins, group senders). */
export interface Peers {
  chats: Map<number, tl.TypeChat>;
  users: Map<number, tl.TypeUser>;
}

/** A message's file, as a download needs it (the adapter takes it from the message's media). */
export interface FileRef {
  kind: 'photo' | 'document';
  /** 64-bit ids as decimal strings. */
  id: string;
  accessHash: string;
  fileReference: Uint8Array;
  dcId: number;
  /** Photos: the size to fetch (the largest); '' for documents. */
  thumbSize: string;
  /** Bytes, as Telegram says before any download. */
  size: number;
}

/** A running subscription to updates; stop ends it. */
export interface UpdateSubscription {
  /** Watches one more channel. */
  add(channelId: number): Promise<void>;
  stop(): Promise<void>;
}

/** What sendCode answers: the hash signIn needs, or the account already signed in (a future-auth token). */
export type SentCode = { phoneCodeHash: string; loggedIn?: false } | { loggedIn: true };

/** How a QR login reports and asks (MtprotoClient.signInQr). */
export interface QrSignIn {
  /** Each login URL (tg://login?token=…) to draw, again each time Telegram renews the token; `expires` its end. */
  onUrl(url: string, expires: Date): void;
  /** The app scanned a code: the login is finishing (or asks the password next). */
  onScanned(): void;
  /** The two-step verification password, asked when the account has one (again after a wrong one). */
  password(): Promise<string>;
  onWrongPassword(): void;
  /** Ends the wait for the code to be scanned (the call then throws). */
  signal?: AbortSignal;
}

export interface MtprotoClient {
  /** contacts.resolveUsername: the most flood-limited call; callers cache what it answers. */
  resolveUsername(username: string): Promise<tl.contacts.TypeResolvedPeer>;
  /** messages.getHistory of one peer. */
  getHistory(peer: PeerRef, request: HistoryRequest): Promise<tl.messages.TypeMessages>;
  /**
   * messages.getReplies: the comments on channel post `msgId` (messages of its linked discussion group), paged as
   * getHistory is. MSG_ID_INVALID when the post is gone or has no thread.
   */
  getReplies(peer: PeerRef, msgId: number, request: HistoryRequest): Promise<tl.messages.TypeMessages>;
  /**
   * Messages by id (channels.getMessages; messages.getMessages for basic groups): one entry per id asked, a
   * messageEmpty for a message that is gone. What a recheck reads: every answer says something about every id.
   */
  getMessages(peer: PeerRef, ids: number[]): Promise<tl.messages.TypeMessages>;
  /**
   * Updates of these channels (new messages, edits, deletions, "too long" gaps), as raw TL with the peers they name.
   * Channels the account has not joined are polled (getChannelDifference); gaps after a disconnect are recovered by
   * the library. Needs a client opened with `updates: true`.
   */
  watch(
    channelIds: number[],
    onUpdate: (update: tl.TypeUpdate, peers: Peers) => void,
  ): Promise<UpdateSubscription>;
  /** A message's file, whole. Callers check `file.size` against their cap first. */
  download(file: FileRef, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  sendCode(phone: string): Promise<SentCode>;
  /** Throws the RpcError SESSION_PASSWORD_NEEDED when the account has two-step verification. */
  signIn(phone: string, phoneCodeHash: string, code: string): Promise<void>;
  checkPassword(password: string): Promise<void>;
  /**
   * Logs in by QR code (auth.exportLoginToken): resolves once the account's app has scanned and accepted a code
   * (and the password, when asked, was right). Throws the RpcError Telegram gives for a refused token
   * (AUTH_TOKEN_EXPIRED, AUTH_TOKEN_INVALID), or the signal's reason.
   */
  signInQr(options: QrSignIn): Promise<void>;
  /** The session as a string (auth key and data centre): a secret, stored by the caller with 0600. */
  exportSession(): Promise<string>;
  /** Ends the session at Telegram. */
  logOut(): Promise<void>;
  close(): Promise<void>;
}

export interface ClientSettings {
  apiId: number;
  apiHash: string;
  /** A session from exportSession, or null for a new one (login). */
  session: string | null;
  /** Receive updates (watch); off for one-shot commands. @default false */
  updates?: boolean;
}

/** Opens a client; the CLI passes the real one, tests the stub. */
export type OpenClient = (settings: ClientSettings) => Promise<MtprotoClient>;
