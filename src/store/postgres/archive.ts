// PostgreSQL side of faithful archive copies (migrate-store): posts with their whole history, and named markers.
import type pg from 'pg';
import type { PostVersion } from '../../model/version.js';
import type { ArchiveCursor, ArchivedPost } from '../archive-copy.js';
import { rowToEvidence } from '../shared.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';

type Db = pg.Pool | pg.PoolClient;

interface VersionRow {
  channel: string;
  id: number;
  text: string;
  entities: string;
  edit_date: string | null;
  seen_at: string;
}

const toVersion = (v: Omit<VersionRow, 'channel' | 'id'>): PostVersion => ({
  text: v.text,
  entities: JSON.parse(v.entities) as PostVersion['entities'],
  editDate: v.edit_date,
  seenAt: v.seen_at,
});

export async function readArchive(
  db: Db,
  after: ArchiveCursor | null,
  limit: number,
): Promise<ArchivedPost[]> {
  const { rows } = await db.query<
    PostRow & { text_seen_at: string; story_reason: string | null; story_evidence: unknown }
  >(
    `SELECT ${POST_COLUMNS}, p.text_seen_at, st.reason AS story_reason, st.evidence AS story_evidence
     FROM posts p LEFT JOIN stories st ON st.channel = p.channel AND st.id = p.id WHERE $1::text IS NULL OR (p.channel, p.id) > ($1::text, $2::bigint)
     ORDER BY p.channel, p.id LIMIT $3`,
    [after?.channel ?? null, after?.id ?? 0, limit],
  );
  if (rows.length === 0) return [];
  const { rows: versions } = await db.query<VersionRow>(
    `SELECT v.channel, v.id, v.text, v.entities, v.edit_date, v.seen_at FROM post_versions v
     JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON v.channel = k.channel AND v.id = k.id
     ORDER BY v.channel, v.id, v.pos`,
    [rows.map((r) => r.channel), rows.map((r) => r.id)],
  );
  const history = new Map<string, PostVersion[]>();
  for (const v of versions) {
    const k = `${v.channel}\u0000${v.id}`;
    let list = history.get(k);
    if (!list) history.set(k, (list = []));
    list.push(toVersion(v));
  }
  return rows.map((r) => ({
    post: rowToPost(r),
    versions: [
      ...(history.get(`${r.channel}\u0000${r.id}`) ?? []),
      toVersion({ text: r.text, entities: r.entities, edit_date: r.edit_date, seen_at: r.text_seen_at }),
    ],
    deletedAt: r.deleted_at,
    storyReason: r.story_reason,
    storyEvidence: rowToEvidence(r.story_evidence),
  }));
}

/** Removes the posts (their versions, topics and story go with them) so writeArchive can store them afresh. */
export async function clearPosts(db: pg.PoolClient, items: ArchivedPost[]): Promise<void> {
  await db.query(
    `DELETE FROM posts p USING unnest($1::text[], $2::bigint[]) AS k(channel, id)
     WHERE p.channel = k.channel AND p.id = k.id`,
    [items.map((i) => i.post.channel), items.map((i) => i.post.id)],
  );
}

/** After savePosts stored the current texts: history, seen times, deletion, topics and stories as given. */
export async function restoreHistory(db: pg.PoolClient, items: ArchivedPost[]): Promise<void> {
  const old = items.flatMap((i) =>
    i.versions.slice(0, -1).map((v, pos) => ({ channel: i.post.channel, id: i.post.id, pos: pos + 1, v })),
  );
  if (old.length)
    await db.query(
      `INSERT INTO post_versions (channel, id, pos, text, entities, edit_date, seen_at)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        old.map((o) => o.channel),
        old.map((o) => o.id),
        old.map((o) => o.pos),
        old.map((o) => o.v.text),
        old.map((o) => JSON.stringify(o.v.entities)),
        old.map((o) => o.v.editDate),
        old.map((o) => o.v.seenAt),
      ],
    );
  await db.query(
    `UPDATE posts p SET first_seen_at = u.first_seen, text_seen_at = u.text_seen, deleted_at = u.deleted_at,
       updated_at = coalesce(u.deleted_at, u.text_seen)
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
       AS u(channel, id, first_seen, text_seen, deleted_at)
     WHERE p.channel = u.channel AND p.id = u.id`,
    [
      items.map((i) => i.post.channel),
      items.map((i) => i.post.id),
      items.map((i) => i.versions[0]!.seenAt),
      items.map((i) => i.versions.at(-1)!.seenAt),
      items.map((i) => i.deletedAt),
    ],
  );
  const tags = items.flatMap((i) =>
    (i.post.topics ?? []).map((t) => [i.post.channel, i.post.id, t] as const),
  );
  if (tags.length)
    await db.query(
      `INSERT INTO post_topics (channel, id, topic) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])
       ON CONFLICT DO NOTHING`,
      [tags.map((t) => t[0]), tags.map((t) => t[1]), tags.map((t) => t[2])],
    );
  const stories = items.filter((i) => i.post.story);
  if (stories.length)
    await db.query(
      `INSERT INTO stories (channel, id, story_id, reason, evidence)
       SELECT channel, id, story_id, reason, evidence::jsonb
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
         AS u(channel, id, story_id, reason, evidence)`,
      [
        stories.map((i) => i.post.channel),
        stories.map((i) => i.post.id),
        stories.map((i) => i.post.story!),
        stories.map((i) => i.storyReason ?? 'canonical'),
        stories.map((i) => (i.storyEvidence ? JSON.stringify(i.storyEvidence) : null)),
      ],
    );
}

export async function readMarker(db: Db, name: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM archive_markers WHERE name = $1', [
    name,
  ]);
  return rows[0]?.value ?? null;
}

export async function writeMarker(db: pg.PoolClient, name: string, value: string | null): Promise<void> {
  if (value === null) await db.query('DELETE FROM archive_markers WHERE name = $1', [name]);
  else
    await db.query(
      `INSERT INTO archive_markers (name, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [name, value, new Date().toISOString()],
    );
}
