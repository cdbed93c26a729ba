// SavedSearchStore on PostgreSQL (as sqlite/saved-searches.ts): the saved_searches table, one row per name.
import type { SavedSearch } from '../../model/saved-search.js';
import type { SavedSearchStore } from '../store.js';
import type { PgConnection } from './connection.js';

type Row = { name: string; query: string; created_at: string };

const toSearch = (r: Row): SavedSearch => ({ name: r.name, query: r.query, createdAt: r.created_at });

export class PgSavedSearches implements SavedSearchStore {
  constructor(private readonly c: PgConnection) {}

  saveSearch: SavedSearchStore['saveSearch'] = (s) =>
    this.c.write(`save search ${s.name}`, async (db) => {
      await db.query(
        `INSERT INTO saved_searches (name, query, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, created_at = excluded.created_at`,
        [s.name, s.query, s.createdAt],
      );
    });

  getSavedSearch: SavedSearchStore['getSavedSearch'] = async (name) => {
    const rows = await this.c.rows<Row>('getSavedSearch', 'SELECT * FROM saved_searches WHERE name = $1', [
      name,
    ]);
    return rows[0] ? toSearch(rows[0]) : null;
  };

  listSavedSearches: SavedSearchStore['listSavedSearches'] = async () =>
    (await this.c.rows<Row>('listSavedSearches', 'SELECT * FROM saved_searches ORDER BY name')).map(toSearch);

  removeSavedSearch: SavedSearchStore['removeSavedSearch'] = (name) =>
    this.c.write(
      `remove search ${name}`,
      async (db) =>
        ((await db.query('DELETE FROM saved_searches WHERE name = $1', [name])).rowCount ?? 0) > 0,
    );
}
