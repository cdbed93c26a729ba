// Curation on SQLite: topics, story assignments and readers' corrections, channel language pins.
import type Database from 'better-sqlite3';
import type { StoredStoryCorrection, StoryCorrection, StoryMember } from '../../model/story.js';
import type { Topic } from '../../model/topic.js';
import { StoreError } from '../../util/errors.js';
import { languageShares, recordAt, rowToCorrection, rowToEvidence, type CorrectionRow } from '../shared.js';
import type { CurationStore } from '../store.js';
import type { SqliteConnection } from './connection.js';
import { EventLog } from './webhooks.js';

export class SqliteCuration implements CurationStore {
  constructor(private readonly c: SqliteConnection) {}

  private get db(): Database.Database {
    return this.c.db;
  }

  saveTopic(topic: Topic): Promise<void> {
    return this.c.write(`topic ${topic.name}`, () => {
      this.db
        .prepare(
          `INSERT INTO topics (name, query, aliases) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET query = excluded.query, aliases = excluded.aliases`,
        )
        .run(topic.name, topic.query, JSON.stringify(topic.aliases));
    });
  }

  removeTopic(name: string): Promise<boolean> {
    return this.c.write(`topic ${name}`, () => {
      this.db.prepare('DELETE FROM post_topics WHERE topic = ?').run(name);
      return this.db.prepare('DELETE FROM topics WHERE name = ?').run(name).changes > 0;
    });
  }

  listTopics(): Promise<Topic[]> {
    return this.c.read('listTopics', () =>
      (
        this.db.prepare('SELECT name, query, aliases FROM topics ORDER BY name').all() as {
          name: string;
          query: string;
          aliases: string;
        }[]
      ).map((r) => ({ name: r.name, query: r.query, aliases: JSON.parse(r.aliases) as string[][] })),
    );
  }

  private requirePost(channel: string, id: number): void {
    if (!this.db.prepare('SELECT 1 FROM posts WHERE channel = ? AND id = ?').get(channel, id))
      throw new StoreError(`post ${channel}/${id} is not in the archive: save it before tagging it`);
  }

  setPostTopics(tags: { channel: string; id: number; topics: string[] }[]): Promise<void> {
    return this.c.write('setPostTopics', () => {
      const del = this.db.prepare('DELETE FROM post_topics WHERE channel = ? AND id = ?');
      const ins = this.db.prepare('INSERT OR IGNORE INTO post_topics (channel, id, topic) VALUES (?, ?, ?)');
      for (const t of tags) {
        this.requirePost(t.channel, t.id);
        del.run(t.channel, t.id);
        for (const topic of t.topics) ins.run(t.channel, t.id, topic);
      }
    });
  }

  setStories(members: StoryMember[]): Promise<void> {
    return this.c.write('setStories', () => {
      const up = this.db.prepare(
        `INSERT INTO stories (channel, id, story_id, reason, evidence) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel, id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
           evidence = excluded.evidence`,
      );
      const events = new EventLog(this.db);
      const grew = events.live() ? this.joiners(members) : [];
      for (const m of members) {
        this.requirePost(m.channel, m.id);
        up.run(m.channel, m.id, m.storyId, m.reason, m.evidence ? JSON.stringify(m.evidence) : null);
      }
      const at = new Date().toISOString();
      for (const m of grew) events.record('story.grew', m.channel, m.id, at, { story: m.storyId });
    });
  }

  /**
   * The members that join a story which already had posts before this write (story.grew): a post new to the story,
   * not one of a story made or renamed now.
   */
  private joiners(members: StoryMember[]): StoryMember[] {
    const current = this.db.prepare('SELECT story_id FROM stories WHERE channel = ? AND id = ?').pluck();
    const exists = this.db.prepare('SELECT 1 FROM stories WHERE story_id = ? LIMIT 1').pluck();
    const existed = new Map<string, boolean>();
    return members.filter((m) => {
      if (current.get(m.channel, m.id) === m.storyId) return false;
      let e = existed.get(m.storyId);
      if (e === undefined) existed.set(m.storyId, (e = exists.get(m.storyId) !== undefined));
      return e;
    });
  }

  storyMembersOf(keys: string[]): Promise<StoryMember[]> {
    return this.c.read('storyMembersOf', () => {
      const get = this.db.prepare(
        'SELECT channel, id, story_id, reason, evidence FROM stories WHERE channel = ? AND id = ?',
      );
      const out: StoryMember[] = [];
      for (const key of new Set(keys)) {
        const cut = key.lastIndexOf('/');
        const r = get.get(key.slice(0, cut), Number(key.slice(cut + 1))) as MemberRow | undefined;
        if (r) out.push(rowToMember(r));
      }
      return out;
    });
  }

  addStoryCorrection(c: StoryCorrection): Promise<number> {
    return this.c.write('addStoryCorrection', () => {
      const into = c.kind === 'merge' ? c.into : null;
      const apart = c.kind === 'split' && c.from ? c.from.join(' ') : null;
      const same = this.db
        .prepare(
          'SELECT id, created_at FROM story_corrections WHERE kind = ? AND post = ? AND into_post IS ?',
        )
        .get(c.kind, c.post, into) as { id: number; created_at: string } | undefined;
      const last = this.db
        .prepare('SELECT id, created_at FROM story_corrections ORDER BY created_at DESC, id DESC LIMIT 1')
        .get() as { id: number; created_at: string } | undefined;
      const at = recordAt(same, last, c.createdAt);
      if (at === null) return same!.id;
      if (same) this.db.prepare('DELETE FROM story_corrections WHERE id = ?').run(same.id);
      return Number(
        this.db
          .prepare(
            'INSERT INTO story_corrections (kind, post, into_post, apart, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(c.kind, c.post, into, apart, at).lastInsertRowid,
      );
    });
  }

  listStoryCorrections(): Promise<StoredStoryCorrection[]> {
    return this.c.read('listStoryCorrections', () =>
      (
        this.db
          .prepare(
            'SELECT id, kind, post, into_post, apart, created_at FROM story_corrections ORDER BY created_at, id',
          )
          .all() as CorrectionRow[]
      ).map(rowToCorrection),
    );
  }

  addStoryAliases(renamed: readonly (readonly [string, string])[]): Promise<void> {
    if (renamed.length === 0) return Promise.resolve();
    return this.c.write('addStoryAliases', () => {
      const live = this.db.prepare('DELETE FROM story_aliases WHERE old_id = ?');
      const follow = this.db.prepare('UPDATE story_aliases SET new_id = ? WHERE new_id = ?');
      const add = this.db.prepare(
        'INSERT INTO story_aliases (old_id, new_id) VALUES (?, ?) ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id',
      );
      for (const [was, now] of renamed) {
        if (was === now) continue;
        live.run(now);
        follow.run(now, was);
        add.run(was, now);
      }
      this.db.prepare('DELETE FROM story_aliases WHERE old_id = new_id').run();
    });
  }

  storyAlias(id: string): Promise<string | null> {
    return this.c.read(
      'storyAlias',
      () =>
        (this.db.prepare('SELECT new_id FROM story_aliases WHERE old_id = ?').pluck().get(id) as
          string | undefined) ?? null,
    );
  }

  removeStoryCorrection(id: number): Promise<boolean> {
    return this.c.write(
      'removeStoryCorrection',
      () => this.db.prepare('DELETE FROM story_corrections WHERE id = ?').run(id).changes > 0,
    );
  }

  setChannelLanguages(channel: string, languages: string[] | null): Promise<void> {
    return this.c.write(`languages of ${channel}`, () => {
      // Clearing needs no row; pinning makes one for a channel only followed so far.
      if (!languages?.length) {
        this.db.prepare('UPDATE channels SET languages = NULL WHERE key = ?').run(channel);
        return;
      }
      this.db
        .prepare(
          `INSERT INTO channels (key, languages) VALUES (?, ?)
           ON CONFLICT (key) DO UPDATE SET languages = excluded.languages`,
        )
        .run(channel, JSON.stringify(languages));
    });
  }

  channelLanguageMix(channel: string): Promise<Map<string, number>> {
    return this.c.read('channelLanguageMix', () =>
      languageShares(
        this.db
          .prepare(
            `SELECT lang, count(*) AS posts FROM posts WHERE channel = ? AND lang IS NOT NULL AND lang <> 'und' GROUP BY lang`,
          )
          .all(channel) as { lang: string; posts: number }[],
      ),
    );
  }

  getStoryMembers(storyId: string): Promise<StoryMember[]> {
    return this.c.read('getStoryMembers', () =>
      (
        this.db
          .prepare(
            `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence
             FROM stories s JOIN posts p ON p.channel = s.channel AND p.id = s.id
             WHERE s.story_id = ? ORDER BY p.sort_date, s.channel, s.id`,
          )
          .all(storyId) as MemberRow[]
      ).map(rowToMember),
    );
  }
}

interface MemberRow {
  channel: string;
  id: number;
  story_id: string;
  reason: string;
  evidence: string | null;
}

const rowToMember = (r: MemberRow): StoryMember => ({
  channel: r.channel,
  id: r.id,
  storyId: r.story_id,
  reason: r.reason,
  evidence: rowToEvidence(r.evidence),
});
