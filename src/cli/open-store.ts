// The composition root's one choice of database: a postgres:// URL gives PostgreSQL, anything else a SQLite file.
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore } from '../store/postgres/index.js';
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

export async function openStore(target: string): Promise<Store> {
  if (isPostgresUrl(target)) {
    const { url, schema } = postgresTarget(target);
    return openPostgresStore(url, schema !== undefined ? { schema } : {});
  }
  return openSqliteStore(target.replace(/^sqlite:\/\//i, ''));
}
