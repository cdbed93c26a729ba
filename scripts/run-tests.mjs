// Runs every *.test.ts under src/ and test/ with Node's own test runner (Node 20 has no glob for --test).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = ['src', 'test']
  .flatMap((d) => {
    try {
      return find(d);
    } catch {
      return [];
    }
  })
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();

// Media are kept by default, and real captured pages name images on Telegram's CDN: the tests (and the tgwire
// processes they start, which inherit this) may download from 127.0.0.1 only, never from the internet.
const env = { ...process.env, TGWIRE_MEDIA_ALLOW_HOSTS: process.env.TGWIRE_MEDIA_ALLOW_HOSTS || '127.0.0.1' };

// The CLI tests start tgwire hundreds of times: from the build it starts in half the time tsx takes to compile the
// sources. Built first, so the tests never run a stale dist/.
const tsc = fileURLToPath(import.meta.resolve('typescript/bin/tsc'));
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('run-tests: the build failed (tsc -p tsconfig.build.json); no test was run');
  process.exit(build.status ?? 1);
}
env.TGWIRE_TEST_BUILT = '1';

const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env },
);
process.exit(res.status ?? 1);
