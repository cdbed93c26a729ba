// SQLite side of faithful archive copies (migrate-store reads a SQLite archive): posts with their whole history.
import type Database from 'better-sqlite3';
import type { PostVersion } from '../../model/version.js';
import type { ArchiveCursor, ArchivedPost, OutboxRecord } from '../archive-copy.js';
import { rowToEvidence } from '../shared.js';
import { POST_COLUMNS, rowToPost, type PostRow } from './rows.js';

interface VersionRow {
  text: string;
  entities: string;
  edit_date: string | null;
  seen_at: string;
}

const toVersion = (v: VersionRow): PostVersion => ({
  text: v.text,
  entities: JSON.parse(v.entities) as PostVersion['entities'],
  editDate: v.edit_date,
  seenAt: v.seen_at,
});

/** Up to `limit` posts after `after` in (channel, id) order (BINARY: byte order, as PostgreSQL's COLLATE "C"). */
export function readArchive(
  db: Database.Database,
  after: ArchiveCursor | null,
  limit: number,
): ArchivedPost[] {
  const rows = db
    .prepare(
      `SELECT ${POST_COLUMNS}, p.text_seen_at, p.updated_at,
         st.reason AS story_reason, st.evidence AS story_evidence
       FROM posts p LEFT JOIN stories st ON st.channel = p.channel AND st.id = p.id WHERE ? IS NULL OR (p.channel, p.id) > (?, ?)
       ORDER BY p.channel, p.id LIMIT ?`,
    )
    .all(after?.channel ?? null, after?.channel ?? '', after?.id ?? 0, limit) as (PostRow & {
    text_seen_at: string;
    updated_at: string;
    story_reason: string | null;
    story_evidence: string | null;
  })[];
  const versions = db.prepare(
    'SELECT text, entities, edit_date, seen_at FROM post_versions WHERE channel = ? AND id = ? ORDER BY pos',
  );
  return rows.map((r) => ({
    post: rowToPost(r),
    versions: [
      ...(versions.all(r.channel, r.id) as VersionRow[]).map(toVersion),
      toVersion({ text: r.text, entities: r.entities, edit_date: r.edit_date, seen_at: r.text_seen_at }),
    ],
    deletedAt: r.deleted_at,
    updatedAt: r.updated_at,
    storyReason: r.story_reason,
    storyEvidence: rowToEvidence(r.story_evidence),
  }));
}

/** Every outbox row in seq order, as stored. */
export function readOutbox(db: Database.Database): OutboxRecord[] {
  return db.prepare('SELECT * FROM outbox ORDER BY seq').all() as OutboxRecord[];
}
