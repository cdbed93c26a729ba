// Says when an archive is an unfinished migrate-store copy (the copy was stopped part-way): what stats, search and
// serve show of it lacks the posts not copied yet, so they say so, and how to finish it.
import { copyProgressOf } from '../pipeline/workers/index.js';
import type { MarkerList } from '../store/archive-copy.js';
import type { Store } from '../store/store.js';
import { withoutPassword } from '../util/redact-url.js';

/** migrate-store names its marker in the target `migrate-store:` + the source (sourceId, without a password). */
export const COPY_MARKER_PREFIX = 'migrate-store:';

/** One line per unfinished copy into this archive (none on an archive that keeps no markers). */
export async function unfinishedCopyNotices(store: Store, db: string): Promise<string[]> {
  const list = (store as Partial<MarkerList>).listMarkers;
  if (typeof list !== 'function') return [];
  const target = withoutPassword(db);
  return (await list.call(store, COPY_MARKER_PREFIX)).flatMap(({ name, value }) => {
    const progress = copyProgressOf(value);
    if (progress.done) return [];
    // The marker's name has no user (one identity whoever copies); the hint needs it to run as printed.
    const from = progress.source ?? name.slice(COPY_MARKER_PREFIX.length);
    const at = progress.after
      ? `after ${progress.after.channel}/${progress.after.id}`
      : 'before its first post';
    return [
      `notice: this archive is an unfinished copy of ${from} (migrate-store stopped ${at}): posts, counts and ` +
        `search results lack the rest; finish it with: tgwire migrate-store --from ${from} --to ${target}`,
    ];
  });
}

/** Prints the notices on stderr (stdout stays the command's output, JSON included). */
export async function warnUnfinishedCopy(store: Store, db: string): Promise<void> {
  for (const line of await unfinishedCopyNotices(store, db)) console.error(line);
}
