// Where each channel's walk through t.me stands (SyncState), and where that state is kept.
import type { SyncState } from '../../model/collection.js';
import type { Store } from '../../store/store.js';

export type { SyncState } from '../../model/collection.js';

/** Keeps SyncState per channel. Store backends may implement it themselves (Store.getSyncState/saveSyncState). */
export interface SyncStateStore {
  getSyncState(key: string): Promise<SyncState | null>;
  saveSyncState(key: string, state: SyncState): Promise<void>;
}

export function initialSyncState(): SyncState {
  return {
    status: null,
    lastError: null,
    errorCount: 0,
    nextCheckAt: null,
    lastSyncAt: null,
    topId: null,
    bottomId: null,
    bottomDate: null,
    reachedStart: false,
    misses: {},
  };
}

/**
 * In-memory state, for tests and one-off runs. NOT crash-safe: it lives outside the store's transaction, so a
 * killed process loses it (the next sync starts over; savePosts keeps that idempotent, nothing is duplicated).
 */
export function memorySyncState(): SyncStateStore & { states: Map<string, SyncState> } {
  const states = new Map<string, SyncState>();
  return {
    states,
    getSyncState: async (key) => (states.has(key) ? structuredClone(states.get(key)!) : null),
    saveSyncState: async (key, state) => void states.set(key, structuredClone(state)),
  };
}

/** The given state store, else the Store's own methods; a clear error when there is neither. */
export function syncStateOf(store: Store, given?: SyncStateStore): SyncStateStore {
  if (given) return given;
  const { getSyncState, saveSyncState } = store;
  if (getSyncState && saveSyncState)
    return { getSyncState: getSyncState.bind(store), saveSyncState: saveSyncState.bind(store) };
  throw new Error(
    'this store keeps no sync state (Store.getSyncState/saveSyncState): pass a SyncStateStore in the collect context',
  );
}
