// The package's promises about itself: what the built program needs is a dependency, what only tests, benches
// and tools need is a devDependency, nothing listed goes unused, and CI runs the gate `npm run check` runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './shared.js';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as PackageJson;
const deps = new Set(Object.keys(pkg.dependencies));
const devDeps = new Set(Object.keys(pkg.devDependencies));

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** The packages a file imports (static, re-exported or dynamic), each marked type-only when erased at build. */
export function importedPackages(source: string): { name: string; typeOnly: boolean }[] {
  const found: { name: string; typeOnly: boolean }[] = [];
  const statement = /\b(?:import|export)\s+(type\s+)?(?:[^;'"]*?\bfrom\s*)?['"]([^'"\n]+)['"]/g;
  const dynamic = /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g;
  // A package whose file is resolved to be run (a test server's bin) is used too.
  const resolved = /\bimport\.meta\.resolve\(\s*['"]([^'"\n]+)['"]\s*\)/g;
  const specs: [string, boolean][] = [
    ...[...source.matchAll(statement)].map((m): [string, boolean] => [m[2]!, m[1] !== undefined]),
    ...[...source.matchAll(dynamic)].map((m): [string, boolean] => [m[1]!, false]),
    ...[...source.matchAll(resolved)].map((m): [string, boolean] => [m[1]!, false]),
  ];
  for (const [spec, typeOnly] of specs) {
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (builtinModules.includes(name)) continue;
    found.push({ name, typeOnly });
  }
  return found;
}

const isTestFile = (f: string) => /\.(test|testkit)\.ts$/.test(f) || f.includes('/testdata/');
const files = ['src', 'test', 'bench', 'scripts', 'bin'].flatMap((d) => walk(join(projectRoot, d)));
const shipped = files.filter((f) => relative(projectRoot, f).startsWith('src/') && !isTestFile(f));
// This file's own examples of import statements name no real package.
const rest = files.filter((f) => !shipped.includes(f) && f !== fileURLToPath(import.meta.url));
const toolFiles = ['eslint.config.js'].map((f) => join(projectRoot, f));

function importsOf(list: string[]): Map<string, { file: string; typeOnly: boolean }[]> {
  const by = new Map<string, { file: string; typeOnly: boolean }[]>();
  for (const file of list)
    for (const { name, typeOnly } of importedPackages(readFileSync(file, 'utf8'))) {
      const at = by.get(name) ?? [];
      at.push({ file: relative(projectRoot, file), typeOnly });
      by.set(name, at);
    }
  return by;
}

describe('package.json', () => {
  it('reads imports of every kind, and only packages', () => {
    const src = [
      "import { a } from 'alpha';",
      "import type { B } from '@scope/beta/sub';",
      "import {\n  c,\n  type D,\n} from 'gamma/deep/path.js';",
      "import 'side-effect';",
      "export { e } from 'delta';",
      "const m = await import('epsilon');",
      "import { f } from './local.js';",
      "import { readFile } from 'node:fs/promises';",
      "import path from 'path';",
    ].join('\n');
    assert.deepEqual(importedPackages(src), [
      { name: 'alpha', typeOnly: false },
      { name: '@scope/beta', typeOnly: true },
      { name: 'gamma', typeOnly: false },
      { name: 'side-effect', typeOnly: false },
      { name: 'delta', typeOnly: false },
      { name: 'epsilon', typeOnly: false },
    ]);
  });

  it('the built program imports only dependencies (npm start works without the devDependencies)', () => {
    const wrong = [...importsOf(shipped)]
      .filter(([name, at]) => !deps.has(name) && at.some((a) => !a.typeOnly))
      .map(([name, at]) => `${name} (${at.map((a) => a.file).join(', ')})`);
    assert.deepEqual(wrong, [], 'imported by src/ but not in dependencies');
  });

  it('every dependency is imported by the program itself; one only tests or benches use is a devDependency', () => {
    const used = importsOf(shipped);
    const unused = [...deps].filter((d) => !used.get(d)?.some((a) => !a.typeOnly));
    assert.deepEqual(unused, [], 'dependencies the built program never imports');
  });

  it('tests, benches and scripts import only listed packages', () => {
    const missing = [...importsOf([...rest, ...toolFiles])]
      .filter(([name]) => !deps.has(name) && !devDeps.has(name))
      .map(([name, at]) => `${name} (${at[0]!.file})`);
    assert.deepEqual(missing, []);
  });

  it('every devDependency is used: imported, run by a script, or the types of a listed package', () => {
    const imported = importsOf([...rest, ...toolFiles]);
    const scripts =
      Object.values(pkg.scripts).join(' ') +
      readFileSync(join(projectRoot, 'scripts', 'run-tests.mjs'), 'utf8');
    const tools: Record<string, string> = {
      typescript: 'tsc',
      eslint: 'eslint',
      prettier: 'prettier',
      tsx: 'tsx',
    };
    const unused = [...devDeps].filter((d) => {
      if (imported.has(d)) return false;
      if (tools[d] && new RegExp(`\\b${tools[d]}\\b`).test(scripts)) return false;
      const typed = d.match(/^@types\/(.+)$/)?.[1];
      if (typed) return !(typed === 'node' || deps.has(typed) || devDeps.has(typed));
      return true;
    });
    assert.deepEqual(unused, [], 'devDependencies nothing uses');
  });

  it('no package is both a dependency and a devDependency', () => {
    assert.deepEqual(
      [...deps].filter((d) => devDeps.has(d)),
      [],
    );
  });
});

describe('CI', () => {
  const ci = readFileSync(join(projectRoot, '.ci', 'run'), 'utf8');
  const commands = ci
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('npm run check is the static checks and then the tests', () => {
    assert.equal(pkg.scripts.check, 'npm run check:static && npm test');
    for (const step of ['format:check', 'lint', 'typecheck'])
      assert.match(pkg.scripts['check:static']!, new RegExp(`npm run ${step}\\b`));
  });

  it(".ci/run runs the same static checks, and ends with the README's test command", () => {
    const last = commands.at(-1)!;
    assert.match(last, /\bnpm run check:static && npm test$/, last);
    const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
    const testCommand = /^(npm ci && npm test)\b/m.exec(readme)?.[1];
    assert.ok(testCommand, 'the README names its test command');
    assert.ok(last.startsWith('npm ci && '), last);
  });
});

describe('bin/tgwire.js', () => {
  it('in a checkout not built yet says what to run, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tgwire-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(join(projectRoot, 'bin', 'tgwire.js'), join(dir, 'bin', 'tgwire.js'));
      writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
      const r = spawnSync(process.execPath, [join(dir, 'bin', 'tgwire.js'), '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.equal(
        r.stderr,
        'tgwire: not built yet: run `npm ci` (or `npm run build`) in the project folder first\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
