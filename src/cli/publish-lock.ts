// One publisher per archive: `publish` takes this lock before it probes, plans or sends anything.
//
// Why: a publisher that finds a row in flight takes it for a crash and probes (or resends) it; a second publisher
// on the same archive would do that to the first one's live send, and race it for the next rows. A lock held by a
// living process refuses the second publisher with a message naming it; a lock left by a dead one is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import pg from 'pg';
import { UserError } from '../util/errors.js';
import { withoutPassword } from '../util/redact-url.js';
import { isPostgresUrl, postgresTarget } from './open-store.js';

/** Another publisher holds the archive. */
export class PublisherRunningError extends UserError {
  override name = 'PublisherRunningError';
}

/** This process, as the lock names it. */
export const PUBLISHER = `${hostname()}:${process.pid}`;

function running(holder: string, archive: string): PublisherRunningError {
  return new PublisherRunningError(
    `another publisher (${holder}) is running on ${archive}: stop it first, one publisher per archive (publish --status works alongside it)`,
  );
}

/** Whether `owner` (host:pid) is a process that still runs; one on another host cannot be told, so it counts as alive. */
function ownerAlive(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const pid = Number(owner.slice(at + 1));
  if (owner.slice(0, at) !== hostname() || !Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SQLite: `ARCHIVE.publish.lock` holding host:pid, created exclusively; a dead holder's lock is taken over. */
function lockFile(db: string, owner: string): () => void {
  const lock = `${db}.publish.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o644);
      writeSync(fd, `${owner}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock is removed: a takeover after we were presumed dead must not be undone.
        let now = '';
        try {
          now = readFileSync(lock, 'utf8').trim();
        } catch {
          return;
        }
        if (now === owner) rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readFileSync(lock, 'utf8').trim();
      if (holder && ownerAlive(holder))
        throw running(holder, `${db} (remove ${lock} if that process is gone)`);
      rmSync(lock, { force: true });
    }
  }
  throw running(readFileSync(lock, 'utf8').trim(), db);
}

/**
 * PostgreSQL: a session advisory lock on a connection of its own, released when it closes (so a crashed
 * publisher's lock goes with its connection); the holder is named by its connection's application_name.
 */
async function lockPostgres(target: string, owner: string): Promise<() => Promise<void>> {
  const { url, schema } = postgresTarget(target);
  const key = `tgwire publish ${schema ?? 'public'}`;
  const client = new pg.Client({ connectionString: url, application_name: `tgwire publish ${owner}` });
  await client.connect();
  try {
    const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
    if (!got.rows[0]?.ok) {
      const who = await client.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
          WHERE l.locktype = 'advisory' AND l.granted AND l.objid = hashtext($1)::oid AND l.pid <> pg_backend_pid()`,
        [key],
      );
      const name = who.rows[0]?.name?.replace(/^tgwire publish /, '') || 'another connection';
      throw running(name, withoutPassword(target));
    }
  } catch (e) {
    await client.end().catch(() => {});
    throw e;
  }
  return () => client.end();
}

/** Takes the archive's publisher lock (see above); resolves to its release. */
export async function lockPublisher(db: string, owner = PUBLISHER): Promise<() => Promise<void>> {
  if (isPostgresUrl(db)) return lockPostgres(db, owner);
  const release = lockFile(db, owner);
  return () => Promise.resolve(release());
}
