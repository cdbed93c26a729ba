// A Telegram stand-in for tests: an MtprotoClient answering with mtcute's own TL objects and RpcErrors, offline.
import { Long, tl } from '@mtcute/node';
import type {
  ClientSettings,
  HistoryRequest,
  MtprotoClient,
  OpenClient,
  PeerRef,
  Peers,
  SentCode,
} from './client.js';

/** An RPC error exactly as mtcute raises it (FLOOD_WAIT_30 becomes text FLOOD_WAIT_%d with seconds 30). */
export function rpcError(code: number, message: string): tl.RpcError {
  return tl.RpcError.fromTl({ _: 'mt_rpc_error', errorCode: code, errorMessage: message });
}

export const floodWait = (seconds: number) => rpcError(420, `FLOOD_WAIT_${seconds}`);

export function tlChannel(o: {
  id: number;
  title: string;
  username?: string;
  megagroup?: boolean;
  accessHash?: string;
  participantsCount?: number;
}): tl.RawChannel {
  return {
    _: 'channel',
    id: o.id,
    accessHash: Long.fromString(o.accessHash ?? `${o.id}777`),
    title: o.title,
    ...(o.username ? { username: o.username } : {}),
    ...(o.megagroup ? { megagroup: true } : { broadcast: true }),
    ...(o.participantsCount !== undefined ? { participantsCount: o.participantsCount } : {}),
    photo: { _: 'chatPhotoEmpty' },
    date: 1_600_000_000,
  };
}

/** The reply counter of a channel post whose comments live in the discussion group `groupId`. */
export function tlReplies(n: number, groupId: number): tl.TypeMessageReplies {
  return { _: 'messageReplies', comments: true, replies: n, repliesPts: 1, channelId: groupId };
}

export function tlMessage(
  channelId: number,
  id: number,
  fields: Partial<Omit<tl.RawMessage, '_' | 'id' | 'peerId'>> = {},
): tl.RawMessage {
  return {
    _: 'message',
    id,
    peerId: { _: 'peerChannel', channelId },
    date: 1_700_000_000 + id * 60,
    message: `post ${id}`,
    post: true,
    ...fields,
  };
}

export function tlService(channelId: number, id: number, action: tl.TypeMessageAction): tl.RawMessageService {
  return {
    _: 'messageService',
    id,
    peerId: { _: 'peerChannel', channelId },
    date: 1_700_000_000 + id * 60,
    action,
  };
}

interface StubChat {
  chat: tl.TypeChat;
  messages: tl.TypeMessage[];
}

export interface StubAccount {
  phone: string;
  code: string;
  /** Two-step verification password, when the account has one. */
  password?: string;
}

/**
 * How a QR login goes: Telegram issues `codes` tokens (each living `ttlMs`), then the app accepts the last one
 * ('accept'), Telegram refuses it ('deny': AUTH_TOKEN_EXPIRED), or nobody scans it ('never': until aborted).
 */
export interface StubQr {
  codes: number;
  then: 'accept' | 'deny' | 'never';
  /** @default 5 */
  ttlMs?: number;
}

type Method =
  | 'resolveUsername'
  | 'getHistory'
  | 'getReplies'
  | 'getMessages'
  | 'download'
  | 'sendCode'
  | 'signIn'
  | 'checkPassword'
  | 'signInQr'
  | 'logOut';

/** The stand-in itself: add chats and messages, queue failures per method, read back the calls made. */
export class StubTelegram {
  private readonly byName = new Map<string, StubChat>();
  private readonly byId = new Map<number, StubChat>();
  /** Other chats an answer carries (forward origins). */
  readonly extraChats: tl.TypeChat[] = [];
  /** Users an answer carries (comment authors). */
  readonly extraUsers: tl.TypeUser[] = [];
  /** `channelId/postId` -> its thread: the discussion group and the id of the post's copy there. */
  private readonly threads = new Map<string, { groupId: number; copyId: number }>();
  readonly calls: { method: Method; arg: unknown }[] = [];
  private readonly failures: { method: Method; error: Error }[] = [];
  private signedIn = false;
  private codeSent = false;
  private passwordNeeded = false;
  readonly sessions: string[] = [];
  /** The QR login's course (signInQr). */
  qr: StubQr = { codes: 1, then: 'accept' };
  opened = 0;
  closed = 0;

  constructor(readonly account: StubAccount = { phone: '+10000000000', code: '12345' }) {}

  addChat(chat: tl.TypeChat, messages: tl.TypeMessage[] = []): this {
    const entry = { chat, messages };
    if (chat._ === 'channel' && chat.username) this.byName.set(chat.username.toLowerCase(), entry);
    this.byId.set(chat.id, entry);
    return this;
  }

  /** Another username that resolves to a user (not a channel or group). */
  addUser(username: string, id: number): this {
    this.users.set(username.toLowerCase(), {
      _: 'user',
      id,
      accessHash: Long.fromNumber(id * 3),
      username,
      firstName: username,
    });
    return this;
  }
  private readonly users = new Map<string, tl.RawUser>();

  /**
   * Links channel post `postId` to its copy `copyId` in discussion group `groupId` (added with addChat): its
   * comments are the group's messages replying to the copy, or within its thread (replyToTopId).
   */
  linkThread(channelId: number, postId: number, groupId: number, copyId: number): this {
    this.threads.set(`${channelId}/${postId}`, { groupId, copyId });
    return this;
  }

  messagesOf(chatId: number): tl.TypeMessage[] {
    return this.byId.get(chatId)!.messages;
  }

  /** The next `times` calls of `method` throw `error`. */
  failNext(method: Method, error: Error, times = 1): this {
    for (let i = 0; i < times; i++) this.failures.push({ method, error });
    return this;
  }

  count(method: Method): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  private call(method: Method, arg: unknown): void {
    this.calls.push({ method, arg });
    const i = this.failures.findIndex((f) => f.method === method);
    if (i >= 0) throw this.failures.splice(i, 1)[0]!.error;
  }

  /** A client over this stand-in, as `openTelegram` would give one; a given session must be one it issued. */
  open: OpenClient = async (settings: ClientSettings): Promise<MtprotoClient> => {
    this.opened++;
    if (settings.session !== null) {
      if (!this.sessions.includes(settings.session)) throw rpcError(401, 'AUTH_KEY_UNREGISTERED');
      this.signedIn = true;
    }
    return this.client();
  };

  private readonly watchers = new Set<{
    channelIds: number[];
    onUpdate: (u: tl.TypeUpdate, peers: Peers) => void;
  }>();

  /**
   * Delivers an update to the watchers of its channel, as the library would (with the channel and the users among
   * the peers).
   */
  push(channelId: number, update: tl.TypeUpdate): void {
    const chat = this.byId.get(channelId)?.chat;
    const peers: Peers = {
      chats: new Map(chat ? [[chat.id, chat]] : []),
      users: new Map(this.extraUsers.map((u) => [u.id, u])),
    };
    for (const w of this.watchers) if (w.channelIds.includes(channelId)) w.onUpdate(update, peers);
  }

  /** How many subscriptions are running. */
  get watching(): number {
    return this.watchers.size;
  }

  /** The bytes of files by their photo or document id; a file not given answers FILE_REFERENCE_EXPIRED. */
  readonly files = new Map<string, Uint8Array>();

  /** A client of an account already logged in (what openAccount gives a collector). */
  connected(): MtprotoClient {
    this.signedIn = true;
    return this.client();
  }

  /** Ends the session from Telegram's side (revoked elsewhere, account banned). */
  revoke(): void {
    this.signedIn = false;
  }

  private client(): MtprotoClient {
    const needAuth = () => {
      if (!this.signedIn) throw rpcError(401, 'AUTH_KEY_UNREGISTERED');
    };
    return {
      resolveUsername: async (username) => {
        this.call('resolveUsername', username);
        needAuth();
        const u = this.users.get(username.toLowerCase());
        if (u)
          return { _: 'contacts.resolvedPeer', peer: { _: 'peerUser', userId: u.id }, chats: [], users: [u] };
        const c = this.byName.get(username.toLowerCase());
        if (!c) throw rpcError(400, 'USERNAME_NOT_OCCUPIED');
        return {
          _: 'contacts.resolvedPeer',
          peer: { _: 'peerChannel', channelId: c.chat.id },
          chats: [c.chat],
          users: [],
        };
      },
      getHistory: async (peer: PeerRef, r: HistoryRequest) => {
        this.call('getHistory', { peer, ...r });
        needAuth();
        const c = this.byId.get(peer.id);
        if (!c) throw rpcError(400, 'CHANNEL_INVALID');
        if (c.chat._ === 'channelForbidden') throw rpcError(400, 'CHANNEL_PRIVATE');
        if (c.chat._ === 'channel' && c.chat.accessHash?.toString() !== peer.accessHash)
          throw rpcError(400, 'CHANNEL_INVALID');
        const page = c.messages
          .filter((m) => (r.offsetId === 0 || m.id < r.offsetId) && m.id > (r.minId ?? 0))
          .sort((a, b) => b.id - a.id)
          .slice(0, r.limit);
        return {
          _: 'messages.channelMessages',
          pts: 1,
          count: c.messages.length,
          messages: page,
          topics: [],
          chats: [c.chat, ...this.extraChats],
          users: [],
        };
      },
      getReplies: async (peer: PeerRef, msgId: number, r: HistoryRequest) => {
        this.call('getReplies', { peer, msgId, ...r });
        needAuth();
        const channel = this.byId.get(peer.id);
        if (!channel) throw rpcError(400, 'CHANNEL_INVALID');
        const thread = this.threads.get(`${peer.id}/${msgId}`);
        if (!thread) throw rpcError(400, 'MSG_ID_INVALID');
        const group = this.byId.get(thread.groupId)!;
        const inThread = group.messages.filter((m) => {
          if (m._ === 'messageEmpty' || m.replyTo?._ !== 'messageReplyHeader') return false;
          return (m.replyTo.replyToTopId ?? m.replyTo.replyToMsgId) === thread.copyId;
        });
        const page = inThread
          .filter((m) => (r.offsetId === 0 || m.id < r.offsetId) && m.id > (r.minId ?? 0))
          .sort((a, b) => b.id - a.id)
          .slice(0, r.limit);
        return {
          _: 'messages.channelMessages',
          pts: 1,
          count: inThread.length,
          messages: page,
          topics: [],
          chats: [group.chat, channel.chat],
          users: [...this.extraUsers],
        };
      },
      getMessages: async (peer: PeerRef, ids: number[]) => {
        this.call('getMessages', { peer, ids });
        needAuth();
        const c = this.byId.get(peer.id);
        if (!c) throw rpcError(400, 'CHANNEL_INVALID');
        if (c.chat._ === 'channelForbidden') throw rpcError(400, 'CHANNEL_PRIVATE');
        const messages = ids.map(
          (id): tl.TypeMessage =>
            c.messages.find((m) => m.id === id && m._ !== 'messageEmpty') ?? { _: 'messageEmpty', id },
        );
        return {
          _: 'messages.channelMessages',
          pts: 1,
          count: messages.length,
          messages,
          topics: [],
          chats: [c.chat, ...this.extraChats],
          users: [...this.extraUsers],
        };
      },
      watch: async (channelIds, onUpdate) => {
        const sub = { channelIds: [...channelIds], onUpdate };
        this.watchers.add(sub);
        return {
          add: async (id: number) => void sub.channelIds.push(id),
          stop: async () => void this.watchers.delete(sub),
        };
      },
      download: async (file) => {
        this.call('download', file.id);
        needAuth();
        const bytes = this.files.get(file.id);
        if (!bytes) throw rpcError(400, 'FILE_REFERENCE_EXPIRED');
        return bytes;
      },
      sendCode: async (phone: string): Promise<SentCode> => {
        this.call('sendCode', phone);
        if (phone !== this.account.phone) throw rpcError(400, 'PHONE_NUMBER_INVALID');
        this.codeSent = true;
        return { phoneCodeHash: 'hash-1' };
      },
      signIn: async (phone, hash, code) => {
        this.call('signIn', { phone, hash, code });
        if (!this.codeSent || hash !== 'hash-1') throw rpcError(400, 'PHONE_CODE_EXPIRED');
        if (code !== this.account.code) throw rpcError(400, 'PHONE_CODE_INVALID');
        if (this.account.password !== undefined) {
          this.passwordNeeded = true;
          throw rpcError(401, 'SESSION_PASSWORD_NEEDED');
        }
        this.signedIn = true;
      },
      checkPassword: async (password) => {
        this.call('checkPassword', password);
        if (!this.passwordNeeded) throw rpcError(400, 'PASSWORD_HASH_INVALID');
        if (password !== this.account.password) throw rpcError(400, 'PASSWORD_HASH_INVALID');
        this.signedIn = true;
      },
      signInQr: async (o) => {
        this.call('signInQr', null);
        const ttl = this.qr.ttlMs ?? 5;
        const aborted = () =>
          new Promise<never>((_, reject) => {
            const fail = () => reject(o.signal!.reason as Error);
            if (o.signal?.aborted) fail();
            else o.signal?.addEventListener('abort', fail);
          });
        for (let i = 1; i <= this.qr.codes; i++) {
          o.onUrl(`tg://login?token=stub-token-${i}`, new Date(Date.now() + ttl));
          // The token lives its time unless scanned: the last one is the one the app scans (or not).
          if (i < this.qr.codes || this.qr.then === 'never')
            await Promise.race([new Promise((r) => setTimeout(r, ttl)), ...(o.signal ? [aborted()] : [])]);
        }
        if (this.qr.then === 'never') await aborted();
        if (this.qr.then === 'deny') throw rpcError(400, 'AUTH_TOKEN_EXPIRED');
        o.onScanned();
        if (this.account.password !== undefined)
          for (;;) {
            const given = await o.password();
            this.calls.push({ method: 'checkPassword', arg: given });
            if (given === this.account.password) break;
            o.onWrongPassword();
          }
        this.signedIn = true;
      },
      exportSession: async () => {
        if (!this.signedIn) throw new Error('not signed in');
        const s = `stub-session-${this.sessions.length + 1}`;
        this.sessions.push(s);
        return s;
      },
      logOut: async () => {
        this.call('logOut', null);
        this.signedIn = false;
        this.sessions.length = 0;
      },
      close: async () => {
        this.closed++;
      },
    };
  }
}
