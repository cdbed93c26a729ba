// Config routes -> publication routes with stable ids, and the per-route post filters (forwards, languages).
import type { RouteEntry } from '../config/config.js';
import { inLanguages } from '../model/languages.js';
import type { Post } from '../model/post.js';
import type { Selector } from '../pipeline/publish/select.js';
import { SAVED_SEARCH_NAME } from '../search/saved.js';
import { UserError } from '../util/errors.js';

export interface Route {
  /** Stable across config edits of options ("topic:brics"; "topic:brics#2" for a second route on it). */
  id: string;
  selector: Selector;
  chats: string[];
  forwards: 'include' | 'exclude' | 'only';
  /** ISO 639-1 codes; empty: any language. */
  languages: string[];
  /** With languages: whether posts of undetermined language (und, or never detected) pass. */
  undetermined: 'include' | 'exclude';
  header?: string;
  footer?: string;
  silent: boolean;
  deleteOnSourceDelete: boolean;
}

export function routesFromConfig(entries: readonly RouteEntry[]): Route[] {
  const seen = new Map<string, number>();
  return entries.map((e, i) => {
    const kinds = (['topic', 'channel', 'search', 'query'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1)
      throw new UserError(
        `routes.${i}: give exactly one of topic, channel, search or query (got ${kinds.length})`,
      );
    const key = kinds[0]!;
    const value = e[key]!;
    if (key === 'search' && !SAVED_SEARCH_NAME.test(value))
      throw new UserError(
        `routes.${i}: search: names a saved search (lower-case letters, digits, "-", "_"), not ${JSON.stringify(value.slice(0, 80))}: ` +
          `save it (tgwire searches add NAME 'QUERY') or write the query as query: ${JSON.stringify(value.slice(0, 80))}`,
      );
    const kind = key === 'search' ? 'saved' : key === 'query' ? 'search' : key;
    // A query route keeps the id "search:QUERY" routes had before saved searches, so its outbox history carries on.
    const base = `${key === 'query' ? 'search' : key}:${kind === 'channel' ? value.toLowerCase() : value}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const chats = (Array.isArray(e.to) ? e.to : [e.to]).map(String);
    if (chats.length === 0) throw new UserError(`routes.${i}: "to" names no chat`);
    return {
      id: n === 1 ? base : `${base}#${n}`,
      selector: { kind, value },
      chats,
      forwards: e.forwards,
      languages: (e.languages ?? []).map((l) => l.toLowerCase()),
      undetermined: e.undetermined,
      header: e.header,
      footer: e.footer,
      silent: e.silent,
      deleteOnSourceDelete: e.deleteOnSourceDelete,
    };
  });
}

/**
 * The route's own filters. A language list keeps posts in those languages; posts whose language could not be told
 * pass unless the route says `undetermined: exclude`, so a short post is never dropped for want of a label; a
 * Serbo-Croatian post (sh) passes a route for Croatian, Bosnian or Serbian.
 */
export function routeAccepts(route: Route, post: Post): boolean {
  if (route.forwards === 'exclude' && post.forwardedFrom) return false;
  if (route.forwards === 'only' && !post.forwardedFrom) return false;
  if (route.languages.length > 0) {
    const unknown = !post.lang || post.lang === 'und';
    if (unknown ? route.undetermined === 'exclude' : !inLanguages(route.languages, post.lang!)) return false;
  }
  if (post.service) return false;
  return true;
}
