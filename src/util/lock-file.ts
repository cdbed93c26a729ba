// Which process holds a thing (host:pid), whether it still runs, and lock files that name their holder: imports,
// the publisher and the MTProto session each keep one, and a holder that died (a crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** This process as records of who holds what name it: host:pid. */
export const PROCESS_OWNER = `${hostname()}:${process.pid}`;

/** Whether a process of this machine runs (one of another user's counts: it cannot be signalled, yet runs). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process named host:pid is known to be gone. One of another machine (a shared PostgreSQL archive), or a
 * name that is no host:pid, cannot be checked from here: it is not gone.
 */
export function ownerGone(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const pid = Number(owner.slice(at + 1));
  if (at < 0 || owner.slice(0, at) !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  return !pidAlive(pid);
}

/**
 * Takes the lock file `lock` (created exclusively, holding `holder`) and returns its release, which removes it only
 * while it is still ours (a takeover after we were presumed dead must not be undone). A lock whose holder is gone
 * (`alive` false) is taken over; a living one is refused with `locked(holder)`.
 */
export function takeLockFile(
  lock: string,
  holder: string,
  opts: { mode: number; alive: (holder: string) => boolean; locked: (holder: string) => Error },
): () => void {
  const read = (): string | null => {
    try {
      return readFileSync(lock, 'utf8').trim();
    } catch {
      return null;
    }
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', opts.mode);
      writeSync(fd, `${holder}\n`);
      closeSync(fd);
      return () => {
        if (read() === holder) rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const now = read() ?? '';
      if (opts.alive(now)) throw opts.locked(now);
      rmSync(lock, { force: true });
    }
  }
  throw opts.locked(read() ?? '');
}
