// Dashboard aggregates in SQL (ReportStore) for PostgreSQL, giving exactly what the SQLite store gives.
import type {
  ArchiveStats,
  DailyCount,
  ForwardEdge,
  HashtagCount,
  HashtagCountOptions,
  LanguageCount,
  PostFilter,
} from '../store.js';
import { Params, filterConditions, whereClause } from './filter.js';
import { withNamedChannels } from '../shared.js';
import { countByTagKey, sharedSpellings, topTags, type SpellingPost } from '../tag-counts.js';
import { forwardEdgesOf, type ForwardGroup } from '../forward-edges.js';

/** What the aggregates need of a connection: the store passes its pool or the open transaction's client. */
export interface Reader {
  query(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

async function all<T>(db: Reader, text: string, params: Params): Promise<T[]> {
  return (await db.query(text, params.values)).rows as T[];
}

/** Only the options that are a PostFilter: hashtagCounts' period and top are not conditions. */
function filterOf(o: HashtagCountOptions): PostFilter {
  const { period: _p, top: _t, ...filter } = o;
  return filter;
}

export async function dailyCounts(db: Reader, filter: PostFilter): Promise<DailyCount[]> {
  const params = new Params();
  const where = filterConditions(filter, params, ["p.sort_date > ''"]);
  // sort_date leads the posts_order index; COLLATE "C" keeps SQLite's byte order whatever the cluster's locale.
  return all<DailyCount>(
    db,
    `SELECT substr(p.sort_date, 1, 10) COLLATE "C" AS day, p.channel, count(*) AS posts FROM posts p
     ${whereClause(where)} GROUP BY 1, p.channel ORDER BY 1, p.channel`,
    params,
  );
}

export async function languageCounts(db: Reader, filter: PostFilter): Promise<LanguageCount[]> {
  const params = new Params();
  const where = filterConditions(filter, params);
  const rows = await all<LanguageCount>(
    db,
    `SELECT p.lang, count(*) AS posts FROM posts p ${whereClause(where)} GROUP BY p.lang`,
    params,
  );
  // Most posts first; equal counts by language, undetected last (the same comparison as SQLite's).
  return rows.sort(
    (a, b) =>
      b.posts - a.posts ||
      (a.lang === null ? 1 : 0) - (b.lang === null ? 1 : 0) ||
      (a.lang ?? '').localeCompare(b.lang ?? ''),
  );
}

export async function forwardEdges(db: Reader, filter: PostFilter): Promise<ForwardEdge[]> {
  const params = new Params();
  const where = filterConditions(filter, params, ['p.fwd_name IS NOT NULL']);
  // fwd_name has the cluster's default collation: max() compares bytes, as SQLite's BINARY does. The id and the user
  // mark are read from the forward's JSON, as SQLite reads them.
  const groups = await all<ForwardGroup>(
    db,
    `SELECT p.channel, p.fwd_username AS username,
       p.forwarded_from::jsonb ->> 'numericId' AS "numericId",
       p.forwarded_from::jsonb ->> 'fromUser' = 'true' AS "fromUser",
       max(p.fwd_name COLLATE "C") AS name, count(*) AS posts
     FROM posts p ${whereClause(where)}
     GROUP BY p.channel, 2, 3, 4, CASE WHEN p.fwd_username IS NULL AND p.forwarded_from::jsonb ->> 'numericId' IS NULL
       THEN p.fwd_name END`,
    params,
  );
  return forwardEdgesOf(groups);
}

export async function hashtagCounts(db: Reader, o: HashtagCountOptions): Promise<HashtagCount[]> {
  const len = (o.period ?? 'day') === 'month' ? 7 : 10;
  const top = o.top ?? 10;
  if (top <= 0) return [];
  const params = new Params();
  // hashtags holds each post's tags once, lower-cased (shared.hashtagsOf), as SQLite's post_hashtags rows do.
  const where = filterConditions(filterOf(o), params, ["p.sort_date > ''", "p.hashtags <> ''"]);
  // One pass per (period, spelling); the top tags over the range are summed from it rather than counted in a second
  // scan. Only spellings that share a tagKey have their posts read, so a post with #fcs and #fсs counts once.
  const from = `FROM posts p CROSS JOIN LATERAL unnest(string_to_array(p.hashtags, ' ')) AS h(tag)`;
  const rows = await all<HashtagCount>(
    db,
    `SELECT substr(p.sort_date, 1, ${len}) COLLATE "C" AS period, h.tag COLLATE "C" AS tag, count(*) AS posts
     ${from} ${whereClause(where)} AND h.tag <> '' GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const shared = sharedSpellings(rows);
  let posts: SpellingPost[] = [];
  if (shared.length) {
    const own = new Params();
    const w = filterConditions(filterOf(o), own, ["p.sort_date > ''", "p.hashtags <> ''"]);
    w.push(`h.tag = ANY(${own.add(shared)}::text[])`);
    posts = await all<SpellingPost>(
      db,
      `SELECT substr(p.sort_date, 1, ${len}) AS period, h.tag, p.channel || '/' || p.id AS post
       ${from} ${whereClause(w)}`,
      own,
    );
  }
  return countByTagKey(rows, posts, top);
}

/** The figures of a slice of the archive (Store.stats with a filter), as SQLite's sliceStats gives them. */
export async function sliceStats(db: Reader, f: PostFilter, top: number): Promise<ArchiveStats> {
  const params = new Params();
  const where = whereClause(filterConditions(f, params));
  const [sums] = await all<{ posts: number; deleted: number; first: string | null; last: string | null }>(
    db,
    `SELECT count(*) AS posts, count(p.deleted_at) AS deleted, min(p.date) AS first, max(p.date) AS last
     FROM posts p ${where}`,
    params,
  );
  const rows = await all<ArchiveStats['perChannel'][number]>(
    db,
    `SELECT p.channel COLLATE "C" AS channel, count(*) AS posts, min(p.date) AS "firstDate",
       max(p.date) AS "lastDate" FROM posts p ${where} GROUP BY 1 ORDER BY 1`,
    params,
  );
  const perChannel = withNamedChannels(rows, f, (channel) => ({
    channel,
    posts: 0,
    firstDate: null,
    lastDate: null,
  }));
  const from = `FROM posts p CROSS JOIN LATERAL unnest(string_to_array(p.hashtags, ' ')) AS h(tag)`;
  const tagParams = new Params();
  const tagWhere = filterConditions(f, tagParams, ["p.hashtags <> ''", "h.tag <> ''"]);
  const spellings = await all<{ tag: string; posts: number }>(
    db,
    `SELECT h.tag COLLATE "C" AS tag, count(*) AS posts ${from} ${whereClause(tagWhere)} GROUP BY 1`,
    tagParams,
  );
  const shared = sharedSpellings(spellings.map((r) => ({ period: '', ...r })));
  let posts: { tag: string; post: string }[] = [];
  if (shared.length) {
    const own = new Params();
    const w = filterConditions(f, own, ["p.hashtags <> ''"]);
    w.push(`h.tag = ANY(${own.add(shared)}::text[])`);
    posts = await all(db, `SELECT h.tag, p.channel || '/' || p.id AS post ${from} ${whereClause(w)}`, own);
  }
  return {
    channels: perChannel.length,
    posts: sums!.posts,
    deleted: sums!.deleted,
    firstDate: sums!.first,
    lastDate: sums!.last,
    topHashtags: topTags(spellings, posts, top),
    perChannel,
  };
}
