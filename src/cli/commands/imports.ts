// `tgwire imports list|undo`: every `tgwire import` of a file is remembered as a batch, and can be taken back.
import { Command } from 'commander';
import { assignStories } from '../../pipeline/stories.js';
import { UserError } from '../../util/errors.js';
import { configFrom, withStore } from '../context.js';
import { formatTable, printJson } from '../output.js';

function batchId(input: string): number {
  if (!/^\d{1,15}$/.test(input.trim()))
    throw new UserError(`not an import batch id: "${input.slice(0, 40)}" (tgwire imports list shows them)`);
  return Number(input);
}

export function importsCommand(): Command {
  const cmd = new Command('imports').description(
    'the imports made so far, each file one batch that can be undone',
  );
  cmd
    .command('list')
    .description('every import batch: file, format, channels, when, posts added and updated')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const batches = await store.listImportBatches();
        if (opts.json) return printJson(batches);
        if (batches.length === 0) return console.log('no imports yet: tgwire import FILE');
        console.log(
          formatTable(
            ['id', 'file', 'format', 'channels', 'finished', 'added', 'updated', 'versions', 'undone'],
            batches.map((b) => [
              b.id,
              b.file,
              b.format,
              b.channels.join(','),
              b.finishedAt,
              b.added,
              b.updated,
              b.versions,
              b.undoneAt ?? '',
            ]),
          ),
        );
      });
    });
  cmd
    .command('undo')
    .description(
      'takes an import back: removes the posts it added and restores the posts it changed to what they were; refused while a later import or a sync changed those posts',
    )
    .argument('<id>', 'the batch (tgwire imports list)')
    .option('--json', 'print the result as JSON')
    .action(async (input: string, opts: { json?: boolean }, c: Command) => {
      const id = batchId(input);
      await withStore(configFrom(c), async (store) => {
        const r = await store.undoImportBatch(id);
        const regrouped = r.ungrouped > 0 ? (await assignStories(store)).assigned : 0;
        if (opts.json) return printJson({ batch: id, ...r, regrouped });
        console.log(
          `undid import batch ${id}: ${r.removed} posts removed, ${r.restored} restored as they were` +
            (r.gone ? `, ${r.gone} already gone` : '') +
            (r.channels.length ? `; channel ${r.channels.join(', ')} removed (it made them)` : '') +
            (r.ungrouped ? `; ${r.ungrouped} posts of the stories they were in grouped again` : ''),
        );
      });
    });
  return cmd;
}
