// The composition root's one choice of database: a postgres:// URL gives PostgreSQL, anything else a SQLite file.
import type { Store } from '../store/store.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { UserError } from '../util/errors.js';

export async function openStore(target: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(target)) {
    throw new UserError('PostgreSQL stores are not available in this build yet; use a SQLite file path');
  }
  const path = target.replace(/^sqlite:\/\//i, '');
  return openSqliteStore(path);
}
