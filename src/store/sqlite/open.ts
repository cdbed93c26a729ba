// Opening a SQLite archive: the file and its folder, pragmas, and the append-only migrations.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, UserError, errorMessage } from '../../util/errors.js';
import { wrapStoreError as wrap, type UpgradeStep } from '../shared.js';
import { SCHEMA_VERSION, migrations } from './migrations.js';
import { STATEMENT_BUSY_MS, SqliteConnection } from './connection.js';
import { DEFAULT_WRITE_WAIT_MS } from '../../util/busy.js';
import { ReadPool } from './read-pool.js';
import { SqliteStore } from './sqlite-store.js';

type Db = Database.Database;

function applyMigrations(
  db: Db,
  path: string,
  readonly: boolean,
  onUpgrade?: (step: UpgradeStep) => void,
): void {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const current = hasTable
    ? ((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0)
    : 0;
  if (current > SCHEMA_VERSION)
    throw new StoreError(
      `database schema v${current} is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
    );
  if (current === SCHEMA_VERSION) return;
  if (readonly)
    throw new StoreError(
      `${path}: database schema v${current} is older than this tgwire (v${SCHEMA_VERSION}): open it once without read-only to upgrade it`,
    );
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of migrations) {
    if (m.version <= current) continue;
    const report = current > 0 ? onUpgrade : undefined;
    const started = performance.now();
    report?.({ version: m.version, name: m.name, rereadsWords: !!m.rereadsWords });
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    }).immediate();
    report?.({
      version: m.version,
      name: m.name,
      rereadsWords: !!m.rereadsWords,
      ms: performance.now() - started,
    });
  }
}

/**
 * Opens (creating it and its folder when missing) the SQLite archive at `path`, migrated to the current schema.
 * Refuses a database whose schema is newer than this code, and, read-only, one that would need migrating.
 */
export async function openSqliteStore(
  path: string,
  options: {
    readonly?: boolean;
    /** How long a write waits while another writer holds the archive. @default DEFAULT_WRITE_WAIT_MS */
    writeWaitMs?: number;
    /**
     * Worker threads that run searches on read-only connections (read-pool.ts), started by the first search. Ignored
     * for an in-memory or temporary database, which no other connection can open. @default 0 (the main thread)
     */
    searchWorkers?: number;
    /** Told of each schema step an existing archive needs, before and after it. */
    onUpgrade?: (step: UpgradeStep) => void;
  } = {},
): Promise<SqliteStore> {
  const readonly = options.readonly ?? false;
  const waitMs = options.writeWaitMs ?? DEFAULT_WRITE_WAIT_MS;
  let db: Db;
  try {
    if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw new StoreError(`${path}: cannot open the database: ${errorMessage(e)}`, { cause: e });
  }
  try {
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // Reads of a large archive (search joins, aggregates) touch pages all over the file: map them, do not copy them.
    db.pragma('mmap_size = 268435456');
    // Opening waits the whole policy (nothing is being served yet); afterwards a statement blocks only briefly and
    // the connection takes longer waits with the event loop free (connection.ts).
    db.pragma(`busy_timeout = ${waitMs}`);
    applyMigrations(db, path, readonly, options.onUpgrade);
    db.pragma(`busy_timeout = ${STATEMENT_BUSY_MS}`);
    const workers = options.searchWorkers ?? 0;
    const pool =
      workers > 0 && !db.memory && !path.startsWith('file:')
        ? new ReadPool(resolve(path), { workers })
        : null;
    // A store with a pool serves searches for a while (serve): its workers start now, not on the first search.
    pool?.warm();
    return new SqliteStore(new SqliteConnection(db, waitMs), path, pool);
  } catch (e) {
    db.close();
    // A --db naming some other file is the user's mistake, not ours to report as an internal error.
    if ((e as { code?: unknown }).code === 'SQLITE_NOTADB')
      throw new UserError(`${path}: not a tgwire archive (the file is not a SQLite database)`, { cause: e });
    throw wrap(e, `${path}: cannot open the database`);
  }
}
