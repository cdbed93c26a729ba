// A search run synchronously on one SQLite connection: a page of matches (search.ts), the posts read by pk, snippets
// around the matches. SqliteSearch runs it on the store's own connection; the read pool runs it on read-only
// connections in worker threads.
import type Database from 'better-sqlite3';
import { parseQuery } from '../../search/parse.js';
import type { QueryNode } from '../../search/query.js';
import { hitSnippet, queryMatchers } from '../../search/snippet.js';
import { stemmedQueryWords } from '../../search/terms.js';
import { stemConfigFor } from '../../text/stems.js';
import type { SearchOptions, SearchResult, SearchStore } from '../store.js';
import type { SqliteConnection } from './connection.js';
import type { ReadPool } from './read-pool.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';
import { SearchCache, searchPage } from './search.js';

export class Searcher {
  private readonly cache = new SearchCache();
  private readonly postsByPk: Database.Statement;

  /** @param generation changes whenever anything was written (SqliteConnection.generation). */
  constructor(
    private readonly db: Database.Database,
    private readonly generation: () => string,
  ) {
    this.postsByPk = db.prepare(
      `SELECT p.pk, ${POST_COLUMNS} FROM posts p WHERE p.pk IN (SELECT value FROM json_each(?))`,
    );
  }

  /** Throws QuerySyntaxError for a malformed query. */
  search(text: string, options: SearchOptions = {}): SearchResult {
    return this.searchParsed(parseQuery(text), options);
  }

  /** The same, for a query already parsed. */
  searchParsed(node: QueryNode, options: SearchOptions = {}): SearchResult {
    const page = searchPage(this.db, this.cache, this.generation(), node, options);
    const byPk = new Map<number, PostRow>();
    if (page.rows.length) {
      const pks = JSON.stringify(page.rows.map((r) => r.pk));
      for (const r of this.postsByPk.all(pks) as (PostRow & { pk: number })[]) byPk.set(r.pk, r);
    }
    const matchers = queryMatchers(node);
    const stemmed = stemmedQueryWords(node);
    const hits = page.rows.flatMap(({ pk, score }) => {
      const r = byPk.get(pk);
      return r ? [{ row: r, score }] : [];
    });
    if (options.sort !== 'date') {
      // bm25 ties (copies of one text) come newest first, as they always have.
      const desc = (a: string | number, b: string | number): number => (a < b ? 1 : a > b ? -1 : 0);
      hits.sort(
        (a, b) =>
          b.score - a.score ||
          desc(a.row.sort_date, b.row.sort_date) ||
          desc(a.row.channel, b.row.channel) ||
          desc(a.row.id, b.row.id),
      );
    }
    return {
      total: page.total,
      ...(page.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
      hits: hits.map(({ row, score }) => ({
        post: rowToPost(row),
        score,
        snippet: hitSnippet(row.text, stemConfigFor(row.lang), matchers, stemmed),
      })),
    };
  }
}

/**
 * SearchStore on SQLite: in the read pool's workers when there is one, on the store's own connection inside a
 * transaction (its reads must see its own uncommitted writes, which only this connection can) or without a pool.
 */
export class SqliteSearch implements SearchStore {
  private readonly searcher: Searcher;

  constructor(
    private readonly c: SqliteConnection,
    private readonly pool: ReadPool | null = null,
  ) {
    this.searcher = new Searcher(c.db, () => c.generation());
  }

  async search(text: string, options: SearchOptions = {}): Promise<SearchResult> {
    const node = parseQuery(text); // QuerySyntaxError rejects as is, not wrapped as a store error
    if (this.pool && !this.c.inTransaction()) return this.pool.search(text, options);
    return this.c.read('search', () => this.searcher.searchParsed(node, options));
  }
}
