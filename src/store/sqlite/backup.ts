// An online copy of a SQLite archive (`tgwire backup`): what a plain `cp` of the file misses is in its write-ahead log.
import { link, rm, stat } from 'node:fs/promises';
import Database from 'better-sqlite3';
import type { Db } from './connection.js';

export interface SqliteBackup {
  /** The copy's size in bytes. */
  bytes: number;
  /** Posts in the copy (deleted ones included, as `stats` counts them). */
  posts: number;
}

/**
 * Copies the archive `db` reads into the new file `target` with SQLite's backup API, in one step: one read
 * transaction, so the copy is the archive as it stood at one moment, the write-ahead log included, while other
 * processes go on writing (in WAL mode a reader holds no writer back). The copy is written beside `target` and
 * linked into place, so a failed backup leaves no half file under its name; it is a single file (rollback
 * journal), which tgwire turns back to WAL when it opens it.
 */
export async function backupSqlite(db: Db, target: string): Promise<SqliteBackup> {
  const partial = `${target}.${process.pid}.partial`;
  try {
    // better-sqlite3 steps 100 pages at a time, and a step after another connection's write starts the copy again:
    // on a busy archive it could start over for ever. All the remaining pages in the next step: one snapshot.
    await db.backup(partial, { progress: () => 0x7fffffff });
    const copy = new Database(partial);
    let posts: number;
    try {
      copy.pragma('journal_mode = DELETE');
      posts = copy.prepare('SELECT count(*) FROM posts').pluck().get() as number;
    } finally {
      copy.close();
    }
    // A link, not a rename: a file that appeared under the name meanwhile is not replaced (EEXIST).
    await link(partial, target);
    return { bytes: (await stat(target)).size, posts };
  } finally {
    await rm(partial, { force: true });
  }
}
