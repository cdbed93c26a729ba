// The composition root's one choice of database: a postgres:// URL gives PostgreSQL, anything else a SQLite file.
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/index.js';
import { UserError } from '../util/errors.js';

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
    throw new UserError(`not a valid postgres:// URL: ${target.replace(/:[^:@/]*@/, ':***@')}`);
  }
  const schema = u.searchParams.get('schema');
  if (schema === null) return { url: target };
  u.searchParams.delete('schema');
  return { url: u.toString(), schema };
}

/** Either archive: both are a whole Store, and both can be read for a copy (ArchiveReader). */
export type Archive = SqliteStore | PostgresStore;

export async function openStore(target: string): Promise<Archive> {
  if (isPostgresUrl(target)) return openPostgres(target);
  return openSqliteStore(target.replace(/^sqlite:\/\//i, ''));
}

/**
 * The PostgreSQL archive a scale-out command needs (job queue, shared pace, copies); `need` says why, for the error
 * a SQLite target gets before anything is opened or created.
 */
export async function openPostgresArchive(target: string, need: string): Promise<PostgresStore> {
  if (!isPostgresUrl(target)) throw new UserError(`${need}: got ${target}`);
  return openPostgres(target);
}

function openPostgres(target: string): Promise<PostgresStore> {
  const { url, schema } = postgresTarget(target);
  return openPostgresStore(url, schema !== undefined ? { schema } : {});
}
