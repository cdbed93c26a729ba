// Config routes -> publication routes with stable ids, and the per-route post filters (forwards, languages).
import type { RouteEntry } from '../config/config.js';
import { ISO_639_1, inLanguages } from '../model/languages.js';
import type { Post } from '../model/post.js';
import type { Selector } from '../pipeline/publish/select.js';
import { SAVED_SEARCH_NAME } from '../search/saved.js';
import { QuerySyntaxError, parseQuery } from '../search/parse.js';
import { TEMPLATE_PLACEHOLDERS } from './render.js';
import { UserError } from '../util/errors.js';

export interface Route {
  /**
   * What the outbox knows the route by, with each chat: its source ("topic:brics", "channel:sample",
   * "search:NAME", "query:TEXT") or the `id:` the config gives it. It does not depend on the other routes or on the
   * route's options, so editing, removing or reordering routes never moves another route's history.
   */
  id: string;
  /** The id the route had when ids counted routes by position (bot/route-ids.ts adopts those rows). */
  formerId: string;
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

/** An explicit route id: no ":", so it never equals an id made from a source. */
const ROUTE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** `file` (the config file) names where a mistake is, when the routes came from one. */
export function routesFromConfig(entries: readonly RouteEntry[], file?: string | null): Route[] {
  const where = (i: number) => `${file ? `${file}: ` : ''}routes.${i}`;
  const seen = new Map<string, number>();
  const routes = entries.map((e, i) => {
    const kinds = (['topic', 'channel', 'search', 'query'] as const).filter((k) => e[k] !== undefined);
    if (kinds.length !== 1)
      throw new UserError(
        `${where(i)}: give exactly one of topic, channel, search or query (got ${kinds.length})`,
      );
    const key = kinds[0]!;
    const value = e[key]!;
    if (key === 'search' && !SAVED_SEARCH_NAME.test(value))
      throw new UserError(
        `${where(i)}: search: names a saved search (lower-case letters, digits, "-", "_"), not ${JSON.stringify(value.slice(0, 80))}: ` +
          `save it (tgwire searches add NAME 'QUERY') or write the query as query: ${JSON.stringify(value.slice(0, 80))}`,
      );
    if (e.id !== undefined && !ROUTE_ID.test(e.id))
      throw new UserError(
        `${where(i)}: id: ${JSON.stringify(e.id.slice(0, 80))} is not a route id (lower-case letters, digits, "-", "_", at most 64)`,
      );
    const at = `${where(i)} (${key}: ${value.slice(0, 80)})`;
    const languages = (e.languages ?? []).map((l) => l.toLowerCase());
    // The check `channels set --lang` makes: a misspelt code would silently keep only undetermined posts.
    const bad = languages.find((l) => !ISO_639_1.has(l));
    if (bad !== undefined)
      throw new UserError(
        `${at}: languages: "${bad.slice(0, 20)}" is not an ISO 639-1 language code (two letters: en, ru, fr …)`,
      );
    for (const field of ['header', 'footer'] as const) {
      const unknown = [...(e[field] ?? '').matchAll(/\{(\w+)\}/g)].find(
        (m) => !TEMPLATE_PLACEHOLDERS.includes(m[1]!),
      );
      if (unknown)
        throw new UserError(
          `${at}: ${field}: unknown placeholder ${unknown[0]} (known: ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`,
        );
    }
    if (key === 'query')
      try {
        parseQuery(value);
      } catch (err) {
        if (err instanceof QuerySyntaxError)
          throw new UserError(`${at}: query: ${err.message}`, { cause: err });
        throw err;
      }
    const kind = key === 'search' ? 'saved' : key === 'query' ? 'search' : key;
    const source = kind === 'channel' ? value.toLowerCase() : value;
    // Before ids were stable, a query route was "search:QUERY" and a second route on a source got "#2".
    const formerBase = `${key === 'query' ? 'search' : key}:${source}`;
    const n = (seen.get(formerBase) ?? 0) + 1;
    seen.set(formerBase, n);
    const chats = [...new Set((Array.isArray(e.to) ? e.to : [e.to]).map(String))];
    if (chats.length === 0) throw new UserError(`${where(i)}: "to" names no chat`);
    return {
      id: e.id ?? `${key}:${source}`,
      formerId: n === 1 ? formerBase : `${formerBase}#${n}`,
      selector: { kind, value },
      chats,
      forwards: e.forwards,
      languages,
      undetermined: e.undetermined,
      header: e.header,
      footer: e.footer,
      silent: e.silent,
      deleteOnSourceDelete: e.deleteOnSourceDelete,
    } satisfies Route;
  });
  // Two routes with one id may share no chat: their messages there would be one history.
  const owner = new Map<string, number>();
  routes.forEach((r, i) => {
    for (const chat of r.chats) {
      const j = owner.get(`${r.id}\u0000${chat}`);
      if (j !== undefined)
        throw new UserError(
          `${where(i)}: routes.${j} also publishes ${r.id} to ${chat}: give one of them an id: of its own ` +
            `(lower-case letters, digits, "-", "_") so tgwire can tell their messages apart`,
        );
      owner.set(`${r.id}\u0000${chat}`, i);
    }
  });
  return routes;
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
