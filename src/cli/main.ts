// The command line: builds the commands and maps failures to exit codes (0 ok, 1 user error, 2 internal error).
import { Command, CommanderError } from 'commander';
import { UserError } from '../util/errors.js';
import { systemUserError } from './system-errors.js';

/**
 * Each command's module, loaded on demand: a command's imports (web server, bot, parsers, both stores) cost up to
 * 0.8 s of start-up, and one run needs one command. Listed in the order `--help` shows them.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Command[]>]> = [
  ['import', async () => [(await import('./commands/import.js')).importCommand()]],
  ['imports', async () => [(await import('./commands/imports.js')).importsCommand()]],
  ['export', async () => [(await import('./commands/export.js')).exportCommand()]],
  ['search', async () => [(await import('./commands/search.js')).searchCommand()]],
  ['stats', async () => [(await import('./commands/stats.js')).statsCommand()]],
  ['topics', async () => [(await import('./commands/topics.js')).topicsCommand()]],
  ['searches', async () => [(await import('./commands/searches.js')).searchesCommand()]],
  ['stories', async () => [(await import('./commands/stories.js')).storiesCommand()]],
  ['channels', async () => [(await import('./commands/channels.js')).channelsCommand()]],
  ['login', async () => [(await import('./commands/login.js')).loginCommand()]],
  ['logout', async () => [(await import('./commands/login.js')).logoutCommand()]],
  ['sync', async () => [(await import('./commands/sync.js')).syncCommand()]],
  ['watch', async () => [(await import('./commands/sync.js')).watchCommand()]],
  ['digest', async () => [(await import('./commands/digest.js')).digestCommand()]],
  ['publish', async () => [(await import('./commands/publish.js')).publishCommand()]],
  ['worker', async () => [(await import('./commands/worker.js')).workerCommand()]],
  ['migrate-store', async () => [(await import('./commands/migrate-store.js')).migrateStoreCommand()]],
  ['backup', async () => [(await import('./commands/backup.js')).backupCommand()]],
  [
    'media',
    async () => {
      const { mediaCommand, mediaClaimCommand, mediaGcCommand, mediaVerifyCommand } =
        await import('./commands/media.js');
      const { addMediaFetchCommand } = await import('./commands/media-fetch.js');
      return [
        addMediaFetchCommand(mediaCommand([mediaGcCommand(), mediaVerifyCommand(), mediaClaimCommand()])),
      ];
    },
  ],
  ['webhooks', async () => [(await import('./commands/webhooks.js')).webhooksCommand()]],
  ['serve', async () => [(await import('./commands/serve.js')).serveCommand()]],
];

/** Global options that take a value: the word after them is not the command's name. */
const VALUE_OPTIONS = new Set(['--db', '--config']);

/** The command an argv names, when it names one of ours; otherwise (help, a typo, none) null. */
export function commandName(argv: readonly string[]): string | null {
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (VALUE_OPTIONS.has(a)) i++;
    else if (a === '--') return null;
    else if (!a.startsWith('-')) return COMMANDS.some(([name]) => name === a) ? a : null;
  }
  return null;
}

/**
 * The program with the command `argv` names, or with every command when it names none of them (so that help
 * lists them all and a typo gets commander's suggestion).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('tgwire')
    .description('self-hosted monitor and archive for public Telegram channels')
    .version('0.1.0')
    .option('--db <file>', 'SQLite file or postgres:// URL (default ./data/tgwire.db, or TGWIRE_DB)')
    .option('--config <file>', 'config file, YAML or JSON (default tgwire.config.yaml, or TGWIRE_CONFIG)')
    .showHelpAfterError('(run with --help for usage)');
  const name = commandName(argv);
  // `tgwire --version` answers before any command runs: none is loaded for it.
  const versionOnly = name === null && argv.slice(2).some((a) => a === '-V' || a === '--version');
  const wanted = versionOnly ? [] : COMMANDS.filter(([n]) => name === null || n === name);
  for (const [, load] of wanted) for (const c of await load()) program.addCommand(c);
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
  const program = await buildProgram(argv);
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
    // A folder given as a file, no permission, a full disk: the user's to mend, said in one line.
    const user = e instanceof UserError ? e : systemUserError(e);
    if (user) {
      console.error(`tgwire: ${user.message}`);
      return 1;
    }
    console.error(`tgwire: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.TGWIRE_DEBUG && e instanceof Error) console.error(e.stack);
    else console.error('(set TGWIRE_DEBUG=1 for the stack trace; please report it)');
    return 2;
  }
}
