// `tgwire imports list|undo`: every `tgwire import` of a file is remembered as a batch, and can be taken back.
import { Command } from 'commander';
import { recoverCutOffImports } from '../../pipeline/import.js';
import { assignStories } from '../../pipeline/stories.js';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import { configFrom, withStore } from '../context.js';
import { formatTable, printJson } from '../output.js';

/**
 * An import whose process was killed is taken back here too, as `import` and `serve` do: listed as undone, not as
 * a batch that is not there while its posts are. The ids of those taken back.
 */
async function recovered(store: Store): Promise<number[]> {
  const before = (await store.unfinishedImportBatches()).map((b) => b.id);
  for (const n of await recoverCutOffImports(store)) console.error(`notice: ${n}`);
  const still = new Set((await store.unfinishedImportBatches()).map((b) => b.id));
  return before.filter((id) => !still.has(id));
}

/** `recovered` takes them back here, where the ids it took back are known. */
const LEAVE_CUT_OFF = { cutOffImports: 'leave' } as const;

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
      await withStore(
        configFrom(c),
        async (store) => {
          await recovered(store);
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
        },
        LEAVE_CUT_OFF,
      );
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
      await withStore(
        configFrom(c),
        async (store) => {
          // The batch asked for was cut off: taking it back was the undo.
          if ((await recovered(store)).includes(id)) {
            if (opts.json) return printJson({ batch: id, cutOff: true });
            return console.log(`import batch ${id} had not finished: it was taken back (see the notice)`);
          }
          const r = await store.undoImportBatch(id);
          const regrouped = r.ungrouped > 0 ? (await assignStories(store)).assigned : 0;
          if (opts.json) return printJson({ batch: id, ...r, regrouped });
          console.log(
            `undid import batch ${id}: ${r.removed} posts removed, ${r.restored} restored as they were` +
              (r.gone ? `, ${r.gone} already gone` : '') +
              (r.channels.length ? `; channel ${r.channels.join(', ')} removed (it made them)` : '') +
              (r.ungrouped ? `; ${r.ungrouped} posts of the stories they were in grouped again` : ''),
          );
        },
        LEAVE_CUT_OFF,
      );
    });
  return cmd;
}
