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
  languages: LanguageCount[];
  forwards: ForwardEdge[];
}

export interface StatsService {
  aggregates(filter: PostFilter, hashtags?: HashtagCountOptions): Promise<Aggregates>;
  /** countPosts, remembered for 10 s: page headers show counts that may lag a little. */
  count(filter: PostFilter): Promise<number>;
  /** store.stats(filter), remembered for 30 s per filter (it scans the archive). */
  archive(filter?: PostFilter): Promise<ArchiveStats>;
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
  return { daily, hashtags, languages: groupRareLanguages(languages), forwards };
}

/**
 * The languages a reader can take in: each with at least `share` of the posts (and at most `most` of them); the
 * rest summed as "other". Posts whose language could not be told stay apart as `und` (what `lang:und` finds), and
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
