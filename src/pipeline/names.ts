// Names the user typed (a channel, a topic, a saved search) checked against the archive once, before a command or
// a request acts: an unknown one is a user error naming the closest known names, never an empty result.
import { parseChannelRef } from '../model/channel-ref.js';
import { formatQuery, parseQuery } from '../search/parse.js';
import type { QueryNode } from '../search/query.js';
import type { SavedSearch } from '../model/saved-search.js';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { ISO_639_1, SERBO_CROATIAN } from '../model/languages.js';
import { nearestNames } from '../util/nearest.js';

/**
 * Who asks: a command in a terminal, whose hints name commands (`tgwire stats lists the 40 channels`), or a web or
 * API request, whose hints name the API's lists and parameters instead.
 */
export type Asker = 'cli' | 'web';

/** Known names listed in full when none is close (more would not fit on one line). */
const LIST_AT_MOST = 8;

function shown(input: string): string {
  const s = input.trim().slice(0, 100);
  return /^\S+$/.test(s) ? s : JSON.stringify(s);
}

/** "A", "A or B", "A, B or C". */
function orList(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** What to say after "no channel named X": the close names, or what there is, or where to look. */
function hint(input: string, names: string[], what: { plural: string; list: string; none: string }): string {
  const near = nearestNames(input, names);
  if (near.length) return `did you mean ${orList(near)}?`;
  if (names.length === 0) return what.none;
  if (names.length <= LIST_AT_MOST) return `the ${what.plural} are ${[...names].sort().join(', ')}`;
  return `${what.list} lists the ${names.length} ${what.plural}`;
}

/** The ways a channel can be written (@name, t.me link, the name given at import in any case), most exact first. */
function channelKeys(input: string): string[] {
  const name = input.trim();
  return [...new Set([name, name.toLowerCase(), parseChannelRef(name)?.username])].filter(
    (k): k is string => !!k,
  );
}

/** Every channel the archive knows: a channel row or a followed one. */
async function knownChannels(store: Store): Promise<Set<string>> {
  const keys = new Set((await store.listChannels()).map((c) => c.key));
  for (const f of await store.listFollows()) keys.add(f.channel);
  return keys;
}

/**
 * The key of the channel `input` names (username, @name, t.me link, or the name given at import), known to the
 * archive by a channel row, a follow or its posts.
 * @throws UserError "no channel named X: did you mean …?"
 */
export async function resolveChannel(store: Store, input: string, asker: Asker = 'cli'): Promise<string> {
  const known = await knownChannels(store);
  const keys = channelKeys(input);
  for (const key of keys) if (known.has(key)) return key;
  // Posts saved without a channel row (older archives) still make their channel known.
  for (const key of keys) if ((await store.countPosts({ channel: key })) > 0) return key;
  // A name typed in a terminal may order combining marks otherwise than the stored key (Arabic, Hebrew): compared
  // in one normal form, case aside.
  const folded = (k: string): string => k.normalize('NFC').toLowerCase();
  const same = [...known].find((k) => folded(k) === folded(input.trim()));
  if (same) return same;
  throw new UserError(
    `no channel named ${shown(input)}: ${hint(input, [...known], {
      plural: 'channels',
      list: asker === 'cli' ? 'tgwire stats' : 'GET /api/channels',
      none:
        asker === 'cli'
          ? 'the archive has no channels yet (tgwire import FILE, tgwire channels add @name)'
          : 'the archive has no channels yet',
    })}`,
  );
}

/**
 * The name of the stored topic `input` names (exactly, or in another case when only one topic matches so).
 * @throws UserError "no topic named X: did you mean …?"
 */
export async function resolveTopic(store: Store, input: string, asker: Asker = 'cli'): Promise<string> {
  const names = (await store.listTopics()).map((t) => t.name);
  const name = input.trim();
  if (names.includes(name)) return name;
  const folded = names.filter((n) => n.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0]!;
  throw new UserError(
    `no topic named ${shown(input)}: ${hint(input, names, {
      plural: 'topics',
      list: asker === 'cli' ? 'tgwire topics list' : 'GET /api/topics',
      none: asker === 'cli' ? "no topics yet (tgwire topics add NAME 'QUERY')" : 'no topics yet',
    })}`,
  );
}

/**
 * The saved search of that name.
 * @throws UserError "no saved search named X: did you mean …?"
 */
export async function resolveSavedSearch(store: Store, input: string): Promise<SavedSearch> {
  const name = input.trim();
  const found = await store.getSavedSearch(name);
  if (found) return found;
  const names = (await store.listSavedSearches()).map((s) => s.name);
  throw new UserError(
    `no saved search named ${shown(input)}: ${hint(input, names, {
      plural: 'saved searches',
      list: 'tgwire searches list',
      none: "no saved searches yet (tgwire searches add NAME 'QUERY')",
    })}`,
  );
}

/** A followed channel, for commands that act on the followed list only. */
export async function resolveFollowed(store: Store, input: string): Promise<string> {
  const followed = new Set((await store.listFollows()).map((f) => f.channel));
  for (const key of channelKeys(input)) if (followed.has(key)) return key;
  throw new UserError(
    `not following ${shown(input)}: ${hint(input, [...followed], {
      plural: 'followed channels',
      list: 'tgwire channels list',
      none: 'no channel is followed (tgwire channels add @name)',
    })}`,
  );
}

/** `slice` with its channel and topic (when given) replaced by the names the archive knows them by. */
export async function resolveSlice<T extends { channel?: string | string[]; topic?: string }>(
  store: Store,
  slice: T,
  asker: Asker = 'cli',
): Promise<T> {
  // An empty name (an unset shell variable) would filter to nothing and show an empty answer.
  const option = asker === 'cli' ? '--' : '';
  const channels = slice.channel === undefined ? [] : [slice.channel].flat();
  if (channels.some((c) => c.trim() === '')) throw new UserError(`${option}channel: give a channel name`);
  if (slice.topic !== undefined && slice.topic.trim() === '')
    throw new UserError(`${option}topic: give a topic name`);
  const channel = Array.isArray(slice.channel)
    ? await Promise.all(slice.channel.map((c) => resolveChannel(store, c, asker)))
    : slice.channel
      ? await resolveChannel(store, slice.channel, asker)
      : undefined;
  return {
    ...slice,
    ...(channel ? { channel } : {}),
    ...(slice.topic ? { topic: await resolveTopic(store, slice.topic, asker) } : {}),
  };
}

function fieldsOf(node: QueryNode, out: { field: string; value: string }[] = []): typeof out {
  if (node.kind === 'field') out.push({ field: node.field, value: node.value });
  else if (node.kind === 'and' || node.kind === 'or') for (const c of node.children) fieldsOf(c, out);
  else if (node.kind === 'not') fieldsOf(node.child, out);
  return out;
}

/** Whether `query` has a `topic:` term naming `topic` (case aside, as a query reads it); false when it does not parse. */
export function queryNamesTopic(query: string, topic: string): boolean {
  if (!/topic:/i.test(query)) return false;
  let node: QueryNode;
  try {
    node = parseQuery(query);
  } catch {
    return false;
  }
  const name = topic.toLowerCase();
  return fieldsOf(node).some((f) => f.field === 'topic' && f.value.trim().toLowerCase() === name);
}

// What lang: takes besides ISO 639-1: the detector's own answers (und, and sh for Serbo-Croatian in Latin letters).
const QUERY_LANGS: ReadonlySet<string> = new Set(['und', SERBO_CROATIAN]);

/** `node` with each field term's value replaced by `rename` (the same node when nothing changed). */
function renameFields(node: QueryNode, rename: (field: string, value: string) => string): QueryNode {
  switch (node.kind) {
    case 'field': {
      const value = rename(node.field, node.value);
      return value === node.value ? node : { ...node, value };
    }
    case 'and':
    case 'or': {
      const children = node.children.map((c) => renameFields(c, rename));
      return children.every((c, i) => c === node.children[i]) ? node : { ...node, children };
    }
    case 'not': {
      const child = renameFields(node.child, rename);
      return child === node.child ? node : { ...node, child };
    }
    default:
      return node;
  }
}

/** The one-line refusal of a `lang:` value that is no language code (also given for a `lang=` parameter). */
export function checkQueryLang(value: string, written = `lang:${value.slice(0, 20)}`): void {
  if (!QUERY_LANGS.has(value) && !ISO_639_1.has(value))
    throw new UserError(
      `${written} is no language code: two letters of ISO 639-1 (en, ru, fr …), or und for the posts whose language could not be told`,
    );
}

/**
 * The query to run for what the user typed: its `channel:` and `topic:` terms name what the archive knows (a typo
 * would match nothing) and are rewritten to the names the archive knows them by (`topic:BRICS` runs as
 * `topic:brics`, as `--topic BRICS` does); `lang:` is a language code. The query is returned as typed when nothing
 * had to be rewritten.
 */
export async function resolveQueryNames(store: Store, query: string, asker: Asker = 'cli'): Promise<string> {
  // Most queries name neither: they are not parsed a second time (the search parses them), the web's hot path.
  if (!/(?:channel|topic|lang):/i.test(query)) return query;
  const node = parseQuery(query);
  const names = new Map<string, string>();
  for (const { field, value } of fieldsOf(node)) {
    if (field === 'channel') names.set(`channel:${value}`, await resolveChannel(store, value, asker));
    else if (field === 'topic') names.set(`topic:${value}`, await resolveTopic(store, value, asker));
    else if (field === 'lang') checkQueryLang(value);
  }
  const renamed = renameFields(node, (field, value) => names.get(`${field}:${value}`) ?? value);
  return renamed === node ? query : formatQuery(renamed);
}

/** Checks the names of a query as resolveQueryNames does, for a query that is not run here. */
export async function checkQueryNames(store: Store, query: string, asker: Asker = 'cli'): Promise<void> {
  await resolveQueryNames(store, query, asker);
}

/**
 * Checks that every `channel:` term of `query` names a channel the archive knows, as a search does (a topic or a
 * saved query naming none would match nothing, silently).
 * @throws UserError "no channel named X: did you mean …?"
 */
export async function checkQueryChannels(store: Store, query: string, asker: Asker = 'cli'): Promise<void> {
  if (!/channel:/i.test(query)) return;
  for (const { field, value } of fieldsOf(parseQuery(query)))
    if (field === 'channel') await resolveChannel(store, value, asker);
}
