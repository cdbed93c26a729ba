// Dashboard aggregates: the store's own queries when it has them, else one pass over the posts (cached briefly).
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

const HASHTAG = /(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu;

export interface Aggregates {
  daily: DailyCount[];
  hashtags: HashtagCount[];
  languages: LanguageCount[];
  forwards: ForwardEdge[];
}

function periodOf(date: string, period: 'day' | 'month'): string {
  return period === 'month' ? date.slice(0, 7) : date.slice(0, 10);
}

/** One scan computing every aggregate; used only when the store lacks the StatsQueries methods. */
async function scan(store: Store, filter: PostFilter, opts: HashtagCountOptions): Promise<Aggregates> {
  const daily = new Map<string, DailyCount>();
  const tagTotals = new Map<string, number>();
  const tagPeriods = new Map<string, number>();
  const langs = new Map<string | null, number>();
  const fwd = new Map<string, ForwardEdge>();
  const period = opts.period ?? 'day';
  for await (const p of store.iteratePosts({ ...filter, includeDeleted: filter.includeDeleted ?? true })) {
    if (p.date) {
      const k = `${p.date.slice(0, 10)}\u0000${p.channel}`;
      const d = daily.get(k) ?? { day: p.date.slice(0, 10), channel: p.channel, posts: 0 };
      d.posts++;
      daily.set(k, d);
      const tags = new Set([...p.text.matchAll(HASHTAG)].map((m) => m[1]!.toLowerCase()));
      for (const tag of tags) {
        tagTotals.set(tag, (tagTotals.get(tag) ?? 0) + 1);
        const pk = `${periodOf(p.date, period)}\u0000${tag}`;
        tagPeriods.set(pk, (tagPeriods.get(pk) ?? 0) + 1);
      }
    }
    langs.set(p.lang ?? null, (langs.get(p.lang ?? null) ?? 0) + 1);
    const f = p.forwardedFrom;
    if (f) {
      const origin = f.username ?? f.name;
      const k = `${p.channel}\u0000${origin}`;
      const e = fwd.get(k) ?? { channel: p.channel, origin, originName: f.name, posts: 0 };
      e.posts++;
      fwd.set(k, e);
    }
  }
  const top = new Set(
    [...tagTotals.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, opts.top ?? 10)
      .map(([t]) => t),
  );
  const hashtags: HashtagCount[] = [];
  for (const [k, posts] of tagPeriods) {
    const [p, tag] = k.split('\u0000') as [string, string];
    if (top.has(tag)) hashtags.push({ period: p, tag, posts });
  }
  return {
    daily: [...daily.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel),
    ),
    hashtags: hashtags.sort((a, b) => a.period.localeCompare(b.period) || a.tag.localeCompare(b.tag)),
    languages: [...langs.entries()]
      .map(([lang, posts]) => ({ lang, posts }))
      .sort((a, b) => b.posts - a.posts),
    forwards: [...fwd.values()].sort((a, b) => b.posts - a.posts || a.channel.localeCompare(b.channel)),
  };
}

export interface StatsService {
  aggregates(filter: PostFilter, hashtags?: HashtagCountOptions): Promise<Aggregates>;
  /** countPosts, remembered for 10 s: page headers show counts that may lag a little. */
  count(filter: PostFilter): Promise<number>;
  /** store.stats(), remembered for 30 s (it scans the archive). */
  archive(): Promise<ArchiveStats>;
}

/** Caches results for `ttlMs` per filter: the dashboard asks for four series at once. */
export function createStatsService(store: Store, ttlMs = 30_000, now: () => number = Date.now): StatsService {
  const cache = createTtlCache<Aggregates>(ttlMs, 100, now);
  const counts = createTtlCache<number>(10_000, 1000, now);
  const archive = createTtlCache<ArchiveStats>(30_000, 1, now);
  return {
    aggregates: (filter, hashtagOpts = {}) =>
      cache.get(JSON.stringify([filter, hashtagOpts]), () => compute(store, filter, hashtagOpts)),
    count: (filter) => counts.get(JSON.stringify(filter), () => store.countPosts(filter)),
    archive: () => archive.get('', () => store.stats()),
  };
}

async function compute(store: Store, filter: PostFilter, h: HashtagCountOptions): Promise<Aggregates> {
  if (store.dailyCounts && store.hashtagCounts && store.languageCounts && store.forwardEdges) {
    const [daily, hashtags, languages, forwards] = await Promise.all([
      store.dailyCounts(filter),
      store.hashtagCounts({ ...filter, ...h }),
      store.languageCounts(filter),
      store.forwardEdges(filter),
    ]);
    return { daily, hashtags, languages: groupRareLanguages(languages), forwards };
  }
  const a = await scan(store, filter, h);
  return { ...a, languages: groupRareLanguages(a.languages) };
}

/**
 * The languages a reader can take in: each with at least `share` of the posts (and at most `most` of them); the
 * rest summed as "other". Posts whose language could not be told stay apart as `und` (null from older archives).
 */
export function groupRareLanguages(list: readonly LanguageCount[], share = 0.01, most = 8): LanguageCount[] {
  const total = list.reduce((n, l) => n + l.posts, 0);
  const known = list.filter((l) => l.lang !== null && l.lang !== 'und').sort((a, b) => b.posts - a.posts);
  const kept = known.filter((l, i) => i < most && l.posts >= share * total);
  const other = known.slice(kept.length).reduce((n, l) => n + l.posts, 0);
  const und = list.filter((l) => l.lang === null || l.lang === 'und').reduce((n, l) => n + l.posts, 0);
  const out: LanguageCount[] = [...kept];
  if (other > 0) out.push({ lang: 'other', posts: other });
  if (und > 0) out.push({ lang: 'und', posts: und });
  return out;
}
