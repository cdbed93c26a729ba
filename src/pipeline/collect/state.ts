// Where each channel's walk through t.me stands (SyncState), and where that state is kept.
import type { SyncState } from '../../model/collection.js';
import type { Store } from '../../store/store.js';

export type { SyncState } from '../../model/collection.js';

/** Keeps SyncState per channel: every Store does (CollectionStore), in the same transaction as the posts. */
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

/** The given state store (tests keep it in memory), else the archive's own, beside the posts. */
export function syncStateOf(store: Store, given?: SyncStateStore): SyncStateStore {
  return given ?? store;
}
