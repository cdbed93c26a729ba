// A local fake of the Telegram Bot API (127.0.0.1): checks the bot's requests, answers like Telegram, records sends.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Published {
  method: string;
  chatId: string;
  messageId: number;
  text: string;
  entities: BotEntityLike[];
  photo?: string;
  disableNotification: boolean;
  /** Date.now() when the request was accepted. */
  at: number;
  /** Posted by someone else (postAsOther): the bot cannot edit it unless it may edit others' messages. */
  foreign?: boolean;
}

export interface BotEntityLike {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export interface Fault {
  method?: string;
  chatId?: string;
  code: number;
  description: string;
  retryAfter?: number;
  /** How many requests it answers (default 1). */
  times?: number;
}

export interface FakeBotApiOptions {
  /** The token the bot must use. @default '123:TEST' */
  token?: string;
  /** Answer 429 when a chat gets more than this many messages in `window.ms` (Telegram-like flood control). */
  window?: { max: number; ms: number };
  /**
   * The bot is a channel admin allowed to edit others' messages (getChatMember says can_edit_messages): its edits
   * of foreign messages go through, as on Telegram. @default false
   */
  botCanEditOthers?: boolean;
}

const KNOWN = new Set([
  'getMe',
  'getChatMember',
  'sendMessage',
  'sendPhoto',
  'editMessageText',
  'editMessageCaption',
  'deleteMessage',
]);

const ENTITY_TYPES = new Set([
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
  'code',
  'pre',
  'blockquote',
  'expandable_blockquote',
  'text_link',
  'url',
  'mention',
  'hashtag',
  'cashtag',
  'bot_command',
  'email',
  'phone_number',
  'bank_card',
]);

export class FakeBotApi {
  /** Messages accepted, in order (deleted ones stay, marked). */
  readonly published: Published[] = [];
  /** Every request, accepted or not. */
  readonly requests: { method: string; params: Record<string, unknown>; at: number; status: number }[] = [];
  /** Requests that broke the Bot API's rules (a bug in the bot): tests assert this stays empty. */
  readonly violations: string[] = [];
  readonly edits: { chatId: string; messageId: number; text: string; at: number }[] = [];
  readonly deletions: { chatId: string; messageId: number; at: number }[] = [];
  private readonly faults: Fault[] = [];
  private readonly nextId = new Map<string, number>();
  private readonly live = new Map<string, Published>();
  private server: Server | null = null;
  readonly token: string;
  /**
   * Called when a send is accepted (the message exists, with its id), before the answer leaves; the answer waits
   * for it. Tests kill the bot here to land in the window "Telegram has it, the bot does not know yet".
   */
  onAccept: ((p: Published) => void | Promise<void>) | null = null;
  /**
   * The next this-many accepted sends lose their answer: the message exists, then the connection is reset (the
   * bot sees a network failure and cannot know the message was taken).
   */
  dropAnswers = 0;

  constructor(private readonly options: FakeBotApiOptions = {}) {
    this.token = options.token ?? '123:TEST';
  }

  /** Starts listening; resolves to the apiRoot to give grammY. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  /** The next matching requests get this error answer. */
  fail(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /**
   * Another poster (a user, another admin) adds a message: it takes the chat's next id, as on Telegram, where ids
   * in a channel or supergroup count every message, whoever sent it.
   */
  postAsOther(chatId: string, text: string): Published {
    const messageId = (this.nextId.get(chatId) ?? 0) + 1;
    this.nextId.set(chatId, messageId);
    const p: Published = {
      method: 'sendMessage',
      chatId,
      messageId,
      text,
      entities: [],
      disableNotification: false,
      at: Date.now(),
      foreign: true,
    };
    this.published.push(p);
    this.live.set(`${chatId}/${messageId}`, p);
    return p;
  }

  /** Messages currently visible in a chat (edited text, deletions removed), in order. */
  chat(chatId: string): Published[] {
    return this.published.filter((p) => p.chatId === chatId && this.live.has(`${chatId}/${p.messageId}`));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const refuse = (code: number, description: string, parameters?: Record<string, unknown>) => {
      this.requests.push({ method: m?.[2] ?? '?', params, at: Date.now(), status: code });
      send(code, { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
    };
    let params: Record<string, unknown> = {};
    try {
      const body = Buffer.concat(chunks).toString('utf8');
      params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      this.violations.push(`unreadable body for ${req.url}`);
      return refuse(400, 'Bad Request: invalid JSON');
    }
    if (!m || req.method !== 'POST') return refuse(404, 'Not Found');
    const [, token, method] = m as unknown as [string, string, string];
    if (token !== this.token) return refuse(401, 'Unauthorized');
    if (!KNOWN.has(method)) {
      this.violations.push(`unexpected method ${method}`);
      return refuse(404, 'Not Found: method not found');
    }
    if (method === 'getMe') {
      this.requests.push({ method, params, at: Date.now(), status: 200 });
      return send(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'fake' } });
    }
    const chatId = params.chat_id === undefined ? '' : String(params.chat_id);
    if (!chatId) {
      this.violations.push(`${method} without chat_id`);
      return refuse(400, 'Bad Request: chat_id is empty');
    }
    const fault = this.faults.find(
      (f) => (f.times ?? 1) > 0 && (!f.method || f.method === method) && (!f.chatId || f.chatId === chatId),
    );
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return refuse(
        fault.code,
        fault.description,
        fault.retryAfter !== undefined ? { retry_after: fault.retryAfter } : undefined,
      );
    }
    if (method === 'getChatMember') {
      this.requests.push({ method, params, at: Date.now(), status: 200 });
      const others = this.options.botCanEditOthers === true;
      return send(200, {
        ok: true,
        result: {
          status: 'administrator',
          user: { id: Number(params.user_id), is_bot: true, first_name: 'fake' },
          can_post_messages: true,
          can_edit_messages: others,
          can_delete_messages: true,
        },
      });
    }
    const isCaption = method === 'sendPhoto' || method === 'editMessageCaption';
    const text = String((isCaption ? params.caption : params.text) ?? '');
    const entities = ((isCaption ? params.caption_entities : params.entities) ?? []) as BotEntityLike[];
    const problem = this.checkText(method, text, entities, params, isCaption);
    if (problem) return refuse(400, problem);
    const now = Date.now();

    if (method === 'sendMessage' || method === 'sendPhoto') {
      if (this.options.window) {
        const recent = this.published.filter(
          (p) => p.chatId === chatId && p.at > now - this.options.window!.ms,
        );
        if (recent.length >= this.options.window.max) {
          const wait = Math.ceil((recent[0]!.at + this.options.window.ms - now) / 1000);
          return refuse(429, `Too Many Requests: retry after ${wait}`, { retry_after: wait });
        }
      }
      if (method === 'sendPhoto' && typeof params.photo !== 'string') {
        this.violations.push('sendPhoto without a photo URL');
        return refuse(400, 'Bad Request: there is no photo in the request');
      }
      const messageId = (this.nextId.get(chatId) ?? 0) + 1;
      this.nextId.set(chatId, messageId);
      const p: Published = {
        method,
        chatId,
        messageId,
        text,
        entities,
        ...(method === 'sendPhoto' ? { photo: String(params.photo) } : {}),
        disableNotification: params.disable_notification === true,
        at: now,
      };
      this.published.push(p);
      this.live.set(`${chatId}/${messageId}`, p);
      this.requests.push({ method, params, at: now, status: 200 });
      if (this.onAccept) await this.onAccept(p);
      if (this.dropAnswers > 0) {
        this.dropAnswers--;
        res.socket?.destroy();
        return;
      }
      return send(200, {
        ok: true,
        result: { message_id: messageId, date: Math.floor(now / 1000), chat: { id: chatId }, text },
      });
    }
    const messageId = Number(params.message_id);
    const target = this.live.get(`${chatId}/${messageId}`);
    if (method === 'deleteMessage') {
      if (!target) return refuse(400, 'Bad Request: message to delete not found');
      this.live.delete(`${chatId}/${messageId}`);
      this.deletions.push({ chatId, messageId, at: now });
      this.requests.push({ method, params, at: now, status: 200 });
      return send(200, { ok: true, result: true });
    }
    if (!target) return refuse(400, 'Bad Request: message to edit not found');
    // Not a violation: a probe after a crash may try an id that holds a message of the other kind.
    if ((target.method === 'sendPhoto') !== isCaption)
      return refuse(
        400,
        isCaption
          ? 'Bad Request: there is no caption in the message to edit'
          : 'Bad Request: there is no text in the message to edit',
      );
    if (target.foreign && !this.options.botCanEditOthers)
      return refuse(400, "Bad Request: message can't be edited");
    if (target.text === text && JSON.stringify(target.entities) === JSON.stringify(entities))
      return refuse(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    target.text = text;
    target.entities = entities;
    this.edits.push({ chatId, messageId, text, at: now });
    this.requests.push({ method, params, at: now, status: 200 });
    return send(200, { ok: true, result: { message_id: messageId, text } });
  }

  /** Telegram's checks on a text and its entities; returns the refusal, or null. */
  private checkText(
    method: string,
    text: string,
    entities: BotEntityLike[],
    params: Record<string, unknown>,
    isCaption: boolean,
  ): string | null {
    if (method === 'deleteMessage') return null;
    if (!isCaption && text.trim() === '') return 'Bad Request: message text is empty';
    if (!isCaption && text.length > 4096) return 'Bad Request: message is too long';
    if (isCaption && text.length > 1024) return 'Bad Request: message caption is too long';
    if (params.parse_mode !== undefined && entities.length > 0)
      this.violations.push(`${method}: parse_mode and entities together`);
    if (text !== text.trim())
      this.violations.push(`${method}: untrimmed text (Telegram would shift entities)`);
    for (const e of entities) {
      if (!ENTITY_TYPES.has(e.type)) this.violations.push(`${method}: entity type ${e.type}`);
      if (!(e.offset >= 0 && e.length > 0 && e.offset + e.length <= text.length))
        return `Bad Request: can't parse entities: entity ${e.type} at ${e.offset}+${e.length} is outside the text of length ${text.length}`;
      if (e.type === 'text_link' && !/^https?:\/\//.test(e.url ?? ''))
        this.violations.push(`${method}: text_link without an http(s) url`);
      // A surrogate pair cut by an entity boundary is a malformed entity.
      const cut = (i: number) => i > 0 && i < text.length && /[\uD800-\uDBFF]/.test(text[i - 1]!);
      if (cut(e.offset) || cut(e.offset + e.length))
        this.violations.push(`${method}: entity cuts a surrogate pair`);
    }
    return null;
  }
}
