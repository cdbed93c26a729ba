// Moves outbox history kept under a route's former id (counted by position in the config) to its stable id.
import type { OutboxStore } from '../store/outbox.js';
import type { Route } from './routes.js';

export interface Adopted {
  from: string;
  to: string;
  chat: string;
}

/** Whether `old` is an id the route could have had by position: its former base, alone or with "#N". */
function couldHaveBeen(route: Route, old: string): boolean {
  const base = route.formerId.replace(/#\d+$/, '');
  return old === base || (old.startsWith(`${base}#`) && /^\d+$/.test(old.slice(base.length + 1)));
}

/**
 * Before route ids were stable, a route was "SOURCE" or "SOURCE#N" by its position among the routes on that source
 * (and a query route "search:QUERY"). Each (old id, chat) in the outbox that no route has now goes to the one route
 * on that source which sends to that chat; when several do, to the one whose position gives that old id. Rows whose
 * route is not found stay as they are (a route that was removed). Idempotent: run before every pass.
 */
export async function adoptFormerIds(outbox: OutboxStore, routes: readonly Route[]): Promise<Adopted[]> {
  const current = new Set(routes.flatMap((r) => r.chats.map((c) => `${r.id}\u0000${c}`)));
  const done: Adopted[] = [];
  for (const { route: old, chat } of await outbox.routeChats()) {
    if (current.has(`${old}\u0000${chat}`)) continue;
    const candidates = routes.filter((r) => r.chats.includes(chat) && couldHaveBeen(r, old));
    const heir = candidates.length === 1 ? candidates[0]! : candidates.find((r) => r.formerId === old);
    if (!heir || heir.id === old) continue;
    if (await outbox.renameRoute(old, heir.id, chat)) done.push({ from: old, to: heir.id, chat });
  }
  return done;
}
