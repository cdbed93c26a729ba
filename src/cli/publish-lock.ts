// One publisher per archive: `publish` takes this lock before it probes, plans or sends anything.
//
// Why: a publisher that finds a row in flight takes it for a crash and probes (or resends) it; a second publisher
// on the same archive would do that to the first one's live send, and race it for the next rows. A lock held by a
// living process refuses the second publisher with a message naming it; a lock left by a dead one is taken over.
import pg from 'pg';
import { UserError } from '../util/errors.js';
import { PROCESS_OWNER, ownerGone, takeLockFile } from '../util/lock-file.js';
import { withoutPassword } from '../util/redact-url.js';
import { isPostgresUrl, postgresTarget } from './open-store.js';

/** Another publisher holds the archive. */
export class PublisherRunningError extends UserError {
  override name = 'PublisherRunningError';
}

/** This process, as the lock names it. */
export const PUBLISHER = PROCESS_OWNER;

function running(holder: string, archive: string): PublisherRunningError {
  return new PublisherRunningError(
    `another publisher (${holder}) is running on ${archive}: stop it first, one publisher per archive (publish --status works alongside it)`,
  );
}

/** SQLite: `ARCHIVE.publish.lock` holding host:pid, created exclusively; a dead holder's lock is taken over. */
function lockFile(db: string, owner: string): () => void {
  const lock = `${db}.publish.lock`;
  return takeLockFile(lock, owner, {
    mode: 0o644,
    // One of another machine cannot be checked: it counts as running.
    alive: (holder) => holder !== '' && !ownerGone(holder),
    locked: (holder) => running(holder, `${db} (remove ${lock} if that process is gone)`),
  });
}

/**
 * PostgreSQL: a session advisory lock on a connection of its own, released when it closes (so a crashed
 * publisher's lock goes with its connection); the holder is named by its connection's application_name.
 */
async function lockPostgres(target: string, owner: string): Promise<() => Promise<void>> {
  const { url, schema } = postgresTarget(target);
  const key = `tgwire publish ${schema ?? 'public'}`;
  const client = new pg.Client({ connectionString: url, application_name: `tgwire publish ${owner}` });
  // A server that stops while the lock is held must not crash the process (an unhandled 'error' event).
  client.on('error', () => {});
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
