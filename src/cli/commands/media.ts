// `tgwire media …`: housekeeping of the kept media files (gc; more subcommands join the group).
import { Command } from 'commander';
import type { Config } from '../../config/config.js';
import { verifyMedia } from '../../pipeline/media/copy-recorded.js';
import { collectMediaGarbage, GC_GRACE_MS } from '../../pipeline/media/gc.js';
import { checkOwner } from '../../pipeline/media/owner.js';
import type { OwnedBlobStore } from '../../store/media/blob-store.js';
import { UserError } from '../../util/errors.js';
import { configFrom, withStore } from '../context.js';
import { openMediaStore } from '../media.js';
import { formatBytes, printJson } from '../output.js';

/** The `media` group with the given subcommands (`media gc` when none are given). */
export function mediaCommand(subcommands: Command[] = [mediaGcCommand()]): Command {
  const cmd = new Command('media').description(
    'the kept media files (photos, videos, voice, documents): housekeeping',
  );
  for (const c of subcommands) cmd.addCommand(c);
  return cmd;
}

/** The archive's media store, or a UserError saying why there is none. */
export function requireMediaStore(config: Config): OwnedBlobStore {
  const blobs = openMediaStore(config);
  if (blobs) return blobs;
  if (!config.media.enabled)
    throw new UserError('media are off (TGWIRE_MEDIA=0 or media.enabled: false): there is no media store');
  throw new UserError(
    'this archive has no media folder (an in-memory archive): set TGWIRE_MEDIA_DIR or media.dir',
  );
}

export function mediaGcCommand(): Command {
  return new Command('gc')
    .description(
      `remove kept files no post refers to, and stored files the archive does not know (older than ${GC_GRACE_MS / 3_600_000} h)`,
    )
    .option('--dry-run', 'say what would be removed, remove nothing')
    .option('--json', 'print as JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }, c: Command) => {
      const config = configFrom(c);
      const blobs = requireMediaStore(config);
      await withStore(config, async (store) => {
        const r = await collectMediaGarbage({ index: store, blobs, dryRun: opts.dryRun });
        if (opts.json) return printJson({ location: blobs.location, ...r });
        const verb = r.dryRun ? 'would remove' : 'removed';
        const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
        console.log(
          `${verb} ${files(r.unreferenced.files)} no post refers to (${formatBytes(r.unreferenced.bytes)})`,
        );
        console.log(
          `${verb} ${files(r.strays.files)} the archive does not know (${formatBytes(r.strays.bytes)})`,
        );
        if (r.young)
          console.log(`left ${files(r.young)} younger than the grace period (a download in flight)`);
        console.log(`media store: ${blobs.location}`);
      });
    });
}

export function mediaVerifyCommand(): Command {
  return new Command('verify')
    .description(
      'check that the media store holds every file the archive records (after a migration, a restore, a lost disk); --mark lets `media fetch` keep the lost ones again',
    )
    .option(
      '--mark',
      'mark the media items whose file is lost as failed, so `media fetch` (or `sync --force`) downloads them again',
    )
    .option('--json', 'print as JSON')
    .action(async (opts: { mark?: boolean; json?: boolean }, c: Command) => {
      const config = configFrom(c);
      const blobs = requireMediaStore(config);
      await withStore(config, async (store) => {
        const r = await verifyMedia(store, blobs, {
          mark: opts.mark,
          onFile: (n) => {
            if (!opts.json && n % 500 === 0) console.error(`verify media files=${n}`);
          },
        });
        const lost = r.missing + r.wrongSize;
        if (lost > 0) process.exitCode = 1;
        if (opts.json) return printJson({ location: blobs.location, ...r });
        console.log(`${r.ok} of ${r.checked} recorded files are in ${blobs.location}`);
        if (r.missing > 0)
          console.log(`${r.missing} missing (first: ${r.missingHashes.slice(0, 3).join(', ')})`);
        if (r.wrongSize > 0)
          console.log(
            `${r.wrongSize} of another size than recorded (first: ${r.wrongSizeHashes.slice(0, 3).join(', ')})`,
          );
        if (lost === 0) return;
        if (opts.mark)
          console.log(
            `marked ${r.marked} media items as failed: \`tgwire media fetch\` keeps them again from t.me (posts from an export: import its folder again)`,
          );
        else
          console.log(
            'their posts show no picture: `tgwire media verify --mark` then `tgwire media fetch` keeps them again, or copy the files in (migrate-store --from-media)',
          );
      });
    });
}

export function mediaClaimCommand(): Command {
  return new Command('claim')
    .description(
      "make the media store this archive's own (its owner marker), so its `media gc` may remove files: only for an archive that has replaced the one the marker names (a restore put in its place); a copy that runs beside it needs its own bucket, prefix or folder",
    )
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, c: Command) => {
      const config = configFrom(c);
      const blobs = requireMediaStore(config);
      await withStore(config, async (store) => {
        const me = await store.archiveIdentity();
        const before = await checkOwner(blobs, me, { write: false });
        await checkOwner(blobs, me, { claim: true });
        const was = 'owner' in before ? before.owner : before.state === 'ours' ? 'this archive' : 'none';
        if (opts.json)
          return printJson({ location: blobs.location, archive: me.id, database: me.database, was });
        console.log(`${blobs.location} now belongs to this archive (${me.database}); before: ${was}`);
      });
    });
}
