// MediaIndex on PostgreSQL (as sqlite/media.ts): reservations under a transaction-scoped advisory lock, so the caps
// hold however many processes and machines download at once.
import { mediaHashes, type MediaFileRecord, type MediaTotal } from '../../model/media.js';
import type { Media } from '../../model/post.js';
import type { ArchiveIdentity, MediaIndex } from '../store.js';
import type { PgConnection } from './connection.js';

type Row = {
  sha256: string;
  size: string;
  content_type: string;
  kind: string;
  channel: string | null;
  created_at: string;
  preview: string | null;
};

/** The advisory lock every reservation takes (one key for the whole table: reservations are short). */
const MEDIA_LOCK = 0x6d656469; // "medi"

const toRecord = (r: Row): MediaFileRecord => ({
  sha256: r.sha256,
  size: Number(r.size),
  contentType: r.content_type,
  kind: r.kind as MediaFileRecord['kind'],
  channel: r.channel,
  createdAt: r.created_at,
  preview: r.preview,
});

export class PgMedia implements MediaIndex {
  constructor(private readonly c: PgConnection) {}

  reserveMediaFile: MediaIndex['reserveMediaFile'] = (file, caps, at = new Date().toISOString()) =>
    this.c.write(`media ${file.sha256}`, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [MEDIA_LOCK]);
      const known = await db.query('SELECT 1 FROM media_files WHERE sha256 = $1', [file.sha256]);
      if (known.rowCount) return 'present';
      const { rows } = await db.query<{ total: string; mine: string }>(
        `SELECT coalesce(sum(size), 0) AS total, coalesce(sum(size) FILTER (WHERE channel = $1), 0) AS mine
         FROM media_files`,
        [file.channel],
      );
      if (Number(rows[0]!.total) + file.size > caps.maxTotalBytes) return 'total_cap';
      if (file.channel !== null && Number(rows[0]!.mine) + file.size > caps.maxChannelBytes)
        return 'channel_cap';
      await db.query(
        `INSERT INTO media_files (sha256, size, content_type, kind, channel, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [file.sha256, file.size, file.contentType, file.kind, file.channel, at],
      );
      return 'added';
    });

  getMediaFile: MediaIndex['getMediaFile'] = async (sha256) => {
    const rows = await this.c.rows<Row>('getMediaFile', 'SELECT * FROM media_files WHERE sha256 = $1', [
      sha256,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  };

  setMediaPreview: MediaIndex['setMediaPreview'] = (sha256, preview) =>
    this.c.write(`media preview ${sha256}`, async (db) => {
      await db.query('UPDATE media_files SET preview = $2 WHERE sha256 = $1', [sha256, preview]);
    });

  removeMediaFile: MediaIndex['removeMediaFile'] = (sha256) =>
    this.c.write(
      `forget media ${sha256}`,
      async (db) =>
        ((await db.query('DELETE FROM media_files WHERE sha256 = $1', [sha256])).rowCount ?? 0) > 0,
    );

  mediaTotals: MediaIndex['mediaTotals'] = async () => {
    const rows = await this.c.rows<{ kind: string; files: string; bytes: string }>(
      'mediaTotals',
      `SELECT kind, count(*) AS files, sum(size) AS bytes FROM media_files GROUP BY kind ORDER BY bytes DESC, kind`,
    );
    return rows.map((r): MediaTotal => ({
      kind: r.kind as MediaTotal['kind'],
      files: Number(r.files),
      bytes: Number(r.bytes),
    }));
  };

  listMediaFiles: MediaIndex['listMediaFiles'] = async (after, limit) =>
    (
      await this.c.rows<Row>(
        'listMediaFiles',
        'SELECT * FROM media_files WHERE sha256 > $1 ORDER BY sha256 LIMIT $2',
        [after ?? '', limit],
      )
    ).map(toRecord);

  copyMediaFile: MediaIndex['copyMediaFile'] = (f) =>
    this.c.write(`copy media ${f.sha256}`, async (db) => {
      await db.query(
        `INSERT INTO media_files (sha256, size, content_type, kind, channel, created_at, preview)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING`,
        [f.sha256, f.size, f.contentType, f.kind, f.channel, f.createdAt, f.preview],
      );
    });

  channelMediaBytes: MediaIndex['channelMediaBytes'] = async (channel) => {
    const rows = await this.c.rows<{ n: string }>(
      'channelMediaBytes',
      'SELECT coalesce(sum(size), 0) AS n FROM media_files WHERE channel = $1',
      [channel],
    );
    return Number(rows[0]!.n);
  };

  channelMediaFailed: MediaIndex['channelMediaFailed'] = async (channel) => {
    const rows = await this.c.rows<{ n: string }>(
      'channelMediaFailed',
      `SELECT count(*) AS n FROM posts p, jsonb_array_elements(p.media::jsonb) m
        WHERE p.channel = $1 AND p.has_media AND m->'skipped'->>'reason' = 'failed' AND m->'copy' IS NULL`,
      [channel],
    );
    return Number(rows[0]!.n);
  };

  unreferencedMediaFiles: MediaIndex['unreferencedMediaFiles'] = async () => {
    const used = new Set<string>();
    for (let after: [string, string] | null = null; ;) {
      const rows: { channel: string; id: string; media: string }[] = await this.c.rows(
        'unreferencedMediaFiles',
        `SELECT channel, id, media FROM posts WHERE has_media
         ${after ? 'AND (channel, id) > ($1, $2::bigint)' : ''} ORDER BY channel, id LIMIT 5000`,
        after ?? [],
      );
      if (rows.length === 0) break;
      for (const r of rows) for (const h of mediaHashes(JSON.parse(r.media) as Media[])) used.add(h);
      const last = rows[rows.length - 1]!;
      after = [last.channel, last.id];
    }
    const all = await this.c.rows<{ sha256: string }>(
      'unreferencedMediaFiles',
      'SELECT sha256 FROM media_files ORDER BY sha256',
    );
    return all.map((r) => r.sha256).filter((h) => !used.has(h));
  };

  /**
   * The id migration 27 made, and where this copy lives: database, schema, the database's oid and the xmin of the
   * id's row. A pg_restore writes the row anew (another xmin) into another database (another oid), so a restored
   * copy never names itself as the original does, even restored under the same name on another server.
   */
  async archiveIdentity(): Promise<ArchiveIdentity> {
    const [row] = await this.c.rows<{ id: string; db: string; schema: string; oid: string; xmin: string }>(
      'archiveIdentity',
      `SELECT m.value AS id, current_database() AS db, current_schema() AS schema, d.oid::text AS oid,
              m.xmin::text AS xmin
         FROM archive_meta m, pg_database d
        WHERE m.name = 'id' AND d.datname = current_database()`,
    );
    return { id: row!.id, database: `postgres:${row!.db}/${row!.schema}#${row!.oid}.${row!.xmin}` };
  }
}
