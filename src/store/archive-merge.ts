// How a post copied from another archive (migrate-store) combines with the one the target already holds: as an
// import would, nothing is lost. A copy run again (--restart), or resumed after the target received edits of its
// own, keeps those edits.
import type { PostVersion } from '../model/version.js';
import type { ArchivedPost } from './archive-copy.js';

/** A version is the same in both archives when its text, formatting and edit date are. */
const sameVersion = (v: PostVersion): string => JSON.stringify([v.text, v.entities, v.editDate]);

/**
 * The post's fields, current text, deletion, topics and story come from the archive that saw its current text last
 * (the copied one on a tie), with its history in its order; the versions only the other archive kept join that
 * history just before the current text, in their order (a text the post went back to counts each time it was
 * kept). The same post in both gives the copied one unchanged.
 */
export function mergeArchived(copied: ArchivedPost, held: ArchivedPost): ArchivedPost {
  const lastSeen = (i: ArchivedPost): string => i.versions.at(-1)!.seenAt;
  const [winner, loser] = lastSeen(held) > lastSeen(copied) ? [held, copied] : [copied, held];
  // Counted, not only named: a text the post went back to (A, B, A) is two versions, and a return only the other
  // archive saw must stay in the history.
  const known = new Map<string, number>();
  for (const v of winner.versions) known.set(sameVersion(v), (known.get(sameVersion(v)) ?? 0) + 1);
  const extra = loser.versions.filter((v) => {
    const k = sameVersion(v);
    const n = known.get(k) ?? 0;
    if (n > 0) {
      known.set(k, n - 1);
      return false;
    }
    return true;
  });
  if (extra.length === 0) return winner;
  return { ...winner, versions: [...winner.versions.slice(0, -1), ...extra, winner.versions.at(-1)!] };
}
