// Topics over the archive: saving a topic (checked), and re-tagging every post when the topics change.
import { TOPIC_NAME, TOPIC_NAME_RULE, type Topic } from '../model/topic.js';
import type { Store } from '../store/store.js';
import { parseQuery } from '../search/parse.js';
import { tagPost } from '../rules/topic.js';
import { compileStoredTopics } from './enrich.js';
import { UserError } from '../util/errors.js';
import { checkQueryChannels, queryNamesTopic, type Asker } from './names.js';

/** "BRICS = БРИКС = #brics" -> ["BRICS", "БРИКС", "#brics"]. */
export function parseAliasGroup(text: string): string[] {
  return text
    .split('=')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkTopicName(name: string): void {
  if (!TOPIC_NAME.test(name))
    throw new UserError(`${JSON.stringify(name.slice(0, 80))} is not a topic name: ${TOPIC_NAME_RULE}`);
}

/** Checks the name and the query (a QuerySyntaxError names where it is wrong) before anything is saved. */
export function checkTopic(topic: Topic): Topic {
  checkTopicName(topic.name);
  parseQuery(topic.query);
  return topic;
}

/** What saveTopicChecked did: added a topic, or replaced the one it names (its former name and query). */
export type TopicSaved = { replaced: null } | { replaced: Topic };

/**
 * Saves a topic a user gave (CLI, web form, admin API) after checking it: its name and query (a QuerySyntaxError
 * says where), every `channel:` it names (an unknown one is an error, as in a search), and its name against the
 * stored ones. Names are matched case aside (`topic:BRICS` is the topic brics), so a second topic differing only in
 * case would make them ambiguous: it is refused unless `replace`, which replaces the stored one (renamed to the
 * case given). Replacing a topic of the same name needs `replace` as well.
 * @throws UserError saying what to do instead
 */
export async function saveTopicChecked(
  store: Store,
  topic: Topic,
  opts: { replace: boolean; asker: Asker },
): Promise<TopicSaved> {
  checkTopic(topic);
  await checkQueryChannels(store, topic.query, opts.asker);
  const old = (await store.listTopics()).find((t) => t.name.toLowerCase() === topic.name.toLowerCase());
  if (old && !opts.replace) {
    const how =
      opts.asker === 'cli'
        ? `tgwire topics add ${old.name} QUERY changes it`
        : 'choose another name or tick “replace”';
    throw new UserError(
      old.name === topic.name
        ? `a topic named ${old.name} exists (${JSON.stringify(old.query)}): ${how}`
        : `a topic named ${old.name} exists (topic names are matched case aside): ${how}`,
    );
  }
  await store.transaction(async () => {
    if (old && old.name !== topic.name) await store.removeTopic(old.name);
    await store.saveTopic(topic);
  });
  return { replaced: old ?? null };
}

export function sameTopic(a: Topic, b: Topic): boolean {
  return a.query === b.query && JSON.stringify(a.aliases) === JSON.stringify(b.aliases);
}

/** Tags every post with every topic again (after a topic was added, changed or removed). */
export async function retagArchive(
  store: Store,
  onProgress?: (done: number, total: number) => void,
): Promise<{ posts: number; tagged: number }> {
  const topics = await compileStoredTopics(store);
  const total = await store.countPosts({});
  let done = 0;
  let tagged = 0;
  await store.transaction(async () => {
    let batch: { channel: string; id: number; topics: string[] }[] = [];
    for await (const p of store.iteratePosts({ order: 'asc' })) {
      const t = tagPost(p, topics);
      if (t.length) tagged++;
      batch.push({ channel: p.channel, id: p.id, topics: t });
      if (batch.length === 1000) {
        await store.setPostTopics(batch);
        batch = [];
        done += 1000;
        onProgress?.(done, total);
      }
    }
    if (batch.length) await store.setPostTopics(batch);
  });
  onProgress?.(total, total);
  return { posts: total, tagged };
}

/** Topics of the config file are saved when tgwire starts; returns whether anything changed (then re-tag). */
export async function saveConfigTopics(
  store: Store,
  topics: readonly { name: string; query: string; aliases: string[] }[],
): Promise<boolean> {
  const existing = new Map((await store.listTopics()).map((t) => [t.name, t]));
  let changed = false;
  for (const t of topics) {
    const topic = checkTopic({ name: t.name, query: t.query, aliases: t.aliases.map(parseAliasGroup) });
    const old = existing.get(t.name);
    if (old && sameTopic(old, topic)) continue;
    await store.saveTopic(topic);
    changed = true;
  }
  return changed;
}

/** What names a topic: a saved search or a route by `topic:` in its query, a webhook or a route by its filter. */
export interface TopicUser {
  kind: 'saved search' | 'webhook' | 'route';
  /** The search's name, the webhook's id, the route's place in the config file (routes.2). */
  name: string;
}

/** The parts of a config file route that can name a topic. */
export interface TopicRoute {
  topic?: string | undefined;
  query?: string | undefined;
}

/**
 * Everything that names `topic` and would fail (a saved search, a route) or match nothing from it (a webhook) once
 * it is removed. Names are compared case aside, as queries and --topic read them.
 */
export async function topicUsers(
  store: Store,
  topic: string,
  routes: readonly TopicRoute[] = [],
): Promise<TopicUser[]> {
  const name = topic.toLowerCase();
  const users: TopicUser[] = [];
  for (const s of await store.listSavedSearches())
    if (queryNamesTopic(s.query, topic)) users.push({ kind: 'saved search', name: s.name });
  routes.forEach((r, i) => {
    if (r.topic?.trim().toLowerCase() === name || (r.query !== undefined && queryNamesTopic(r.query, topic)))
      users.push({ kind: 'route', name: `routes.${i}` });
  });
  for (const w of await store.webhooks().list())
    if (w.topics.some((t) => t.toLowerCase() === name)) users.push({ kind: 'webhook', name: String(w.id) });
  return users;
}

/** "saved searches rb2, kazan-fr, webhook 3 and route routes.0". */
export function topicUsersText(users: readonly TopicUser[]): string {
  const parts = (['saved search', 'webhook', 'route'] as const).flatMap((kind) => {
    const names = users.filter((u) => u.kind === kind).map((u) => u.name);
    if (names.length === 0) return [];
    const noun = names.length === 1 ? kind : kind === 'saved search' ? 'saved searches' : `${kind}s`;
    return [`${noun} ${names.join(', ')}`];
  });
  return parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
