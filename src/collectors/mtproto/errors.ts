// MTProto refusals in our terms: a flood wait to honour, or the channel problem a status records.
import { ChannelUnavailableError } from '../../util/errors.js';
import { rpcError } from './adapt.js';

/** Telegram asks to wait `seconds` before calling `method` again (FLOOD_WAIT_X, SLOWMODE_WAIT_X). */
export class FloodWaitError extends Error {
  override name = 'FloodWaitError';
  constructor(
    readonly seconds: number,
    readonly method: string,
    options?: { cause?: unknown },
  ) {
    super(`Telegram asks to wait ${seconds} s before the next ${method} (flood limit)`, options);
  }
}

/** The seconds of a flood wait (FLOOD_WAIT_X, FLOOD_PREMIUM_WAIT_X, SLOWMODE_WAIT_X), or null for other errors. */
export function floodWaitSeconds(e: unknown): number | null {
  const rpc = rpcError(e);
  if (rpc?.code !== 420 && !rpc?.text.startsWith('SLOWMODE_WAIT')) return null;
  if (rpc.seconds !== undefined) return rpc.seconds;
  const m = /_(\d+)$/.exec(rpc.text);
  return m ? Number(m[1]) : null;
}

const SESSION_GONE = /^(AUTH_KEY_|SESSION_REVOKED|SESSION_EXPIRED|USER_DEACTIVATED)/;

/** An RPC error that says the channel cannot be read through the account, as a ChannelUnavailableError; else null. */
export function unavailableFromRpc(e: unknown, key: string): ChannelUnavailableError | null {
  const rpc = rpcError(e);
  if (!rpc) return null;
  if (rpc.text === 'USERNAME_NOT_OCCUPIED' || rpc.text === 'USERNAME_INVALID')
    return new ChannelUnavailableError(
      `@${key}: no such channel or group on Telegram (unknown username; check the spelling)`,
      key,
      'not_found',
    );
  if (['CHANNEL_PRIVATE', 'CHAT_FORBIDDEN', 'CHANNEL_INVALID', 'CHANNEL_PUBLIC_GROUP_NA'].includes(rpc.text))
    return new ChannelUnavailableError(
      `@${key}: the account cannot read it (${rpc.text}: a private channel or group it has not joined, or one that banned it)`,
      key,
      'private',
    );
  if (SESSION_GONE.test(rpc.text))
    return new ChannelUnavailableError(
      `the Telegram session no longer works (${rpc.text}: logged out elsewhere, revoked, or the account was banned): run tgwire login again`,
      key,
      'session_invalid',
    );
  return null;
}
