// What the pipeline adds to posts on their way into the store: language, and the topics they match.
import type { Post } from '../model/post.js';
import type { Store } from '../store/store.js';
import { detectLangScores, detectLangWithPrior } from '../rules/lang.js';
import { compileTopic, tagPost, type CompiledTopic } from '../rules/topic.js';
import { parseQuery } from '../search/parse.js';

export interface Enricher {
  /** Sets what can be computed before saving (language, in the context of the post's channel). */
  prepare(posts: Post[]): Promise<void>;
  /** Records what needs the saved rows (topic tags). */
  afterSave(posts: Post[]): Promise<void>;
  /** Called once after the last batch of an import. */
  finish(): Promise<void>;
}

export async function compileStoredTopics(store: Store): Promise<CompiledTopic[]> {
  const topics = await store.listTopics();
  return topics.map((t) => compileTopic({ name: t.name, query: parseQuery(t.query), aliases: t.aliases }));
}

/** A channel's language context: the languages pinned for it, and the mix of its posts so far. */
interface ChannelLanguages {
  pinned: string[];
  mix: Map<string, number>;
}

/** Posts with at least this many letters tell a new channel's mix from the batch itself. */
const MIX_MIN_LETTERS = 60;

/**
 * The batch's own mix, for a channel whose archive has none yet (its first import or first page): the summed
 * scores of its longer posts, where detection is sure enough without a prior.
 */
export function batchMix(posts: readonly Post[]): Map<string, number> {
  const mix = new Map<string, number>();
  for (const p of posts) addToMix(mix, p);
  return mix;
}

/** Adds a post's detected languages to a mix when it is long enough to tell them alone. */
function addToMix(mix: Map<string, number>, p: Post): void {
  if ((p.text.match(/\p{L}/gu)?.length ?? 0) < MIX_MIN_LETTERS) return;
  for (const s of detectLangScores(p.text)) mix.set(s.lang, (mix.get(s.lang) ?? 0) + s.score);
}

/**
 * The stored topics, compiled, kept current: a topic added while a long-running collector is up (from the web app,
 * or `tgwire topics add`) tags the posts saved after it without a restart. The list is read again for each batch,
 * a small query; it is compiled again only when it changed.
 */
function liveTopics(store: Store) {
  let key: string | null = null;
  let compiled: CompiledTopic[] = [];
  return {
    /** The current topics and the fingerprint they were compiled from. */
    async current(): Promise<{ key: string; topics: CompiledTopic[] }> {
      const stored = await store.listTopics();
      const k = JSON.stringify(stored);
      if (k !== key) {
        compiled = stored.map((t) =>
          compileTopic({ name: t.name, query: parseQuery(t.query), aliases: t.aliases }),
        );
        key = k;
      }
      return { key: k, topics: compiled };
    },
  };
}

/** How long a channel's language mix is used before it is read again from the archive. */
const MIX_TTL_MS = 10 * 60_000;

export async function createEnricher(store: Store): Promise<Enricher> {
  const topics = liveTopics(store);
  await topics.current(); // a stored query that no longer parses fails here, at start
  // A long-running collector (serve, watch) keeps one enricher for days: the pin is read again for every batch (one
  // row), so `channels set --lang` or the web app reaches it without a restart; the mix (an aggregate over the
  // channel's posts) is read again once it is MIX_TTL_MS old, or at the next batch when it was only the batch's own.
  const contexts = new Map<string, { mix: Map<string, number>; stored: boolean; at: number }>();
  const contextOf = async (channel: string, batch: readonly Post[]): Promise<ChannelLanguages> => {
    const pinned = (await store.getChannel(channel))?.languages ?? [];
    let c = contexts.get(channel);
    if (!c || !c.stored || Date.now() - c.at > MIX_TTL_MS) {
      const mix = await store.channelLanguageMix(channel);
      c =
        mix.size > 0
          ? { mix, stored: true, at: Date.now() }
          : { mix: batchMix(batch), stored: false, at: Date.now() };
      contexts.set(channel, c);
    }
    return { pinned, mix: c.mix };
  };
  return {
    async prepare(posts) {
      const byChannel = new Map<string, Post[]>();
      for (const p of posts) {
        if (p.lang !== undefined) continue;
        const l = byChannel.get(p.channel);
        if (l) l.push(p);
        else byChannel.set(p.channel, [p]);
      }
      for (const [channel, list] of byChannel) {
        const c = await contextOf(channel, list);
        for (const p of list)
          p.lang = p.text.trim() === '' ? null : detectLangWithPrior(p.text, c.mix, c.pinned);
      }
    },
    async afterSave(posts) {
      // A topic saved while these tags were being written (its re-tag of the archive may have run before they
      // landed) is caught by reading the list again afterwards and tagging once more with the newer one.
      let { key, topics: list } = await topics.current();
      for (let round = 0; round < 3; round++) {
        if (list.length > 0 || round > 0)
          await store.setPostTopics(
            posts.map((p) => ({ channel: p.channel, id: p.id, topics: tagPost(p, list) })),
          );
        const now = await topics.current();
        if (now.key === key) return;
        ({ key, topics: list } = now);
      }
    },
    async finish() {},
  };
}

export interface RelabelResult {
  posts: number;
  /** Posts whose language changed. */
  changed: number;
}

/**
 * Labels a channel's archived posts again in its current context (its pinned languages, the mix of its posts):
 * after a pin is set or cleared, or when a channel's first posts were labelled before its mix was known. Topics are
 * tagged again for the posts that changed, since stems follow a post's language.
 */
export async function relabelChannel(store: Store, channel: string): Promise<RelabelResult> {
  // The mix as a first import reads it, from the texts of the longer posts, never from the labels: labels taken from
  // a mix of labels drift a little at every run, while this gives the same answer however often it is run.
  const mix = new Map<string, number>();
  for await (const p of store.iteratePosts({ channel })) if (!p.service) addToMix(mix, p);
  const pinned = (await store.getChannel(channel))?.languages ?? [];
  const topics = await compileStoredTopics(store);
  const changed: Post[] = [];
  let posts = 0;
  for await (const p of store.iteratePosts({ channel })) {
    posts++;
    if (p.service || p.text.trim() === '') continue;
    const lang = detectLangWithPrior(p.text, mix, pinned);
    if (lang !== p.lang) changed.push({ ...p, lang });
  }
  await store.transaction(async () => {
    for (let i = 0; i < changed.length; i += 500) {
      const batch = changed.slice(i, i + 500);
      // mergeMissing false: the language given replaces the stored one (the text is the same).
      await store.savePosts(batch, { mergeMissing: false });
      if (topics.length > 0)
        await store.setPostTopics(
          batch.map((p) => ({ channel: p.channel, id: p.id, topics: tagPost(p, topics) })),
        );
    }
  });
  return { posts, changed: changed.length };
}
