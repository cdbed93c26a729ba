// `tgwire backup FILE`: a SQLite archive copied whole while serve, imports and syncs go on writing, with its media.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { copyMediaFiles, type MediaCopyResult } from '../../pipeline/media/copy.js';
import { LocalMediaStore } from '../../store/media/local.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { UserError } from '../../util/errors.js';
import { withoutPassword } from '../../util/redact-url.js';
import { configFrom, withStore } from '../context.js';
import { openMediaStore } from '../media.js';
import { isPostgresUrl } from '../open-store.js';
import { archiveUserError } from '../system-errors.js';
import { formatBytes, printJson } from '../output.js';

/** Refuses a target that is not a new file in an existing folder: a backup never replaces a file. */
function checkTarget(file: string): string {
  const target = resolve(file);
  if (existsSync(target))
    throw new UserError(
      `${file} exists: a backup goes to a new file (choose another name, or remove it first)`,
    );
  const folder = dirname(target);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UserError(`backup ${file}: the folder ${dirname(file)} does not exist (create it first)`);
  return target;
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'copies a SQLite archive into a new file while serve, imports and syncs go on writing (recent changes included), and its media files into media/ beside it',
    )
    .argument('<file>', 'the new archive file (never an existing one)')
    .option('--no-media', 'copy the archive only, not its media files')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { media: boolean; json?: boolean }, cmd: Command) => {
      const config = configFrom(cmd);
      if (isPostgresUrl(config.db))
        throw new UserError(
          `backup copies a SQLite archive, and ${withoutPassword(config.db)} is a PostgreSQL one: back it up with pg_dump (pg_dump -Fc -f FILE URL; pg_restore brings it back) and its media folder or bucket beside it`,
        );
      const target = checkTarget(file);
      await withStore(config, async (store) => {
        if (!(store instanceof SqliteStore) || store.path === ':memory:')
          throw new UserError('tgwire backup copies an archive file: --db names none');
        if (resolve(store.path) === target) throw new UserError(`${file} is the archive itself`);
        const archive = await store.backupTo(target).catch((e: unknown) => {
          // The driver says only "unable to open database file": name the backup file and what to do.
          const user = archiveUserError(e, file);
          throw user ? new UserError(`backup ${user.message}`, { cause: e }) : e;
        });
        // The copy's media go where `--db FILE` looks for them by default: media/ beside it.
        const mediaDir = join(dirname(target), 'media');
        const blobs = opts.media ? openMediaStore(config) : null;
        let media: (MediaCopyResult & { dir: string; from: string }) | { skipped: string } = {
          skipped: opts.media ? 'media are off (media.enabled: false)' : '--no-media',
        };
        if (blobs instanceof LocalMediaStore && resolve(blobs.dir) === mediaDir)
          media = { skipped: `the backup shares the archive's media folder ${blobs.dir}` };
        else if (blobs)
          media = {
            ...(await copyMediaFiles(blobs, new LocalMediaStore(mediaDir))),
            dir: mediaDir,
            from: blobs.location,
          };
        if (opts.json) return printJson({ file: target, ...archive, media });
        console.log(
          `backed up ${store.path} to ${file}: ${archive.posts} posts, ${formatBytes(archive.bytes)}`,
        );
        console.log(
          'skipped' in media
            ? `media: not copied (${media.skipped})`
            : `media: ${media.copied} files copied (${formatBytes(media.bytes)}), ${media.present} already there, from ${media.from} into ${join(dirname(file), 'media')}`,
        );
      });
    });
}
