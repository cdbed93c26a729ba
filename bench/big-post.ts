// One post of many megabytes on one line (a damaged or hostile file): what importing it costs, beside a 1 MB one.
// Each import runs in a child (bench/import-memory.ts --child) so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface BigPostCase {
  format: 'text' | 'export-json';
  mb: number;
  seconds: number;
  peakRssMb: number;
}

function line(bytes: number): string {
  const words: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const w = `word${i % 997}`;
    words.push(w);
    n += w.length + 1;
  }
  return words.join(' ').slice(0, bytes);
}

function write(file: string, format: BigPostCase['format'], text: string): void {
  if (format === 'text') writeFileSync(file, `Forwarded from\u00A0Somebody\n${text}\n`);
  else
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Big',
        type: 'public_channel',
        id: 4242,
        messages: [
          { id: 1, type: 'message', date: '2024-01-01T00:00:00', date_unixtime: '1704067200', text },
        ],
      }),
    );
}

export function benchBigPost(sizesMb: number[] = [1, 50]): BigPostCase[] {
  const dir = join(root, '.tmp', `big-post-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const cases: BigPostCase[] = [];
  try {
    for (const format of ['text', 'export-json'] as const)
      for (const mb of sizesMb) {
        const file = join(dir, format === 'text' ? `big-${mb}.txt` : `big-${mb}.json`);
        write(file, format, line(mb * 1_000_000));
        const db = join(dir, `${format}-${mb}.db`);
        const res = spawnSync(
          process.execPath,
          ['--import', 'tsx', join(root, 'bench', 'import-memory.ts'), '--child', file, db],
          { encoding: 'utf8', maxBuffer: 1 << 20, cwd: root },
        );
        if (res.status !== 0) throw new Error(`import child failed: ${res.stderr}`);
        const out = JSON.parse(res.stdout.trim().split('\n').pop()!) as {
          seconds: number;
          peakRssMb: number;
        };
        cases.push({
          format,
          mb,
          seconds: Number(out.seconds.toFixed(1)),
          peakRssMb: Math.round(out.peakRssMb),
        });
        rmSync(file, { force: true });
      }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cases;
}
