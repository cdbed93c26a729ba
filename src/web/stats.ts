// Dashboard aggregates: the store's report queries, cached briefly.
import type {
  ArchiveStats,
  DailyCount,
  ForwardEdge,
  HashtagCount,
  HashtagCountOptions,
  LanguageCount,
  PostFilter,
  Store,
} from '../store/store.js';
import { createTtlCache } from './ttl-cache.js';

export interface Aggregates {
  daily: DailyCount[];
  hashtags: HashtagCount[];
  /** The dashboard's languages: the rare ones summed as "other" (groupRareLanguages). */
  languages: LanguageCount[];
  /** Every language apart, in the same order (`/api/stats/languages?all=1`). */
  allLanguages: LanguageCount[];
  forwards: ForwardEdge[];
}

export interface StatsService {
  aggregates(filter: PostFilter, hashtags?: HashtagCountOptions): Promise<Aggregates>;
  /** countPosts, remembered for 10 s: page headers show counts that may lag a little. */
  count(filter: PostFilter): Promise<number>;
  /** store.stats(filter), remembered for 30 s per filter (it scans the archive). */
  archive(filter?: PostFilter): Promise<ArchiveStats>;
}

/** Earlier than any Telegram post: a `since` of this keeps every dated post and drops only the undated ones. */
const BEFORE_ANY_POST = '1970-01-01T00:00:00.000Z';

/** The filter without its date range: what the selection would be if dates did not matter. */
export function withoutDates<F extends PostFilter>(filter: F): F {
  const rest = { ...filter };
  delete rest.since;
  delete rest.until;
  return rest;
}

/** The same filter keeping only dated posts. */
export const datedOnly = <F extends PostFilter>(filter: F): F => ({
  ...withoutDates(filter),
  since: BEFORE_ANY_POST,
});

/**
 * How many posts of the selection (its dates aside) have no date (text dumps carry none): date filters, charts over
 * time and feeds' dates leave them out, and the pages say so instead of silently showing fewer posts.
 */
export async function undatedCount(stats: StatsService, filter: PostFilter): Promise<number> {
  const [all, dated] = await Promise.all([stats.count(withoutDates(filter)), stats.count(datedOnly(filter))]);
  return Math.max(0, all - dated);
}

/** Caches results for `ttlMs` per filter: the dashboard asks for four series at once. */
export function createStatsService(store: Store, ttlMs = 30_000, now: () => number = Date.now): StatsService {
  const cache = createTtlCache<Aggregates>(ttlMs, 100, now);
  const counts = createTtlCache<number>(10_000, 1000, now);
  const archive = createTtlCache<ArchiveStats>(30_000, 100, now);
  return {
    aggregates: (filter, hashtagOpts = {}) =>
      cache.get(JSON.stringify([filter, hashtagOpts]), () => compute(store, filter, hashtagOpts)),
    count: (filter) => counts.get(JSON.stringify(filter), () => store.countPosts(filter)),
    archive: (filter = {}) => archive.get(JSON.stringify(filter), () => store.stats(filter)),
  };
}

async function compute(store: Store, filter: PostFilter, h: HashtagCountOptions): Promise<Aggregates> {
  const [daily, hashtags, languages, forwards] = await Promise.all([
    store.dailyCounts(filter),
    store.hashtagCounts({ ...filter, ...h }),
    store.languageCounts(filter),
    store.forwardEdges(filter),
  ]);
  return {
    daily,
    hashtags,
    languages: groupRareLanguages(languages),
    allLanguages: groupRareLanguages(languages, 0, Infinity),
    forwards,
  };
}

/**
 * The languages a reader can take in: each with at least `share` of the posts (and at most `most` of them); the
 * rest summed as "other" (no language code: `lang:other` finds nothing; `share` 0 and `most` Infinity list every
 * language apart). Posts whose language could not be told stay apart as `und` (what `lang:und` finds), and
 * posts without text (a photo, a sticker), which have no language to tell, as null.
 */
export function groupRareLanguages(list: readonly LanguageCount[], share = 0.01, most = 8): LanguageCount[] {
  const total = list.reduce((n, l) => n + l.posts, 0);
  const known = list.filter((l) => l.lang !== null && l.lang !== 'und').sort((a, b) => b.posts - a.posts);
  const kept = known.filter((l, i) => i < most && l.posts >= share * total);
  const other = known.slice(kept.length).reduce((n, l) => n + l.posts, 0);
  const sum = (lang: string | null): number =>
    list.filter((l) => l.lang === lang).reduce((n, l) => n + l.posts, 0);
  const out: LanguageCount[] = [...kept];
  if (other > 0) out.push({ lang: 'other', posts: other });
  if (sum('und') > 0) out.push({ lang: 'und', posts: sum('und') });
  if (sum(null) > 0) out.push({ lang: null, posts: sum(null) });
  return out;
}
