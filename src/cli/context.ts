// What every command receives: the validated Config and a way to open the store it names.
import type { Command } from 'commander';
import { DEFAULT_DB, loadConfig, type Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { openStore, upgradeNotice } from './open-store.js';
import { channelKeyOf, followConfigChannels } from './collect.js';
import { UserError } from '../util/errors.js';
import { retagArchive, saveConfigTopics } from '../pipeline/topics.js';
import { recoverCutOffImports } from '../pipeline/import.js';
import { errorMessage } from '../util/errors.js';
import { archiveUserError } from './system-errors.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
}

export function configFrom(cmd: Command, extra: { host?: string; port?: number; db?: string } = {}): Config {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig({ db: g.db, config: g.config, ...extra });
}

/**
 * Opens the configured archive. Only the default path may bring its folder into being (a fresh checkout starts
 * with no data/); a path the user gave must lie in an existing folder. `searchPool` is for long-running commands
 * that search often: starting the workers costs more than a one-shot command's single search.
 */
export async function openConfiguredStore(
  config: Config,
  options: { searchPool?: boolean; existing?: boolean } = {},
): Promise<Store> {
  let rereadsWords = false;
  let store: Store;
  try {
    store = await openStore(config.db, {
      // The default archive is made by any command (a fresh checkout); a path the user named must exist to be read.
      create: config.db === DEFAULT_DB ? 'folder' : options.existing ? 'none' : 'file',
      writeWaitMs: config.writeWaitMs,
      ...(options.searchPool ? { searchWorkers: config.searchWorkers } : {}),
      pgSearchIndex: config.pgSearchIndex,
      onUpgrade: (step) => {
        upgradeNotice(step);
        rereadsWords ||= step.rereadsWords;
      },
    });
  } catch (e) {
    // A read-only archive or folder is the user's to mend: said with the file, not as an internal error.
    throw archiveUserError(e, config.db) ?? e;
  }
  if (rereadsWords) await retagAfterUpgrade(store);
  return store;
}

/**
 * Tags the archive's posts with its topics again after an upgrade that reads words differently: tags made by the
 * older code would otherwise miss posts the same topic now finds (and search finds). One that fails (the archive
 * busy) is said with the command that does it.
 */
async function retagAfterUpgrade(store: Store): Promise<void> {
  try {
    if ((await store.listTopics()).length === 0) return;
    const started = performance.now();
    console.error('notice: tagging the posts with the topics again, as words are read differently now…');
    const { posts } = await retagArchive(store);
    console.error(
      `notice: ${posts} posts tagged again in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (e) {
    console.error(
      `notice: the topics are not tagged again yet (${errorMessage(e)}): run tgwire topics retag`,
    );
  }
}

/**
 * Takes back the imports whose process was killed, with a notice on stderr for each, so that an export, a count or
 * a search never includes half a file. One small query when there are none; a take-back that cannot run now (the
 * archive busy) is said and left to the next command.
 */
export async function takeBackCutOffImports(store: Store): Promise<void> {
  try {
    for (const n of await recoverCutOffImports(store)) console.error(`notice: ${n}`);
  } catch (e) {
    console.error(
      `notice: an import cut off is not taken back yet (${errorMessage(e)}); the next command does it`,
    );
  }
}

/**
 * Opens the store for the length of fn and always closes it, imports cut off taken back first
 * (takeBackCutOffImports). The config file's channels and topics are in the archive
 * before fn runs (followed, saved and tagged when new or changed), whichever command opens it: a publish route or a
 * search naming a config topic must not depend on `serve` having run first.
 */
export async function withStore<T>(
  config: Config,
  fn: (store: Store) => Promise<T>,
  options: {
    cutOffImports?: 'take back' | 'leave';
    /**
     * Commands that only read (stats, search, export, digest) need an archive that exists: a mistyped --db is an
     * error naming the path, not a new empty archive that answers "0 posts". Commands that write create it.
     */
    existing?: boolean;
  } = {},
): Promise<T> {
  const store = await openConfiguredStore(config, { existing: options.existing });
  try {
    // `imports` takes them back itself, to tell which batch it took back.
    if (options.cutOffImports !== 'leave') await takeBackCutOffImports(store);
    await applyConfig(store, config);
    return await fn(store);
  } catch (e) {
    // A full disk (SQLITE_FULL) names the archive: the driver's message does not.
    throw archiveUserError(e, config.db) ?? e;
  } finally {
    await store.close();
  }
}

/** withStore for commands that only read (stats, search, export, digest): the archive must exist. */
export function withArchive<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  return withStore(config, fn, { existing: true });
}

/** Follows the config file's channels and saves its topics (re-tagging the archive when a topic is new or changed). */
export async function applyConfig(store: Store, config: Config): Promise<void> {
  await followConfigChannels(store, config);
  // Every command opens the archive through here: without config topics, not even the list of topics is read.
  if (config.topics.length > 0 && (await saveConfigTopics(store, config.topics))) await retagArchive(store);
}

/**
 * Refuses to remove by hand what the config file lists: it would be back the next time a command opens the archive
 * (applyConfig), which reads as a removal that did not hold.
 */
export function refuseConfigListed(config: Config, what: 'channel' | 'topic', name: string): void {
  const listed =
    what === 'topic'
      ? config.topics.some((t) => t.name === name)
      : config.channels.some((e) => channelKeyOf(typeof e === 'string' ? e : e.channel) === name);
  if (listed)
    throw new UserError(
      `${what} ${name} is listed in ${config.configPath ?? 'the config file'}, which adds it again whenever tgwire opens the archive: remove it there`,
    );
}
