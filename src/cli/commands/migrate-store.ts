// `tgwire migrate-store --from A --to B`: copies a whole archive (history included) to another store, resumably.
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { copyRecordedMedia, type RecordedCopyResult } from '../../pipeline/media/copy-recorded.js';
import { checkOwner } from '../../pipeline/media/owner.js';
import { copyArchive } from '../../pipeline/workers/index.js';
import type { MediaBlobStore, OwnedBlobStore } from '../../store/media/blob-store.js';
import type { Store } from '../../store/store.js';
import type { PostgresStore } from '../../store/postgres/index.js';
import { UserError } from '../../util/errors.js';
import { configFrom, takeBackCutOffImports } from '../context.js';
import { COPY_MARKER_PREFIX } from '../copy-notice.js';
import { serverGoneError } from '../system-errors.js';
import {
  isPostgresUrl,
  openPostgresArchive,
  openStore,
  postgresTarget,
  upgradeNotice,
} from '../open-store.js';
import { mediaStoreAt, openMediaStore, sameMediaStore } from '../media.js';
import { formatBytes, printJson } from '../output.js';
import { positiveInt } from '../numbers.js';

/** The same archive gives the same marker name whichever way it is written (relative path, password). */
export function sourceId(target: string): string {
  if (isPostgresUrl(target)) {
    const { url, schema } = postgresTarget(target);
    const u = new URL(url);
    return `postgres://${u.host}${u.pathname}${schema ? `?schema=${schema}` : ''}`;
  }
  return `sqlite://${resolve(target.replace(/^sqlite:\/\//i, ''))}`;
}

/**
 * The source as the resume hint prints it: sourceId with the URL's user kept (the server needs it), a password as
 * `***` (never shown; the user puts it back or sets PGPASSWORD).
 */
export function sourceLabel(target: string): string {
  const id = sourceId(target);
  if (!isPostgresUrl(target)) return id;
  const u = new URL(postgresTarget(target).url);
  if (!u.username) return id;
  return id.replace('postgres://', `postgres://${u.username}${u.password ? ':***' : ''}@`);
}

type MediaOutcome =
  (RecordedCopyResult & { from: string; to: string }) | { skipped: string; from?: string; to?: string };

/**
 * Copies the bytes of the files the source records into the target's media store (the configured one, as a later
 * command on the target opens it): the records alone would be pictures no store holds (REPORT-s3 #1).
 */
async function copyMedia(
  source: Store,
  targetStore: Store,
  opts: { from: string; to: string; fromMedia?: string; toMedia?: string; media: boolean; json?: boolean },
  cmd: Command,
): Promise<MediaOutcome> {
  if (!opts.media) return { skipped: '--no-media' };
  const target = configFrom(cmd, { db: opts.to });
  if (!target.media.enabled) return { skipped: 'media are off (media.enabled: false or TGWIRE_MEDIA=0)' };
  const to: OwnedBlobStore | null = opts.toMedia
    ? mediaStoreAt(opts.toMedia, target)
    : openMediaStore(target);
  // The source's own: media/ beside a SQLite file (where it kept them by default), else what the config names.
  const from: MediaBlobStore | null = opts.fromMedia
    ? mediaStoreAt(opts.fromMedia, target)
    : isPostgresUrl(opts.from)
      ? openMediaStore(configFrom(cmd, { db: opts.from }))
      : mediaStoreAt(join(dirname(resolve(opts.from.replace(/^sqlite:\/\//i, ''))), 'media'), target);
  if (!to || !from) return { skipped: 'no media store (an archive in memory)' };
  const where = { from: from.location, to: to.location };
  if (sameMediaStore(from, to))
    return { skipped: 'the source and the target share one media store', ...where };
  // The target archive owns the store it is copied into (unless another archive's marker is there already).
  await checkOwner(to, await targetStore.archiveIdentity());
  const result = await copyRecordedMedia(source, from, to, (done) => {
    if (!opts.json && done % 200 === 0) console.error(`copy media files=${done}`);
  });
  return { ...result, ...where };
}

function mediaLine(m: MediaOutcome): string[] {
  if ('skipped' in m) return [`media: files not copied (${m.skipped}${m.to ? `: ${m.to}` : ''})`];
  const lines = [
    `media: ${m.copied} files copied (${formatBytes(m.bytes)}), ${m.present} already there, from ${m.from} to ${m.to}`,
  ];
  if (m.missing > 0)
    lines.push(
      `media: ${m.missing} recorded files are not in ${m.from} (first: ${m.missingHashes[0]}): their posts show ` +
        'no picture; name the right folder or bucket with --from-media and run again, or run ' +
        '`tgwire media verify --mark` then `tgwire media fetch` on the target to get them from t.me again',
    );
  return lines;
}

export function migrateStoreCommand(): Command {
  return new Command('migrate-store')
    .description(
      "copy an archive to another database, and its media files to the target's media store: posts with every version, deletions, topics, stories (with evidence and corrections), follows, sync state, pinned languages, saved searches, import batches (imports list/undo go on), the publishing outbox and route status (published messages are not sent again), webhooks with their secrets (their delivery log stays behind), the media index and files (re-run to resume)",
    )
    .requiredOption('--from <db>', 'source: sqlite://FILE (or a file path) or postgres://…[?schema=NAME]')
    .requiredOption('--to <db>', 'target: postgres://…[?schema=NAME]')
    .option('--batch <n>', 'posts per transaction', '500')
    .option(
      '--restart',
      'copy again from the start even if an earlier copy to this target completed; a post the target already holds is merged as an import would (versions it received since the first copy are kept, the newest current)',
    )
    .option(
      '--from-media <where>',
      "the source's media: a folder or s3://BUCKET[/PREFIX] (endpoint and keys from the S3 settings); default media/ beside a SQLite source, the configured store for PostgreSQL",
    )
    .option(
      '--to-media <where>',
      "where the target's media go: a folder or s3://BUCKET[/PREFIX]; default the configured store (TGWIRE_S3_BUCKET, else media.dir)",
    )
    .option('--no-media', 'copy the records only, not the media files')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        opts: {
          from: string;
          to: string;
          batch: string;
          restart?: boolean;
          json?: boolean;
          fromMedia?: string;
          toMedia?: string;
          media: boolean;
        },
        cmd: Command,
      ) => {
        const batchSize = positiveInt(opts.batch, '--batch');
        if (sourceId(opts.from) === sourceId(opts.to))
          throw new UserError('--from and --to are the same database');
        // Checked before anything is opened: only PostgreSQL receives faithful copies; either archive can be read.
        const need = '--to must be a postgres:// database (a faithful copy keeps its history there)';
        if (!isPostgresUrl(opts.to)) throw new UserError(`${need}: got ${opts.to}`);
        const from = await openStore(opts.from, { create: 'none', onUpgrade: upgradeNotice });
        let to: PostgresStore | null = null;
        try {
          // The posts a killed import left would be copied as if imported (its batch, unfinished, would not).
          await takeBackCutOffImports(from);
          // A new target gets the configured full-text index (TGWIRE_PG_SEARCH_INDEX or pgSearchIndex), as any archive.
          to = await openPostgresArchive(opts.to, need, configFrom(cmd).pgSearchIndex);
          const started = Date.now();
          const result = await copyArchive(from, to, {
            marker: `${COPY_MARKER_PREFIX}${sourceId(opts.from)}`,
            source: sourceLabel(opts.from),
            batchSize,
            restart: opts.restart ?? false,
            onBatch: ({ posts, cursor }) => {
              if (!opts.json) console.error(`copy posts=${posts} at=${cursor.channel}/${cursor.id}`);
            },
          });
          // Into an archive that had some of the posts: said, as the copied imports do not count those as added.
          if (result.merged > 0)
            console.error(
              `notice: the target already held ${result.merged} of the copied posts: merged as an import would ` +
                '(no version lost); the copied import batches record them as found there, not added, so ' +
                '`imports undo` of one leaves them',
            );
          // Every run (a copy already done too): a file already there is not copied again, so a re-run finishes it.
          const media = await copyMedia(from, to, opts, cmd);
          if (opts.json) printJson({ ...result, media });
          else if (result.alreadyDone)
            console.log('this archive was already copied to the target (--restart copies it again)');
          else
            console.log(
              `copied ${result.posts} posts (${result.versions} earlier versions), ${result.channels} channels, ` +
                `${result.topics} topics, ${result.follows} follows, ${result.syncStates} sync states, ` +
                `${result.corrections} story corrections, ${result.savedSearches} saved searches, ` +
                `${result.mediaFiles} media file records, ${result.importBatches} import batches, ` +
                `${result.outboxMessages} outbox messages, ` +
                `${result.routes} route statuses, ${result.webhooks} webhooks ` +
                `in ${((Date.now() - started) / 1000).toFixed(1)} s` +
                (result.resumedFrom
                  ? ` (resumed after ${result.resumedFrom.channel}/${result.resumedFrom.id})`
                  : ''),
            );
          if (!opts.json) for (const line of mediaLine(media)) console.log(line);
        } catch (e) {
          // Either server stopping mid-copy is one line (the copy resumes after its last whole batch on re-run).
          throw serverGoneError(e, [opts.from, opts.to]) ?? e;
        } finally {
          await from.close();
          await to?.close();
        }
      },
    );
}
