// The account's session on disk: one file readable by its owner only, and a lock so one process uses it at a time.
import {
  chmodSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../../util/errors.js';
import { pidAlive, takeLockFile } from '../../util/lock-file.js';

/** No session yet: the account has not logged in (or logged out). */
export class SessionMissingError extends UserError {
  override name = 'SessionMissingError';
  constructor(readonly path: string) {
    super(`no Telegram session (${path}): run tgwire login first`);
  }
}

/** Another live process holds the session: two processes on one session confuse Telegram and may get it revoked. */
export class SessionLockedError extends UserError {
  override name = 'SessionLockedError';
  constructor(
    readonly path: string,
    readonly holder: number,
  ) {
    super(
      `the Telegram session ${path} is in use by process ${holder}; stop that process or wait for it to finish (one session, one process)`,
    );
  }
}

/** The session string, or null when there is none. */
export function readSession(path: string): string | null {
  try {
    const s = readFileSync(path, 'utf8').trim();
    return s === '' ? null : s;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** True when a session exists (channels add --via auto|mtproto decides on it). */
export function hasSession(path: string): boolean {
  return readSession(path) !== null;
}

/** Writes the session with mode 0600 from the first byte (a temporary file, then renamed over the old one). */
export function writeSession(path: string, session: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, session);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600); // a file left by an earlier crash keeps its old mode through open(); this one does not
  renameSync(tmp, path);
}

export function removeSession(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Takes the session's lock (`PATH.lock`, holding the pid) and returns its release. A lock whose process is gone (a
 * crash, kill -9) is taken over; a live holder is a SessionLockedError naming its pid.
 */
export function lockSession(path: string, pid = process.pid): () => void {
  mkdirSync(dirname(path), { recursive: true });
  return takeLockFile(`${path}.lock`, String(pid), {
    mode: 0o600,
    alive: (holder) => pidAlive(Number.parseInt(holder, 10)),
    locked: (holder) => new SessionLockedError(path, Number.parseInt(holder, 10)),
  });
}
