// Stories when collection is spread over workers: a worker that stored new posts or edits marks the archive's stories
// stale (a fresh token in a marker); a worker holding the queue's "stories" lock rebuilds them and records which
// token it rebuilt for. A token written during a rebuild differs from the one recorded, so the next round rebuilds
// again: nothing a worker stored is left out for long, and no two workers rebuild at once.
import { randomUUID } from 'node:crypto';
import { rebuildStories, type StoriesResult } from '../stories.js';
import { applyStoryCorrections } from '../story-corrections.js';
import type { Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';

const CHANGED = 'stories:changed';
const BUILT = 'stories:built';

export interface StoryUpkeep {
  /** Records that posts were added or edited since the last rebuild. */
  changed(): Promise<void>;
  /** Rebuilds the stories when something changed since the last rebuild; null when they are current. */
  refresh(): Promise<StoriesResult | null>;
}

export function storyUpkeep(store: Store): StoryUpkeep {
  const { getMarker, setMarker } = store;
  if (!getMarker || !setMarker) throw new UserError('this store keeps no markers: workers need PostgreSQL');
  return {
    changed: () => setMarker.call(store, CHANGED, randomUUID()),
    async refresh() {
      const token = await getMarker.call(store, CHANGED);
      if (token === null || token === (await getMarker.call(store, BUILT))) return null;
      const result = await rebuildStories(store);
      await applyStoryCorrections(store); // readers' corrections outlive the regrouping
      await setMarker.call(store, BUILT, token);
      return result;
    },
  };
}
