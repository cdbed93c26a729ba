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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the session's lock (`PATH.lock`, holding the pid) and returns its release. A lock whose process is gone (a
 * crash, kill -9) is taken over; a live holder is a SessionLockedError naming its pid.
 */
export function lockSession(path: string, pid = process.pid): () => void {
  const lock = `${path}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      return () => {
        // Only our own lock is removed: a takeover after we were presumed dead must not be undone.
        if (readSession(lock) === String(pid)) rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) throw new SessionLockedError(path, holder);
      rmSync(lock, { force: true });
    }
  }
  throw new SessionLockedError(path, Number.parseInt(readFileSync(lock, 'utf8'), 10));
}
