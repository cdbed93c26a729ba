// Opening a PostgreSQL archive: the pool (with its type parsers), the schema, and the append-only migrations.
import pg from 'pg';
import { StoreError, UserError, errorMessage } from '../../util/errors.js';
import { isUnreachable, wrapStoreError as wrap, type UpgradeStep } from '../shared.js';
import { withoutPassword } from '../../util/redact-url.js';
import { PgConnection, rollback } from './connection.js';
import { SCHEMA_VERSION, migrations, rumSchema, type MigrationOptions } from './migrations.js';
import { PostgresStore } from './postgres-store.js';
import type { RecentIndexOptions } from './recent-index.js';

// ---- opening ---------------------------------------------------------------------------------------

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

// bigint (count(*), ids, views) as a JS number: every value tgwire stores fits in 2^53.
const parseInt8 = (v: string): number => Number(v);
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? parseInt8
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** The archive's schema version as it stands, read without writing: 0 when it has no tables yet (or no schema). */
async function versionOf(client: pg.PoolClient, schema: string | null): Promise<number> {
  if (schema !== null) {
    const ns = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (ns.rowCount === 0) return 0;
  }
  const table = await client.query<{ t: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS t",
  );
  if (!table.rows[0]?.t) return 0;
  return (
    (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations')).rows[0]
      ?.v ?? 0
  );
}

/** What a role that may not make tables is told when the archive needs creating or upgrading. */
function cannotMigrate(e: unknown, current: number, where: string): UserError {
  const what =
    current === 0
      ? 'there is no archive here yet, and this role may not create its tables'
      : `the archive needs an upgrade (schema v${current} to v${SCHEMA_VERSION}), which this role may not make`;
  return new UserError(
    `${where}: ${what} (${errorMessage(e)}): run tgwire once as the owner of the schema (or a role with CREATE on it); ` +
      'a role with SELECT only can read an archive that is up to date',
    { cause: e },
  );
}

async function applyMigrations(
  pool: pg.Pool,
  schema: string | null,
  options: MigrationOptions & { mustExist: boolean; where: string },
  onUpgrade?: (step: UpgradeStep) => void,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // Two tgwire processes opening the same schema take turns instead of racing to create tables.
  const lock = "SELECT pg_advisory_xact_lock(hashtext('tgwire:' || coalesce($1, current_schema(), '')))";
  const inTx = async (fn: () => Promise<void>): Promise<void> => {
    await client.query('BEGIN');
    try {
      await client.query(lock, [schema]);
      await fn();
      await client.query('COMMIT');
    } catch (e) {
      broken = await rollback(client, 'ROLLBACK');
      throw e;
    }
  };
  try {
    // Read first, without a lock or DDL: an archive at the current schema opens for a role that may only SELECT
    // (an analyst's login), and a read command on a mistyped ?schema= makes nothing.
    let current = await versionOf(client, schema);
    if (current === 0 && options.mustExist)
      throw new UserError(
        `no archive ${schema !== null ? `in schema ${schema} of` : 'in'} ${options.where}: it has no tgwire tables ` +
          '(check the URL and its ?schema=; import, sync and serve create a new archive)',
      );
    if (current > SCHEMA_VERSION)
      throw new StoreError(
        `database schema v${current} is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
      );
    if (current === SCHEMA_VERSION) return;
    const before = current;
    try {
      await inTx(async () => {
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        current = await versionOf(client, schema);
      });
    } catch (e) {
      throw isDenied(e) ? cannotMigrate(e, before, options.where) : e;
    }
    for (const m of migrations) {
      if (m.version <= current) continue;
      const report = current > 0 ? onUpgrade : undefined;
      const started = performance.now();
      report?.({ version: m.version, name: m.name, rereadsWords: !!m.rereadsWords });
      try {
        await inTx(async () => {
          if ((await versionOf(client, schema)) >= m.version) return; // another process applied it meanwhile
          await m.up(client, options);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, new Date().toISOString()],
          );
        });
      } catch (e) {
        throw isDenied(e) ? cannotMigrate(e, before, options.where) : e;
      }
      report?.({
        version: m.version,
        name: m.name,
        rereadsWords: !!m.rereadsWords,
        ms: performance.now() - started,
      });
    }
  } finally {
    client.release(broken);
  }
}

export type SearchIndexOption = 'auto' | 'gin' | 'rum';

export interface PostgresOptions {
  /**
   * The schema holding tgwire's tables, created when missing (lower-case letters, digits, '_'). Default: the
   * server's search_path (usually `public`). Tests use a fresh one each and drop it.
   */
  schema?: string;
  /** Connections in the pool. @default 10 */
  poolSize?: number;
  /**
   * The full-text index of a new or upgraded archive (chosen once, by migration 15): 'auto' and 'gin' use GIN (the
   * faster at 1M posts, README); 'rum' uses RUM (ordered scans in rank and date order) when the `rum` extension can
   * be created, else GIN. @default 'auto'
   */
  searchIndex?: SearchIndexOption;
  /** New posts in a batch from which savePosts loads them with COPY (save.ts). @default 250 */
  copyMin?: number;
  /** How the recent index is sized (recent-index.ts); tests make one on a small archive. */
  recentIndex?: RecentIndexOptions;
  /** Told of each schema step an existing archive needs, before and after it. */
  onUpgrade?: (step: UpgradeStep) => void;
  /**
   * Only an archive that exists (read commands): a schema or database without tgwire's tables is refused, not made.
   * @default false
   */
  mustExist?: boolean;
}

/** Which index the archive searches through: the schema of the rum extension, or null for GIN. */
async function searchIndexOf(pool: pg.Pool): Promise<string | null> {
  const { rows } = await pool.query<{ value: string }>(
    "SELECT value FROM search_settings WHERE name = 'index'",
  );
  if (rows[0]?.value !== 'rum') return null;
  const ns = await rumSchema(pool);
  if (ns === null)
    throw new StoreError(
      'this archive searches through the rum extension, which is no longer installed in the database: install ' +
        'the postgresql-NN-rum package of the server and run CREATE EXTENSION rum SCHEMA public',
    );
  return ns;
}

/**
 * Connects to PostgreSQL at `url` (postgres://user:pass@host:port/db) and migrates the schema to the current
 * version. Refuses a schema newer than this code.
 */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema))
    throw new UserError(
      `PostgreSQL schema "${schema}": use lower-case letters, digits and '_' (starting with a letter or '_')`,
    );
  if (schema !== null && (schema === 'information_schema' || schema.startsWith('pg_')))
    throw new UserError(
      `PostgreSQL schema "${schema}" is the server's own: name another one for the archive`,
    );
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // Idle connections stay open (the pool's default closes them after 10 s, so a web app searched now and then met
    // new ones): a new server process starts with empty caches and maps each shared buffer it reads for the first
    // time. At 1M posts (shared_buffers 512 MB), searches on a connection that had served a thousand others took half
    // the time of searches on new ones, median and p99. Unref'd while idle, so an idle pool never keeps a command
    // from exiting.
    idleTimeoutMillis: 0,
    allowExitOnIdle: true,
    types,
    // JIT off: the searches' large cost estimates make the server compile them, which costs more than it saves (in
    // a 1M-post trial of the tiered ranking, p99 went from 1.0 s to 0.4 s with JIT off and a larger work_mem).
    // temp_buffers: a bulk save stages its rows in a temporary table (save.ts); the default 8 MB spilled to disk.
    options: `-c jit=off -c temp_buffers=32MB${schema ? ` -c search_path=${schema}` : ''}`,
  });
  // A connection the server drops (stopped, restarted, pg_terminate_backend) must not crash the process with an
  // unhandled 'error' event: the pool listens on idle ones, and this on the checked-out ones too, whose pending
  // query fails with the error instead (the command's one-line "stopped answering").
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await applyMigrations(
      pool,
      schema,
      {
        rum: options.searchIndex === 'rum',
        mustExist: options.mustExist ?? false,
        where: withoutPassword(url),
      },
      options.onUpgrade,
    );
    const store = new PostgresStore(
      new PgConnection(pool),
      schema,
      await searchIndexOf(pool),
      { copyMin: options.copyMin },
      options.recentIndex,
    );
    // A bulk load that died left the posts' indexes aside: built again before the archive is used.
    await store.bulk.repair();
    return store;
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof UserError) throw e;
    if (isPasswordMissing(e))
      throw new UserError(
        `${withoutPassword(url)}: the server asks a password for ${userOf(url)}: put it in the URL ` +
          '(postgres://USER:PASSWORD@HOST/DB) or in PGPASSWORD',
        { cause: e },
      );
    if (isSetupMistake(e))
      throw new UserError(`${withoutPassword(url)}: cannot open the database: ${errorMessage(e)}`, {
        cause: e,
      });
    throw wrap(e, `${withoutPassword(url)}: cannot open the database`);
  }
}

// What a user gets wrong in a URL or a server's set-up, not a fault of tgwire: no server there (isUnreachable), no
// such database or role, a wrong password, no right to create the schema, SSL the server does not offer.
const SETUP_CODES = new Set([
  '3D000', // invalid_catalog_name: no such database
  '28000', // invalid_authorization_specification: no such role, pg_hba refusal
  '28P01', // invalid_password
  '42501', // insufficient_privilege
  '42939', // reserved_name
]);

function isSetupMistake(e: unknown): boolean {
  if (isUnreachable(e)) return true;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SETUP_CODES.has(code)) return true;
  return e instanceof Error && /\bSSL\b/.test(e.message);
}

function isDenied(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === '42501';
}

// pg asks the password only once the server wants one (SCRAM); without one its message reads as a tgwire bug.
function isPasswordMissing(e: unknown): boolean {
  return e instanceof Error && /client password must be a string/.test(e.message);
}

function userOf(url: string): string {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return user ? `user ${user}` : 'this user';
  } catch {
    return 'this user';
  }
}
