// MediaIndex on SQLite: the media_files table; reservations under BEGIN IMMEDIATE, so caps hold across processes.
import type Database from 'better-sqlite3';
import { mediaHashes, type MediaFileRecord, type MediaTotal } from '../../model/media.js';
import type { Media } from '../../model/post.js';
import { realpathSync } from 'node:fs';
import type { ArchiveIdentity, MediaIndex } from '../store.js';
import type { SqliteConnection } from './connection.js';

type Row = {
  sha256: string;
  size: number;
  content_type: string;
  kind: string;
  channel: string | null;
  created_at: string;
  preview: string | null;
};

const toRecord = (r: Row): MediaFileRecord => ({
  sha256: r.sha256,
  size: r.size,
  contentType: r.content_type,
  kind: r.kind as MediaFileRecord['kind'],
  channel: r.channel,
  createdAt: r.created_at,
  preview: r.preview,
});

/** Hashes every post's media refer to, read in pages (deleted posts included: they keep their media). */
export function referencedHashes(db: Database.Database): Set<string> {
  const read = db.prepare(
    `SELECT pk, media FROM posts WHERE has_media = 1 AND pk > ? ORDER BY pk LIMIT 5000`,
  );
  const out = new Set<string>();
  for (let after = 0; ;) {
    const rows = read.all(after) as { pk: number; media: string }[];
    if (rows.length === 0) return out;
    for (const r of rows) for (const h of mediaHashes(JSON.parse(r.media) as Media[])) out.add(h);
    after = rows[rows.length - 1]!.pk;
  }
}

export class SqliteMedia implements MediaIndex {
  constructor(
    private readonly c: SqliteConnection,
    /** The archive's file (archiveIdentity). */
    private readonly path = ':memory:',
  ) {}

  reserveMediaFile: MediaIndex['reserveMediaFile'] = (file, caps, at = new Date().toISOString()) =>
    this.c.write(`media ${file.sha256}`, (db) => {
      if (db.prepare('SELECT 1 FROM media_files WHERE sha256 = ?').get(file.sha256)) return 'present';
      const total = (db.prepare('SELECT coalesce(sum(size), 0) AS n FROM media_files').get() as { n: number })
        .n;
      if (total + file.size > caps.maxTotalBytes) return 'total_cap';
      if (file.channel !== null) {
        const mine = (
          db
            .prepare('SELECT coalesce(sum(size), 0) AS n FROM media_files WHERE channel = ?')
            .get(file.channel) as {
            n: number;
          }
        ).n;
        if (mine + file.size > caps.maxChannelBytes) return 'channel_cap';
      }
      db.prepare(
        `INSERT INTO media_files (sha256, size, content_type, kind, channel, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(file.sha256, file.size, file.contentType, file.kind, file.channel, at);
      return 'added';
    });

  getMediaFile: MediaIndex['getMediaFile'] = (sha256) =>
    this.c.read('getMediaFile', (db) => {
      const r = db.prepare('SELECT * FROM media_files WHERE sha256 = ?').get(sha256) as Row | undefined;
      return r ? toRecord(r) : null;
    });

  setMediaPreview: MediaIndex['setMediaPreview'] = (sha256, preview) =>
    this.c.write(`media preview ${sha256}`, (db) => {
      db.prepare('UPDATE media_files SET preview = ? WHERE sha256 = ?').run(preview, sha256);
    });

  removeMediaFile: MediaIndex['removeMediaFile'] = (sha256) =>
    this.c.write(
      `forget media ${sha256}`,
      (db) => db.prepare('DELETE FROM media_files WHERE sha256 = ?').run(sha256).changes > 0,
    );

  mediaTotals: MediaIndex['mediaTotals'] = () =>
    this.c.read(
      'mediaTotals',
      (db) =>
        db
          .prepare(
            `SELECT kind, count(*) AS files, sum(size) AS bytes FROM media_files GROUP BY kind
             ORDER BY bytes DESC, kind`,
          )
          .all() as MediaTotal[],
    );

  listMediaFiles: MediaIndex['listMediaFiles'] = (after, limit) =>
    this.c.read('listMediaFiles', (db) =>
      (
        db
          .prepare('SELECT * FROM media_files WHERE sha256 > ? ORDER BY sha256 LIMIT ?')
          .all(after ?? '', limit) as Row[]
      ).map(toRecord),
    );

  copyMediaFile: MediaIndex['copyMediaFile'] = (f) =>
    this.c.write(`copy media ${f.sha256}`, (db) => {
      db.prepare(
        `INSERT INTO media_files (sha256, size, content_type, kind, channel, created_at, preview)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
      ).run(f.sha256, f.size, f.contentType, f.kind, f.channel, f.createdAt, f.preview);
    });

  channelMediaFailed: MediaIndex['channelMediaFailed'] = (channel) =>
    this.c.read(
      'channelMediaFailed',
      (db) =>
        (
          db
            .prepare(
              `SELECT count(*) AS n FROM posts p, json_each(p.media) m
                WHERE p.channel = ? AND p.has_media AND json_extract(m.value, '$.skipped.reason') = 'failed'
                  AND json_extract(m.value, '$.copy') IS NULL`,
            )
            .get(channel) as { n: number }
        ).n,
    );

  channelMediaBytes: MediaIndex['channelMediaBytes'] = (channel) =>
    this.c.read(
      'channelMediaBytes',
      (db) =>
        (
          db
            .prepare('SELECT coalesce(sum(size), 0) AS n FROM media_files WHERE channel = ?')
            .get(channel) as {
            n: number;
          }
        ).n,
    );

  unreferencedMediaFiles: MediaIndex['unreferencedMediaFiles'] = () =>
    this.c.read('unreferencedMediaFiles', (db) => {
      const used = referencedHashes(db);
      const all = db.prepare('SELECT sha256 FROM media_files ORDER BY sha256').pluck().all() as string[];
      return all.filter((h) => !used.has(h));
    });

  /** The id migration 23 made, and the file's real path (a copied or moved file is another database). */
  archiveIdentity(): Promise<ArchiveIdentity> {
    const path = this.path;
    return this.c.read('archiveIdentity', (db) => {
      const row = db.prepare("SELECT value FROM archive_meta WHERE name = 'id'").get() as
        { value: string } | undefined;
      let where = path;
      try {
        where = realpathSync(path);
      } catch {
        // An archive in memory has no file: its path stands.
      }
      return { id: row!.value, database: `sqlite://${where}` };
    });
  }
}
