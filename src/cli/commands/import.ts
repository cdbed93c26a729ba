// `tgwire import PATH…`: imports files, each one recorded batch (`tgwire imports undo`), all or nothing, and prints
// added/updated/unchanged per file.
import { Command, Option } from 'commander';
import { IMPORT_FORMATS, importFile, type FileImportResult } from '../../pipeline/import.js';
import { assignStories } from '../../pipeline/stories.js';
import { configFrom, withStore } from '../context.js';
import { serverGoneError } from '../system-errors.js';
import { mediaKeeper } from '../media.js';
import { createProgress, formatTable, printJson } from '../output.js';
import { sourceList } from '../sources.js';
import type { Store } from '../../store/store.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import {
  mergeSearchIndex,
  searchIndexWorthMerging,
  type MergeOptions,
} from '../../store/sqlite/index-merge.js';
import { errorMessage } from '../../util/errors.js';
import { parseTimeZone } from '../../util/time-zone.js';

export function importCommand(): Command {
  return new Command('import')
    .description('import t.me pages, Telegram Desktop exports (JSON or HTML) and plain-text dumps')
    .argument('<path...>', 'files or Telegram Desktop export folders')
    .addOption(new Option('--format <format>', 'input format').choices([...IMPORT_FORMATS]).default('auto'))
    .option('--channel <name>', 'channel name for posts whose source has no username (exports, text dumps)')
    .option(
      '--timezone <zone>',
      'the zone of times written without one, the clock of the PC they were copied or exported on: a Telegram Desktop copy\'s "[dd/mm/yyyy hh:mm]" times, an old Desktop export\'s dates (JSON without date_unixtime, HTML without UTC offsets) (Asia/Jakarta, +07:00; default UTC)',
    )
    .option('--json', 'print the summary as JSON')
    .option('--no-stories', 'do not group stories after the import (the next import or tgwire serve does it)')
    .option(
      '--no-media',
      "do not bring an export's files (photos/, video_files/ …) into the media store; posts still list their media",
    )
    .addHelpText('after', () => `\nSources:\n${sourceList()}`)
    .action(
      async (
        paths: string[],
        opts: {
          format: (typeof IMPORT_FORMATS)[number];
          channel?: string;
          timezone?: string;
          json?: boolean;
          stories: boolean;
          media: boolean;
        },
        cmd: Command,
      ) => {
        const config = configFrom(cmd);
        const timeZone = opts.timezone === undefined ? undefined : parseTimeZone(opts.timezone, '--timezone');
        const results: FileImportResult[] = [];
        // Each file is its own transaction: the files before a failing one stay saved, and the report says so.
        const stopped: { error?: unknown; grouping?: unknown } = {};
        let merged: string | null = null;
        await withStore(config, async (store) => {
          const progress = createProgress();
          // Null when media are off (--no-media, media.enabled: false) or the archive has no media folder.
          const media = opts.media ? mediaKeeper(store, config) : null;
          try {
            for (const path of paths) {
              try {
                results.push(
                  await importFile(store, path, {
                    format: opts.format,
                    channel: opts.channel?.toLowerCase(),
                    media,
                    ...(timeZone ? { timeZone } : {}),
                    onProgress: (p) =>
                      p.totalBytes && p.bytesRead !== null
                        ? progress.update(p.bytesRead, p.totalBytes, `${path} (${p.posts} posts)`)
                        : progress.update(p.posts, null, path),
                  }),
                );
              } catch (error) {
                // A server that stopped answering is said naming the database (it is thrown after the report).
                stopped.error = serverGoneError(error, [config.db]) ?? error;
                break;
              }
            }
            // Run even when this import added nothing: posts a grouping cut off before (a process killed while
            // grouping) still have no story, and assignStories reads only the posts without one.
            const failed = 'error' in stopped;
            if (opts.stories && (!failed || results.length > 0)) {
              progress.update(0, null, 'grouping stories');
              try {
                await assignStories(store);
              } catch (e) {
                if (!failed) throw e;
                stopped.grouping = e;
              }
            }
            if (!failed && results.some((r) => r.added > 0)) {
              progress.update(0, null, 'merging the search index');
              merged = await mergeAfterImport(store);
            }
          } finally {
            progress.stop();
          }
        });
        if (merged) console.error(merged);
        const failed = 'error' in stopped;
        if (failed && paths.length === 1) throw stopped.error;
        if (opts.json) printJson(results);
        else if (results.length > 0 || !failed)
          console.log(
            formatTable(
              ['batch', 'file', 'format', 'channel', 'posts', 'added', 'updated', 'unchanged'],
              results.map((r) => [
                r.batch,
                r.file,
                r.format,
                r.channels.join(','),
                r.posts,
                r.added,
                r.updated,
                r.unchanged,
              ]),
            ),
          );
        for (const r of results) for (const n of r.notices) console.error(`notice: ${n}`);
        if (failed) {
          for (const line of partialImport(paths, results, stopped.grouping))
            console.error(`tgwire: ${line}`);
          throw stopped.error;
        }
      },
    );
}

/**
 * A large import leaves a SQLite archive's search index in many segments, each read by every search; they are merged
 * into one now when it is worth it (store/sqlite/index-merge.ts), so the searches that follow are faster. A failure
 * loses nothing: `tgwire serve` merges it later. The line to print, or null when nothing was done.
 */
export async function mergeAfterImport(store: Store, options: MergeOptions = {}): Promise<string | null> {
  if (!(store instanceof SqliteStore) || store.path === ':memory:') return null;
  try {
    if (!searchIndexWorthMerging(store.path, options)) return null;
    const m = await mergeSearchIndex(store.path, options);
    return `search index: ${m.segmentsBefore} segments merged into ${m.segmentsAfter} (${m.seconds} s)`;
  } catch (e) {
    return `search index: not merged (${errorMessage(e)}); tgwire serve merges it later`;
  }
}

/**
 * What a multi-file import that stopped at a file left behind: the files saved (one batch each, with their counts)
 * and the files not saved (the failing one, whose error follows, and those after it, not read).
 */
export function partialImport(paths: string[], saved: FileImportResult[], grouping?: unknown): string[] {
  const failed = paths[saved.length]!;
  const counts = (r: FileImportResult) =>
    `batch ${r.batch}: ${r.posts} posts, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`;
  const lines = [
    saved.length === 0
      ? `saved 0 of ${paths.length} files`
      : `saved ${saved.length} of ${paths.length} files: ` +
        saved.map((r, i) => `${paths[i]} (${counts(r)})`).join(', '),
    `not saved: ${failed} (the error below)` +
      paths
        .slice(saved.length + 1)
        .map((p) => `, ${p} (not read)`)
        .join(''),
  ];
  if (grouping !== undefined)
    lines.push(
      `stories not grouped (${grouping instanceof Error ? grouping.message : String(grouping)}): the next import or tgwire serve groups them`,
    );
  if (saved.length > 0)
    lines.push(
      `import the files not saved again once fixed; the saved ones can stay (importing them again changes nothing)`,
    );
  return lines;
}
