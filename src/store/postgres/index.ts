// The PostgreSQL Store: what cli/ imports to open an archive on a PostgreSQL server.
export { openPostgresStore, PostgresStore, type PostgresOptions } from './postgres-store.js';
export { migrations, SCHEMA_VERSION, type Migration } from './migrations.js';
