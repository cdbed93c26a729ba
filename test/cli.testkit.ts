// Runs the command line as a real process for the end-to-end CLI tests: the built CLI when `npm test` has just built
// it (TGWIRE_TEST_BUILT=1), else through tsx from the sources (a test file run on its own).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './shared.js';

const DEV = join(projectRoot, 'scripts', 'tgwire-dev.ts');
const BIN = join(projectRoot, 'bin', 'tgwire.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Resolved here, so a run in another working directory (a fresh machine's empty folder) still finds the loader.
const TSX = import.meta.resolve('tsx');

/**
 * Node's arguments that start `tgwire`, before its own. The built CLI starts in about half the time of tsx
 * compiling the sources, and the CLI tests spawn it hundreds of times.
 */
export const CLI_ENTRY: readonly string[] =
  process.env.TGWIRE_TEST_BUILT === '1' ? [BIN] : ['--import', TSX, DEV];

/**
 * `tgwire ARGS` with no archive or config from the environment unless `env` gives them (a variable given as
 * undefined is left unset), run in the project root unless `cwd` names another folder.
 */
export function tgwire(
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = projectRoot,
): CliResult {
  const r = spawnSync(process.execPath, [...CLI_ENTRY, ...args], {
    cwd,
    encoding: 'utf8',
    env: childEnv(env),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Media downloads stay on 127.0.0.1 even when a test file runs without scripts/run-tests.mjs.
  const local = { TGWIRE_MEDIA_ALLOW_HOSTS: process.env.TGWIRE_MEDIA_ALLOW_HOSTS || '127.0.0.1' };
  const merged = { ...process.env, TGWIRE_DB: '', TGWIRE_CONFIG: '', ...local, ...env };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

/**
 * `tgwire ARGS` as tgwire() runs it, without blocking this process: for tests whose fake server (t.me, Bot API) or
 * held lock lives in this process and must keep answering. Killed after `timeoutMs` so a hang fails the test.
 */
export function tgwireAsync(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 120_000,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_ENTRY, ...args], {
      cwd: projectRoot,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
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
export function importDemo(db: string): CliResult {
  const r = tgwire([
    '--db',
    db,
    'import',
    join(projectRoot, 'demo', 'sample-brics.txt'),
    '--channel',
    'demo',
  ]);
  assert.equal(r.code, 0, r.stderr);
  return r;
}
