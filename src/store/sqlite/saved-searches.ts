// SavedSearchStore on SQLite: the saved_searches table, one row per name.
import type { SavedSearch } from '../../model/saved-search.js';
import type { SavedSearchStore } from '../store.js';
import type { SqliteConnection } from './connection.js';

type Row = { name: string; query: string; created_at: string };

const toSearch = (r: Row): SavedSearch => ({ name: r.name, query: r.query, createdAt: r.created_at });

export class SqliteSavedSearches implements SavedSearchStore {
  constructor(private readonly c: SqliteConnection) {}

  saveSearch: SavedSearchStore['saveSearch'] = (s) =>
    this.c.write(`save search ${s.name}`, (db) => {
      db.prepare(
        `INSERT INTO saved_searches (name, query, created_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, created_at = excluded.created_at`,
      ).run(s.name, s.query, s.createdAt);
    });

  getSavedSearch: SavedSearchStore['getSavedSearch'] = (name) =>
    this.c.read('getSavedSearch', (db) => {
      const r = db.prepare('SELECT * FROM saved_searches WHERE name = ?').get(name) as Row | undefined;
      return r ? toSearch(r) : null;
    });

  listSavedSearches: SavedSearchStore['listSavedSearches'] = () =>
    this.c.read('listSavedSearches', (db) =>
      (db.prepare('SELECT * FROM saved_searches ORDER BY name').all() as Row[]).map(toSearch),
    );

  removeSavedSearch: SavedSearchStore['removeSavedSearch'] = (name) =>
    this.c.write(
      `remove search ${name}`,
      (db) => db.prepare('DELETE FROM saved_searches WHERE name = ?').run(name).changes > 0,
    );
}
