// The Bot API as the publisher needs it (one generic call), on grammY, and how its failures are classified.
import { Api, GrammyError, HttpError } from 'grammy';
import { UserError } from '../util/errors.js';

export interface BotApi {
  /** Calls a Bot API method; resolves to its result, rejects with grammY's GrammyError / HttpError. */
  call(method: string, params: Record<string, unknown>): Promise<unknown>;
}

export interface BotApiOptions {
  /** Never logged or shown. */
  token: string;
  /** A fake Bot API in tests. @default https://api.telegram.org */
  apiRoot?: string;
  /** @default 30 */
  timeoutSeconds?: number;
}

export function grammyBotApi(options: BotApiOptions): BotApi {
  const api = new Api(options.token, {
    ...(options.apiRoot ? { apiRoot: options.apiRoot.replace(/\/+$/, '') } : {}),
    timeoutSeconds: options.timeoutSeconds ?? 30,
  });
  const raw = api.raw as unknown as Record<string, (p?: Record<string, unknown>) => Promise<unknown>>;
  return {
    call(method, params) {
      const fn = raw[method];
      if (!fn) return Promise.reject(new Error(`unknown Bot API method ${method}`));
      // Methods without parameters (getMe) take an abort signal first in grammY's raw API, not a payload.
      return Object.keys(params).length ? fn(params) : fn();
    },
  };
}

/** Telegram answered (ok: false): the message was certainly not accepted. */
export function isTelegramRefusal(e: unknown): e is GrammyError {
  return e instanceof GrammyError;
}

export function isNetworkFailure(e: unknown): boolean {
  return e instanceof HttpError;
}

export type Refusal =
  /** The edit changes nothing / the message is already gone: the operation is done. */
  | 'done'
  /** This one message cannot be edited or deleted (too old, not ours): record it, go on. */
  | 'message'
  /** The route cannot go on (too long, chat not found, not admin, kicked): stop it, other routes go on. */
  | 'route'
  /** The token is wrong: nothing can go on. */
  | 'token'
  /** Anything else: keep it for the next run. */
  | 'later';

/** What a refusal means for the publisher (grammY's error code and description). */
export function classifyRefusal(e: GrammyError): Refusal {
  const d = e.description.toLowerCase();
  if (e.error_code === 401) return 'token';
  // A token that is not even shaped like one: Telegram answers the whole URL with a bare 404 (chats not found are 400).
  if (e.error_code === 404 && /^not found$/i.test(e.description.trim())) return 'token';
  if (e.error_code === 400 && /message is not modified|message to (?:edit|delete) not found/.test(d))
    return 'done';
  if (e.error_code === 400 && /message can't be (?:edited|deleted)/.test(d)) return 'message';
  if (e.error_code === 400 || e.error_code === 403 || e.error_code === 404) return 'route';
  return 'later';
}

/** The one-line reason recorded on a stopped route, with what to do next. */
export function refusalMessage(e: GrammyError, chat: string): string {
  const d = e.description;
  let hint = '';
  if (/too long/i.test(d)) hint = ' (a message over the limit: report it, tgwire splits texts at 4096/1024)';
  else if (/chat not found/i.test(d)) hint = ` (check the chat id ${chat} and that the bot was added to it)`;
  else if (/not (?:enough rights|a member)|need administrator|admin/i.test(d))
    hint = ' (make the bot an administrator allowed to post)';
  else if (/kicked|blocked/i.test(d)) hint = ' (add the bot back, then run publish --resume)';
  return `${e.error_code} ${d}${hint}`;
}

/**
 * Telegram refused the bot's token: nothing can be published until the setting is fixed. A user error (exit 1, one
 * line naming the setting), never an internal one.
 */
export class BotTokenError extends UserError {
  override name = 'BotTokenError';
  constructor(
    message: string,
    readonly code: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function tokenError(e: GrammyError): BotTokenError {
  return new BotTokenError(
    `Telegram refused the bot token (${e.error_code} ${e.description}): check TGWIRE_BOT_TOKEN, the token BotFather gave the bot (talk to @BotFather for a new one)`,
    e.error_code,
    { cause: e },
  );
}
