// PostgreSQL side of faithful archive copies (migrate-store): posts with their whole history, and named markers.
import type pg from 'pg';
import type { PostVersion } from '../../model/version.js';
import type { ArchiveCursor, ArchivedPost, OutboxRecord, PublishingState } from '../archive-copy.js';
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
  const { rows } = await db.query<ArchiveRow>(
    `${SELECT_ARCHIVED} WHERE $1::text IS NULL OR (p.channel, p.id) > ($1::text, $2::bigint)
     ORDER BY p.channel, p.id LIMIT $3`,
    [after?.channel ?? null, after?.id ?? 0, limit],
  );
  return withHistory(db, rows);
}

/** The posts of these keys the archive holds, each with its history and marks (absent ones are left out). */
export async function readArchivedPosts(db: Db, keys: ArchiveCursor[]): Promise<ArchivedPost[]> {
  const { rows } = await db.query<ArchiveRow>(
    `${SELECT_ARCHIVED} JOIN unnest($1::text[], $2::bigint[]) AS k(channel, id) ON p.channel = k.channel AND p.id = k.id
     ORDER BY p.channel, p.id`,
    [keys.map((k) => k.channel), keys.map((k) => k.id)],
  );
  return withHistory(db, rows);
}

type ArchiveRow = PostRow & {
  text_seen_at: string;
  updated_at: string;
  story_reason: string | null;
  story_evidence: unknown;
};

const SELECT_ARCHIVED = `SELECT ${POST_COLUMNS}, p.text_seen_at, p.updated_at, st.reason AS story_reason,
  st.evidence AS story_evidence FROM posts p LEFT JOIN stories st ON st.channel = p.channel AND st.id = p.id`;

async function withHistory(db: Db, rows: ArchiveRow[]): Promise<ArchivedPost[]> {
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
    updatedAt: r.updated_at,
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
       restored_at = u.restored_at, restored_from = u.restored_from,
       updated_at = coalesce(u.updated_at, u.deleted_at, u.text_seen)
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       AS u(channel, id, first_seen, text_seen, deleted_at, updated_at, restored_at, restored_from)
     WHERE p.channel = u.channel AND p.id = u.id`,
    [
      items.map((i) => i.post.channel),
      items.map((i) => i.post.id),
      items.map((i) => i.versions[0]!.seenAt),
      items.map((i) => i.versions.at(-1)!.seenAt),
      items.map((i) => i.deletedAt),
      items.map((i) => i.updatedAt ?? null),
      items.map((i) => i.post.restored?.at ?? null),
      items.map((i) => i.post.restored?.deletedAt ?? null),
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

/** The last change event written so far (0: none). */
export async function lastEvent(db: pg.PoolClient): Promise<number> {
  const { rows } = await db.query<{ s: number }>('SELECT coalesce(max(seq), 0) AS s FROM post_events');
  return Number(rows[0]!.s);
}

/** Removes the change events writing these posts made (after `since`, on these posts). */
export async function dropCopyEvents(db: pg.PoolClient, since: number, items: ArchivedPost[]): Promise<void> {
  await db.query(
    `DELETE FROM post_events e USING unnest($2::text[], $3::bigint[]) AS k(channel, id)
     WHERE e.seq > $1 AND e.channel = k.channel AND e.post_id = k.id`,
    [since, items.map((i) => i.post.channel), items.map((i) => i.post.id)],
  );
}

export async function readMarker(db: Db, name: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM archive_markers WHERE name = $1', [
    name,
  ]);
  return rows[0]?.value ?? null;
}

export async function readMarkers(db: Db, prefix: string): Promise<{ name: string; value: string }[]> {
  const { rows } = await db.query<{ name: string; value: string }>(
    'SELECT name, value FROM archive_markers WHERE starts_with(name, $1) ORDER BY name',
    [prefix],
  );
  return rows;
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

/** Every outbox row in seq order, as stored. */
export async function readOutbox(db: Db): Promise<OutboxRecord[]> {
  return (await db.query<OutboxRecord>('SELECT * FROM outbox ORDER BY seq')).rows;
}

const OUTBOX_COLUMNS = `route, chat, post_key, part, story, method, payload, payload_hash, source_hash, state, note,
  message_id, attempts, doubts, error, planned_at, sent_at, sent_ms, pending_op, pending_payload, pending_hash,
  pending_source_hash`;

/** ArchiveWriter.writePublishing: what the target lacks is added; what it did on its own is kept. */
export async function writePublishing(
  db: pg.PoolClient,
  state: PublishingState,
): Promise<{ outbox: number; routes: number; webhooks: number }> {
  // New rows take the target's next seqs in the source's plan order (the target may have planned its own since).
  // A row the target holds without a message id while the source sent it takes the source's: else it is sent twice.
  const outbox = await db.query(
    `INSERT INTO outbox (${OUTBOX_COLUMNS})
     SELECT ${OUTBOX_COLUMNS} FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord),
       LATERAL jsonb_populate_record(null::outbox, e.doc) AS r
     ORDER BY e.ord
     ON CONFLICT (route, chat, post_key, part) DO UPDATE SET
       ${OUTBOX_COLUMNS.split(',')
         .map((c) => c.trim())
         .filter((c) => !['route', 'chat', 'post_key', 'part'].includes(c))
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}
     WHERE outbox.message_id IS NULL AND excluded.message_id IS NOT NULL`,
    [JSON.stringify(state.outbox)],
  );
  const routes = await db.query(
    `INSERT INTO route_status (route, chat, state, code, error, updated_at)
     SELECT route, chat, state, code, error, "updatedAt"
     FROM jsonb_to_recordset($1::jsonb) AS r(route text, chat text, state text, code int, error text, "updatedAt" text)
     ON CONFLICT (route, chat) DO NOTHING`,
    [JSON.stringify(state.routes)],
  );
  // A webhook is the same when its URL and secret are; a copied one is told about changes from now on (the source's
  // change log numbers are not the target's), as `webhooks add` does.
  const webhooks = await db.query(
    `INSERT INTO webhooks (url, secret, topics, channels, searches, events, allow_private, since_seq, created_at,
       disabled_at, disabled_reason)
     SELECT w.url, w.secret, w.topics, w.channels, w.searches, w.events, w."allowPrivate",
       greatest(coalesce((SELECT max(seq) FROM post_events), 0),
         coalesce(pg_sequence_last_value(pg_get_serial_sequence('post_events', 'seq')), 0)),
       w."createdAt", w."disabledAt", w."disabledReason"
     FROM jsonb_to_recordset($1::jsonb) AS w(id bigint, url text, secret text, topics jsonb,
       channels jsonb, searches jsonb, events jsonb, "allowPrivate" boolean, "createdAt" text, "disabledAt" text,
       "disabledReason" text)
     WHERE NOT EXISTS (SELECT 1 FROM webhooks t WHERE t.url = w.url AND t.secret = w.secret)
     ORDER BY w.id`,
    [JSON.stringify(state.webhooks)],
  );
  return { outbox: outbox.rowCount ?? 0, routes: routes.rowCount ?? 0, webhooks: webhooks.rowCount ?? 0 };
}
