// Who a forward came from: the one identity every forward view (stats, dashboard, GEXF/GraphML, CSV) keys origins by.
import type { ForwardedFrom } from './post.js';

/**
 * `channel`: a channel or group (also an origin known by a username only, which a t.me page gives for channels);
 * `user`: a user's account; `name`: known by its name alone (a hidden sender, or a source that gives no id at all:
 * HTML exports, text dumps).
 */
export type OriginKind = 'channel' | 'user' | 'name';

export interface OriginId {
  /**
   * The username (lower-cased) when known, else `channel:ID` / `user:ID` for a numeric id, else the name as shown.
   * Two origins that share a title but not an id stay apart; a user and a channel with one id number too.
   */
  key: string;
  kind: OriginKind;
}

/** The identity of a forward's origin: its username, else its numeric id, else its name. */
export function forwardOrigin(
  f: Pick<ForwardedFrom, 'name' | 'username' | 'numericId' | 'fromUser'>,
): OriginId {
  const kind: OriginKind = f.fromUser ? 'user' : 'channel';
  if (f.username) return { key: f.username.toLowerCase(), kind };
  if (f.numericId !== undefined) return { key: `${kind}:${f.numericId}`, kind };
  return { key: f.name, kind: 'name' };
}
