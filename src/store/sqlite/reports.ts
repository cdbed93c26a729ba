// Reports on SQLite: the archive's figures (stats) and the dashboard aggregates of stats.ts.
import type Database from 'better-sqlite3';
import type {
  ArchiveStats,
  DailyCount,
  ForwardEdge,
  HashtagCount,
  HashtagCountOptions,
  LanguageCount,
  PostFilter,
  ReportStore,
} from '../store.js';
import type { SqliteConnection } from './connection.js';
import { isWholeArchive } from '../shared.js';
import {
  dailyCounts,
  forwardEdges,
  hashtagCounts,
  languageCounts,
  sliceStats,
  topHashtags,
} from './stats.js';

const TOP_HASHTAGS = 20;

export class SqliteReports implements ReportStore {
  constructor(private readonly c: SqliteConnection) {}

  private get db(): Database.Database {
    return this.c.db;
  }

  stats(filter?: PostFilter): Promise<ArchiveStats> {
    if (!isWholeArchive(filter))
      return this.c.read('stats', () => sliceStats(this.db, filter!, TOP_HASHTAGS));
    return this.c.read('stats', () => {
      // Each figure from an index (order indexes, the partial index of deleted posts), not a scan of the rows.
      const one = (sql: string): unknown => this.db.prepare(sql).pluck().get();
      const all = {
        posts: one('SELECT count(*) FROM posts') as number,
        deleted: one('SELECT count(*) FROM posts WHERE deleted_at IS NOT NULL') as number,
        first: one("SELECT min(sort_date) FROM posts WHERE sort_date > ''") as string | null,
        last: one("SELECT max(sort_date) FROM posts WHERE sort_date > ''") as string | null,
      };
      const perChannel = (
        this.db
          .prepare(
            `SELECT c.channel, count(p.id) AS posts, min(nullif(p.sort_date, '')) AS first,
               max(nullif(p.sort_date, '')) AS last
             FROM (SELECT key AS channel FROM channels UNION SELECT DISTINCT channel FROM posts) c
             LEFT JOIN posts p ON p.channel = c.channel GROUP BY c.channel ORDER BY c.channel`,
          )
          .all() as { channel: string; posts: number; first: string | null; last: string | null }[]
      ).map((r) => ({ channel: r.channel, posts: r.posts, firstDate: r.first, lastDate: r.last }));
      const topHashtagList = topHashtags(this.db, TOP_HASHTAGS);
      return {
        channels: perChannel.length,
        posts: all.posts,
        deleted: all.deleted,
        firstDate: all.first,
        lastDate: all.last,
        topHashtags: topHashtagList,
        perChannel,
      };
    });
  }

  dailyCounts(filter: PostFilter): Promise<DailyCount[]> {
    return this.c.read('dailyCounts', () => dailyCounts(this.db, filter));
  }

  hashtagCounts(options: HashtagCountOptions): Promise<HashtagCount[]> {
    return this.c.read('hashtagCounts', () => hashtagCounts(this.db, options));
  }

  languageCounts(filter: PostFilter): Promise<LanguageCount[]> {
    return this.c.read('languageCounts', () => languageCounts(this.db, filter));
  }

  forwardEdges(filter: PostFilter): Promise<ForwardEdge[]> {
    return this.c.read('forwardEdges', () => forwardEdges(this.db, filter));
  }
}
