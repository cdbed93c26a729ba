// The composition root's one choice of database: a postgres:// URL gives PostgreSQL, anything else a SQLite file.
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore, type PostgresStore, type SearchIndexOption } from '../store/postgres/index.js';
import { UserError } from '../util/errors.js';
import { withoutPassword } from '../util/redact-url.js';
import type { UpgradeStep } from '../store/shared.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/**
 * A postgres:// target split into the connection URL and the schema named by its `?schema=NAME` parameter (read by
 * tgwire, not the driver), so several archives (or tests) can share one database.
 */
export function postgresTarget(target: string): { url: string; schema?: string } {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new UserError(`not a valid postgres:// URL: ${withoutPassword(target)}`);
  }
  const schemas = u.searchParams.getAll('schema');
  if (schemas.length > 1)
    throw new UserError(
      `the postgres:// URL names ${schemas.length} schemas (?schema=${schemas.join(', ')}): give one`,
    );
  const schema = schemas[0] ?? null;
  if (schema === null) return { url: target };
  u.searchParams.delete('schema');
  return { url: u.toString(), schema };
}

export interface OpenOptions {
  /**
   * What a new SQLite file may be made in: `folder` creates the missing folders too (the default path, so a fresh
   * checkout starts), `file` only a new file in an existing folder (a mistyped --db is an error, not a new empty
   * archive somewhere), `none` only an existing archive (a copy's source).
   * @default 'file'
   */
  create?: 'folder' | 'file' | 'none';
  /** SQLite: how long a write waits while another process writes (Config.writeWaitMs). */
  writeWaitMs?: number;
  /** SQLite: worker threads for searches (Config.searchWorkers). @default 0 (the main thread) */
  searchWorkers?: number;
  /** PostgreSQL: the full-text index of a new archive (Config.pgSearchIndex). */
  pgSearchIndex?: SearchIndexOption;
  /** Told of each schema step an existing archive needs (upgradeNotice says them on stderr). */
  onUpgrade?: (step: UpgradeStep) => void;
}

/** An upgrade step as a line on stderr: a long re-index is then seen to be under way, not a hang. */
export function upgradeNotice(step: UpgradeStep): void {
  console.error(
    step.ms === undefined
      ? `notice: upgrading the archive to schema v${step.version} (${step.name})…`
      : `notice: schema v${step.version} done in ${(step.ms / 1000).toFixed(1)} s`,
  );
}

function kindOf(path: string): 'file' | 'folder' | 'other' | null {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'folder' : st.isFile() ? 'file' : 'other';
  } catch {
    return null;
  }
}

/** Refuses a SQLite path the options do not let become an archive, naming what is wrong. */
function checkSqlitePath(path: string, create: NonNullable<OpenOptions['create']>): void {
  if (path === ':memory:' || path === '') return;
  const kind = kindOf(path);
  if (kind === 'folder')
    throw new UserError(
      `database ${path} is a folder: give a file path, e.g. ${path.replace(/\/+$/, '')}/tgwire.db`,
    );
  if (kind !== null || create === 'folder') return;
  if (create === 'none')
    throw new UserError(
      `no archive at ${path}: the file does not exist (check --db, TGWIRE_DB or db: in the config file; import, sync and serve create a new archive)`,
    );
  const folder = dirname(path);
  if (kindOf(folder) !== 'folder')
    throw new UserError(
      `database ${path}: the folder ${folder} does not exist (create it first, or check the path)`,
    );
}

/** Either archive: both are a whole Store, and both can be read for a copy (ArchiveReader). */
export type Archive = SqliteStore | PostgresStore;

export async function openStore(target: string, options: OpenOptions = {}): Promise<Archive> {
  if (isPostgresUrl(target))
    // `none` on PostgreSQL: a schema or database without tgwire's tables (a mistyped ?schema=) is refused too.
    return openPostgres(target, options.pgSearchIndex, options.onUpgrade, options.create === 'none');
  const path = target.replace(/^sqlite:\/\//i, '');
  checkSqlitePath(path, options.create ?? 'file');
  return openSqliteStore(path, {
    ...(options.writeWaitMs !== undefined ? { writeWaitMs: options.writeWaitMs } : {}),
    ...(options.searchWorkers !== undefined ? { searchWorkers: options.searchWorkers } : {}),
    ...(options.onUpgrade ? { onUpgrade: options.onUpgrade } : {}),
  });
}

/**
 * The PostgreSQL archive a scale-out command needs (job queue, shared pace, copies); `need` says why, for the error
 * a SQLite target gets before anything is opened or created.
 */
export async function openPostgresArchive(
  target: string,
  need: string,
  searchIndex?: SearchIndexOption,
): Promise<PostgresStore> {
  if (!isPostgresUrl(target)) throw new UserError(`${need}: got ${target}`);
  return openPostgres(target, searchIndex);
}

function openPostgres(
  target: string,
  searchIndex?: SearchIndexOption,
  onUpgrade?: (step: UpgradeStep) => void,
  mustExist = false,
): Promise<PostgresStore> {
  const { url, schema } = postgresTarget(target);
  return openPostgresStore(url, {
    ...(schema !== undefined ? { schema } : {}),
    searchIndex,
    mustExist,
    ...(onUpgrade ? { onUpgrade } : {}),
  });
}
