// Relevance past the count's cap, class by class of how often each word occurs (search-rank.ts), against every match
// ranked by the same rank written out here: random counts of a few words in posts of three stemmed languages and
// none, queries of one to three words (some sharing a stem), with a NOT part and a channel filter.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../../model/post.js';
import { PG_URL, admin, schemaPool } from '../../../test/pg.js';
import { mulberry32 } from '../../util/random.js';
import { openPostgresStore } from './index.js';

const schemas = schemaPool('rankc');

const CONFIGS = ['english', 'french', 'russian'] as const;

if (!PG_URL) {
  describe('relevance class by class', () => {
    it('runs against a PostgreSQL server', (t) => t.skip('TGWIRE_TEST_PG not set'));
  });
} else {
  const url = PG_URL;
  after(() => schemas.dropAll());

  describe('relevance class by class', () => {
    it('gives the very pages of every match ranked, for random queries over random counts', async () => {
      const schema = schemas.fresh();
      const store = await openPostgresStore(url, { schema, searchIndex: 'gin' });
      const rand = mulberry32(11);
      const at = (id: number): string => new Date(Date.UTC(2024, 0, 1) + id * 60_000).toISOString();
      // 'common' in every post; the others in some, 1 to 20 times (mostly few), 'commons' and 'banks'/'bank'
      // sharing English stems with 'common' and each other.
      const vocabulary = ['commons', 'alpha', 'beta', 'banks', 'bank'];
      const n = 2400;
      const posts = Array.from({ length: n }, (_, i): Post => {
        const id = i + 1;
        const words: string[] = [];
        const times = (): number => 1 + Math.floor(rand() ** 5 * 20);
        for (let k = times(); k > 0; k--) words.push('common');
        for (const w of vocabulary) if (rand() < 0.7) for (let k = times(); k > 0; k--) words.push(w);
        words.push(`filler${id}`);
        const lang = [null, 'en', 'fr', 'ru'][id % 4]!;
        return { ...emptyPost(`c${id % 2}`, id, 'text'), date: at(id), text: words.join(' '), lang };
      });
      await store.transaction(() => store.savePosts(posts));

      // The rank as the store defines it (search.ts), written out: the words as written, or the stems of the post's
      // configuration, whichever ranks higher; a word matches as written or by its stem in the post's language.
      const exact = async (words: string[], not: string | null, channel: string | null): Promise<number[]> =>
        admin(async (c) => {
          const written = words.join(' | ');
          const matchWord = (w: string): string =>
            `(p.tsv @@ '${w}'::tsquery OR ${CONFIGS.map(
              (cfg) => `(p.ts_config = '${cfg}' AND p.tsv_stem @@ to_tsquery('${cfg}', '${w}'))`,
            ).join(' OR ')})`;
          const where = [
            ...words.map(matchWord),
            ...(not ? [`NOT ${matchWord(not)}`] : []),
            ...(channel ? [`p.channel = '${channel}'`] : []),
          ];
          const stemmed = CONFIGS.map(
            (cfg) => `WHEN '${cfg}' THEN ts_rank(p.tsv_stem, to_tsquery('${cfg}', '${words.join(' | ')}'))`,
          ).join(' ');
          const rows = await c.query<{ id: string }>(
            `SELECT p.id FROM ${schema}.posts p WHERE ${where.join(' AND ')}
             ORDER BY round(greatest(ts_rank(p.tsv, '${written}'::tsquery),
               CASE p.ts_config ${stemmed} ELSE 0 END)::float8 * 1000000) DESC,
               p.sort_date DESC, p.channel DESC, p.id DESC
             LIMIT 20`,
          );
          return rows.rows.map((r) => Number(r.id));
        });

      const all = ['common', ...vocabulary];
      let ranked = 0;
      for (let q = 0; q < 24; q++) {
        const size = 1 + Math.floor(rand() * 3);
        const words = [...new Set(Array.from({ length: size }, () => all[Math.floor(rand() * all.length)]!))];
        const not = rand() < 0.25 ? vocabulary.find((w) => !words.includes(w))! : null;
        const channel = rand() < 0.25 ? 'c1' : null;
        const text = [...words, ...(not ? [`-${not}`] : []), ...(channel ? [`channel:${channel}`] : [])].join(
          ' ',
        );
        const result = await store.search(text, { limit: 20 });
        if (result.totalIsLowerBound) ranked++;
        assert.deepEqual(
          result.hits.map((h) => h.post.id),
          await exact(words, not, channel),
          text,
        );
      }
      // Enough of the queries are past the cap, where the classes rank them (under it, every match is ranked).
      assert.ok(ranked >= 8, `${ranked} of 24 queries past the count's cap`);
      await store.close();
    });
  });
}
