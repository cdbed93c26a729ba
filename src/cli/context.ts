// What every command receives: the validated Config and a way to open the store it names.
import type { Command } from 'commander';
import { DEFAULT_DB, loadConfig, type Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { openStore } from './open-store.js';

export interface GlobalOptions {
  db?: string;
  config?: string;
}

export function configFrom(cmd: Command, extra: { host?: string; port?: number } = {}): Config {
  const g = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig({ db: g.db, config: g.config, ...extra });
}

/**
 * Opens the configured archive. Only the default path may bring its folder into being (a fresh checkout starts
 * with no data/); a path the user gave must lie in an existing folder. `searchPool` is for long-running commands
 * that search often: starting the workers costs more than a one-shot command's single search.
 */
export function openConfiguredStore(config: Config, options: { searchPool?: boolean } = {}): Promise<Store> {
  return openStore(config.db, {
    create: config.db === DEFAULT_DB ? 'folder' : 'file',
    writeWaitMs: config.writeWaitMs,
    ...(options.searchPool ? { searchWorkers: config.searchWorkers } : {}),
    pgSearchIndex: config.pgSearchIndex,
  });
}

/** Opens the store for the length of fn and always closes it. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
