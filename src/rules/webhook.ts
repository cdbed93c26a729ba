// Which webhooks an event goes to: its type, and the post's channel, topics or saved searches (any one matching).
import type { Post } from '../model/post.js';
import type { SavedSearch } from '../model/saved-search.js';
import type { PostEvent, Webhook } from '../model/webhook.js';
import { matchesQuery } from '../search/match.js';
import { parseQuery } from '../search/parse.js';
import type { QueryNode } from '../search/query.js';

export type EventMatcher = (event: PostEvent, post: Post) => boolean;

/**
 * A webhook told about deletions is told when a deleted post comes back too: it would otherwise keep a post as
 * deleted that is not (webhooks added before post.restored existed name the types they took then).
 */
function takes(types: ReadonlySet<string>, type: string): boolean {
  return types.has(type) || (type === 'post.restored' && types.has('post.deleted'));
}

/**
 * The webhook's filter, compiled once per pass. A webhook without topic, channel or search filters takes every
 * post; with some, a post matching any of them. A saved search removed since the webhook was added (or whose query
 * no longer parses) matches nothing. Events written before the webhook existed are not its.
 */
export function webhookMatcher(webhook: Webhook, searches: readonly SavedSearch[]): EventMatcher {
  const types = new Set<string>(webhook.events);
  const channels = new Set(webhook.channels);
  const topics = new Set(webhook.topics);
  const queries: QueryNode[] = [];
  for (const name of webhook.searches) {
    const s = searches.find((x) => x.name === name);
    if (!s) continue;
    try {
      queries.push(parseQuery(s.query));
    } catch {
      // A stored query an older version accepted: it matches nothing rather than stopping every delivery.
    }
  }
  const unfiltered = channels.size === 0 && topics.size === 0 && webhook.searches.length === 0;
  return (event, post) => {
    if (event.seq <= webhook.sinceSeq || !takes(types, event.type)) return false;
    if (unfiltered || channels.has(post.channel)) return true;
    const postTopics = post.topics ?? [];
    if (postTopics.some((t) => topics.has(t))) return true;
    return queries.some((q) => matchesQuery(q, post, postTopics));
  };
}
