// Composition of the media archive: the blob store the config names (folder or S3) and the keeper over it.
import type { Config } from '../config/config.js';
import type { MediaType } from '../model/post.js';
import { createMediaKeeper, type MediaKeeper } from '../pipeline/media/keep.js';
import { makePreview } from '../pipeline/media/thumbnail.js';
import type { MediaBlobStore } from '../store/media/blob-store.js';
import { LocalMediaStore } from '../store/media/local.js';
import type { Store } from '../store/store.js';

/** The media store of this archive, or null when media are off (or the archive is in memory without a folder). */
export function openMediaStore(config: Config): MediaBlobStore | null {
  if (!config.media.enabled) return null;
  if (config.media.dir) return new LocalMediaStore(config.media.dir);
  return null;
}

/** The keeper for this archive and config, or null when media are off. */
export function mediaKeeper(
  store: Store,
  config: Config,
  blobs = openMediaStore(config),
): MediaKeeper | null {
  if (!blobs) return null;
  return createMediaKeeper({
    index: store,
    blobs,
    previewer: makePreview,
    policy: {
      kinds: new Set<MediaType>(config.media.kinds),
      maxFileBytes: config.media.maxFileBytes,
      maxChannelBytes: config.media.maxChannelBytes,
      maxTotalBytes: config.media.maxTotalBytes,
    },
  });
}
