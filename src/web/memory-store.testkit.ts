// Test helper: a small in-memory Store (enough of the contract for the web tests; not a real backend).
import { emptyChannel, type Channel, type Post } from '../model/post.js';
import type {
  ArchiveStats,
  PostFilter,
  PostQuery,
  PostVersion,
  SaveResult,
  SearchOptions,
  SearchResult,
  Store,
  StoredStoryCorrection,
  StoryCorrection,
  StoryMember,
  SyncState,
  Topic,
} from '../store/store.js';
import { parseQuery } from '../search/parse.js';
import { makeSnippet, queryMatchers } from '../search/snippet.js';
import { wordSpans } from '../text/words.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const bound = (v: string, end: boolean) => {
  const t = Date.parse(DAY.test(v) ? `${v}T00:00:00Z` : v);
  return new Date(end && DAY.test(v) ? t + 86_400_000 : t).toISOString();
};

export class MemoryStore implements Store {
  channels = new Map<string, Channel>();
  posts = new Map<string, Post>();
  versions = new Map<string, PostVersion[]>();
  topics = new Map<string, Topic>();
  stories = new Map<string, StoryMember>();
  sync = new Map<string, SyncState>();

  async getSyncState(key: string) {
    return this.sync.get(key) ?? null;
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }
  async upsertChannel(c: Channel) {
    const { languages: _given, ...rest } = c;
    const pinned = this.channels.get(c.key)?.languages;
    this.channels.set(c.key, pinned ? { ...rest, languages: pinned } : rest);
  }
  async getChannel(key: string) {
    return this.channels.get(key) ?? null;
  }
  async findChannelByNumericId(n: number) {
    return [...this.channels.values()].find((c) => c.numericId === n) ?? null;
  }
  async listChannels() {
    return [...this.channels.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
  async savePosts(posts: Post[]): Promise<SaveResult> {
    const r = { added: 0, updated: 0, unchanged: 0 };
    for (const p of posts) {
      const k = `${p.channel}/${p.id}`;
      const old = this.posts.get(k);
      if (!this.channels.has(p.channel))
        this.channels.set(p.channel, {
          key: p.channel,
          username: null,
          numericId: null,
          title: null,
          description: null,
          subscribers: null,
          avatarUrl: null,
          kind: null,
        });
      const v = {
        text: p.text,
        entities: p.entities,
        editDate: p.editDate,
        seenAt: new Date().toISOString(),
      };
      if (!old) {
        r.added++;
        this.versions.set(k, [v]);
      } else if (old.text !== p.text) {
        r.updated++;
        this.versions.get(k)!.push(v);
      } else r.unchanged++;
      this.posts.set(k, {
        ...p,
        topics: old?.topics ?? p.topics ?? [],
        story: old?.story ?? p.story ?? null,
      });
    }
    return r;
  }
  async getPost(channel: string, id: number) {
    return this.posts.get(`${channel}/${id}`) ?? null;
  }
  async getVersions(channel: string, id: number) {
    return this.versions.get(`${channel}/${id}`) ?? [];
  }
  async markDeleted(channel: string, ids: number[]) {
    let n = 0;
    for (const id of ids) {
      const p = this.posts.get(`${channel}/${id}`);
      if (p) {
        p.deleted = true;
        n++;
      }
    }
    return n;
  }
  private filter(f: PostFilter): Post[] {
    const chans = f.channel === undefined ? null : Array.isArray(f.channel) ? f.channel : [f.channel];
    return [...this.posts.values()].filter(
      (p) =>
        (!chans || chans.includes(p.channel)) &&
        (f.since === undefined || (p.date !== null && p.date >= bound(f.since, false))) &&
        (f.until === undefined || (p.date !== null && p.date < bound(f.until, true))) &&
        (f.topic === undefined || (p.topics ?? []).includes(f.topic)) &&
        (f.story === undefined || p.story === f.story) &&
        (f.lang === undefined || p.lang === f.lang) &&
        (f.forwarded === undefined || (p.forwardedFrom !== null) === f.forwarded) &&
        (f.hasMedia === undefined || p.media.length > 0 === f.hasMedia) &&
        (f.includeDeleted !== false || !p.deleted),
    );
  }
  async queryPosts(q: PostQuery) {
    const list = this.filter(q).sort(
      (a, b) =>
        (a.date ?? '').localeCompare(b.date ?? '') || a.channel.localeCompare(b.channel) || a.id - b.id,
    );
    if (q.order === 'desc') list.reverse();
    return list.slice(q.offset ?? 0, (q.offset ?? 0) + (q.limit ?? 1e9));
  }
  async countPosts(f: PostFilter) {
    return this.filter(f).length;
  }
  async *iteratePosts(q: PostQuery) {
    yield* await this.queryPosts(q);
  }
  async search(text: string, o: SearchOptions = {}): Promise<SearchResult> {
    const node = parseQuery(text);
    const m = queryMatchers(node);
    const keys = new Set(m.map((x) => x.key));
    const hits = this.filter(o)
      .filter((p) => wordSpans(p.text).some((s) => keys.has(s.key)))
      .map((post) => ({ post, score: 1, snippet: makeSnippet(post.text, m) }));
    return { total: hits.length, hits: hits.slice(o.offset ?? 0, (o.offset ?? 0) + (o.limit ?? 20)) };
  }
  async stats(): Promise<ArchiveStats> {
    const all = [...this.posts.values()];
    const dates = all
      .map((p) => p.date)
      .filter((d): d is string => !!d)
      .sort();
    return {
      channels: this.channels.size,
      posts: all.length,
      deleted: all.filter((p) => p.deleted).length,
      firstDate: dates[0] ?? null,
      lastDate: dates.at(-1) ?? null,
      topHashtags: [],
      perChannel: [...this.channels.keys()].map((channel) => ({
        channel,
        posts: all.filter((p) => p.channel === channel).length,
        firstDate: null,
        lastDate: null,
      })),
    };
  }
  async saveTopic(t: Topic) {
    this.topics.set(t.name, t);
  }
  async removeTopic(name: string) {
    return this.topics.delete(name);
  }
  async listTopics() {
    return [...this.topics.values()];
  }
  async setPostTopics(tags: { channel: string; id: number; topics: string[] }[]) {
    for (const t of tags) {
      const p = this.posts.get(`${t.channel}/${t.id}`);
      if (p) p.topics = t.topics;
    }
  }
  async setStories(members: StoryMember[]) {
    for (const m of members) {
      this.stories.set(`${m.channel}/${m.id}`, { ...m, evidence: m.evidence ?? null });
      const p = this.posts.get(`${m.channel}/${m.id}`);
      if (p) p.story = m.storyId;
    }
  }
  async getStoryMembers(storyId: string) {
    return [...this.stories.values()].filter((m) => m.storyId === storyId);
  }
  async storyMembersOf(keys: string[]) {
    return [...new Set(keys)].flatMap((k) => this.stories.get(k) ?? []);
  }
  corrections: StoredStoryCorrection[] = [];
  async addStoryCorrection(c: StoryCorrection) {
    const into = (x: StoryCorrection) => (x.kind === 'merge' ? x.into : null);
    const same = this.corrections.find((x) => x.kind === c.kind && x.post === c.post && into(x) === into(c));
    if (same) return same.id;
    const id = (this.corrections.at(-1)?.id ?? 0) + 1;
    this.corrections.push({ ...c, id });
    return id;
  }
  async listStoryCorrections() {
    return this.corrections
      .map((c) => ({ ...c }))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id));
  }
  async removeStoryCorrection(id: number) {
    const before = this.corrections.length;
    this.corrections = this.corrections.filter((c) => c.id !== id);
    return this.corrections.length < before;
  }
  async setChannelLanguages(channel: string, languages: string[] | null) {
    const c = this.channels.get(channel) ?? (languages?.length ? emptyChannel(channel) : null);
    if (!c) return;
    const { languages: _old, ...rest } = c;
    this.channels.set(channel, languages?.length ? { ...rest, languages } : rest);
  }
  async channelLanguageMix(channel: string) {
    const counts = new Map<string, number>();
    for (const p of this.posts.values())
      if (p.channel === channel && p.lang) counts.set(p.lang, (counts.get(p.lang) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return new Map([...counts].sort((a, b) => b[1] - a[1]).map(([l, n]) => [l, n / total] as const));
  }
  // Channel admin and undo are not part of what the web app does (the real stores' contract covers them); imports
  // record a batch, which this store only numbers.
  private unsupported(what: string): Promise<never> {
    return Promise.reject(new Error(`${what}: not in the web tests' memory store`));
  }
  private batchIds = 0;
  renameChannel() {
    return this.unsupported('renameChannel');
  }
  mergeChannels() {
    return this.unsupported('mergeChannels');
  }
  deleteChannel() {
    return this.unsupported('deleteChannel');
  }
  async startImportBatch() {
    return ++this.batchIds;
  }
  async noteImportPosts() {}
  async finishImportBatch(id: number, done: { channels: string[]; finishedAt: string }) {
    const { channels, finishedAt } = done;
    return {
      id,
      file: '',
      format: '',
      channels,
      startedAt: finishedAt,
      finishedAt,
      added: 0,
      updated: 0,
      versions: 0,
      undoneAt: null,
    };
  }
  async listImportBatches() {
    return [];
  }
  undoImportBatch() {
    return this.unsupported('undoImportBatch');
  }
  async close() {}
}
