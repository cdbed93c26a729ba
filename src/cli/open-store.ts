// The composition root's one choice of database: a postgres:// URL gives PostgreSQL, anything else a SQLite file.
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore } from '../store/postgres/index.js';

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export async function openStore(target: string): Promise<Store> {
  if (isPostgresUrl(target)) return openPostgresStore(target);
  return openSqliteStore(target.replace(/^sqlite:\/\//i, ''));
}
