// `tgwire import PATH…`: imports files, each one recorded batch (`tgwire imports undo`), all or nothing, and prints
// added/updated/unchanged per file.
import { Command, Option } from 'commander';
import { IMPORT_FORMATS, importFile, type FileImportResult } from '../../pipeline/import.js';
import { assignStories } from '../../pipeline/stories.js';
import { configFrom, withStore } from '../context.js';
import { createProgress, formatTable, printJson } from '../output.js';
import { sourceList } from '../sources.js';

export function importCommand(): Command {
  return new Command('import')
    .description('import t.me pages, Telegram Desktop exports (JSON or HTML) and plain-text dumps')
    .argument('<path...>', 'files or Telegram Desktop export folders')
    .addOption(new Option('--format <format>', 'input format').choices([...IMPORT_FORMATS]).default('auto'))
    .option('--channel <name>', 'channel name for posts whose source has no username (exports, text dumps)')
    .option('--json', 'print the summary as JSON')
    .option(
      '--no-stories',
      'do not regroup stories after the import (tgwire stories --rebuild does it later)',
    )
    .addHelpText('after', () => `\nSources:\n${sourceList()}`)
    .action(
      async (
        paths: string[],
        opts: { format: (typeof IMPORT_FORMATS)[number]; channel?: string; json?: boolean; stories: boolean },
        cmd: Command,
      ) => {
        const config = configFrom(cmd);
        const results: FileImportResult[] = [];
        await withStore(config, async (store) => {
          const progress = createProgress();
          try {
            for (const path of paths) {
              const r = await importFile(store, path, {
                format: opts.format,
                channel: opts.channel?.toLowerCase(),
                onProgress: (p) =>
                  p.totalBytes && p.bytesRead !== null
                    ? progress.update(p.bytesRead, p.totalBytes, `${path} (${p.posts} posts)`)
                    : progress.update(p.posts, null, path),
              });
              results.push(r);
            }
            if (opts.stories && results.some((r) => r.added + r.updated > 0)) {
              progress.update(0, null, 'grouping stories');
              await assignStories(store);
            }
          } finally {
            progress.stop();
          }
        });
        if (opts.json) {
          printJson(results);
          return;
        }
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
      },
    );
}
