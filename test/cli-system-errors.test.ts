// The machine's refusals that are the user's to mend (a folder as --out, no permission, a read-only archive or folder,
// a full disk) are one-line user errors naming the file (exit 1), never "internal error" (exit 2).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_ENTRY, assertUserError, importDemo, tgwire } from './cli.testkit.js';
import { systemUserError } from '../src/cli/system-errors.js';

// As root every permission check passes: those cases run the CLI as `nobody` through runuser, when it exists.
const root = process.getuid?.() === 0;
const runuser = root && spawnSync('runuser', ['--help']).status === 0;

describe('tgwire: user mistakes with files are user errors', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tgwire-syserr-'));
    chmodSync(dir, 0o777);
    db = join(dir, 'a.db');
    importDemo(db);
    mkdirSync(join(dir, 'adir'));
    mkdirSync(join(dir, 'ro'));
    copyFileSync(db, join(dir, 'ro', 'a.db'));
    chmodSync(join(dir, 'ro', 'a.db'), 0o444);
    chmodSync(join(dir, 'ro'), 0o555);
    writeFileSync(join(dir, 'unread.txt'), 'x');
    chmodSync(join(dir, 'unread.txt'), 0o000);
    for (const f of ['a.db', 'a.db-wal', 'a.db-shm']) spawnSync('chmod', ['a+rw', join(dir, f)]);
  });
  after(() => {
    chmodSync(join(dir, 'ro'), 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('export --out and digest --out a folder', () => {
    const out = join(dir, 'adir');
    assertUserError(tgwire(['--db', db, 'export', '--out', out]), /adir: is a folder: give a file name/);
    assertUserError(
      tgwire(['--db', db, 'digest', '--all', '--out', out]),
      /adir: is a folder: give a file name/,
    );
  });

  /** tgwire ARGS as a user without rights on the files above (root cannot be refused). */
  const unprivileged = (args: string[]) => {
    if (!root) return tgwire(args);
    const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, ...CLI_ENTRY, ...args], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '' },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it(
    'an unreadable import file, a read-only archive, an unwritable folder, a backup there',
    { skip: root && !runuser },
    () => {
      const ro = join(dir, 'ro');
      assertUserError(
        unprivileged(['--db', db, 'import', join(dir, 'unread.txt')]),
        /unread\.txt: permission denied/,
      );
      for (const cmd of [['stats'], ['search', 'BRICS']])
        assertUserError(
          unprivileged(['--db', join(ro, 'a.db'), ...cmd]),
          /ro\/a\.db: the archive is read-only \(the file or its folder .*ro\)/,
        );
      assertUserError(
        unprivileged(['--db', join(ro, 'new.db'), 'import', join(dir, 'adir')]),
        /ro\/new\.db: cannot create the archive: the folder .*ro is not writable/,
      );
      assertUserError(
        unprivileged(['--db', db, 'export', '--out', join(ro, 'x.txt')]),
        /ro\/x\.txt: permission denied/,
      );
      assertUserError(
        unprivileged(['--db', db, 'backup', join(ro, 'bk.db')]),
        /backup .*ro\/bk\.db: cannot create the archive: the folder .*ro is not writable/,
      );
    },
  );

  it('a full disk names the archive and says what to do', () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const wrapped = new Error('saving posts', { cause: full });
    assert.match(
      systemUserError(wrapped, '/data/a.db')?.message ?? '',
      /^\/data\/a\.db: the disk is full: free some space/,
    );
    const nospc = Object.assign(new Error('ENOSPC'), {
      code: 'ENOSPC',
      path: '/data/out.txt',
      syscall: 'write',
    });
    assert.match(systemUserError(nospc)?.message ?? '', /^\/data\/out\.txt: the disk is full/);
    assert.equal(systemUserError(new Error('a bug')), null);
  });
});
