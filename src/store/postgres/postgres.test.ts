// Runs the Store contract on PostgreSQL (TGWIRE_TEST_PG), plus what only PostgreSQL has: migrations, schemas,
// stemming per language, and parity of queries and search hits with the SQLite store.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { storeContract } from '../contract.testkit.js';
import { StoreError, UserError } from '../../util/errors.js';
import { emptyPost, type Post } from '../../model/post.js';
import type { SearchResult } from '../store.js';
import { openSqliteStore } from '../sqlite/index.js';
import { SCHEMA_VERSION, migrations, openPostgresStore } from './index.js';
import { COUNT_CAP } from '../shared.js';
import { PG_URL, admin, dropSchema, schemaPool } from '../../../test/pg.js';
import { mulberry32 } from '../../util/random.js';

const URL_ = PG_URL;
const SKIP = 'TGWIRE_TEST_PG not set: PostgreSQL contract tests skipped';

const schemas = schemaPool('t');
const post = (channel: string, id: number, patch: Partial<Post>): Post => ({
  ...emptyPost(channel, id, 'text'),
  ...patch,
});
const freshSchema = (): string => schemas.fresh();

if (!URL_) {
  describe('Store contract: postgres', () => {
    it('runs against a PostgreSQL server', (t) => t.skip(SKIP));
  });
} else {
  const url = URL_;
  after(async () => {
    await schemas.dropAll();
  });

  // Both search plans: RUM (when the server has the extension, as CI's has) and GIN.
  for (const searchIndex of ['rum', 'gin'] as const)
    storeContract(`postgres (${searchIndex === 'gin' ? 'GIN' : 'RUM'} search)`, async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex });
      return { store, cleanup: async () => void (await dropSchema(schema)) };
    });

  // Every case again with each new post saved through COPY and the staging table (save.ts's bulk path).
  storeContract('postgres, bulk save', async () => {
    const schema = freshSchema();
    const store = await openPostgresStore(url, { schema, copyMin: 1 });
    return { store, cleanup: async () => void (await dropSchema(schema)) };
  });

  describe('postgres store', () => {
    it('creates its schema and records every migration', async () => {
      const schema = freshSchema();
      await (await openPostgresStore(url, { schema })).close();
      await (await openPostgresStore(url, { schema })).close(); // reopening applies nothing twice
      const rows = await admin(
        async (c) =>
          (await c.query(`SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`)).rows,
      );
      assert.deepEqual(
        rows,
        migrations.map((m) => ({ version: m.version, name: m.name })),
      );
    });

    it('migration 5 rebuilds the search vectors of stored posts (stop words keep their place in the stems)', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      await store.savePosts([
        post('c', 1, { text: 'The summits in Kazan', lang: 'en' }),
        post('c', 2, { text: 'Новые санкции против банков', lang: 'ru' }),
        post('c', 3, { text: 'The summits of Kazan', lang: 'en' }),
        post('c', 4, { text: '🕰️Marriage is a blessing', lang: 'en' }),
      ]);
      await store.close();
      // Emptied vectors and the schema of v4 (no record of migration 5 or later): only the migration can make
      // these searches work.
      await admin(async (c) => {
        await c.query(`UPDATE ${schema}.posts SET tsv = ''::tsvector, tsv_stem = ''::tsvector`);
        await c.query(`ALTER TABLE ${schema}.posts DROP COLUMN tsv_tf`);
        await c.query(`ALTER TABLE ${schema}.stories DROP COLUMN evidence`);
        await c.query(`DROP TABLE ${schema}.story_corrections`);
        await c.query(`ALTER TABLE ${schema}.channels DROP COLUMN languages`);
        await c.query(`DROP TABLE ${schema}.import_batch_posts, ${schema}.import_batches`);
        await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 5`);
      });
      const again = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      try {
        const ids = async (q: string): Promise<number[]> =>
          (await again.search(q, { sort: 'date' })).hits.map((h) => h.post.id).sort();
        assert.deepEqual(await ids('summit'), [1, 3]);
        assert.deepEqual(await ids('банк'), [2]);
        assert.deepEqual(await ids('"summit in kazan"'), [1], 'the stop word must be there, as written');
        assert.deepEqual(await ids('kazan'), [1, 3]);
        assert.deepEqual(await ids('marriage'), [4]);
      } finally {
        await again.close();
      }
    });

    it('migration 16 fills tsv_all of a GIN archive and matches through its one GIN index', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      await store.savePosts([
        post('c', 1, { text: 'Sanctions on banks #BRICS', lang: 'en' }),
        post('c', 2, { text: 'Новые санкции против банков', lang: 'ru' }),
      ]);
      await store.close();
      // A v15 GIN archive: tsv_all empty, the three GIN indexes in its place.
      await admin(async (c) => {
        await c.query(`UPDATE ${schema}.posts SET tsv_all = ''::tsvector`);
        await c.query(`DROP INDEX ${schema}.posts_search`);
        await c.query(`CREATE INDEX posts_tsv ON ${schema}.posts USING GIN (tsv)`);
        await c.query(`CREATE INDEX posts_tsv_tf ON ${schema}.posts USING GIN (tsv_tf)`);
        await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 16`);
      });
      const again = await openPostgresStore(url, { schema });
      try {
        const ids = async (q: string): Promise<number[]> =>
          (await again.search(q)).hits.map((h) => h.post.id).sort();
        assert.deepEqual(await ids('sanction'), [1]);
        assert.deepEqual(await ids('банк'), [2]);
        assert.deepEqual(await ids('#brics'), [1]);
        assert.deepEqual(await ids('"on banks"'), [1]);
        const indexes = await admin(async (c) =>
          (
            await c.query<{ i: string }>(
              `SELECT c.relname AS i FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = $1 AND c.relkind = 'i'
                   AND (c.relname LIKE 'posts_tsv%' OR c.relname LIKE 'posts_search%')
                 ORDER BY 1`,
              [schema],
            )
          ).rows.map((r) => r.i),
        );
        // Migration 21 then replaced the match's index and tsv_tf's with one over both columns.
        assert.deepEqual(indexes, ['posts_search']);
      } finally {
        await again.close();
      }
    });

    it('migration 21 puts the match and the rank classes of a GIN archive in one index', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      // Post 2 repeats a word: it ranks first (rank-classes.test.ts ranks many matches through the classes).
      await store.savePosts([
        post('c', 1, { text: 'Sanctions on banks', lang: 'en' }),
        post('c', 2, { text: 'Banks, banks and banks: sanctions', lang: 'en' }),
        post('c', 3, { text: 'Weather in Kazan', lang: 'en' }),
      ]);
      await store.close();
      // A v20 GIN archive: one index a column.
      await admin(async (c) => {
        await c.query(`DROP INDEX ${schema}.posts_search`);
        await c.query(`CREATE INDEX posts_search_all ON ${schema}.posts USING GIN (tsv_all)`);
        await c.query(`CREATE INDEX posts_tsv_tf ON ${schema}.posts USING GIN (tsv_tf)`);
        await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 21`);
      });
      // Each step the upgrade runs is told before and after it (the CLI says them on stderr).
      const steps: string[] = [];
      const again = await openPostgresStore(url, {
        schema,
        onUpgrade: (s) => steps.push(`${s.version}${s.ms === undefined ? '' : ' done'}`),
      });
      try {
        assert.deepEqual(
          steps,
          Array.from({ length: SCHEMA_VERSION - 20 }, (_, i) => [`${21 + i}`, `${21 + i} done`]).flat(),
        );
        const definitions = await admin(async (c) =>
          (
            await c.query<{ d: string }>(
              `SELECT indexdef AS d FROM pg_indexes
                 WHERE schemaname = $1 AND (indexname LIKE 'posts_search%' OR indexname LIKE 'posts_tsv%')`,
              [schema],
            )
          ).rows.map((r) => r.d.replace(/ ON \S+/, '')),
        );
        assert.deepEqual(definitions, ['CREATE INDEX posts_search USING gin (tsv_all, tsv_tf)']);
        assert.deepEqual(
          (await again.search('banks sanctions')).hits.map((h) => h.post.id),
          [2, 1],
        );
      } finally {
        await again.close();
      }
    });

    for (const searchIndex of ['gin', 'rum'] as const)
      it(`migration 20 indexes a word typed with look-alike letters as one word (${searchIndex})`, async () => {
        const schema = freshSchema();
        const store = await openPostgresStore(url, { schema, searchIndex });
        // Latin e, c and o inside Ukrainian words.
        await store.savePosts([
          post('c', 1, { text: 'Зeлeнcький узяв участь у цeрeмoнiї', lang: 'uk' }),
          post('c', 2, { text: 'Зеленський узяв участь у церемонії', lang: 'uk' }),
          post('c', 3, { text: 'Sanctions on banks', lang: 'en' }),
        ]);
        await store.close();
        // The vectors of post 1 as the code before made them (the word cut at each change of script); schema v19.
        await admin(async (c) => {
          const old = "to_tsvector('simple', 'з e л e н c ький узяв участь у ц e р e м o н iї')";
          await c.query(
            `UPDATE ${schema}.posts SET tsv_all = ${old}${searchIndex === 'gin' ? `, tsv = ${old}, tsv_stem = ${old}` : ''}
             WHERE id = 1`,
          );
          await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 20`);
        });
        const again = await openPostgresStore(url, { schema, searchIndex });
        try {
          const ids = async (q: string): Promise<number[]> =>
            (await again.search(q)).hits.map((h) => h.post.id).sort();
          assert.deepEqual(await ids('Зеленський'), [1, 2]);
          assert.deepEqual(await ids('церемонії'), [1, 2]);
          assert.deepEqual(await ids('ький'), []);
          assert.deepEqual(await ids('sanctions'), [3]);
        } finally {
          await again.close();
        }
      });

    for (const searchIndex of ['gin', 'rum'] as const)
      it(`migration 22 reads modifier letters inside words, duʿāʾ as one word (${searchIndex})`, async () => {
        const schema = freshSchema();
        const store = await openPostgresStore(url, { schema, searchIndex });
        await store.savePosts([
          post('c', 1, { text: 'Kaʿb recited the duʿāʾ', lang: 'en' }),
          post('c', 2, { text: 'Du pain et du vin', lang: 'fr' }),
        ]);
        await store.close();
        // The vectors of post 1 as the code before made them (each modifier letter a word); schema v21.
        await admin(async (c) => {
          const old = "to_tsvector('simple', 'ka ʿ b recited the du ʿ a ʾ')";
          await c.query(
            `UPDATE ${schema}.posts SET tsv_all = ${old}${searchIndex === 'gin' ? `, tsv = ${old}, tsv_stem = ${old}` : ''}
             WHERE id = 1`,
          );
          await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 22`);
        });
        const again = await openPostgresStore(url, { schema, searchIndex });
        try {
          const ids = async (q: string): Promise<number[]> =>
            (await again.search(q)).hits.map((h) => h.post.id).sort();
          assert.deepEqual(await ids('du'), [2]);
          assert.deepEqual(await ids('kab'), [1]);
          assert.deepEqual(await ids('kaʿb recited'), [1]);
        } finally {
          await again.close();
        }
      });

    for (const searchIndex of ['gin', 'rum'] as const)
      it(`migration 24 indexes a Russian noun in -ит with its other cases, визита as визит (${searchIndex})`, async () => {
        const schema = freshSchema();
        const store = await openPostgresStore(url, { schema, searchIndex });
        await store.savePosts([
          post('c', 1, { text: 'Итоги визита министра', lang: 'ru' }),
          post('c', 2, { text: 'Визит в Китай', lang: 'ru' }),
          post('c', 3, { text: 'Visit of the minister', lang: 'en' }),
        ]);
        await store.close();
        // The vectors of post 1 as the code before made them: the server's Snowball stem of визита, визит, where the
        // lexeme is now виз (every column; the GIN ones are empty in a RUM archive); schema v23.
        await admin(async (c) => {
          const old = (col: string): string => `${col} = replace(${col}::text, 'виз''', 'визит''')::tsvector`;
          await c.query(
            `UPDATE ${schema}.posts SET ${['tsv', 'tsv_stem', 'tsv_tf', 'tsv_all'].map(old).join(', ')} WHERE id = 1`,
          );
          await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 24`);
        });
        const again = await openPostgresStore(url, { schema, searchIndex });
        try {
          const ids = async (q: string): Promise<number[]> =>
            (await again.search(q)).hits.map((h) => h.post.id).sort();
          assert.deepEqual(await ids('визит'), [1, 2]);
          assert.deepEqual(await ids('визитом'), [1, 2]);
          assert.deepEqual(await ids('министр'), [1]);
          assert.deepEqual(await ids('visit'), [3]);
        } finally {
          await again.close();
        }
      });

    it('migration 8 rebuilds the search vectors with the words of text/ (hashtag parts, folding, scripts)', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      await store.savePosts([
        post('c', 1, { text: 'Opening of the #BRICSsummit', lang: 'en' }),
        post('c', 2, { text: 'Die Straße nach Łódź', lang: 'de' }),
        post('c', 3, { text: '加入telegram中文群', lang: 'zh' }),
      ]);
      await store.close();
      await admin(async (c) => {
        await c.query(
          `UPDATE ${schema}.posts SET tsv = ''::tsvector, tsv_tags = ''::tsvector, tsv_stem = ''::tsvector`,
        );
        // As v7 left it: the later migrations (import batches) run again too.
        await c.query(`DROP TABLE ${schema}.import_batch_posts, ${schema}.import_batches`);
        await c.query(`DELETE FROM ${schema}.schema_migrations WHERE version >= 8`);
      });
      const again = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      try {
        const ids = async (q: string): Promise<number[]> =>
          (await again.search(q, { sort: 'date' })).hits.map((h) => h.post.id).sort();
        assert.deepEqual(await ids('brics'), [1], 'a part of a hashtag');
        assert.deepEqual(await ids('#bricssummit'), [1], 'the hashtag whole');
        assert.deepEqual(await ids('#brics'), [], 'a hashtag query compares whole hashtags');
        assert.deepEqual(await ids('openings'), [1], 'stems are rebuilt too');
        assert.deepEqual(await ids('strasse lodz'), [2]);
        assert.deepEqual(await ids('telegram'), [3]);
        assert.deepEqual(await ids('中文'), [3]);
      } finally {
        await again.close();
      }
    });

    it('refuses a schema stamped with a newer version, with what to do', async () => {
      const schema = freshSchema();
      await (await openPostgresStore(url, { schema })).close();
      await admin((c) =>
        c.query(
          `INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')`,
        ),
      );
      await assert.rejects(openPostgresStore(url, { schema }), (e: unknown) => {
        assert.ok(e instanceof StoreError);
        assert.equal(
          e.message,
          `database schema v99 is newer than this tgwire (v${SCHEMA_VERSION}): upgrade tgwire`,
        );
        return true;
      });
    });

    it('refuses a schema name that would need quoting; an unreachable server or database is a UserError', async () => {
      await assert.rejects(openPostgresStore(url, { schema: 'Bad"; DROP' }), UserError);
      await assert.rejects(
        openPostgresStore('postgres://nobody:secret@127.0.0.1:1/none'),
        (e: unknown) =>
          e instanceof UserError && !e.message.includes('secret') && e.message.includes('127.0.0.1:1'),
      );
      const noDb = new URL(url);
      noDb.pathname = '/no_such_database_here';
      await assert.rejects(
        openPostgresStore(noDb.toString()),
        (e: unknown) =>
          e instanceof UserError && /cannot open the database: .*no_such_database_here/.test(e.message),
      );
    });

    it('stems words in the post language (english, french, russian) and folds é/e and ё/е', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema });
      const p = (id: number, lang: string | null, text: string): Post => ({
        ...emptyPost('c', id, 'export-json'),
        date: '2024-10-01T00:00:00.000Z',
        text,
        lang,
      });
      await store.savePosts([
        p(1, 'ru', 'Новые санкции против банков.'),
        p(2, 'en', 'The sanctions were announced.'),
        p(3, 'fr', 'Les élections présidentielles approchent.'),
        p(4, null, 'Sanctioned entities listed.'),
        p(5, 'ru', 'Всё решено, ещё нет.'),
      ]);
      const hits = async (q: string): Promise<number[]> =>
        (await store.search(q)).hits.map((h) => h.post.id).sort((a, b) => a - b);
      const table: [string, number[]][] = [
        ['санкций', [1]],
        ['санкции', [1]],
        ['sanction', [2]],
        ['election', [3]],
        ['elections presidentielles', [3]],
        ['sanctioned', [2, 4]],
        ['все', [5]],
        ['ещё', [5]],
        ['"новые санкция"', [1]],
        ['-санкций -sanction -election -sanctioned -все', []],
      ];
      for (const [q, want] of table) assert.deepEqual(await hits(q), want, q);
      const [ru] = (await store.search('санкций')).hits;
      assert.ok(ru!.score > 0);
      assert.equal(ru!.snippet, 'Новые \uE000санкции\uE001 против банков.', 'the stem-only match is marked');
      const en = (await store.search('sanctioned')).hits.find((h) => h.post.id === 2);
      assert.equal(en!.snippet, 'The \uE000sanctions\uE001 were announced.');
      await store.close();
    });

    it('two processes saving the same new posts at once: each post added once, the rest unchanged', async () => {
      const schema = freshSchema();
      const [a, b] = [await openPostgresStore(url, { schema }), await openPostgresStore(url, { schema })];
      const posts = Array.from({ length: 300 }, (_, i) => ({
        ...emptyPost('c', i + 1, 'text'),
        text: `post ${i}`,
      }));
      const [ra, rb] = await Promise.all([a.savePosts(posts), b.savePosts([...posts].reverse())]);
      assert.equal(ra.added + rb.added, 300);
      assert.equal(ra.unchanged + rb.unchanged, 300);
      assert.equal(ra.updated + rb.updated, 0);
      assert.equal(await a.countPosts({}), 300);
      assert.equal((await b.search('post')).total, 300);
      await a.close();
      await b.close();
    });

    it('saves a text too large for one tsvector, its first words searchable', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema });
      const text = Array.from({ length: 80_000 }, (_, i) => `word${i}`).join(' ');
      const p = (id: number, lang: string): Post => ({ ...emptyPost('c', id, 'text'), text, lang });
      assert.deepEqual(await store.savePosts([p(1, 'en'), p(2, 'de')]), {
        added: 2,
        updated: 0,
        unchanged: 0,
        edited: 0,
      });
      assert.equal((await store.search('word0')).total, 2);
      assert.equal((await store.getPost('c', 1))?.text.length, text.length);
      await store.close();
    });

    it('ranks many matches exactly class by class of their counts (as ranking every match would); date pages reach the oldest', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      const at = (id: number): string => new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      const rand = mulberry32(7);
      const n = 3600;
      const words = (w: string, k: number): string[] => Array.from({ length: k }, () => w);
      const posts = Array.from({ length: n }, (_, i): Post => {
        const id = i + 1;
        // 'common' in every post, 1 to 20 times (mostly few); 'commons' counts for it by stem in English posts;
        // 'alpha' in about half; 'beta' once, but twice in six posts, mostly old, which must lead its first page.
        const common = 1 + Math.floor(rand() ** 4 * 20);
        const text = [
          ...words('common', common),
          ...(rand() < 0.3 ? words('commons', 1 + Math.floor(rand() * 6)) : []),
          ...(rand() < 0.5 ? words('alpha', 1 + Math.floor(rand() ** 3 * 9)) : []),
          ...words('beta', id % 700 === 3 ? 2 : 1),
          `filler${id}`,
        ].join(' ');
        return { ...emptyPost('c', id, 'text'), date: at(id), text, lang: id % 3 === 0 ? 'en' : null };
      });
      await store.transaction(async () => {
        for (let i = 0; i < n; i += 500) await store.savePosts(posts.slice(i, i + 500));
      });
      // The exact order, from every match ranked by the store's own rank expression (its score: 6 decimals).
      const exact = async (where: string, words: string[], offset: number): Promise<number[]> => {
        const q = words.join(' | ');
        const stem = words.map((w) => w.replace(/s$/, '')).join(' | ');
        return admin(async (c) =>
          (
            await c.query<{ id: string }>(
              `SELECT id FROM ${schema}.posts p WHERE ${where}
               ORDER BY round(greatest(ts_rank(tsv, '${q}'::tsquery), CASE ts_config WHEN 'english'
                 THEN ts_rank(tsv_stem, '${stem}'::tsquery) ELSE 0 END)::float8 * 1000000) DESC,
                 sort_date DESC, channel DESC, id DESC
               LIMIT 20 OFFSET ${offset}`,
            )
          ).rows.map((r) => Number(r.id)),
        );
      };
      const page = async (q: string, offset: number): Promise<number[]> =>
        (await store.search(q, { limit: 20, offset })).hits.map((h) => h.post.id);
      const common = "(tsv @@ 'common' OR (ts_config = 'english' AND tsv_stem @@ 'common'))";
      for (const offset of [0, 20, 200]) {
        assert.deepEqual(
          await page('common', offset),
          await exact(common, ['common'], offset),
          `common @${offset}`,
        );
        assert.deepEqual(
          await page('common alpha', offset),
          await exact(`${common} AND tsv @@ 'alpha'`, ['common', 'alpha'], offset),
          `common alpha @${offset}`,
        );
        // Three words, each in its own class; and two words one English stem: the bound of a shared lexeme.
        assert.deepEqual(
          await page('alpha beta common', offset),
          await exact(`${common} AND tsv @@ 'alpha & beta'`, ['alpha', 'beta', 'common'], offset),
          `alpha beta common @${offset}`,
        );
        assert.deepEqual(
          await page('common commons', offset),
          await exact(
            `${common} AND (tsv @@ 'commons' OR (ts_config = 'english' AND tsv_stem @@ 'common'))`,
            ['common', 'commons'],
            offset,
          ),
          `common commons @${offset}`,
        );
      }
      const beta = await page('beta', 0);
      assert.deepEqual(
        beta.slice(0, 5),
        [3503, 2803, 2103, 1403, 703],
        'the five posts with beta twice first',
      );
      assert.deepEqual(beta, await exact("tsv @@ 'beta'", ['beta'], 0));
      assert.deepEqual(beta.slice(6, 9), [3600, 3599, 3598], 'then the newest, all equal');
      const counted = await store.search('common', { limit: 3 });
      assert.deepEqual([counted.total, counted.totalIsLowerBound], [COUNT_CAP, true]);
      const last = await store.search('common', { sort: 'date', offset: 3590, limit: 50 });
      assert.deepEqual(
        last.hits.map((h) => h.post.id),
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
      );
      await store.close();
    });

    it('posts that rank alike stay newest first, also when a tier holds some of them through another lexeme', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      const at = (id: number): string => new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      // 'banks' once everywhere; the five oldest also hold 'bank' twice, so they sit in the tier of 'bank' (the
      // English stem of 'banks'), yet they are not stemmed (no language) and rank like every other post.
      const n = 3100;
      await store.transaction(async () => {
        for (let i = 0; i < n; i += 500)
          await store.savePosts(
            Array.from({ length: Math.min(500, n - i) }, (_, j): Post => {
              const id = i + j + 1;
              const text = id <= 5 ? 'banks bank bank' : `banks filler${id}`;
              return { ...emptyPost('c', id, 'text'), date: at(id), text };
            }),
          );
      });
      const hits = (await store.search('banks', { limit: 5 })).hits;
      assert.deepEqual(
        hits.map((h) => h.post.id),
        [3100, 3099, 3098, 3097, 3096],
      );
      assert.equal(new Set(hits.map((h) => h.score)).size, 1, 'one score for all');
      const deep = await store.search('banks', { limit: 5, offset: 3095 });
      assert.deepEqual(
        deep.hits.map((h) => h.post.id),
        [5, 4, 3, 2, 1],
      );
      await store.close();
    });

    it('a class whose newest posts score under its bound is ranked whole', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      const at = (id: number): string => new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      // Posts 1 and 2 (English) say 'banks' twice: f(2), the first page's head. Posts 10 to 14 are in the same class
      // (their 'bank', the English stem, twice) but have no language: 'banks' once, f(1), like every other post.
      const n = 1100;
      await store.transaction(() =>
        store.savePosts(
          Array.from({ length: n }, (_, i): Post => {
            const id = i + 1;
            const text =
              id <= 2 ? 'banks banks' : id >= 10 && id <= 14 ? 'banks bank bank' : `banks filler${id}`;
            return { ...emptyPost('c', id, 'text'), date: at(id), text, lang: id <= 2 ? 'en' : null };
          }),
        ),
      );
      const hits = (await store.search('banks', { limit: 5 })).hits;
      assert.deepEqual(
        hits.map((h) => h.post.id),
        [2, 1, 1100, 1099, 1098],
      );
      await store.close();
    });

    for (const searchIndex of ['gin', 'rum'] as const)
      it(`counts up to 1,000 and flags more; date pages are exact on both sides of the cap (${searchIndex})`, async () => {
        const schema = freshSchema();
        const store = await openPostgresStore(url, { schema, searchIndex });
        const start = Date.parse('2024-01-01T00:00:00Z');
        // 1,050 posts say kazan; exactly 1,000 of them say summit. Dates run against the ids.
        const posts = Array.from({ length: COUNT_CAP + 50 }, (_, i): Post => ({
          ...emptyPost(`c${i % 3}`, i + 1, 'text'),
          date: new Date(start - i * 60_000).toISOString(),
          text: i < COUNT_CAP ? `kazan summit ${i % 7}` : 'kazan energy',
        }));
        await store.transaction(() => store.savePosts(posts));
        const newest = (q: string): number[] =>
          posts.filter((p) => q.split(' ').every((w) => p.text.includes(w))).map((p) => p.id);
        for (const [q, total, past] of [
          ['kazan', COUNT_CAP, true],
          ['summit', COUNT_CAP, false],
          ['kazan energy', 50, false],
        ] as const) {
          const first = await store.search(q, { sort: 'date', limit: 20 });
          assert.equal(first.total, total, q);
          assert.equal(first.totalIsLowerBound ?? false, past, q);
          assert.deepEqual(
            first.hits.map((h) => h.post.id),
            newest(q).slice(0, 20),
            `${q}: the newest 20`,
          );
          const deep = await store.search(q, { sort: 'date', limit: 20, offset: COUNT_CAP - 10 });
          assert.deepEqual(
            deep.hits.map((h) => h.post.id),
            newest(q).slice(COUNT_CAP - 10, COUNT_CAP + 10),
            `${q}: a page deep down`,
          );
        }
        await store.close();
      });

    it('a failed write inside a transaction rolls back alone; the transaction goes on', async () => {
      const schema = freshSchema();
      const store = await openPostgresStore(url, { schema });
      await store.transaction(async () => {
        await store.savePosts([{ ...emptyPost('c', 1, 'text'), text: 'kept' }]);
        await assert.rejects(store.setPostTopics([{ channel: 'c', id: 404, topics: ['x'] }]), StoreError);
        await store.savePosts([{ ...emptyPost('c', 2, 'text'), text: 'also kept' }]);
      });
      assert.equal(await store.countPosts({}), 2);
      await store.close();
    });
    it('two imports of the same posts at once: the one whose insert made a post is the one that added it', async () => {
      const schema = freshSchema();
      const [first, second] = [
        await openPostgresStore(url, { schema }),
        await openPostgresStore(url, { schema }),
      ];
      const posts = [1, 2, 3].map((id) => post('c', id, { text: `post ${id}` }));
      const batch = (store: typeof first) =>
        store.startImportBatch({ file: 'same.txt', format: 'text', startedAt: '2024-10-01T00:00:00.000Z' });
      const finish = (store: typeof first, id: number) =>
        store.finishImportBatch(id, { channels: ['c'], created: [], finishedAt: '2024-10-01T00:00:01.000Z' });
      try {
        const [a, b] = [await batch(first), await batch(second)];
        // The first notes the posts absent, then the second notes, saves and commits them before the first saves.
        let noted!: () => void;
        const firstNoted = new Promise<void>((r) => (noted = r));
        let go!: () => void;
        const secondDone = new Promise<void>((r) => (go = r));
        const firstSave = first.transaction(async () => {
          await first.noteImportPosts(a, posts);
          noted();
          await secondDone;
          return first.savePosts(posts, { importBatch: a });
        });
        await firstNoted;
        const secondSave = await second.transaction(async () => {
          await second.noteImportPosts(b, posts);
          return second.savePosts(posts, { importBatch: b });
        });
        go();
        const saved = await firstSave;
        assert.deepEqual([saved.added, secondSave.added], [0, 3]);
        const [one, two] = [await finish(first, a), await finish(second, b)];
        // What each was told is what its batch records, and the undo of the one that added nothing removes nothing.
        assert.deepEqual([one.added, two.added], [0, 3]);
        assert.equal((await first.undoImportBatch(a, 'x')).removed, 0);
        assert.equal(await first.countPosts({}), 3);
        assert.equal((await second.undoImportBatch(b, 'x')).removed, 3);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });

  describe('postgres and sqlite agree', () => {
    const corpus = (): Post[] => {
      const at = (d: number): string => `2024-10-${String(d).padStart(2, '0')}T10:00:00.000Z`;
      const mk = (
        channel: string,
        id: number,
        lang: string | null,
        text: string,
        patch: Partial<Post> = {},
      ): Post => ({
        ...emptyPost(channel, id, 'export-json'),
        date: at((id % 27) + 1),
        text,
        lang,
        ...patch,
      });
      return [
        mk('news', 1, 'en', 'Sanctions on Russian banks were extended on Monday, officials said.'),
        mk('news', 2, 'en', 'The summit in Kazan gathered leaders of BRICS; trade and sanctions discussed.', {
          entities: [{ type: 'hashtag', offset: 0, length: 0 }],
        }),
        mk('news', 3, 'en', 'Oil prices rose after the announcement (see example.com/report).'),
        mk('presse', 4, 'fr', "La coopération économique et l'élargissement des BRICS au sommet de Kazan."),
        mk('presse', 5, 'fr', 'Les sanctions économiques touchent les banques russes; élection à venir.'),
        mk('presse', 6, 'fr', 'Être ou ne pas être: la déclaration commune a été signée.'),
        mk('ru', 7, 'ru', 'Новые санкции против российских банков продлены в понедельник.'),
        mk('ru', 8, 'ru', 'Саммит БРИКС в Казани: ещё одна встреча лидеров, всё готово.'),
        mk('ru', 9, 'ru', 'Цены на нефть выросли после заявления.', {
          forwardedFrom: { name: 'Russian MFA 🇷🇺', username: 'mfa_russia', postId: 7, author: null },
        }),
        mk('ru', 10, null, 'Санкции, sanctions, sanctions: the word in three posts.', { date: null }),
        mk('misc', 11, 'de', 'Die Sanktionen gegen Banken wurden verlängert. #Sanktionen', {
          media: [{ type: 'photo', supported: true }],
        }),
      ];
    };

    for (const searchIndex of ['rum', 'gin'] as const)
      it(`the same posts give JSON-equal queryPosts and the same search hits (${searchIndex} search index)`, async () => {
        const schema = freshSchema();
        const pgStore = await openPostgresStore(url, { schema, searchIndex });
        const { mkdtempSync, rmSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const dir = mkdtempSync(join(tmpdir(), 'tgwire-parity-'));
        const lite = await openSqliteStore(join(dir, 'a.db'));
        try {
          for (const s of [pgStore, lite]) {
            await s.savePosts(corpus(), { seenAt: '2024-11-01T00:00:00.000Z' });
            await s.savePosts(
              [{ ...corpus()[0]!, text: 'Sanctions on Russian banks were extended.', edited: true }],
              {
                seenAt: '2024-11-03T00:00:00.000Z',
              },
            );
            await s.markDeleted('presse', [6], '2024-11-02T00:00:00.000Z');
            await s.setPostTopics([{ channel: 'news', id: 2, topics: ['summit', 'brics'] }]);
            await s.setStories([{ channel: 'ru', id: 8, storyId: 's1', reason: 'translation' }]);
          }
          for (const q of [
            {},
            { order: 'desc' as const },
            { channel: ['ru', 'misc'] },
            { lang: 'fr', limit: 2 },
          ]) {
            assert.deepEqual(await pgStore.queryPosts(q), await lite.queryPosts(q), JSON.stringify(q));
          }
          assert.deepEqual(await pgStore.stats(), await lite.stats());
          for (const f of [
            {},
            { channel: ['ru', 'misc'] },
            { includeDeleted: false },
            { since: '2024-10-05', lang: 'fr' },
          ]) {
            const w = JSON.stringify(f);
            assert.deepEqual(await pgStore.dailyCounts(f), await lite.dailyCounts(f), `dailyCounts ${w}`);
            assert.deepEqual(
              await pgStore.languageCounts(f),
              await lite.languageCounts(f),
              `languageCounts ${w}`,
            );
            assert.deepEqual(await pgStore.forwardEdges(f), await lite.forwardEdges(f), `forwardEdges ${w}`);
            for (const o of [f, { ...f, period: 'month' as const, top: 1 }])
              assert.deepEqual(
                await pgStore.hashtagCounts(o),
                await lite.hashtagCounts(o),
                `hashtagCounts ${w}`,
              );
          }
          assert.deepEqual(await pgStore.getVersions('news', 1), await lite.getVersions('news', 1));
          const queries = [
            'sanctions',
            'banks',
            'kazan',
            'brics -kazan',
            '"summit in kazan"',
            'cooperation',
            'elargissement',
            'etre',
            'санкции',
            'казани',
            'еще',
            'всё',
            'sanct*',
            'банк*',
            '#sanktionen',
            'example',
            'from:"russian mfa"',
            'sanctions lang:fr',
            'sanctions OR санкции',
            '-sanctions -санкции',
          ];
          const keys = (r: SearchResult): string[] =>
            r.hits.map((h) => `${h.post.channel}/${h.post.id}`).sort();
          for (const q of queries) {
            const [a, b] = await Promise.all([pgStore.search(q), lite.search(q)]);
            assert.deepEqual(keys(a), keys(b), q);
            assert.equal(a.total, b.total, q);
            const snippets = (r: SearchResult): string[] =>
              r.hits.map((h) => `${h.post.id} ${h.snippet}`).sort();
            assert.deepEqual(snippets(a), snippets(b), q);
          }
          // Both stores stem in the post's language, with the same lexemes: an inflected form finds the others.
          const stemmed: [string, string[]][] = [
            ['économique', ['presse/4', 'presse/5']],
            ['bank', ['news/1']],
            ['санкций', ['ru/7']],
            ['банк', ['ru/7']],
          ];
          for (const [q, want] of stemmed) {
            assert.deepEqual(keys(await lite.search(q)), want, `sqlite ${q}`);
            assert.deepEqual(keys(await pgStore.search(q)), want, `postgres ${q}`);
          }
        } finally {
          await pgStore.close();
          await lite.close();
          rmSync(dir, { recursive: true, force: true });
        }
      });
  });
}
