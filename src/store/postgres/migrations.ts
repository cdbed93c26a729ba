// The PostgreSQL schema as an append-only list of migrations: never edit a released one, add the next version.

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { Stemmer, type SearchColumns } from './stem.js';
import { MODIFIER_OR_APOSTROPHE_SOURCE } from '../../text/fold.js';
import { hasRefinedRussianLexeme } from '../../text/stems.js';

/** What the opener asked of the schema's migrations. */
export interface MigrationOptions {
  /** Search through RUM when the rum extension can be created (migration 15); false: GIN, as before. */
  rum: boolean;
}

export interface Migration {
  version: number;
  name: string;
  /** The step reads words differently (text/): posts tagged with topics before it are tagged again after it. */
  rereadsWords?: true;
  /** Runs on one connection inside the migration's transaction. */
  up(sql: pg.PoolClient, options: MigrationOptions): Promise<void>;
}

const REINDEX_BATCH = 2_000;

// hasMixedWords of text/fold.ts as a regular expression of the server: a Latin letter beside a Cyrillic one.
const MIXED_SQL = '[A-Za-zï][Ѐ-ӿ]|[Ѐ-ӿ][A-Za-zï]';
// hasModifierLetters of text/fold.ts, which PostgreSQL's regular expressions read as they are (\uXXXX escapes).
const MODIFIER_SQL = MODIFIER_OR_APOSTROPHE_SOURCE;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    async up(sql) {
      // Text columns that are sorted or compared with ISO strings use COLLATE "C": byte order, like SQLite's
      // BINARY, whatever locale the cluster was created with. Dates stay ISO text so they round-trip exactly.
      await sql.query(`
        CREATE TABLE channels (
          key TEXT COLLATE "C" PRIMARY KEY,
          username TEXT,
          numeric_id BIGINT UNIQUE,
          title TEXT,
          description TEXT,
          subscribers BIGINT,
          avatar_url TEXT,
          kind TEXT,
          -- live collection status (pipeline), untouched by upsertChannel
          status TEXT,
          last_error TEXT,
          error_count INTEGER,
          next_check_at TEXT COLLATE "C",
          last_sync_at TEXT COLLATE "C"
        );

        CREATE TABLE posts (
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          date TEXT COLLATE "C",
          sort_date TEXT COLLATE "C" GENERATED ALWAYS AS (coalesce(date, '')) STORED,
          edited BOOLEAN NOT NULL DEFAULT false,
          edit_date TEXT COLLATE "C",
          author TEXT,
          text TEXT NOT NULL DEFAULT '',
          -- JSON kept as text, not jsonb: jsonb reorders keys, and merging compares JSON texts.
          entities TEXT NOT NULL DEFAULT '[]',
          forwarded_from TEXT,
          fwd_username TEXT COLLATE "C",
          fwd_name TEXT,
          -- lower-cased in JS: lower() follows the cluster's locale, which may be C.
          fwd_name_lc TEXT,
          fwd_post_id BIGINT,
          reply_to BIGINT,
          group_id TEXT COLLATE "C",
          media TEXT NOT NULL DEFAULT '[]',
          has_media BOOLEAN NOT NULL DEFAULT false,
          views BIGINT,
          reactions TEXT NOT NULL DEFAULT '[]',
          service TEXT,
          source TEXT NOT NULL,
          lang TEXT COLLATE "C",
          hashtags TEXT COLLATE "C" NOT NULL DEFAULT '',
          -- Search: tsv holds the words exactly as search/fold.ts folds them (built in JS, same tokens as the
          -- SQLite index and the snippets); tsv_stem the folded text stemmed with ts_config (english, french,
          -- russian; empty for 'simple', which would only repeat tsv); tsv_tags the hashtags.
          ts_config TEXT NOT NULL DEFAULT 'simple',
          tsv TSVECTOR NOT NULL DEFAULT ''::tsvector,
          tsv_stem TSVECTOR NOT NULL DEFAULT ''::tsvector,
          tsv_tags TSVECTOR NOT NULL DEFAULT ''::tsvector,
          deleted_at TEXT COLLATE "C",
          first_seen_at TEXT NOT NULL,
          text_seen_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (channel, id)
        );
        CREATE INDEX posts_order ON posts (sort_date, channel, id);
        CREATE INDEX posts_channel_order ON posts (channel, sort_date, id);
        CREATE INDEX posts_fwd_username ON posts (fwd_username) WHERE fwd_username IS NOT NULL;
        CREATE INDEX posts_fwd_post ON posts (fwd_username, fwd_post_id) WHERE fwd_post_id IS NOT NULL;
        CREATE INDEX posts_lang ON posts (lang) WHERE lang IS NOT NULL;
        CREATE INDEX posts_group ON posts (channel, group_id) WHERE group_id IS NOT NULL;
        CREATE INDEX posts_tsv ON posts USING GIN (tsv);
        CREATE INDEX posts_tsv_stem ON posts USING GIN (tsv_stem);
        CREATE INDEX posts_tsv_tags ON posts USING GIN (tsv_tags);

        CREATE TABLE post_versions (
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          pos INTEGER NOT NULL,
          text TEXT NOT NULL,
          entities TEXT NOT NULL,
          edit_date TEXT,
          seen_at TEXT NOT NULL,
          PRIMARY KEY (channel, id, pos),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );

        CREATE TABLE topics (
          name TEXT COLLATE "C" PRIMARY KEY,
          query TEXT NOT NULL,
          aliases TEXT NOT NULL DEFAULT '[]'
        );

        CREATE TABLE post_topics (
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          topic TEXT COLLATE "C" NOT NULL,
          PRIMARY KEY (channel, id, topic),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );
        CREATE INDEX post_topics_topic ON post_topics (topic);

        CREATE TABLE stories (
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          story_id TEXT COLLATE "C" NOT NULL,
          reason TEXT NOT NULL,
          PRIMARY KEY (channel, id),
          FOREIGN KEY (channel, id) REFERENCES posts (channel, id) ON DELETE CASCADE
        );
        CREATE INDEX stories_story ON stories (story_id);
      `);
    },
  },
  {
    version: 2,
    name: 'channel sync state and follows',
    async up(sql) {
      // As SQLite's migration 3: where each channel's walk through t.me stands (pipeline/collect SyncState), saved in
      // the same transaction as the page's posts, and the channels tgwire collects (depth: a date or a post id).
      await sql.query(`
        CREATE TABLE sync_state (
          channel TEXT COLLATE "C" PRIMARY KEY,
          state TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE TABLE follows (
          channel TEXT COLLATE "C" PRIMARY KEY,
          depth TEXT,
          added_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    name: 'worker job queue, shared host pace, copy markers',
    async up(sql) {
      // One job row per followed channel ("sync channel X"), taken with a lease (locked_until): a worker that dies
      // stops renewing it and another takes the job over. Times are the server's clock, so workers on several
      // machines agree. host_pace: when the next request to a host may start, and who is asking it now (every worker).
      // archive_markers: named progress (migrate-store's cursor), written in the same transaction as the batch.
      await sql.query(`
        CREATE TABLE sync_jobs (
          channel TEXT COLLATE "C" PRIMARY KEY,
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done')),
          run_at TIMESTAMPTZ NOT NULL,
          locked_by TEXT,
          locked_until TIMESTAMPTZ,
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          last_status TEXT,
          enqueued_at TIMESTAMPTZ NOT NULL,
          started_at TIMESTAMPTZ,
          finished_at TIMESTAMPTZ
        );
        CREATE INDEX sync_jobs_due ON sync_jobs (run_at) WHERE state = 'queued';
        CREATE INDEX sync_jobs_lease ON sync_jobs (locked_until) WHERE state = 'running';
        CREATE TABLE host_pace (
          host TEXT COLLATE "C" PRIMARY KEY,
          next_at TIMESTAMPTZ NOT NULL,
          holder TEXT
        );
        CREATE TABLE archive_markers (
          name TEXT COLLATE "C" PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    name: 'dashboard aggregate indexes',
    async up(sql) {
      // As SQLite's posts_forwards: the forward network is read from a partial index of the forwards alone.
      // posts_hashtags: the tagged posts by date with their tags, so hashtagCounts reads no untagged row.
      await sql.query(`
        CREATE INDEX posts_forwards ON posts (channel, fwd_username, fwd_name) WHERE fwd_name IS NOT NULL;
        CREATE INDEX posts_hashtags ON posts (sort_date) INCLUDE (channel, hashtags) WHERE hashtags <> '';
      `);
    },
  },
  {
    version: 5,
    name: 'search vectors rebuilt (stems as SQLite has them, words split at symbols), term-count tiers',
    async up(sql) {
      // tsv_stem now follows search/stems.ts, as SQLite's stem columns do: a stop word keeps its own form at its
      // position (it left a gap before), and a word with more than letters is not stemmed. search/fold.ts no longer
      // starts a word with a variation selector ("🕰️Marriage" is "marriage"), which changes tsv and tsv_tags of a
      // few posts. All three are rebuilt, in batches, the stems with the server's own dictionaries as always.
      //
      // tsv_tf: the token 'lexeme~t' for every lexeme of tsv or tsv_stem found at least t times in the post (t in
      // text.ts's TF_TIERS). ts_rank (normalisation 0, no weights) of the search's words depends on those counts
      // alone, so "the posts where some query word occurs at least t times" bounds the score of all the others:
      // relevance search ranks those few and proves the order exact (search-rank.ts) instead of ranking every match.
      await sql.query(`ALTER TABLE posts ADD COLUMN tsv_tf TSVECTOR NOT NULL DEFAULT ''::tsvector`);
      await rebuildSearchColumns(sql);
      await sql.query('CREATE INDEX posts_tsv_tf ON posts USING GIN (tsv_tf)');
    },
  },
  {
    version: 6,
    name: "story evidence per member, readers' story corrections",
    async up(sql) {
      // evidence: StoryEvidence (model/story.ts), null for canonical posts and rows stored before it.
      // story_corrections: kept apart from the stories, which a rebuild rewrites, so the corrections outlive it.
      await sql.query(`
        ALTER TABLE stories ADD COLUMN evidence JSONB;
        CREATE TABLE story_corrections (
          id BIGSERIAL PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('split', 'merge')),
          post TEXT COLLATE "C" NOT NULL,
          into_post TEXT COLLATE "C",
          created_at TEXT COLLATE "C" NOT NULL,
          CHECK ((kind = 'merge') = (into_post IS NOT NULL))
        );
      `);
    },
  },
  {
    version: 7,
    name: 'pinned channel languages',
    async up(sql) {
      // ISO 639-1 codes; null: not pinned (detection alone decides).
      await sql.query('ALTER TABLE channels ADD COLUMN languages TEXT[]');
    },
  },
  {
    version: 8,
    name: 'search vectors rebuilt with the words of text/',
    async up(sql) {
      // One definition of a word for topics and search (text/): folding changed (ß -> ss, ł -> l, ﬁ -> fi,
      // full-width letters, Hebrew points), a run of letters splits where its script changes (telegram中文), Thai,
      // Lao, Khmer and Myanmar are cut into words, a hashtag's words in tsv are its parts (#BRICSsummit: brics summit)
      // and tsv_tags holds each hashtag whole. All four columns are rebuilt, as in migration 5.
      await rebuildSearchColumns(sql);
    },
  },
  {
    version: 9,
    name: 'publisher outbox',
    async up(sql) {
      // As SQLite's outbox (src/store/outbox.ts): one row per planned Telegram message, in plan order (seq);
      // route_status stops a route on a refusal. Times are ISO text, sent_ms the rate limiter's clock. Written to run
      // again harmlessly (IF NOT EXISTS), as tests replay migrations over a migrated schema.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS outbox (
          seq BIGSERIAL PRIMARY KEY,
          route TEXT NOT NULL,
          chat TEXT NOT NULL,
          post_key TEXT NOT NULL,
          part INTEGER NOT NULL,
          story TEXT,
          method TEXT NOT NULL,
          payload TEXT NOT NULL,
          payload_hash TEXT NOT NULL,
          source_hash TEXT NOT NULL,
          state TEXT NOT NULL,
          note TEXT,
          message_id BIGINT,
          attempts INTEGER NOT NULL DEFAULT 0,
          doubts INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          planned_at TEXT NOT NULL,
          sent_at TEXT,
          sent_ms BIGINT,
          pending_op TEXT,
          pending_payload TEXT,
          pending_hash TEXT,
          pending_source_hash TEXT,
          UNIQUE (route, chat, post_key, part)
        );
        CREATE INDEX IF NOT EXISTS outbox_chat_work ON outbox (chat, seq) WHERE state = 'planned' OR pending_op IS NOT NULL;
        CREATE INDEX IF NOT EXISTS outbox_in_flight ON outbox (chat, seq) WHERE state = 'sending';
        CREATE INDEX IF NOT EXISTS outbox_story ON outbox (route, chat, story) WHERE story IS NOT NULL;
        CREATE INDEX IF NOT EXISTS outbox_sent ON outbox (chat, sent_ms) WHERE sent_ms IS NOT NULL;
        CREATE TABLE IF NOT EXISTS route_status (
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
    version: 10,
    name: 'import batches',
    async up(sql) {
      // Each `tgwire import` of a file, and the posts it added or changed: before is the post as it stood (its row
      // and topics; null when the batch added it), min_pos/max_pos the history it had, after_state a
      // fingerprint of the row and history the batch left, so an undo can tell a later change (store/postgres/
      // channels.ts). Runs again harmlessly (IF NOT EXISTS), as tests replay migrations over a migrated schema.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS import_batches (
          id BIGSERIAL PRIMARY KEY,
          file TEXT NOT NULL,
          format TEXT NOT NULL,
          channels JSONB NOT NULL DEFAULT '[]',
          created_channels JSONB NOT NULL DEFAULT '[]',
          started_at TEXT COLLATE "C" NOT NULL,
          finished_at TEXT COLLATE "C",
          added INTEGER NOT NULL DEFAULT 0,
          updated INTEGER NOT NULL DEFAULT 0,
          versions INTEGER NOT NULL DEFAULT 0,
          undone_at TEXT COLLATE "C"
        );
        CREATE TABLE IF NOT EXISTS import_batch_posts (
          batch_id BIGINT NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          before JSONB,
          min_pos INTEGER,
          max_pos INTEGER,
          after_state TEXT,
          PRIMARY KEY (batch_id, channel, id)
        );
        CREATE INDEX IF NOT EXISTS import_batch_posts_post ON import_batch_posts (channel, id);
      `);
    },
  },
  {
    version: 11,
    name: 'import batch owner',
    async up(sql) {
      // Imports commit in batches: the process importing (host:pid), so a later one can tell an import cut off.
      await sql.query('ALTER TABLE import_batches ADD COLUMN IF NOT EXISTS owner TEXT');
    },
  },
  {
    version: 12,
    name: 'media files',
    async up(sql) {
      // As SQLite's migration 11: the media the archive keeps, by SHA-256; channel: the one charged for it.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS media_files (
          sha256 TEXT COLLATE "C" PRIMARY KEY,
          size BIGINT NOT NULL,
          content_type TEXT NOT NULL,
          kind TEXT NOT NULL,
          channel TEXT COLLATE "C",
          created_at TEXT COLLATE "C" NOT NULL,
          preview TEXT COLLATE "C"
        );
        CREATE INDEX IF NOT EXISTS media_files_channel ON media_files (channel);
      `);
    },
  },
  {
    version: 13,
    name: 'saved searches',
    async up(sql) {
      // As SQLite's migration 12: searches kept under a name; the query as the user wrote it.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS saved_searches (
          name TEXT COLLATE "C" PRIMARY KEY,
          query TEXT NOT NULL,
          created_at TEXT COLLATE "C" NOT NULL
        );
      `);
    },
  },
  {
    version: 14,
    name: 'webhooks',
    async up(sql) {
      // As SQLite's migration 13. Events are fanned out by their fanned_out_at mark, not by a cursor on seq: on
      // PostgreSQL a transaction that took a smaller seq may commit after a larger one was already read.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS post_events (
          seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          type TEXT NOT NULL,
          channel TEXT COLLATE "C" NOT NULL,
          post_id BIGINT NOT NULL,
          previous JSONB,
          story TEXT COLLATE "C",
          at TEXT COLLATE "C" NOT NULL,
          fanned_out_at TEXT COLLATE "C"
        );
        CREATE INDEX IF NOT EXISTS post_events_pending ON post_events (seq) WHERE fanned_out_at IS NULL;
        CREATE TABLE IF NOT EXISTS webhooks (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          url TEXT NOT NULL,
          secret TEXT NOT NULL,
          topics JSONB NOT NULL DEFAULT '[]',
          channels JSONB NOT NULL DEFAULT '[]',
          searches JSONB NOT NULL DEFAULT '[]',
          events JSONB NOT NULL,
          allow_private BOOLEAN NOT NULL DEFAULT false,
          since_seq BIGINT NOT NULL,
          created_at TEXT COLLATE "C" NOT NULL,
          disabled_at TEXT COLLATE "C",
          disabled_reason TEXT
        );
        CREATE TABLE IF NOT EXISTS webhook_deliveries (
          id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          webhook_id BIGINT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
          event_seq BIGINT NOT NULL,
          type TEXT NOT NULL,
          channel TEXT COLLATE "C" NOT NULL,
          post_id BIGINT NOT NULL,
          body TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'pending',
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_ms BIGINT NOT NULL,
          last_status INTEGER,
          last_error TEXT,
          last_attempt_at TEXT COLLATE "C",
          created_at TEXT COLLATE "C" NOT NULL,
          finished_at TEXT COLLATE "C",
          UNIQUE (webhook_id, event_seq)
        );
        CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_ms)
          WHERE status = 'pending';
      `);
    },
  },
  {
    version: 15,
    name: 'one search column with RUM indexes in rank and date order, when the rum extension can be created',
    async up(sql, options) {
      // A GIN index finds matches but keeps no positions and no dates: ranking or sorting them reads every match
      // from the table. RUM keeps positions (rum_tsvector_ops: scans in the order of its `<=>` rank) or a number
      // beside each entry (rum_tsvector_addon_ops: scans in date order). One scan answers one tsquery on one column,
      // so tsv_all holds what tsv, tsv_stem and tsv_tags hold apart: the words, the stems behind a character naming
      // their configuration, the hashtags behind their own (text.ts, as SQLite's one FTS5 row), and a query is one
      // tsquery. sort_key: the digits of the date's first 19 characters (YYYYMMDDhhmmss; -1 without an ISO date),
      // ordered as sort_date is, for the date index. Without the extension (a managed server, no right to create it)
      // or when asked not to, the archive keeps the GIN columns; search_settings says which one searches.
      await sql.query(`
        ALTER TABLE posts ADD COLUMN IF NOT EXISTS tsv_all TSVECTOR NOT NULL DEFAULT ''::tsvector;
        CREATE TABLE IF NOT EXISTS search_settings (name TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
      `);
      const chosen = await searchIndexOf(sql);
      const ns = (chosen ?? (options.rum ? 'rum' : 'gin')) === 'rum' ? await createRum(sql) : null;
      if (ns === null) {
        await sql.query("INSERT INTO search_settings VALUES ('index', 'gin') ON CONFLICT (name) DO NOTHING");
        return;
      }
      await sql.query(`
        DROP INDEX IF EXISTS posts_tsv, posts_tsv_stem, posts_tsv_tags, posts_tsv_tf, posts_search_all;
        ALTER TABLE posts ADD COLUMN IF NOT EXISTS sort_key BIGINT GENERATED ALWAYS AS (
          CASE WHEN date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}'
            THEN translate(left(date, 19), '-T:', '')::bigint ELSE -1 END) STORED;
      `);
      await fillCombinedColumn(sql, true);
      const q = quoteIdent(ns);
      await sql.query(`
        CREATE INDEX IF NOT EXISTS posts_search_rank ON posts USING rum (tsv_all ${q}.rum_tsvector_ops);
        CREATE INDEX IF NOT EXISTS posts_search_date ON posts USING rum (tsv_all ${q}.rum_tsvector_addon_ops, sort_key)
          WITH (attach = 'sort_key', to = 'tsv_all', order_by_attach = 't');
        INSERT INTO search_settings VALUES ('index', 'rum') ON CONFLICT (name) DO UPDATE SET value = 'rum';
      `);
    },
  },
  {
    version: 16,
    name: 'a GIN archive matches through one GIN index on tsv_all',
    async up(sql) {
      // The match of a word on the GIN columns checks the post's configuration beside tsv_stem, which no index
      // answers: every match was read from the table and its vectors decompressed, even to count it. tsv_all holds
      // the words and the configuration-tagged stems (migration 15), so one GIN index answers the whole match: a
      // count reads no row (the pages all-visible after a vacuum), a page reads only the posts it sorts. The other
      // columns stay: the rank is ts_rank of them, and tsv_tf's index finds its tiers.
      if ((await searchIndexOf(sql)) === 'rum') return;
      // The old indexes go first: the rows rewritten by the fill need not be added to them.
      await sql.query('DROP INDEX IF EXISTS posts_tsv, posts_tsv_stem, posts_tsv_tags');
      await fillCombinedColumn(sql, false);
      await sql.query('CREATE INDEX IF NOT EXISTS posts_search_all ON posts USING GIN (tsv_all)');
    },
  },
  {
    version: 17,
    name: 'forward and reply counts (collected through a Telegram account)',
    async up(sql) {
      await sql.query(
        'ALTER TABLE posts ADD COLUMN IF NOT EXISTS forwards BIGINT, ADD COLUMN IF NOT EXISTS replies BIGINT',
      );
    },
  },
  {
    version: 18,
    name: 'comments found by their post (a discussion group holds many)',
    async up(sql) {
      await sql.query(
        'CREATE INDEX IF NOT EXISTS posts_reply ON posts (channel, reply_to, id) WHERE reply_to IS NOT NULL',
      );
    },
  },
  {
    version: 19,
    name: 'indexes set aside by a bulk load',
    async up(sql) {
      // A bulk load (bulk-load.ts) drops the posts table's secondary indexes and builds them again at its end; each
      // one's definition is kept here meanwhile, so an archive whose load died rebuilds them when next opened.
      await sql.query(`
        CREATE TABLE IF NOT EXISTS bulk_load_indexes (
          name TEXT COLLATE "C" PRIMARY KEY,
          definition TEXT NOT NULL,
          dropped_at TEXT COLLATE "C" NOT NULL
        );
      `);
    },
  },
  {
    version: 20,
    name: 'words typed with the other script’s look-alike letters indexed as one word',
    rereadsWords: true,
    async up(sql) {
      // Only the posts holding such a word index differently now (text/fold.ts unmixScripts); the server's regular
      // expression finds them, Node writes their search columns again as a save would.
      await rebuildSearchColumns(sql, {
        where: `(text ~ '${MIXED_SQL}' OR hashtags ~ '${MIXED_SQL}')`,
        all: true,
        combined: (await searchIndexOf(sql)) === 'rum',
      });
    },
  },
  {
    version: 21,
    name: 'a GIN archive finds matches and rank classes through one index on tsv_all and tsv_tf',
    async up(sql) {
      // A rank class is the match ANDed with count marks (search-rank.ts). With an index a column, that is two
      // bitmaps, and the match's checks the query on every post of its rarest word (44 ms for a word on 74,560 posts,
      // for a class that turned out empty). One GIN index over both columns scans both conditions at once, each list
      // skipping ahead to the posts the other holds: 4 ms for that class. It is no larger than the two it replaces,
      // and a condition on one of its columns alone reads it as it read its own index.
      if ((await searchIndexOf(sql)) === 'rum') return;
      await sql.query(`
        CREATE INDEX IF NOT EXISTS posts_search ON posts USING GIN (tsv_all, tsv_tf);
        DROP INDEX IF EXISTS posts_search_all, posts_tsv_tf;
      `);
    },
  },
  {
    version: 22,
    name: 'modifier letters (ʿ, ʾ, ˈ, the tatweel) inside words, the apostrophe ʼ between them',
    rereadsWords: true,
    async up(sql) {
      // As migration 20: only the posts holding such a letter index differently now (text/words.ts).
      await rebuildSearchColumns(sql, {
        where: `(text ~ '${MODIFIER_SQL}' OR hashtags ~ '${MODIFIER_SQL}')`,
        all: true,
        combined: (await searchIndexOf(sql)) === 'rum',
      });
    },
  },
  {
    version: 23,
    name: 'a pause a host asked for (Retry-After), shared by every worker',
    async up(sql) {
      // held_until: no request to the host starts before it (pace.ts holdOff); a release never moves next_at earlier.
      await sql.query('ALTER TABLE host_pace ADD COLUMN IF NOT EXISTS held_until TIMESTAMPTZ');
    },
  },
  {
    version: 24,
    name: 'Russian nouns whose nominative Snowball cuts short meet their other cases (визит, визита; Лавров, Лаврова)',
    rereadsWords: true,
    async up(sql) {
      // Only Russian posts holding such a word index differently now (text/stems.ts russianLexeme); Node tells
      // which, as the server has no test for it.
      await rebuildSearchColumns(sql, {
        where: "ts_config = 'russian'",
        keep: (r) => hasRefinedRussianLexeme(r.text),
        all: true,
        combined: (await searchIndexOf(sql)) === 'rum',
      });
    },
  },
  {
    version: 25,
    name: 'a deleted post seen again notes when it was marked deleted and when it came back',
    async up(sql) {
      await sql.query(
        'ALTER TABLE posts ADD COLUMN IF NOT EXISTS restored_at TEXT, ADD COLUMN IF NOT EXISTS restored_from TEXT',
      );
    },
  },
  {
    version: 26,
    name: 'posts a copy found in the target',
    async up(sql) {
      // migrate-store into an archive that already holds some posts: each one as the target had it before the copy
      // merged into it (before as import_batch_posts keeps it, state a fingerprint of what it says, history its versions), so the
      // copied import batches record those posts as an import would have: found, not added (channels.ts).
      await sql.query(`
        CREATE TABLE IF NOT EXISTS copy_held (
          channel TEXT COLLATE "C" NOT NULL,
          id BIGINT NOT NULL,
          before JSONB NOT NULL,
          state TEXT NOT NULL,
          history JSONB NOT NULL,
          PRIMARY KEY (channel, id)
        )
      `);
    },
  },
  {
    version: 27,
    name: "a reader's split names the posts it was split from; old story ids lead to the stories they became",
    async up(sql) {
      // apart: the keys (space-separated) the split post is never again grouped with; null for splits made before it,
      // which keep their meaning (the post stands alone). story_aliases: a story id a rebuild or a new canonical post
      // retired, and the story that took its posts, so /s/OLD links keep working.
      await sql.query(`
        ALTER TABLE story_corrections ADD COLUMN IF NOT EXISTS apart TEXT COLLATE "C";
        CREATE TABLE IF NOT EXISTS story_aliases (
          old_id TEXT COLLATE "C" PRIMARY KEY,
          new_id TEXT COLLATE "C" NOT NULL
        );
      `);
    },
  },
  {
    version: 28,
    name: "the archive's own id, which its media store's owner marker names (media gc on a copy deletes nothing)",
    async up(sql) {
      // A random id made once: a pg_restore'd copy keeps it, which is how gc tells a copy from a stranger.
      await sql.query('CREATE TABLE IF NOT EXISTS archive_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)');
      await sql.query("INSERT INTO archive_meta (name, value) VALUES ('id', $1) ON CONFLICT DO NOTHING", [
        randomUUID(),
      ]);
    },
  },
];

/** The search plan an archive was given (search_settings, migration 15): 'gin' or 'rum'; undefined before one. */
async function searchIndexOf(sql: pg.PoolClient): Promise<string | undefined> {
  const { rows } = await sql.query<{ value: string }>(
    "SELECT value FROM search_settings WHERE name = 'index'",
  );
  return rows[0]?.value;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The schema of the rum extension, or null when it is not installed in this database. */
export async function rumSchema(sql: pg.PoolClient | pg.Pool): Promise<string | null> {
  const { rows } = await sql.query<{ ns: string }>(
    `SELECT n.nspname AS ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'rum'`,
  );
  return rows[0]?.ns ?? null;
}

/**
 * Creates the rum extension when it is missing and can be (in public: an extension belongs to the database, and one
 * made in an archive's own schema would go when that schema is dropped); its schema, or null. A failure (no such
 * extension, no right) is undone alone, in a savepoint. The lock keeps archives migrating at once from racing.
 */
async function createRum(sql: pg.PoolClient): Promise<string | null> {
  await sql.query("SELECT pg_advisory_xact_lock(hashtext('tgwire:rum'))");
  if ((await rumSchema(sql)) === null) {
    await sql.query('SAVEPOINT tg_rum');
    try {
      await sql.query('CREATE EXTENSION IF NOT EXISTS rum SCHEMA public');
      await sql.query('RELEASE SAVEPOINT tg_rum');
    } catch {
      await sql.query('ROLLBACK TO SAVEPOINT tg_rum; RELEASE SAVEPOINT tg_rum');
    }
  }
  return rumSchema(sql);
}

/** Fills tsv_all of every post, in batches; `replace`: and empties the GIN search columns it replaces. */
async function fillCombinedColumn(sql: pg.PoolClient, replace: boolean): Promise<void> {
  const stemmer = new Stemmer(true);
  const others = replace ? ", tsv = '', tsv_tags = '', tsv_stem = '', tsv_tf = ''" : '';
  await eachPostBatch(sql, async (rows) => {
    const cols = await stemmer.columns(
      sql,
      rows.map((r) => ({ text: r.text, hashtags: r.hashtags, config: r.ts_config })),
    );
    await sql.query(
      `UPDATE posts p SET tsv_all = u.v::tsvector${others}
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS u(channel, id, v)
       WHERE p.channel = u.channel AND p.id = u.id`,
      [rows.map((r) => r.channel), rows.map((r) => String(r.id)), cols.map((c) => c.all)],
    );
  });
}

type IndexRow = { channel: string; id: string | number; text: string; hashtags: string; ts_config: string };

/** Calls fn with every post's search inputs (those `where` holds for), REINDEX_BATCH at a time, in key order. */
async function eachPostBatch(
  sql: pg.PoolClient,
  fn: (rows: IndexRow[]) => Promise<void>,
  where = 'TRUE',
): Promise<void> {
  let after: string[] = [];
  for (;;) {
    const batch = await sql.query<IndexRow>(
      `SELECT channel, id, text, hashtags, ts_config FROM posts
           WHERE ${where} ${after.length ? 'AND (channel, id) > ($1, $2::bigint)' : ''}
           ORDER BY channel, id LIMIT ${REINDEX_BATCH}`,
      after,
    );
    const rows = batch.rows;
    if (rows.length === 0) break;
    await fn(rows);
    const last = rows[rows.length - 1]!;
    after = [last.channel, String(last.id)];
  }
}

/**
 * Rebuilds tsv, tsv_tags, tsv_stem and tsv_tf of every post (those `where` holds for), in batches, the stems with the
 * server's dictionaries; `all`: tsv_all too (from migration 15 on); `combined`: as an archive searched through RUM
 * writes them (its GIN columns empty).
 */
async function rebuildSearchColumns(
  sql: pg.PoolClient,
  {
    where = 'TRUE',
    keep,
    all = false,
    combined = false,
  }: { where?: string; keep?: (row: IndexRow) => boolean; all?: boolean; combined?: boolean } = {},
): Promise<void> {
  const stemmer = new Stemmer(combined);
  // [column, its field of SearchColumns, its name in the UPDATE's unnest()]
  const columns: [string, keyof SearchColumns, string][] = [
    ['tsv', 'tsv', 'tsv'],
    ['tsv_tags', 'tags', 'tags'],
    ['tsv_stem', 'stem', 'stem'],
    ['tsv_tf', 'tf', 'tf'],
    ...(all ? [['tsv_all', 'all', 'all_'] as [string, keyof SearchColumns, string]] : []),
  ];
  await eachPostBatch(
    sql,
    async (batch) => {
      const rows = keep ? batch.filter(keep) : batch;
      if (rows.length === 0) return;
      const cols = await stemmer.columns(
        sql,
        rows.map((r) => ({ text: r.text, hashtags: r.hashtags, config: r.ts_config })),
      );
      await sql.query(
        `UPDATE posts p SET ${columns.map(([c, , u]) => `${c} = u.${u}::tsvector`).join(', ')}
             FROM unnest($1::text[], $2::bigint[], ${columns.map((_, i) => `$${i + 3}::text[]`).join(', ')})
               AS u(channel, id, ${columns.map(([, , u]) => u).join(', ')})
             WHERE p.channel = u.channel AND p.id = u.id`,
        [
          rows.map((r) => r.channel),
          rows.map((r) => String(r.id)),
          ...columns.map(([, k]) => cols.map((c) => c[k])),
        ],
      );
    },
    where,
  );
}

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
