// Dashboard aggregates in SQL (ReportStore) and the post_hashtags rows that keep hashtag counts off the posts table.
import type Database from 'better-sqlite3';
import type {
  ArchiveStats,
  DailyCount,
  ForwardEdge,
  HashtagCount,
  HashtagCountOptions,
  LanguageCount,
  PostFilter,
} from '../store.js';
import { filterSql } from './filter.js';
import { boundary, withNamedChannels } from '../shared.js';
import { forwardEdgesOf, type ForwardGroup } from '../forward-edges.js';
import { countByTagKey, sharedSpellings, topTags, type SpellingPost } from '../tag-counts.js';

type Db = Database.Database;

const where = (w: string[]): string => (w.length ? `WHERE ${w.join(' AND ')}` : '');

export function dailyCounts(db: Db, filter: PostFilter): DailyCount[] {
  const sql = filterSql(filter);
  // sort_date is in the order indexes: the count reads an index, not the rows.
  return db
    .prepare(
      `SELECT substr(p.sort_date, 1, 10) AS day, p.channel, count(*) AS posts FROM posts p
       ${where(["p.sort_date > ''", ...sql.where])} GROUP BY day, p.channel ORDER BY day, p.channel`,
    )
    .all(...sql.params) as DailyCount[];
}

export function languageCounts(db: Db, filter: PostFilter): LanguageCount[] {
  const sql = filterSql(filter);
  let rows: LanguageCount[];
  if (sql.where.length === 0) {
    // Unfiltered: the partial index posts_lang counts the detected languages, count(*) the rest.
    rows = db
      .prepare('SELECT lang, count(*) AS posts FROM posts WHERE lang IS NOT NULL GROUP BY lang')
      .all() as LanguageCount[];
    const all = db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
    const none = all - rows.reduce((n, r) => n + r.posts, 0);
    if (none > 0) rows.push({ lang: null, posts: none });
  } else {
    rows = db
      .prepare(`SELECT p.lang, count(*) AS posts FROM posts p ${where(sql.where)} GROUP BY p.lang`)
      .all(...sql.params) as LanguageCount[];
  }
  // Most posts first; equal counts by language, undetected last.
  return rows.sort(
    (a, b) =>
      b.posts - a.posts ||
      (a.lang === null ? 1 : 0) - (b.lang === null ? 1 : 0) ||
      (a.lang ?? '').localeCompare(b.lang ?? ''),
  );
}

export function forwardEdges(db: Db, filter: PostFilter): ForwardEdge[] {
  const sql = filterSql(filter);
  // Every forward has a name (fwd_name). The id and the user mark are read from the forward's JSON: forwards are a
  // small share of posts, and only these rows are read.
  const groups = db
    .prepare(
      `SELECT p.channel, p.fwd_username AS username,
         json_extract(p.forwarded_from, '$.numericId') AS numericId,
         json_extract(p.forwarded_from, '$.fromUser') AS fromUser,
         max(p.fwd_name) AS name, count(*) AS posts
       FROM posts p ${where(['p.fwd_name IS NOT NULL', ...sql.where])}
       GROUP BY p.channel, username, numericId, fromUser,
         CASE WHEN username IS NULL AND numericId IS NULL THEN p.fwd_name END`,
    )
    .all(...sql.params) as ForwardGroup[];
  return forwardEdgesOf(groups);
}

/** Filters post_hashtags can answer alone (its own channel and date columns); the rest needs the posts. */
function onlyOwnColumns(f: PostFilter): boolean {
  const own = new Set(['channel', 'since', 'until', 'includeDeleted', 'period', 'top']);
  return Object.entries(f).every(([k, v]) => v === undefined || own.has(k)) && f.includeDeleted !== false;
}

function hashtagSource(o: HashtagCountOptions): { from: string; where: string[]; params: unknown[] } {
  if (onlyOwnColumns(o)) {
    const w = ["h.date > ''"];
    const params: unknown[] = [];
    if (o.channel !== undefined) {
      const list = Array.isArray(o.channel) ? o.channel : [o.channel];
      w.push(list.length ? `h.channel IN (${list.map(() => '?').join(', ')})` : '0');
      params.push(...list);
    }
    if (o.since !== undefined) {
      w.push('h.date >= ?');
      params.push(boundary(o.since, false));
    }
    if (o.until !== undefined) {
      w.push('h.date < ?');
      params.push(boundary(o.until, true));
    }
    return { from: 'post_hashtags h', where: w, params };
  }
  const sql = filterSql(o);
  return {
    from: 'post_hashtags h JOIN posts p ON p.pk = h.pk',
    where: ["h.date > ''", ...sql.where],
    params: sql.params,
  };
}

export function hashtagCounts(db: Db, o: HashtagCountOptions): HashtagCount[] {
  const src = hashtagSource(o);
  const len = (o.period ?? 'day') === 'month' ? 7 : 10;
  const top = o.top ?? 10;
  if (top <= 0) return [];
  // One pass per (period, spelling); the top tags over the range are summed from it rather than counted in a second
  // scan. Only spellings that share a tagKey have their posts read, so a post with #fcs and #fсs counts once.
  const rows = db
    .prepare(
      `SELECT substr(h.date, 1, ${len}) AS period, h.tag, count(*) AS posts FROM ${src.from}
       ${where(src.where)} GROUP BY period, h.tag ORDER BY period, h.tag`,
    )
    .all(...src.params) as HashtagCount[];
  const shared = sharedSpellings(rows);
  const posts = shared.length
    ? (db
        .prepare(
          `SELECT substr(h.date, 1, ${len}) AS period, h.tag, h.pk AS post FROM ${src.from}
           ${where([...src.where, `h.tag IN (${shared.map(() => '?').join(', ')})`])}`,
        )
        .all(...src.params, ...shared) as SpellingPost[])
    : [];
  return countByTagKey(rows, posts, top);
}

/** The archive's most used hashtags (deleted and undated posts included), most used first, spellings merged. */
export function topHashtags(db: Db, n: number): { tag: string; count: number }[] {
  const rows = db.prepare('SELECT tag, count(*) AS posts FROM post_hashtags GROUP BY tag').all() as {
    tag: string;
    posts: number;
  }[];
  const shared = sharedSpellings(rows.map((r) => ({ period: '', ...r })));
  const posts = shared.length
    ? (db
        .prepare(
          `SELECT tag, pk AS post FROM post_hashtags WHERE tag IN (${shared.map(() => '?').join(', ')})`,
        )
        .all(...shared) as { tag: string; post: number }[])
    : [];
  return topTags(rows, posts, n);
}

/** The figures of a slice of the archive (Store.stats with a filter): one scan of its posts, one of their tags. */
export function sliceStats(db: Db, f: PostFilter, top: number): ArchiveStats {
  const sql = filterSql(f);
  const all = db
    .prepare(
      `SELECT count(*) AS posts, count(p.deleted_at) AS deleted, min(nullif(p.sort_date, '')) AS first,
         max(nullif(p.sort_date, '')) AS last FROM posts p ${where(sql.where)}`,
    )
    .get(...sql.params) as { posts: number; deleted: number; first: string | null; last: string | null };
  const rows = db
    .prepare(
      `SELECT p.channel, count(*) AS posts, min(nullif(p.sort_date, '')) AS firstDate,
         max(nullif(p.sort_date, '')) AS lastDate FROM posts p ${where(sql.where)}
       GROUP BY p.channel ORDER BY p.channel`,
    )
    .all(...sql.params) as ArchiveStats['perChannel'];
  const perChannel = withNamedChannels(rows, f, (channel) => ({
    channel,
    posts: 0,
    firstDate: null,
    lastDate: null,
  }));
  const from = `post_hashtags h JOIN posts p ON p.pk = h.pk`;
  const spellings = db
    .prepare(`SELECT h.tag, count(*) AS posts FROM ${from} ${where(sql.where)} GROUP BY h.tag`)
    .all(...sql.params) as { tag: string; posts: number }[];
  const shared = sharedSpellings(spellings.map((r) => ({ period: '', ...r })));
  const posts = shared.length
    ? (db
        .prepare(
          `SELECT h.tag, h.pk AS post FROM ${from}
           ${where([...sql.where, `h.tag IN (${shared.map(() => '?').join(', ')})`])}`,
        )
        .all(...sql.params, ...shared) as { tag: string; post: number }[])
    : [];
  return {
    channels: perChannel.length,
    posts: all.posts,
    deleted: all.deleted,
    firstDate: all.first,
    lastDate: all.last,
    topHashtags: topTags(spellings, posts, top),
    perChannel,
  };
}

/** Statements that keep post_hashtags in step with posts.hashtags (space-separated) and the post's date. */
export function hashtagWriter(
  db: Db,
): (pk: number | bigint, channel: string, date: string | null, tags: string, replace: boolean) => void {
  const del = db.prepare('DELETE FROM post_hashtags WHERE pk = ?');
  const ins = db.prepare('INSERT OR IGNORE INTO post_hashtags (pk, tag, channel, date) VALUES (?, ?, ?, ?)');
  return (pk, channel, date, tags, replace) => {
    if (replace) del.run(pk);
    if (tags === '') return;
    for (const tag of tags.split(' ')) if (tag) ins.run(pk, tag, channel, date ?? '');
  };
}
