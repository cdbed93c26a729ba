// Live collection from t.me/s: what the CLI (tgwire sync / watch) and the scheduler call.
export { syncChannel, syncChannels, backoffMs, readChannelPage } from './sync.js';
export type {
  ChannelSyncResult,
  CollectContext,
  ReadPage,
  SyncOptions,
  SyncPhase,
  SyncProgress,
} from './sync.js';
export { initialSyncState, memorySyncState, syncStateOf } from './state.js';
export type { SyncState, SyncStateStore } from './state.js';
export { unavailableFromPage, unavailableFromRedirect } from './classify.js';
export { watchChannels, nextInterval } from './watch.js';
export type { WatchOptions } from './watch.js';
export { collectInBackground } from './background.js';
export type { BackgroundCollectOptions } from './background.js';
export { ChannelFailureUnrecorded, recordChannelFailure } from './sync.js';
export { mediaCollector, allowedMediaUrl, addTally, emptyTally, TELEGRAM_MEDIA_HOSTS } from './media.js';
export type { MediaCollector, MediaCollectorOptions, MediaTally } from './media.js';
export { fetchMissingMedia } from './media-fetch.js';
export type { MediaFetchOptions, MediaFetchProgress, MediaFetchResult } from './media-fetch.js';
export { chooseVia } from './via.js';
export type { ViaChoice } from './via.js';
