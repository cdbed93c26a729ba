// A config's routes checked against the archive before anything is published.
import type { Route } from '../bot/routes.js';
import { resolveChannel, resolveSavedSearch, resolveTopic } from '../pipeline/names.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';

/** Every channel, topic and saved search a route of the config names is one the archive knows (a query names nothing). */
export async function checkRouteTargets(
  store: Store,
  routes: readonly Route[],
  file?: string | null,
): Promise<void> {
  for (const route of routes) {
    const { kind, value } = route.selector;
    try {
      if (kind === 'channel') await resolveChannel(store, value);
      else if (kind === 'topic') await resolveTopic(store, value);
      else if (kind === 'saved') await resolveSavedSearch(store, value);
    } catch (e) {
      if (e instanceof UserError)
        throw new UserError(`${file ? `${file}: ` : ''}route ${route.id}: ${e.message}`, { cause: e });
      throw e;
    }
  }
}
