// The SQLite Store: what cli/ imports to open an archive file.
export { openSqliteStore, SqliteStore } from './sqlite-store.js';
export { migrations, SCHEMA_VERSION, type Migration } from './migrations.js';
