// `tgwire migrate-store --from A --to B`: copies a whole archive (history included) to another store, resumably.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { copyArchive } from '../../pipeline/workers/index.js';
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
import { printJson } from '../output.js';
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

export function migrateStoreCommand(): Command {
  return new Command('migrate-store')
    .description(
      'copy an archive to another database: posts with every version, deletions, topics, stories (with evidence and corrections), follows, sync state, pinned languages, saved searches, import batches (imports list/undo go on), the publishing outbox and route status (published messages are not sent again), webhooks with their secrets (their delivery log stays behind), the media index (re-run to resume)',
    )
    .requiredOption('--from <db>', 'source: sqlite://FILE (or a file path) or postgres://…[?schema=NAME]')
    .requiredOption('--to <db>', 'target: postgres://…[?schema=NAME]')
    .option('--batch <n>', 'posts per transaction', '500')
    .option(
      '--restart',
      'copy again from the start even if an earlier copy to this target completed; a post the target already holds is merged as an import would (versions it received since the first copy are kept, the newest current)',
    )
    .option('--json', 'print the result as JSON')
    .action(
      async (
        opts: { from: string; to: string; batch: string; restart?: boolean; json?: boolean },
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
          if (opts.json) printJson(result);
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
