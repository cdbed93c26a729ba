// Reading a file an export names by a relative path, only when it lies inside the export's folder (links followed).
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import { dirname, join, posix, sep } from 'node:path';
import type { MediaSkip } from '../../model/media.js';

/** The folder an export's relative paths start from: the real folder of the export file (links resolved). */
export async function exportFolder(file: string): Promise<string> {
  return dirname(await realpath(file));
}

/** Either the file's bytes, or why they were not read. */
export type ExportFileRead = { bytes: Uint8Array } | { skipped: MediaSkip };

const unsafe = (detail: string): ExportFileRead => ({ skipped: { reason: 'unsafe_path', detail } });
const missing = (detail: string): ExportFileRead => ({ skipped: { reason: 'missing', detail } });

/**
 * The path as a relative path inside the folder, or null when it is not one: absolute (`/x`, `C:\x`, `\\host\x`),
 * a URL (`file:`, `https:`), or climbing out with `..` once normalised. Backslashes count as separators, so a
 * Windows-made `..\..\x` is caught too.
 */
export function relativeInside(path: string): string | null {
  if (path === '' || path.includes('\0')) return null;
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(p)) return null;
  const norm = posix.normalize(p);
  if (norm.split('/').includes('..')) return null;
  return norm;
}

const inside = (root: string, real: string) =>
  real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Reads `path` (relative to `root`, a real folder path from exportFolder) when it is a regular file inside `root`
 * after every symbolic link is followed, and no larger than `maxBytes`: the size is checked before anything is read,
 * so a file over the cap never enters memory. Nothing outside `root` is ever opened.
 */
export async function readExportFile(root: string, path: string, maxBytes: number): Promise<ExportFileRead> {
  const rel = relativeInside(path);
  if (rel === null) return unsafe(`${path}: not a path inside the export folder`);
  let real: string;
  try {
    real = await realpath(join(root, rel));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return unsafe(`${path}: a loop of links`);
    return missing(path);
  }
  if (!inside(root, real)) return unsafe(`${path}: leads outside the export folder`);
  const st = await stat(real).catch(() => null);
  // A FIFO or device is never opened (it could block the import or never end): as good as missing.
  if (!st?.isFile()) return missing(path);
  if (st.size > maxBytes) return { skipped: { reason: 'too_large', size: st.size } };
  // O_NOFOLLOW: the checked path is opened, not a link swapped in since; O_NONBLOCK: nor a FIFO swapped in.
  let fh;
  try {
    fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return missing(path);
  }
  try {
    const now = await fh.stat();
    if (!now.isFile()) return missing(path);
    if (now.size > maxBytes) return { skipped: { reason: 'too_large', size: now.size } };
    const bytes = new Uint8Array(now.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await fh.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at) };
  } catch {
    return missing(path);
  } finally {
    await fh.close();
  }
}
