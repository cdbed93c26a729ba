// Which way a channel is collected: the web preview when it shows the channel, else the account when there is one.
import type { CollectVia } from '../../model/collection.js';
import { ChannelUnavailableError, errorMessage } from '../../util/errors.js';
import type { HttpClient } from '../../util/http.js';
import { readChannelPage } from './sync.js';

export interface ViaChoice {
  via: CollectVia;
  /** Why, in one line for the user. */
  why: string;
}

/**
 * `channels add --via auto`: reads the channel's newest t.me/s page once. A preview that works is used; a disabled
 * preview or a group (t.me shows neither) goes through the account when a session exists.
 */
export async function chooseVia(
  http: HttpClient,
  base: string,
  key: string,
  sessionExists: boolean,
): Promise<ViaChoice> {
  try {
    await readChannelPage(http, base, key, '');
    return { via: 'web', why: 'the web preview shows it' };
  } catch (e) {
    if (e instanceof ChannelUnavailableError && e.problem !== 'not_found') {
      const what =
        e.problem === 'preview_disabled' ? 'its web preview is disabled' : 'it is a group or private chat';
      return sessionExists
        ? { via: 'mtproto', why: `${what}: collected through the Telegram account` }
        : { via: 'web', why: `${what}, and no Telegram account is logged in (tgwire login)` };
    }
    if (e instanceof ChannelUnavailableError) return { via: 'web', why: e.message };
    return { via: 'web', why: `the web preview could not be checked (${errorMessage(e)})` };
  }
}
