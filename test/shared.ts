// Locates ../shared (real captured fixtures); tests over it skip with a message when it is absent.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The project root. */
export const projectRoot = root;

/** Path of ../shared beside the project, or null when it is not there. */
export function sharedDir(): string | null {
  const env = process.env.TGWIRE_SHARED;
  const dir = env ? resolve(env) : resolve(root, '..', 'shared');
  return existsSync(dir) ? dir : null;
}

/** The folders of ../shared/fixtures, one per kind of source. */
export const FIXTURE_FOLDERS = [
  'tme_s_html',
  'tme_embed_html',
  'tme_s_fragments',
  'export_json',
  'export_html',
  'text_dump',
] as const;

export const SKIP_NO_SHARED = '../shared is not present: real-fixture cases skipped';

/** Every file in ../shared/fixtures/<sub>, sorted; [] when ../shared is absent. */
export function fixtureFiles(sub: string): string[] {
  const dir = sharedDir();
  if (!dir) return [];
  const d = join(dir, 'fixtures', sub);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(d, f));
}

/** The sample feed, or null. */
export function samplePath(): string | null {
  const dir = sharedDir();
  return dir ? join(dir, 'sample', '000_656d5bba123a02d1.txt') : null;
}
