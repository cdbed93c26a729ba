// The PostgreSQL Store: what cli/ imports to open an archive on a PostgreSQL server.
export { PostgresStore } from './postgres-store.js';
export { openPostgresStore, type PostgresOptions, type SearchIndexOption } from './open.js';
export { migrations, SCHEMA_VERSION, type Migration } from './migrations.js';
export { keepRecentIndex } from './recent-upkeep.js';
export type { RecentIndexOptions, RecentIndexReport } from './recent-index.js';
