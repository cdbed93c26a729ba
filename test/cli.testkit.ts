// Runs the command line as a real process (through tsx, from the sources) for the end-to-end CLI tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './shared.js';

const DEV = join(projectRoot, 'scripts', 'tgwire-dev.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Resolved here, so a run in another working directory (a fresh machine's empty folder) still finds the loader.
const TSX = import.meta.resolve('tsx');

/**
 * `tgwire ARGS` with no archive or config from the environment unless `env` gives them (a variable given as
 * undefined is left unset), run in the project root unless `cwd` names another folder.
 */
export function tgwire(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = projectRoot,
): CliResult {
  const merged = { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '', ...env };
  const r = spawnSync(process.execPath, ['--import', TSX, DEV, ...args], {
    cwd,
    encoding: 'utf8',
    env: Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A user error: exit 1 and one line on stderr, no stack trace. */
export function assertUserError(r: CliResult, message: RegExp): void {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

/** The demo feed (the sample's posts) imported as channel `demo` into the archive at `db`. */
export function importDemo(db: string): void {
  const r = tgwire([
    '--db',
    db,
    'import',
    join(projectRoot, 'demo', 'sample-brics.txt'),
    '--channel',
    'demo',
  ]);
  assert.equal(r.code, 0, r.stderr);
}
