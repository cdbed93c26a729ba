// Curation on PostgreSQL: topics, story assignments and readers' corrections, channel language pins.
import type pg from 'pg';
import type { StoredStoryCorrection, StoryCorrection, StoryMember } from '../../model/story.js';
import type { Topic } from '../../model/topic.js';
import { StoreError } from '../../util/errors.js';
import { languageShares, recordAt, rowToCorrection, rowToEvidence, type CorrectionRow } from '../shared.js';
import type { CurationStore } from '../store.js';
import type { PgConnection } from './connection.js';
import { eventsLive, recordEvents } from './webhooks.js';

export class PgCuration implements CurationStore {
  constructor(private readonly c: PgConnection) {}

  saveTopic(topic: Topic): Promise<void> {
    return this.c.write(`topic ${topic.name}`, async (db) => {
      await db.query(
        `INSERT INTO topics (name, query, aliases) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, aliases = excluded.aliases`,
        [topic.name, topic.query, JSON.stringify(topic.aliases)],
      );
    });
  }

  removeTopic(name: string): Promise<boolean> {
    return this.c.write(`topic ${name}`, async (db) => {
      await db.query('DELETE FROM post_topics WHERE topic = $1', [name]);
      return ((await db.query('DELETE FROM topics WHERE name = $1', [name])).rowCount ?? 0) > 0;
    });
  }

  async listTopics(): Promise<Topic[]> {
    return (
      await this.c.rows<{ name: string; query: string; aliases: string }>(
        'listTopics',
        'SELECT name, query, aliases FROM topics ORDER BY name',
      )
    ).map((r) => ({ name: r.name, query: r.query, aliases: JSON.parse(r.aliases) as string[][] }));
  }

  private async requirePosts(db: pg.PoolClient, posts: { channel: string; id: number }[]): Promise<void> {
    if (posts.length === 0) return;
    const { rows } = await db.query<{ channel: string; id: number }>(
      `SELECT k.channel, k.id FROM unnest($1::text[], $2::bigint[]) AS k(channel, id)
       WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.channel = k.channel AND p.id = k.id) LIMIT 1`,
      [posts.map((p) => p.channel), posts.map((p) => p.id)],
    );
    if (rows[0])
      throw new StoreError(
        `post ${rows[0].channel}/${rows[0].id} is not in the archive: save it before tagging it`,
      );
  }

  setPostTopics(tags: { channel: string; id: number; topics: string[] }[]): Promise<void> {
    return this.c.write('setPostTopics', async (db) => {
      await this.requirePosts(db, tags);
      for (const t of tags) {
        await db.query('DELETE FROM post_topics WHERE channel = $1 AND id = $2', [t.channel, t.id]);
        if (t.topics.length)
          await db.query(
            `INSERT INTO post_topics (channel, id, topic) SELECT $1, $2, unnest($3::text[])
             ON CONFLICT DO NOTHING`,
            [t.channel, t.id, t.topics],
          );
      }
    });
  }

  setStories(members: StoryMember[]): Promise<void> {
    return this.c.write('setStories', async (db) => {
      await this.requirePosts(db, members);
      const grew = members.length && (await eventsLive(db)) ? await this.joiners(db, members) : [];
      for (const m of members)
        await db.query(
          `INSERT INTO stories (channel, id, story_id, reason, evidence) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT (channel, id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason,
             evidence = excluded.evidence`,
          [m.channel, m.id, m.storyId, m.reason, m.evidence ? JSON.stringify(m.evidence) : null],
        );
      const at = new Date().toISOString();
      await recordEvents(
        db,
        grew.map((m) => ({
          type: 'story.grew' as const,
          channel: m.channel,
          postId: m.id,
          at,
          story: m.storyId,
        })),
      );
    });
  }

  /**
   * The members that join a story which already had posts before this write (story.grew): a post new to the story,
   * not one of a story made or renamed now.
   */
  private async joiners(db: pg.PoolClient, members: StoryMember[]): Promise<StoryMember[]> {
    const { rows: current } = await db.query<{ channel: string; id: number; story_id: string }>(
      `SELECT s.channel, s.id, s.story_id FROM unnest($1::text[], $2::bigint[]) AS k(channel, id)
       JOIN stories s ON s.channel = k.channel AND s.id = k.id`,
      [members.map((m) => m.channel), members.map((m) => m.id)],
    );
    const was = new Map(current.map((r) => [`${r.channel}/${Number(r.id)}`, r.story_id]));
    const { rows: existing } = await db.query<{ story_id: string }>(
      'SELECT DISTINCT story_id FROM stories WHERE story_id = ANY($1::text[])',
      [[...new Set(members.map((m) => m.storyId))]],
    );
    const existed = new Set(existing.map((r) => r.story_id));
    return members.filter((m) => was.get(`${m.channel}/${m.id}`) !== m.storyId && existed.has(m.storyId));
  }

  async getStoryMembers(storyId: string): Promise<StoryMember[]> {
    return (
      await this.c.rows<MemberRow>(
        'getStoryMembers',
        `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence FROM stories s
         JOIN posts p ON p.channel = s.channel AND p.id = s.id
         WHERE s.story_id = $1 ORDER BY p.sort_date, s.channel, s.id`,
        [storyId],
      )
    ).map(rowToMember);
  }

  async storyMembersOf(keys: string[]): Promise<StoryMember[]> {
    const wanted = [...new Set(keys)].filter((k) => /^.+\/\d{1,15}$/.test(k));
    if (wanted.length === 0) return [];
    const split = wanted.map((k) => [k.slice(0, k.lastIndexOf('/')), k.slice(k.lastIndexOf('/') + 1)]);
    const rows = await this.c.rows<MemberRow & { ord: number }>(
      'storyMembersOf',
      `SELECT s.channel, s.id, s.story_id, s.reason, s.evidence, k.ord
       FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS k(channel, id, ord)
       JOIN stories s ON s.channel = k.channel AND s.id = k.id ORDER BY k.ord`,
      [split.map((k) => k[0]), split.map((k) => k[1])],
    );
    return rows.map(rowToMember);
  }

  addStoryCorrection(c: StoryCorrection): Promise<number> {
    return this.c.write('addStoryCorrection', async (db) => {
      const into = c.kind === 'merge' ? c.into : null;
      const apart = c.kind === 'split' && c.from ? c.from.join(' ') : null;
      const same = await db.query<{ id: string; created_at: string }>(
        'SELECT id, created_at FROM story_corrections WHERE kind = $1 AND post = $2 AND into_post IS NOT DISTINCT FROM $3',
        [c.kind, c.post, into],
      );
      const last = await db.query<{ id: string; created_at: string }>(
        'SELECT id, created_at FROM story_corrections ORDER BY created_at DESC, id DESC LIMIT 1',
      );
      const row = (r: { id: string; created_at: string } | undefined) =>
        r && { id: Number(r.id), created_at: r.created_at };
      const sameId = same.rows[0] ? Number(same.rows[0].id) : undefined;
      const at = recordAt(row(same.rows[0]), row(last.rows[0]), c.createdAt);
      if (at === null) return sameId!;
      if (sameId !== undefined) await db.query('DELETE FROM story_corrections WHERE id = $1', [sameId]);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO story_corrections (kind, post, into_post, apart, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id`,
        [c.kind, c.post, into, apart, at],
      );
      return Number(rows[0]!.id);
    });
  }

  async listStoryCorrections(): Promise<StoredStoryCorrection[]> {
    return (
      await this.c.rows<CorrectionRow>(
        'listStoryCorrections',
        'SELECT id, kind, post, into_post, apart, created_at FROM story_corrections ORDER BY created_at, id',
      )
    ).map(rowToCorrection);
  }

  addStoryAliases(renamed: readonly (readonly [string, string])[]): Promise<void> {
    const pairs = renamed.filter(([was, now]) => was !== now);
    if (pairs.length === 0) return Promise.resolve();
    return this.c.write('addStoryAliases', async (db) => {
      for (const [was, now] of pairs) {
        await db.query('DELETE FROM story_aliases WHERE old_id = $1', [now]);
        await db.query('UPDATE story_aliases SET new_id = $1 WHERE new_id = $2', [now, was]);
        await db.query(
          `INSERT INTO story_aliases (old_id, new_id) VALUES ($1, $2)
           ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id`,
          [was, now],
        );
      }
      await db.query('DELETE FROM story_aliases WHERE old_id = new_id');
    });
  }

  async storyAlias(id: string): Promise<string | null> {
    const rows = await this.c.rows<{ new_id: string }>(
      'storyAlias',
      'SELECT new_id FROM story_aliases WHERE old_id = $1',
      [id],
    );
    return rows[0]?.new_id ?? null;
  }

  removeStoryCorrection(id: number): Promise<boolean> {
    return this.c.write(
      'removeStoryCorrection',
      async (db) => ((await db.query('DELETE FROM story_corrections WHERE id = $1', [id])).rowCount ?? 0) > 0,
    );
  }

  setChannelLanguages(channel: string, languages: string[] | null): Promise<void> {
    return this.c.write(`languages of ${channel}`, async (db) => {
      // Clearing needs no row; pinning makes one for a channel only followed so far.
      if (!languages?.length) {
        await db.query('UPDATE channels SET languages = NULL WHERE key = $1', [channel]);
        return;
      }
      await db.query(
        `INSERT INTO channels (key, languages) VALUES ($1, $2::text[])
         ON CONFLICT (key) DO UPDATE SET languages = excluded.languages`,
        [channel, languages],
      );
    });
  }

  async channelLanguageMix(channel: string): Promise<Map<string, number>> {
    return languageShares(
      await this.c.rows<{ lang: string; posts: string }>(
        'channelLanguageMix',
        "SELECT lang, count(*) AS posts FROM posts WHERE channel = $1 AND lang IS NOT NULL AND lang <> 'und' GROUP BY lang",
        [channel],
      ),
    );
  }
}

interface MemberRow {
  channel: string;
  id: number;
  story_id: string;
  reason: string;
  evidence: unknown;
}

const rowToMember = (r: MemberRow): StoryMember => ({
  channel: r.channel,
  id: Number(r.id),
  storyId: r.story_id,
  reason: r.reason,
  evidence: rowToEvidence(r.evidence),
});
