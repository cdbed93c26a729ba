// Runs `tgwire worker` from source for tests until the lead wires workerCommand into src/cli/main.ts.
import { Command } from 'commander';
import { workerCommand } from '../src/cli/commands/worker.js';

const program = new Command('tgwire')
  .option('--db <file>')
  .option('--config <file>')
  .addCommand(workerCommand());
try {
  await program.parseAsync(process.argv);
} catch (e) {
  console.error(`tgwire: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
