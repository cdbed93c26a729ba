import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportFolder, readExportFile, relativeInside } from './export-path.js';

describe('relativeInside', () => {
  const cases: [string, string | null][] = [
    ['photos/photo_1@09-09-2024_10-00-00.jpg', 'photos/photo_1@09-09-2024_10-00-00.jpg'],
    ['stickers/sticker (24).webp', 'stickers/sticker (24).webp'],
    ['./files/a.pdf', 'files/a.pdf'],
    ['photos/../files/a.pdf', 'files/a.pdf'],
    ['photos\\a.jpg', 'photos/a.jpg'],
    ['../../outside.jpg', null],
    ['photos/../../x.jpg', null],
    ['..\\..\\x.jpg', null],
    ['..', null],
    ['/etc/passwd', null],
    ['\\\\host\\share\\x', null],
    ['C:\\Users\\x.jpg', null],
    ['c:x.jpg', null],
    ['file:///etc/passwd', null],
    ['https://cdn4.telegram-cdn.org/file/x.jpg', null],
    ['photos/a\0.jpg', null],
    ['', null],
  ];
  for (const [input, expected] of cases)
    it(`${JSON.stringify(input)} -> ${JSON.stringify(expected)}`, () =>
      assert.equal(relativeInside(input), expected));
});

describe('readExportFile', () => {
  let base: string;
  let root: string;
  const cap = 1000;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'tgwire-export-path-'));
    mkdirSync(join(base, 'export', 'photos'), { recursive: true });
    mkdirSync(join(base, 'export', 'files'));
    writeFileSync(join(base, 'export', 'photos', 'a.jpg'), 'inside');
    writeFileSync(join(base, 'secret.txt'), 'outside');
    symlinkSync(join(base, 'export', 'photos', 'a.jpg'), join(base, 'export', 'files', 'inner-link.jpg'));
    symlinkSync(join(base, 'secret.txt'), join(base, 'export', 'files', 'out-link.jpg'));
    symlinkSync(base, join(base, 'export', 'up'));
    symlinkSync('loop-b', join(base, 'export', 'files', 'loop-a'));
    symlinkSync('loop-a', join(base, 'export', 'files', 'loop-b'));
    writeFileSync(join(base, 'export', 'files', 'big.bin'), '');
    // Sparse: 4 GiB on paper, nothing on disk; read whole, it would not fit in a Uint8Array.
    truncateSync(join(base, 'export', 'files', 'big.bin'), 4 * 1024 ** 3);
    execFileSync('mkfifo', [join(base, 'export', 'files', 'pipe.ogg')]);
    writeFileSync(join(base, 'export', 'result.json'), '{}');
    root = await exportFolder(join(base, 'export', 'result.json'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('reads a file inside the folder, also through a link that stays inside', async () => {
    for (const p of ['photos/a.jpg', 'files/inner-link.jpg', 'files/../photos/a.jpg']) {
      const r = await readExportFile(root, p, cap);
      assert.ok('bytes' in r, p);
      assert.equal(Buffer.from(r.bytes).toString(), 'inside');
    }
  });

  it('refuses paths and links leading out of the folder', async () => {
    for (const p of ['../secret.txt', 'files/out-link.jpg', 'up/secret.txt', '/etc/hostname']) {
      const r = await readExportFile(root, p, cap);
      assert.ok('skipped' in r && r.skipped.reason === 'unsafe_path', `${p}: ${JSON.stringify(r)}`);
    }
  });

  it('a missing file, a folder, a FIFO (never opened) and a loop of links', async () => {
    assert.deepEqual(await readExportFile(root, 'photos/none.jpg', cap), {
      skipped: { reason: 'missing', detail: 'photos/none.jpg' },
    });
    assert.deepEqual(await readExportFile(root, 'photos', cap), {
      skipped: { reason: 'missing', detail: 'photos' },
    });
    assert.deepEqual(await readExportFile(root, 'files/pipe.ogg', cap), {
      skipped: { reason: 'missing', detail: 'files/pipe.ogg' },
    });
    const loop = await readExportFile(root, 'files/loop-a', cap);
    assert.ok('skipped' in loop && loop.skipped.reason === 'unsafe_path');
  });

  it('a file over the cap is skipped with its size, from its size alone', async () => {
    assert.deepEqual(await readExportFile(root, 'files/big.bin', cap), {
      skipped: { reason: 'too_large', size: 4 * 1024 ** 3 },
    });
    assert.deepEqual(await readExportFile(root, 'photos/a.jpg', 3), {
      skipped: { reason: 'too_large', size: 6 },
    });
  });
});
