// Failures of the machine that are the user's to mend (a folder given as a file, no permission, a read-only or full
// disk) turned into one-line user errors naming the file and what to do, instead of "internal error" (exit 2).
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArchiveUnavailableError, UserError, errorMessage } from '../util/errors.js';
import { withoutPassword } from '../util/redact-url.js';
import { isUnreachable } from '../store/shared.js';

function prop(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;
}

/** The error and its causes, outermost first (StoreError wraps the driver's error). */
function chain(e: unknown): unknown[] {
  const out: unknown[] = [];
  for (let x = e, depth = 0; x && depth < 5; x = prop(x, 'cause'), depth++) out.push(x);
  return out;
}

const FULL = 'the disk is full: free some space and run the command again (what was saved before is kept)';

/** A Node file-system error (it carries `code` and `path`) as a user error, or null. */
function fileSystemError(e: unknown): UserError | null {
  const code = prop(e, 'code');
  const path = prop(e, 'path');
  if (typeof code !== 'string' || typeof path !== 'string') return null;
  const say = (what: string) => new UserError(`${path}: ${what}`, { cause: e });
  switch (code) {
    case 'EISDIR':
      return say('is a folder: give a file name (for example ' + `${path.replace(/\/+$/, '')}/out.txt)`);
    case 'ENOTDIR':
      return say('a part of this path is a file, not a folder: check the path');
    case 'EACCES':
    case 'EPERM':
      return say(
        `permission denied (${prop(e, 'syscall') ?? 'open'}): check that you may ${prop(e, 'syscall') === 'open' && existsSync(path) ? 'read or write this file' : 'write in its folder'}, or choose another place`,
      );
    case 'EROFS':
      return say('the file system is read-only: choose a writable place');
    case 'ENOSPC':
    case 'EDQUOT':
      return say(FULL);
    default:
      return null;
  }
}

/** Whether `path` (or, when it does not exist, its folder) can be written. */
function writable(path: string): boolean {
  try {
    accessSync(existsSync(path) ? path : dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL server that went away while a command ran (stopped, restarted, its connection ended), as one line
 * naming the database(s), or null. Nothing it had not committed is kept: an import cut off is taken back by the next
 * command.
 */
export function serverGoneError(e: unknown, dbs: string[]): UserError | null {
  const urls = dbs.filter((db) => /^postgres(ql)?:\/\//i.test(db)).map(withoutPassword);
  // A server not there when the command opened it is said by the opener (cannot open the database: …).
  if (urls.length === 0 || (e instanceof UserError && !(e instanceof ArchiveUnavailableError))) return null;
  const gone = chain(e).find(isUnreachable);
  if (gone === undefined) return null;
  return new UserError(
    `${urls.join(' or ')}: the database server stopped answering (${errorMessage(gone)}): what the command had not ` +
      'committed is not kept; run it again once the server is back',
    { cause: e },
  );
}

/**
 * A SQLite failure on the archive file `db` that the user can mend, as a user error naming the file, or null.
 * SQLite in WAL mode writes beside the archive (its -wal and -shm files) even to read, so a read-only file or
 * folder stops every command, `stats` included. A PostgreSQL server gone mid-command: serverGoneError.
 */
export function archiveUserError(e: unknown, db: string): UserError | null {
  const gone = serverGoneError(e, [db]);
  if (gone) return gone;
  for (const x of chain(e)) {
    const code = prop(x, 'code');
    if (typeof code !== 'string' || !code.startsWith('SQLITE_')) continue;
    if (code === 'SQLITE_FULL') return new UserError(`${db}: ${FULL}`, { cause: e });
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
      const folder = dirname(db);
      if (!existsSync(db) && !writable(db))
        return new UserError(
          `${db}: cannot create the archive: the folder ${folder} is not writable (choose another place, or give yourself write permission there)`,
          { cause: e },
        );
      if (!writable(db) || !writable(`${folder}/.`))
        return new UserError(
          `${db}: the archive is read-only (the file or its folder ${folder}): tgwire writes beside it (its -wal and -shm files) even to read, so make both writable, or copy the archive to a writable folder`,
          { cause: e },
        );
    }
  }
  return null;
}

/** Any error above (a file-system one anywhere in the chain; a SQLite one on `db` when given) as a user error. */
export function systemUserError(e: unknown, db?: string): UserError | null {
  if (e instanceof UserError) return null;
  if (db !== undefined) {
    const archive = archiveUserError(e, db);
    if (archive) return archive;
  }
  for (const x of chain(e)) {
    const fs = fileSystemError(x);
    if (fs) return fs;
  }
  return null;
}
