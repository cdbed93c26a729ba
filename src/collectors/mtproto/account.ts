// Logging the account in and out, and opening its session for collecting: prompts, errors and the session file.
import { UserError, errorMessage } from '../../util/errors.js';
import { terminalQr } from '../../util/qr-terminal.js';
import { rpcError } from './adapt.js';
import type { MtprotoClient, OpenClient } from './client.js';
import { SessionMissingError, lockSession, readSession, removeSession, writeSession } from './session.js';

export interface AccountSettings {
  apiId: number | null;
  apiHash: string | null;
  /** Where the session is kept (mode 0600). */
  sessionFile: string;
}

/** How the login asks the user; the CLI reads the terminal, tests answer from a script. */
export interface Prompter {
  ask(question: string, options?: { secret?: boolean }): Promise<string>;
  say(line: string): void;
}

/** Wrong codes or passwords in a row before the login gives up (Telegram limits attempts too). */
const ATTEMPTS = 3;

/** The API id and hash, checked; a clear way to get them when they are missing. */
export function apiCredentials(s: AccountSettings): { apiId: number; apiHash: string } {
  if (s.apiId === null || s.apiHash === null)
    throw new UserError(
      'an API id and hash are needed to use a Telegram account: create them at https://my.telegram.org (API development tools) and set TGWIRE_API_ID and TGWIRE_API_HASH (or telegram.apiId and telegram.apiHash in the config file)',
    );
  return { apiId: s.apiId, apiHash: s.apiHash };
}

/** A Telegram refusal during login as one line saying what to do. */
function loginError(e: unknown): Error {
  const rpc = rpcError(e);
  if (!rpc) return e instanceof Error ? e : new Error(String(e));
  switch (rpc.text) {
    case 'PHONE_NUMBER_INVALID':
      return new UserError('Telegram does not know this phone number: write it in international format (+…)');
    case 'PHONE_NUMBER_BANNED':
      return new UserError('this phone number is banned by Telegram');
    case 'PHONE_CODE_EXPIRED':
      return new UserError('the login code expired: run tgwire login again');
    case 'API_ID_INVALID':
      return new UserError('Telegram refused the API id and hash: check them at https://my.telegram.org');
    case 'AUTH_TOKEN_EXPIRED':
    case 'AUTH_TOKEN_INVALID':
    case 'AUTH_TOKEN_ALREADY_ACCEPTED':
      return new UserError(
        `Telegram refused the QR code (${rpc.text}: it expired or the login was declined): run tgwire login --qr again`,
      );
    case 'FLOOD_WAIT_%d':
      return new UserError(`Telegram asks to wait ${rpc.seconds} s before the next login attempt`);
    default:
      return new UserError(`Telegram refused the login: ${rpc.text}`, { cause: e });
  }
}

/** Asks until `attempt` stops throwing `retryOn` (at most ATTEMPTS times); other errors end the login. */
async function withRetries(
  prompt: Prompter,
  retryOn: string,
  what: string,
  attempt: () => Promise<void>,
): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (rpcError(e)?.text !== retryOn) throw e;
      if (i >= ATTEMPTS) throw new UserError(`${what} was wrong ${ATTEMPTS} times: run tgwire login again`);
      prompt.say(`${what} is wrong; try again`);
    }
  }
}

/**
 * Logs the account in (phone, code, two-step password) and stores the session with mode 0600. The session's lock is
 * held throughout, so a collector cannot start on a half-made session.
 */
export async function login(open: OpenClient, settings: AccountSettings, prompt: Prompter): Promise<void> {
  const creds = apiCredentials(settings);
  const release = lockSession(settings.sessionFile);
  let client: MtprotoClient | null = null;
  try {
    client = await open({ ...creds, session: null });
    const c = client;
    const phone = (await prompt.ask('Phone number of the account (international format, +…)')).replace(
      /[\s()-]/g,
      '',
    );
    if (!phone) throw new UserError('no phone number given');
    try {
      const sent = await c.sendCode(phone);
      if (!sent.loggedIn) {
        const hash = sent.phoneCodeHash;
        let needPassword = false;
        await withRetries(prompt, 'PHONE_CODE_INVALID', 'the code', async () => {
          const code = (await prompt.ask('Code Telegram sent to the account')).replace(/\s/g, '');
          try {
            await c.signIn(phone, hash, code);
          } catch (e) {
            if (rpcError(e)?.text !== 'SESSION_PASSWORD_NEEDED') throw e;
            needPassword = true;
          }
        });
        if (needPassword)
          await withRetries(prompt, 'PASSWORD_HASH_INVALID', 'the password', async () =>
            c.checkPassword(await prompt.ask('Two-step verification password', { secret: true })),
          );
      }
    } catch (e) {
      throw loginError(e);
    }
    writeSession(settings.sessionFile, await c.exportSession());
    prompt.say(`logged in; the session is kept in ${settings.sessionFile} (mode 0600, keep it private)`);
  } finally {
    await client?.close();
    release();
  }
}

export interface QrLoginOptions {
  /** QR codes drawn before the login gives up, each living about 30 s as Telegram renews them. @default 4 */
  maxCodes?: number;
}

/**
 * Logs the account in by QR code: the login URL drawn in the terminal (again each time Telegram renews it), scanned
 * with the account's app (Settings > Devices > Link Desktop Device); then the two-step password when it has one. The
 * session is stored with mode 0600, the lock held throughout, as `login` does.
 */
export async function loginQr(
  open: OpenClient,
  settings: AccountSettings,
  prompt: Prompter,
  options: QrLoginOptions = {},
): Promise<void> {
  const creds = apiCredentials(settings);
  const maxCodes = options.maxCodes ?? 4;
  const release = lockSession(settings.sessionFile);
  const stop = new AbortController();
  let client: MtprotoClient | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Drawing is asynchronous; the codes are drawn in order and all drawn before the login ends.
  let drawing: Promise<void> = Promise.resolve();
  let codes = 0;
  let passwords = 0;
  try {
    client = await open({ ...creds, session: null });
    try {
      await client.signInQr({
        signal: stop.signal,
        onUrl(url, expires) {
          if (++codes > maxCodes) return;
          const n = codes;
          drawing = drawing
            .then(() => terminalQr(url))
            .then((qr) =>
              prompt.say(
                `${n === 1 ? 'Scan this QR code with the Telegram app of the account (Settings > Devices > Link Desktop Device):' : 'The code was renewed; scan this one:'}\n${qr}`,
              ),
            );
          // The last code drawn is left its time, then the login gives up (Telegram would renew it forever).
          if (n === maxCodes)
            timer = setTimeout(() => stop.abort(), Math.max(0, expires.getTime() - Date.now()));
        },
        onScanned: () => clearTimeout(timer),
        async password() {
          if (++passwords > ATTEMPTS)
            throw new UserError(`the password was wrong ${ATTEMPTS} times: run tgwire login --qr again`);
          return prompt.ask('Two-step verification password', { secret: true });
        },
        onWrongPassword() {
          if (passwords < ATTEMPTS) prompt.say('the password is wrong; try again');
        },
      });
    } catch (e) {
      await drawing.catch(() => {});
      if (e instanceof UserError) throw e;
      if (stop.signal.aborted)
        throw new UserError(
          `the QR code was not scanned in time (${maxCodes} codes drawn): run tgwire login --qr again, or tgwire login for a code`,
        );
      throw loginError(e);
    }
    await drawing;
    writeSession(settings.sessionFile, await client.exportSession());
    prompt.say(`logged in; the session is kept in ${settings.sessionFile} (mode 0600, keep it private)`);
  } finally {
    clearTimeout(timer);
    await client?.close();
    release();
  }
}

/** Ends the session at Telegram (when it still works there) and deletes the file. False when there was none. */
export async function logout(open: OpenClient, settings: AccountSettings): Promise<boolean> {
  const release = lockSession(settings.sessionFile);
  try {
    const session = readSession(settings.sessionFile);
    if (session === null) return false;
    const creds = apiCredentials(settings);
    let client: MtprotoClient | null = null;
    try {
      client = await open({ ...creds, session });
      await client.logOut();
    } catch (e) {
      // A session Telegram already ended (AUTH_KEY_*) is logged out all the same; anything else keeps the file.
      if (!rpcError(e)?.text.startsWith('AUTH_KEY_'))
        throw new UserError(`logout failed, the session is kept: ${errorMessage(e)}`, { cause: e });
    } finally {
      await client?.close();
    }
    removeSession(settings.sessionFile);
    return true;
  } finally {
    release();
  }
}

export interface OpenedAccount {
  client: MtprotoClient;
  /** Closes the client and releases the session's lock. */
  close(): Promise<void>;
}

/** Opens the stored session for collecting, holding its lock until close; `updates` for watch. */
export async function openAccount(
  open: OpenClient,
  settings: AccountSettings,
  options: { updates?: boolean } = {},
): Promise<OpenedAccount> {
  const session = readSession(settings.sessionFile);
  if (session === null) throw new SessionMissingError(settings.sessionFile);
  const creds = apiCredentials(settings);
  const release = lockSession(settings.sessionFile);
  let client: MtprotoClient;
  try {
    client = await open({ ...creds, session, updates: options.updates === true });
  } catch (e) {
    release();
    // Opening only reads the session (no connection yet): a failure here is a damaged or foreign session file.
    throw new UserError(
      `the Telegram session ${settings.sessionFile} cannot be used (${errorMessage(e)}): run tgwire login again`,
      { cause: e },
    );
  }
  return {
    client,
    async close() {
      try {
        // The library may have renewed keys or moved data centres: the next run starts from there. A session that
        // cannot be exported any more (revoked meanwhile) leaves the file as it was, for logout to clear.
        const latest = await client.exportSession().catch(() => null);
        if (latest !== null) writeSession(settings.sessionFile, latest);
      } finally {
        await client.close();
        release();
      }
    },
  };
}
