// Peak memory of a full `tgwire import` (stream parse + SQLite store) of a large generated result.json, in a child.
// Run: node --import tsx bench/import-memory.ts 1000   (MB; the files go under .tmp/ and are deleted afterwards)
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateExportJson } from './export-gen.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface ImportMemory {
  fileMb: number;
  posts: number;
  seconds: number;
  peakRssMb: number;
  postsPerSec: number;
}

/** In the child: imports the file through the real pipeline and prints what it cost. */
async function child(file: string, db: string): Promise<void> {
  const { openSqliteStore } = await import('../src/store/sqlite/index.js');
  const { importFile } = await import('../src/pipeline/import.js');
  const store = await openSqliteStore(db);
  const t = performance.now();
  const r = await importFile(store, file, { channel: 'bench' });
  const seconds = (performance.now() - t) / 1000;
  await store.close();
  // ru_maxrss is the high-water mark of the resident set, in kilobytes on Linux.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ posts: r.posts, seconds, peakRssMb }) + '\n');
}

export async function benchImportMemory(mb: number): Promise<ImportMemory> {
  const dir = join(root, '.tmp', `import-memory-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  try {
    const file = join(dir, 'result.json');
    await generateExportJson(file, mb * 1024 * 1024);
    const res = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file, join(dir, 'bench.db')],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (res.status !== 0) throw new Error(`import child failed: ${res.stderr}`);
    const out = JSON.parse(res.stdout.trim().split('\n').pop()!) as {
      posts: number;
      seconds: number;
      peakRssMb: number;
    };
    return {
      fileMb: Math.round(statSync(file).size / 1024 / 1024),
      posts: out.posts,
      seconds: Number(out.seconds.toFixed(1)),
      peakRssMb: Math.round(out.peakRssMb),
      postsPerSec: Math.round(out.posts / out.seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
  else console.log(await benchImportMemory(Number(process.argv[2] ?? 100)));
}
