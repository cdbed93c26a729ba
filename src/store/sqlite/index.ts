// The SQLite Store: what cli/ imports to open an archive file.
export { SqliteStore } from './sqlite-store.js';
export { openSqliteStore } from './open.js';
export { migrations, SCHEMA_VERSION, type Migration } from './migrations.js';
