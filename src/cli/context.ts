// What every command receives: the validated Config and a way to open the store it names.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config/config.js';
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

/** Opens the store for the length of fn and always closes it. */
export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
