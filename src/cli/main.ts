// The command line: builds the commands and maps failures to exit codes (0 ok, 1 user error, 2 internal error).
import { Command, CommanderError } from 'commander';
import { UserError } from '../util/errors.js';
import { importCommand } from './commands/import.js';
import { importsCommand } from './commands/imports.js';
import { exportCommand } from './commands/export.js';
import { searchCommand } from './commands/search.js';
import { statsCommand } from './commands/stats.js';
import { serveCommand } from './commands/serve.js';
import { channelsCommand } from './commands/channels.js';
import { syncCommand, watchCommand } from './commands/sync.js';
import { publishCommand } from './commands/publish.js';
import { digestCommand } from './commands/digest.js';
import { topicsCommand } from './commands/topics.js';
import { searchesCommand } from './commands/searches.js';
import { storiesCommand } from './commands/stories.js';
import { workerCommand } from './commands/worker.js';
import { migrateStoreCommand } from './commands/migrate-store.js';
import { mediaCommand, mediaGcCommand } from './commands/media.js';
import { addMediaFetchCommand } from './commands/media-fetch.js';
import { webhooksCommand } from './commands/webhooks.js';
import { loginCommand, logoutCommand } from './commands/login.js';

export function buildProgram(): Command {
  const program = new Command('tgwire')
    .description('self-hosted monitor and archive for public Telegram channels')
    .version('0.1.0')
    .option('--db <file>', 'SQLite file or postgres:// URL (default ./data/tgwire.db, or TGWIRE_DB)')
    .option('--config <file>', 'config file, YAML or JSON (default tgwire.config.yaml, or TGWIRE_CONFIG)')
    .showHelpAfterError('(run with --help for usage)');
  for (const c of [
    importCommand(),
    importsCommand(),
    exportCommand(),
    searchCommand(),
    statsCommand(),
    topicsCommand(),
    searchesCommand(),
    storiesCommand(),
    channelsCommand(),
    loginCommand(),
    logoutCommand(),
    syncCommand(),
    watchCommand(),
    digestCommand(),
    publishCommand(),
    workerCommand(),
    migrateStoreCommand(),
    addMediaFetchCommand(mediaCommand([mediaGcCommand()])),
    webhooksCommand(),
    serveCommand(),
  ]) {
    program.addCommand(c);
  }
  return program;
}

function exitOverrideAll(cmd: Command): void {
  cmd.exitOverride();
  for (const c of cmd.commands) exitOverrideAll(c);
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // `tgwire export | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram();
  exitOverrideAll(program);
  try {
    await program.parseAsync(argv);
    // A command that finished its output but failed in part (sync with a failing channel) sets the code itself.
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed its message (or the help / version text).
      return e.exitCode === 0 ? 0 : 1;
    }
    if (e instanceof UserError) {
      console.error(`tgwire: ${e.message}`);
      return 1;
    }
    console.error(`tgwire: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.TGWIRE_DEBUG && e instanceof Error) console.error(e.stack);
    else console.error('(set TGWIRE_DEBUG=1 for the stack trace; please report it)');
    return 2;
  }
}
