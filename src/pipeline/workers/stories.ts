// Stories when collection is spread over workers: a worker that stored new posts marks the archive's stories stale
// (a fresh token in a marker); a worker holding the queue's "stories" lock gives the new posts their stories
// (assignStories) and records which token it did so for. A token written meanwhile differs from the one recorded, so
// the next round assigns again: nothing a worker stored is left out for long, and no two workers group at once.
import { randomUUID } from 'node:crypto';
import type { AssignResult } from '../assign-pass.js';
import { ChannelProfiles } from '../channel-profiles.js';
import { assignStories } from '../stories.js';
import type { Markers } from '../../store/archive-copy.js';
import type { Store } from '../../store/store.js';

const CHANGED = 'stories:changed';
const BUILT = 'stories:built';

export interface StoryUpkeep {
  /** Records that posts were added since the last grouping. */
  changed(): Promise<void>;
  /** Groups the new posts when something changed since the last grouping; null when stories are current. */
  refresh(): Promise<AssignResult | null>;
}

/** `markers`: where the tokens are kept, shared by every worker (the PostgreSQL archive's markers). */
export function storyUpkeep(store: Store, markers: Markers): StoryUpkeep {
  // A worker groups again and again: each channel's profile is learned once an hour, not at every grouping.
  const profiles = new ChannelProfiles();
  return {
    changed: () => markers.setMarker(CHANGED, randomUUID()),
    async refresh() {
      const token = await markers.getMarker(CHANGED);
      if (token === null || token === (await markers.getMarker(BUILT))) return null;
      const result = await assignStories(store, { profiles });
      await markers.setMarker(BUILT, token);
      return result;
    },
  };
}
