// Composition of the media archive: the blob store the config names (folder or S3) and the keeper over it.
import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { MediaType } from '../model/post.js';
import { createMediaKeeper, type MediaKeeper } from '../pipeline/media/keep.js';
import { markOnFirstPut } from '../pipeline/media/owner.js';
import { makePreview } from '../pipeline/media/thumbnail.js';
import type { MediaBlobStore, OwnedBlobStore } from '../store/media/blob-store.js';
import { LocalMediaStore } from '../store/media/local.js';
import { S3MediaStore } from '../store/media/s3.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

/**
 * The media store of this archive, or null when media are off (or the archive is in memory without a folder).
 * S3 when `media.s3` (TGWIRE_S3_BUCKET) is set, so several machines share one store; else the local folder.
 * Nothing is contacted here: a bucket that is missing or refuses the keys is a UserError at first use.
 */
export function openMediaStore(config: Config): OwnedBlobStore | null {
  if (!config.media.enabled) return null;
  const s3 = config.media.s3;
  if (s3) {
    if (!s3.accessKeyId !== !s3.secretAccessKey)
      throw new UserError(
        'TGWIRE_S3_ACCESS_KEY_ID and TGWIRE_S3_SECRET_ACCESS_KEY go together: set both, or neither (the AWS SDK then finds keys itself)',
      );
    // Since 2026 the AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22; tgwire
    // supports Node 20, so the notice is noise on every command's stderr (set the variable to false to see it).
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    return new S3MediaStore(s3);
  }
  if (config.media.dir) return new LocalMediaStore(config.media.dir);
  return null;
}

/**
 * A media store named on the command line (migrate-store's --from-media and --to-media): a folder, or
 * `s3://BUCKET[/PREFIX]` with the endpoint, region and keys of the configured S3 settings (AWS and the SDK's own
 * key chain when there are none).
 */
export function mediaStoreAt(spec: string, config: Config): OwnedBlobStore {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(spec);
  if (!m) return new LocalMediaStore(spec);
  const s3 = config.media.s3;
  return new S3MediaStore({
    bucket: m[1]!,
    // s3://b/tg/arch and s3://b/tg/arch/ are one folder, as the configured prefix is (config.ts).
    prefix: m[2] ? `${m[2].replace(/\/+$/, '')}/` : '',
    endpoint: s3?.endpoint ?? null,
    region: s3?.region ?? 'us-east-1',
    forcePathStyle: s3?.forcePathStyle ?? false,
    accessKeyId: s3?.accessKeyId ?? null,
    secretAccessKey: s3?.secretAccessKey ?? null,
  });
}

/** Whether two media stores are one (same kind and place): nothing to copy between them. */
export function sameMediaStore(a: MediaBlobStore, b: MediaBlobStore): boolean {
  const where = (s: MediaBlobStore) => (s instanceof LocalMediaStore ? resolve(s.dir) : s.location);
  return a.kind === b.kind && where(a) === where(b);
}

/**
 * Asks the store for a file it cannot have (all zeros): a server that does not answer, keys it refuses or a missing
 * bucket throws as it would for a reader, with nothing written. Serve does this at start.
 */
export async function checkMediaStore(blobs: MediaBlobStore): Promise<void> {
  await blobs.size('0'.repeat(64));
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
    // The owner marker before the first file: `media gc` of a later copy of this archive then knows it is one.
    blobs: markOnFirstPut(blobs, () => store.archiveIdentity()),
    previewer: makePreview,
    policy: {
      kinds: new Set<MediaType>(config.media.kinds),
      maxFileBytes: config.media.maxFileBytes,
      maxChannelBytes: config.media.maxChannelBytes,
      maxTotalBytes: config.media.maxTotalBytes,
    },
  });
}
