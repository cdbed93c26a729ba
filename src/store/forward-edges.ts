// The forward network's edges from per-backend groups: both stores group their forwards by what identifies an origin
// and hand the groups here, so SQLite and PostgreSQL key, name and order origins by one rule (model/origin.ts).
import { forwardOrigin } from '../model/origin.js';
import type { ForwardEdge } from './store.js';

/** One group of a channel's forwards with one username, numeric id and user mark (the name when it has neither). */
export interface ForwardGroup {
  channel: string;
  username: string | null;
  numericId: number | string | null;
  /** Truthy: the forwards are from a user's account. */
  fromUser: unknown;
  /** The greatest name the group's forwards showed. */
  name: string;
  posts: number | string;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The edges, one per channel and origin identity: most posts first, then by channel and origin. */
export function forwardEdgesOf(groups: readonly ForwardGroup[]): ForwardEdge[] {
  const edges = new Map<string, ForwardEdge>();
  for (const g of groups) {
    // A username seen with and without an id (t.me pages and exports) is one origin: the groups join here.
    const { key, kind } = forwardOrigin({
      name: g.name,
      username: g.username,
      ...(g.numericId !== null ? { numericId: Number(g.numericId) } : {}),
      ...(g.fromUser ? { fromUser: true as const } : {}),
    });
    const k = `${g.channel}\u0000${kind}\u0000${key}`;
    const e = edges.get(k);
    if (!e)
      edges.set(k, {
        channel: g.channel,
        origin: key,
        originName: g.name,
        originKind: kind,
        posts: Number(g.posts),
      });
    else {
      e.posts += Number(g.posts);
      if (byCodeUnit(g.name, e.originName) > 0) e.originName = g.name;
    }
  }
  return [...edges.values()].sort(
    (a, b) =>
      b.posts - a.posts ||
      byCodeUnit(a.channel, b.channel) ||
      byCodeUnit(a.origin, b.origin) ||
      byCodeUnit(a.originKind, b.originKind),
  );
}
