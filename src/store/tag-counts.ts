// Hashtag counts as search sees tags: spellings with one tagKey (#fcs and #fсs with a Cyrillic с, #elections and
// #élections) are one tag, counted once per post and shown as most posts wrote it, lower-cased as the stores keep
// tags (the letter case a post wrote is not kept: showing it would mean re-reading every post). Both stores count here.
import { tagKey } from '../text/tags.js';

/** Posts carrying one stored spelling of a tag in one period ('' for the whole archive). */
export interface SpellingCount {
  period: string;
  tag: string;
  posts: number;
}

/** One post carrying one spelling: read only for tags with several spellings, to count a post carrying two once. */
export interface SpellingPost {
  period: string;
  tag: string;
  post: string | number;
}

const keyOf = (tag: string): string => tagKey(tag) || tag;
const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The spellings that share their tagKey with another one: their posts must be read to count each post once. */
export function sharedSpellings(rows: readonly SpellingCount[]): string[] {
  const spellings = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = keyOf(r.tag);
    if (!spellings.has(k)) spellings.set(k, new Set());
    spellings.get(k)!.add(r.tag);
  }
  return [...spellings.values()].filter((s) => s.size > 1).flatMap((s) => [...s].sort(byteOrder));
}

/**
 * Rows per (period, tag) for the `top` tags over the whole range (most posts first, ties by name, byte order), a tag
 * being every spelling with its tagKey, named by the spelling on most posts. `posts` lists the posts of the
 * sharedSpellings(rows); the others' counts are taken as they are. Sorted by period, then tag.
 */
export function countByTagKey(
  rows: readonly SpellingCount[],
  posts: readonly SpellingPost[],
  top: number,
): SpellingCount[] {
  const perSpelling = new Map<string, Map<string, number>>();
  const counts = new Map<string, Map<string, number>>(); // key -> period -> posts
  const add = (k: string, period: string, n: number): void => {
    if (!counts.has(k)) counts.set(k, new Map());
    const m = counts.get(k)!;
    m.set(period, (m.get(period) ?? 0) + n);
  };
  const shared = new Set(sharedSpellings(rows));
  for (const r of rows) {
    const k = keyOf(r.tag);
    if (!perSpelling.has(k)) perSpelling.set(k, new Map());
    const s = perSpelling.get(k)!;
    s.set(r.tag, (s.get(r.tag) ?? 0) + r.posts);
    if (!shared.has(r.tag)) add(k, r.period, r.posts);
  }
  const seen = new Set<string>();
  for (const p of posts) {
    if (!shared.has(p.tag)) continue;
    const k = keyOf(p.tag);
    const id = JSON.stringify([k, p.period, p.post]);
    if (seen.has(id)) continue;
    seen.add(id);
    add(k, p.period, 1);
  }
  const name = (k: string): string =>
    [...perSpelling.get(k)!].sort((a, b) => b[1] - a[1] || byteOrder(a[0], b[0]))[0]![0];
  const ranked = [...counts]
    .map(([k, m]) => ({ tag: name(k), m, total: [...m.values()].reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || byteOrder(a.tag, b.tag))
    .slice(0, Math.max(0, top));
  return ranked
    .flatMap(({ tag, m }) => [...m].map(([period, n]) => ({ period, tag, posts: n })))
    .sort((a, b) => byteOrder(a.period, b.period) || byteOrder(a.tag, b.tag));
}

/** The archive's `top` tags over all time, most used first (countByTagKey with one period). */
export function topTags(
  rows: readonly { tag: string; posts: number }[],
  posts: readonly { tag: string; post: string | number }[],
  top: number,
): { tag: string; count: number }[] {
  return countByTagKey(
    rows.map((r) => ({ period: '', ...r })),
    posts.map((p) => ({ period: '', ...p })),
    top,
  )
    .map((r) => ({ tag: r.tag, count: r.posts }))
    .sort((a, b) => b.count - a.count || byteOrder(a.tag, b.tag));
}
