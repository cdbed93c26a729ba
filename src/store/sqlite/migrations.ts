// The SQLite schema as an append-only list of migrations: never edit a released one, add the next version.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { SLOT_BITS, fullSecond, secondOf } from './date-key.js';
import { hasMixedWords, hasModifierLetters } from '../../text/fold.js';
import { FTS_COLUMNS, ftsValues } from './fts.js';
import { hasRefinedRussianLexeme, stemConfigFor } from '../../text/stems.js';

export interface Migration {
  version: number;
  name: string;
  /** The step reads words differently (text/): posts tagged with topics before it are tagged again after it. */
  rereadsWords?: true;
  /** Runs inside the migration's transaction. */
  up(db: Database.Database): void;
}

const REINDEX_BATCH = 5_000;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up(sql) {
      sql.exec(`
        CREATE TABLE channels (
          key TEXT PRIMARY KEY,
          username TEXT,
          numeric_id INTEGER UNIQUE,
          title TEXT,
          description TEXT,
          subscribers INTEGER,
          avatar_url TEXT,
          kind TEXT,
          -- live collection status (pipeline), untouched by upsertChannel
          status TEXT,
          last_error TEXT,
          error_count INTEGER,
          next_check_at TEXT,
          last_sync_at TEXT
        );

        -- pk is an explicit INTEGER PRIMARY KEY because the FTS index refers to posts by rowid, and an implicit
        -- rowid may change on VACUUM; (channel, id) is the identity and is UNIQUE.
        CREATE TABLE posts (
          pk INTEGER PRIMARY KEY,
          channel TEXT NOT NULL,
          id INTEGER NOT NULL,
          date TEXT,
          sort_date TEXT GENERATED ALWAYS AS (coalesce(date, '')) VIRTUAL,
          edited INTEGER NOT NULL DEFAULT 0,
          edit_date TEXT,
          author TEXT,
          text TEXT NOT NULL DEFAULT '',
          entities TEXT NOT NULL DEFAULT '[]',
          forwarded_from TEXT,
          fwd_username TEXT,
          fwd_name TEXT,
          fwd_post_id INTEGER,
          reply_to INTEGER,
          group_id TEXT,
          media TEXT NOT NULL DEFAULT '[]',
          has_media INTEGER NOT NULL DEFAULT 0,
          views INTEGER,
          reactions TEXT NOT NULL DEFAULT '[]',
          service TEXT,
          source TEXT NOT NULL,
          lang TEXT,
          hashtags TEXT NOT NULL DEFAULT '',
          deleted_at TEXT,
          first_seen_at TEXT NOT NULL,
          text_seen_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (channel, id)
        );
        CREATE INDEX posts_order ON posts (sort_date, channel, id);
        CREATE INDEX posts_channel_order ON posts (channel, sort_date, id);
        CREATE INDEX posts_fwd_username ON posts (fwd_username) WHERE fwd_username IS NOT NULL;
        CREATE INDEX posts_fwd_name ON posts (fwd_name) WHERE fwd_name IS NOT NULL;
        CREATE INDEX posts_fwd_post ON posts (fwd_username, fwd_post_id) WHERE fwd_post_id IS NOT NULL;
        CREATE INDEX posts_lang ON posts (lang) WHERE lang IS NOT NULL;
        CREATE INDEX posts_group ON posts (channel, group_id) WHERE group_id IS NOT NULL;

        CREATE TABLE post_versions (
          channel TEXT NOT NULL,
          id INTEGER NOT NULL,
          pos INTEGER NOT NULL,
          text TEXT NOT NULL,
          entities TEXT NOT NULL,
          edit_date TEXT,
          seen_at TEXT NOT NULL,
          PRIMARY KEY (channel, id, pos),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );

        CREATE TABLE topics (
          name TEXT PRIMARY KEY,
          query TEXT NOT NULL,
          aliases TEXT NOT NULL DEFAULT '[]'
        );

        CREATE TABLE post_topics (
          channel TEXT NOT NULL,
          id INTEGER NOT NULL,
          topic TEXT NOT NULL,
          PRIMARY KEY (channel, id, topic),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );
        CREATE INDEX post_topics_topic ON post_topics (topic);

        CREATE TABLE stories (
          channel TEXT NOT NULL,
          id INTEGER NOT NULL,
          story_id TEXT NOT NULL,
          reason TEXT NOT NULL,
          PRIMARY KEY (channel, id),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );
        CREATE INDEX stories_story ON stories (story_id);

        -- Contentless (contentless_delete): the indexed text is folded in JS first (ё = е, Arabic without
        -- harakat, CJK per character), which unicode61 cannot do; snippets are built from posts.text in JS.
        CREATE VIRTUAL TABLE posts_fts USING fts5 (
          body, tags,
          content = '',
          contentless_delete = 1,
          tokenize = 'unicode61 remove_diacritics 2'
        );
      `);
    },
  },
  {
    version: 2,
    name: 'publisher outbox',
    up(sql) {
      // One row per planned Telegram message (see src/store/outbox.ts); route_status stops a route on a refusal.
      sql.exec(`
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          route TEXT NOT NULL,
          chat TEXT NOT NULL,
          post_key TEXT NOT NULL,
          part INTEGER NOT NULL,
          story TEXT,
          method TEXT NOT NULL,
          payload TEXT NOT NULL,
          payload_hash TEXT NOT NULL,
          -- the source post's content when planned or last edited: a changed source (not a changed config) edits
          source_hash TEXT NOT NULL,
          state TEXT NOT NULL,
          note TEXT,
          message_id INTEGER,
          attempts INTEGER NOT NULL DEFAULT 0,
          doubts INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          planned_at TEXT NOT NULL,
          sent_at TEXT,
          sent_ms INTEGER,
          pending_op TEXT,
          pending_payload TEXT,
          pending_hash TEXT,
          pending_source_hash TEXT,
          UNIQUE (route, chat, post_key, part)
        );
        CREATE INDEX outbox_chat_work ON outbox (chat, seq) WHERE state = 'planned' OR pending_op IS NOT NULL;
        CREATE INDEX outbox_story ON outbox (route, chat, story) WHERE story IS NOT NULL;
        CREATE INDEX outbox_sent ON outbox (chat, sent_ms) WHERE sent_ms IS NOT NULL;
        CREATE TABLE route_status (
          route TEXT NOT NULL,
          chat TEXT NOT NULL,
          state TEXT NOT NULL,
          code INTEGER,
          error TEXT,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (route, chat)
        );
      `);
    },
  },
  {
    version: 3,
    name: 'channel sync state and follows',
    up(sql) {
      // Where each channel's walk through t.me stands (pipeline/collect SyncState), saved in the same transaction as
      // the page's posts so a killed collector resumes exactly there. The channels' status columns mirror the part
      // people look at (status, last error, next attempt).
      sql.exec(`
        CREATE TABLE sync_state (
          channel TEXT PRIMARY KEY,
          state TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        -- The channels tgwire collects (the others are only imported); depth is a date or a post id.
        CREATE TABLE follows (
          channel TEXT PRIMARY KEY,
          depth TEXT,
          added_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    name: 'post hashtags for dashboard counts',
    up(sql) {
      // One row per (post, hashtag) with the post's channel and date ('' when undated), so hashtag counts read this
      // small table instead of splitting posts.hashtags of every post. Kept in step by savePosts.
      sql.exec(`
        CREATE TABLE post_hashtags (
          pk INTEGER NOT NULL,
          tag TEXT NOT NULL,
          channel TEXT NOT NULL,
          date TEXT NOT NULL,
          PRIMARY KEY (pk, tag)
        ) WITHOUT ROWID;
        WITH RECURSIVE split (pk, channel, date, tag, rest) AS (
          SELECT pk, channel, sort_date, '', hashtags || ' ' FROM posts WHERE hashtags <> ''
          UNION ALL
          SELECT pk, channel, date, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
          FROM split WHERE rest <> ''
        )
        INSERT OR IGNORE INTO post_hashtags (pk, tag, channel, date)
        SELECT pk, tag, channel, date FROM split WHERE tag <> '';
        -- stats() counts deleted posts from this (few rows) instead of reading every post.
        CREATE INDEX posts_deleted ON posts (deleted_at) WHERE deleted_at IS NOT NULL;
        -- Forward edges (channel -> origin) counted from the index alone; replaces the name-only index, which no
        -- query could use (from: matches part of the name).
        DROP INDEX posts_fwd_name;
        CREATE INDEX posts_forwards ON posts (channel, fwd_username, fwd_name) WHERE fwd_name IS NOT NULL;
      `);
    },
  },
  {
    version: 5,
    name: 'stem index columns in the search index',
    up(db) {
      // A stem column (fts.ts), and the words folded in JS as PostgreSQL's index has them (unicode61 cut "🪭" or "️" into
      // words by its own older Unicode tables): the tokenizer now only splits at spaces and lower-cases, letters,
      // digits and marks all being word characters. A contentless FTS5 table cannot gain columns, so it is made anew
      // and filled again from the posts, in batches (better-sqlite3 cannot write while a read is being iterated).
      db.exec(`
        DROP TABLE posts_fts;
        CREATE VIRTUAL TABLE posts_fts USING fts5 (
          body, tags, stems,
          content = '',
          contentless_delete = 1,
          tokenize = "unicode61 remove_diacritics 0 categories 'L* N* M* Co'"
        );
      `);
      refillSearchIndex(db, 'pk', 3);
    },
  },
  {
    version: 6,
    name: "story evidence per member, readers' story corrections",
    up(db) {
      // evidence: JSON of StoryEvidence (model/story.ts), null for canonical posts and rows stored before it.
      // story_corrections: kept apart from the stories, which a rebuild rewrites, so the corrections outlive it.
      db.exec(`
        ALTER TABLE stories ADD COLUMN evidence TEXT;
        CREATE TABLE story_corrections (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
          post TEXT NOT NULL,
          into_post TEXT,
          created_at TEXT NOT NULL,
          CHECK ((kind = 'merge') = (into_post IS NOT NULL))
        );
      `);
    },
  },
  {
    version: 7,
    name: 'pinned channel languages',
    up(db) {
      // JSON array of ISO 639-1 codes; null: not pinned (detection alone decides).
      db.exec('ALTER TABLE channels ADD COLUMN languages TEXT');
    },
  },
  {
    version: 8,
    name: 'search index refilled with the words of text/',
    up(db) {
      // One definition of a word for topics and search (text/): folding changed (ß -> ss, ł -> l, ﬁ -> fi, full-width
      // letters, Hebrew points), a run of letters splits where its script changes (telegram中文), Thai, Lao, Khmer and
      // Myanmar are cut into words, a hashtag's words in the body are its parts (#BRICSsummit: brics summit) and the
      // tags column holds each hashtag whole. Same table, new contents.
      db.exec(`INSERT INTO posts_fts (posts_fts) VALUES ('delete-all')`);
      refillSearchIndex(db, 'pk', 3);
    },
  },
  {
    version: 9,
    name: 'import batches',
    up(db) {
      // Each `tgwire import` of a file, and the posts it added or changed: before is the post as it stood (JSON of
      // its row and topics; null when the batch added it), min_pos/max_pos the history it had, after_state
      // a fingerprint of the row and history the batch left, so an undo can tell a later change. See store/sqlite/channels.ts.
      db.exec(`
        CREATE TABLE import_batches (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          file TEXT NOT NULL,
          format TEXT NOT NULL,
          channels TEXT NOT NULL DEFAULT '[]',
          created_channels TEXT NOT NULL DEFAULT '[]',
          started_at TEXT NOT NULL,
          finished_at TEXT,
          added INTEGER NOT NULL DEFAULT 0,
          updated INTEGER NOT NULL DEFAULT 0,
          versions INTEGER NOT NULL DEFAULT 0,
          undone_at TEXT
        );
        CREATE TABLE import_batch_posts (
          batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
          channel TEXT NOT NULL,
          id INTEGER NOT NULL,
          before TEXT,
          min_pos INTEGER,
          max_pos INTEGER,
          after_state TEXT,
          PRIMARY KEY (batch_id, channel, id)
        );
        CREATE INDEX import_batch_posts_post ON import_batch_posts (channel, id);
      `);
    },
  },
  {
    version: 10,
    name: 'import batch owner',
    up(db) {
      // Imports commit in batches: the process importing (host:pid), so a later one can tell an import cut off.
      db.exec('ALTER TABLE import_batches ADD COLUMN owner TEXT');
    },
  },
  {
    version: 11,
    name: 'media files',
    up(db) {
      // The media the archive keeps, by SHA-256 (bytes in the media store); channel: the one charged for it.
      db.exec(`
        CREATE TABLE media_files (
          sha256 TEXT PRIMARY KEY,
          size INTEGER NOT NULL,
          content_type TEXT NOT NULL,
          kind TEXT NOT NULL,
          channel TEXT,
          created_at TEXT NOT NULL,
          preview TEXT
        );
        CREATE INDEX media_files_channel ON media_files (channel);
      `);
    },
  },
  {
    version: 12,
    name: 'saved searches',
    up(db) {
      // Searches kept under a name (alert sources for webhooks and bot routes); the query as the user wrote it.
      db.exec(`
        CREATE TABLE saved_searches (
          name TEXT PRIMARY KEY,
          query TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 13,
    name: 'webhooks',
    up(db) {
      // post_events: the change log, written in the transaction of each change (seq never reused: AUTOINCREMENT);
      // fanned_out_at is set once its deliveries are queued. Deliveries keep their body, so every attempt sends the
      // same bytes; next_attempt_ms is when a pending one is due (or its lease ends while an attempt is in flight).
      db.exec(`
        CREATE TABLE post_events (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          type TEXT NOT NULL,
          channel TEXT NOT NULL,
          post_id INTEGER NOT NULL,
          previous TEXT,
          story TEXT,
          at TEXT NOT NULL,
          fanned_out_at TEXT
        );
        CREATE INDEX post_events_pending ON post_events (seq) WHERE fanned_out_at IS NULL;
        CREATE TABLE webhooks (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          url TEXT NOT NULL,
          secret TEXT NOT NULL,
          topics TEXT NOT NULL DEFAULT '[]',
          channels TEXT NOT NULL DEFAULT '[]',
          searches TEXT NOT NULL DEFAULT '[]',
          events TEXT NOT NULL,
          allow_private INTEGER NOT NULL DEFAULT 0,
          since_seq INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          disabled_at TEXT,
          disabled_reason TEXT
        );
        CREATE TABLE webhook_deliveries (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          webhook_id INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
          event_seq INTEGER NOT NULL,
          type TEXT NOT NULL,
          channel TEXT NOT NULL,
          post_id INTEGER NOT NULL,
          body TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'pending',
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_ms INTEGER NOT NULL,
          last_status INTEGER,
          last_error TEXT,
          last_attempt_at TEXT,
          created_at TEXT NOT NULL,
          finished_at TEXT,
          UNIQUE (webhook_id, event_seq)
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_ms) WHERE status = 'pending';
      `);
    },
  },
  {
    version: 14,
    name: 'date keys: search index rows in newest-first order',
    up(db) {
      // dkey (date-key.ts): the post's second and a slot within it, and from now on the rowid of its search row, so
      // FTS5 lists matches in date order and a newest-first search stops after one page. The posts already stored
      // get their slots in the order searches show them; new ones take the next free slot of their second.
      db.function('tg_second', { deterministic: true }, (d: unknown) =>
        secondOf(typeof d === 'string' ? d : null),
      );
      const crowded = db
        .prepare(
          `SELECT min(sort_date) FROM posts GROUP BY tg_second(sort_date) HAVING count(*) > ${2 ** SLOT_BITS}`,
        )
        .pluck()
        .get() as string | undefined;
      if (crowded !== undefined) throw fullSecond(crowded);
      db.exec(`
        ALTER TABLE posts ADD COLUMN dkey INTEGER;
        UPDATE posts SET dkey = k.dkey FROM (
          SELECT pk, (s << ${SLOT_BITS}) + row_number() OVER (PARTITION BY s ORDER BY sort_date, channel, id) - 1 AS dkey
          FROM (SELECT pk, sort_date, channel, id, tg_second(sort_date) AS s FROM posts)
        ) AS k WHERE posts.pk = k.pk;
        CREATE UNIQUE INDEX posts_dkey ON posts (dkey);
        DROP TABLE posts_fts;
        CREATE VIRTUAL TABLE posts_fts USING fts5 (
          body, tags, stems, meta,
          content = '',
          contentless_delete = 1,
          tokenize = "unicode61 remove_diacritics 0 categories 'L* N* M* Co'"
        );
      `);
      refillSearchIndex(db, 'dkey', 4);
    },
  },
  {
    version: 15,
    name: 'forward and reply counts (collected through a Telegram account)',
    up(db) {
      db.exec('ALTER TABLE posts ADD COLUMN forwards INTEGER; ALTER TABLE posts ADD COLUMN replies INTEGER;');
    },
  },
  {
    version: 16,
    name: 'comments found by their post (a discussion group holds many)',
    up(db) {
      db.exec('CREATE INDEX posts_reply ON posts (channel, reply_to, id) WHERE reply_to IS NOT NULL');
    },
  },
  {
    version: 17,
    name: 'words typed with the other script’s look-alike letters indexed as one word',
    rereadsWords: true,
    up(db) {
      // Only the posts holding such a word index differently now (text/fold.ts unmixScripts): their rows are
      // written again, the rest stay.
      db.function('tg_mixed', { deterministic: true }, (t: unknown) =>
        typeof t === 'string' && hasMixedWords(t) ? 1 : 0,
      );
      refillSearchIndex(db, 'dkey', 4, { where: 'tg_mixed(text) OR tg_mixed(hashtags)', replace: true });
    },
  },
  {
    version: 18,
    name: 'repeated words marked with their counts in the search index',
    up() {
      // Its rewrite of the index is migration 19's (the marks changed before most archives met this one): an archive
      // coming from 17 rewrites its index once, not twice.
    },
  },
  {
    version: 19,
    name: 'repeated words and stems marked with their counts in the search index',
    up(db) {
      // Relevance reads the matches class by class, by how often each query word occurs, as written or in another
      // form (rank.ts): the meta column marks every repeated word and stem with its count (fts.ts markTokens). Posts
      // whose words are all single keep the same row; rewriting every row is simpler and happens once.
      db.exec(`INSERT INTO posts_fts (posts_fts) VALUES ('delete-all')`);
      refillSearchIndex(db, 'dkey', 4);
    },
  },
  {
    version: 20,
    name: 'modifier letters (ʿ, ʾ, ˈ, the tatweel) inside words, the apostrophe ʼ between them',
    rereadsWords: true,
    up(db) {
      // Only posts holding such a letter index differently now (text/fold.ts MODIFIER_LETTER, words.ts): before,
      // each was a word of its own and cut the word it stood in.
      db.function('tg_modifiers', { deterministic: true }, (t: unknown) =>
        typeof t === 'string' && hasModifierLetters(t) ? 1 : 0,
      );
      refillSearchIndex(db, 'dkey', 4, {
        where: 'tg_modifiers(text) OR tg_modifiers(hashtags)',
        replace: true,
      });
    },
  },
  {
    version: 21,
    name: 'Russian nouns whose nominative Snowball cuts short meet their other cases (визит, визита; Лавров, Лаврова)',
    rereadsWords: true,
    up(db) {
      // Only Russian posts holding such a word index differently now (text/stems.ts russianLexeme): most of them.
      db.function('tg_ru_refined', { deterministic: true }, (t: unknown, lang: unknown) =>
        typeof t === 'string' &&
        typeof lang === 'string' &&
        stemConfigFor(lang) === 'russian' &&
        hasRefinedRussianLexeme(t)
          ? 1
          : 0,
      );
      refillSearchIndex(db, 'dkey', 4, { where: 'tg_ru_refined(text, lang)', replace: true });
    },
  },
  {
    version: 22,
    name: 'a deleted post seen again notes when it was marked deleted and when it came back',
    up(db) {
      // Asked first: tests re-run later migrations over an archive that has them (SQLite has no ADD COLUMN IF NOT EXISTS).
      const have = new Set(
        (db.prepare('PRAGMA table_info(posts)').all() as { name: string }[]).map((c) => c.name),
      );
      for (const column of ['restored_at', 'restored_from'])
        if (!have.has(column)) db.exec(`ALTER TABLE posts ADD COLUMN ${column} TEXT`);
    },
  },
  {
    version: 23,
    name: "a reader's split names the posts it was split from; old story ids lead to the stories they became",
    up(db) {
      // apart: the keys (space-separated) the split post is never again grouped with; null for splits made before it,
      // which keep their meaning (the post stands alone). story_aliases: a story id a rebuild or a new canonical post
      // retired, and the story that took its posts, so /s/OLD links keep working.
      const have = new Set(
        (db.prepare('PRAGMA table_info(story_corrections)').all() as { name: string }[]).map((c) => c.name),
      );
      if (!have.has('apart')) db.exec('ALTER TABLE story_corrections ADD COLUMN apart TEXT');
      db.exec(`
        CREATE TABLE IF NOT EXISTS story_aliases (
          old_id TEXT PRIMARY KEY,
          new_id TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 24,
    name: "the archive's own id, which its media store's owner marker names (media gc on a copy deletes nothing)",
    up(db) {
      // A random id made once: a restored or copied file keeps it, which is how gc tells a copy from a stranger.
      db.exec('CREATE TABLE IF NOT EXISTS archive_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
      db.prepare("INSERT OR IGNORE INTO archive_meta (name, value) VALUES ('id', ?)").run(randomUUID());
    },
  },
];

/**
 * Fills posts_fts (its first `columns` columns) from the posts, in batches (better-sqlite3 cannot write while a read is being iterated), each
 * row under the key the schema of the migration calling it gives: pk before migration 14, dkey from then on.
 * `where` keeps to some posts; `replace` writes their rows again (each one deleted first).
 */
function refillSearchIndex(
  db: Database.Database,
  key: 'pk' | 'dkey',
  columns: 3 | 4,
  only: { where?: string; replace?: boolean } = {},
): void {
  const read = db.prepare(
    `SELECT ${key} AS pk, text, hashtags, lang, channel FROM posts WHERE ${key} > ? AND (text <> '' OR hashtags <> '')
     ${only.where ? `AND (${only.where})` : ''} ORDER BY ${key} LIMIT ${REINDEX_BATCH}`,
  );
  const drop = only.replace ? db.prepare('DELETE FROM posts_fts WHERE rowid = ?') : null;
  // Before migration 14 the table has no meta column.
  const names = FTS_COLUMNS.slice(0, columns);
  const insert = db.prepare(
    `INSERT INTO posts_fts (rowid, ${names.join(', ')}) VALUES (?${', ?'.repeat(names.length)})`,
  );
  type Row = { pk: number; text: string; hashtags: string; lang: string | null; channel: string };
  for (let after = -(2 ** 53); ;) {
    const rows = read.all(after) as Row[];
    if (rows.length === 0) break;
    for (const r of rows) {
      drop?.run(r.pk);
      const values = ftsValues(r.text, r.hashtags, r.lang, r.channel);
      if (values) insert.run(r.pk, ...values.slice(0, columns));
    }
    after = rows[rows.length - 1]!.pk;
  }
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
