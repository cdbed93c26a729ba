// Reports on PostgreSQL: the archive's figures (stats) and the dashboard aggregates of stats.ts.
import { isWholeArchive, wrapStoreError as wrap } from '../shared.js';
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
import type { PgConnection } from './connection.js';
import * as aggregates from './stats.js';
import { sharedSpellings, topTags } from '../tag-counts.js';

const TOP_HASHTAGS = 20;

export class PgReports implements ReportStore {
  constructor(private readonly c: PgConnection) {}

  async stats(filter?: PostFilter): Promise<ArchiveStats> {
    if (!isWholeArchive(filter)) {
      return this.aggregate('stats', (db) => aggregates.sliceStats(db, filter!, TOP_HASHTAGS));
    }
    const [all] = await this.c.rows<{
      posts: number;
      deleted: number;
      first: string | null;
      last: string | null;
    }>(
      'stats',
      'SELECT count(*) AS posts, count(deleted_at) AS deleted, min(date) AS first, max(date) AS last FROM posts',
    );
    const perChannel = (
      await this.c.rows<{ channel: string; posts: number; first: string | null; last: string | null }>(
        'stats',
        `SELECT c.channel, count(p.id) AS posts, min(p.date) AS first, max(p.date) AS last
         FROM (SELECT key AS channel FROM channels UNION SELECT DISTINCT channel FROM posts) c
         LEFT JOIN posts p ON p.channel = c.channel GROUP BY c.channel ORDER BY c.channel`,
      )
    ).map((r) => ({ channel: r.channel, posts: r.posts, firstDate: r.first, lastDate: r.last }));
    // Every spelling's count, merged by tagKey as search matches tags (tag-counts.ts).
    const spellings = await this.c.rows<{ tag: string; posts: number }>(
      'stats',
      `SELECT tag COLLATE "C" AS tag, count(*) AS posts FROM posts, unnest(string_to_array(hashtags, ' ')) AS tag
       WHERE hashtags <> '' AND tag <> '' GROUP BY 1`,
    );
    const shared = sharedSpellings(spellings.map((r) => ({ period: '', ...r })));
    const posts = shared.length
      ? await this.c.rows<{ tag: string; post: string }>(
          'stats',
          `SELECT tag, channel || '/' || id AS post FROM posts, unnest(string_to_array(hashtags, ' ')) AS tag
           WHERE hashtags <> '' AND tag = ANY($1::text[])`,
          [shared],
        )
      : [];
    const topHashtags = topTags(spellings, posts, TOP_HASHTAGS);
    return {
      channels: perChannel.length,
      posts: all!.posts,
      deleted: all!.deleted,
      firstDate: all!.first,
      lastDate: all!.last,
      topHashtags,
      perChannel,
    };
  }

  // ---- dashboard aggregates (stats.ts) ---------------------------------------------------------------

  private async aggregate<T>(what: string, fn: (db: aggregates.Reader) => Promise<T>): Promise<T> {
    try {
      return await fn(this.c.reader());
    } catch (e) {
      throw wrap(e, what);
    }
  }

  dailyCounts(filter: PostFilter): Promise<DailyCount[]> {
    return this.aggregate('dailyCounts', (db) => aggregates.dailyCounts(db, filter));
  }

  hashtagCounts(options: HashtagCountOptions): Promise<HashtagCount[]> {
    return this.aggregate('hashtagCounts', (db) => aggregates.hashtagCounts(db, options));
  }

  languageCounts(filter: PostFilter): Promise<LanguageCount[]> {
    return this.aggregate('languageCounts', (db) => aggregates.languageCounts(db, filter));
  }

  forwardEdges(filter: PostFilter): Promise<ForwardEdge[]> {
    return this.aggregate('forwardEdges', (db) => aggregates.forwardEdges(db, filter));
  }
}
