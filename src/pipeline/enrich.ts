// What the pipeline adds to posts on their way into the store: language, and the topics they match.
import type { Post } from '../model/post.js';
import type { Store } from '../store/store.js';
import { detectLang } from '../rules/lang.js';
import { compileTopic, tagPost, type CompiledTopic } from '../rules/topic.js';
import { parseQuery } from '../search/parse.js';

export interface Enricher {
  /** Sets what can be computed before saving (language). */
  prepare(posts: Post[]): void;
  /** Records what needs the saved rows (topic tags). */
  afterSave(posts: Post[]): Promise<void>;
  /** Called once after the last batch of an import. */
  finish(): Promise<void>;
}

export async function compileStoredTopics(store: Store): Promise<CompiledTopic[]> {
  const topics = await store.listTopics();
  return topics.map((t) => compileTopic({ name: t.name, query: parseQuery(t.query), aliases: t.aliases }));
}

export async function createEnricher(store: Store): Promise<Enricher> {
  const topics = await compileStoredTopics(store);
  return {
    prepare(posts) {
      for (const p of posts) if (p.lang === undefined) p.lang = detectLang(p.text);
    },
    async afterSave(posts) {
      if (topics.length === 0) return;
      await store.setPostTopics(
        posts.map((p) => ({ channel: p.channel, id: p.id, topics: tagPost(p, topics) })),
      );
    },
    async finish() {},
  };
}
