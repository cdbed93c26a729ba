// `tgwire searches add|list|remove|show`: searches kept under a name, for feeds, bot routes and webhooks.
import { Command } from 'commander';
import { countLabel } from '../../search/count.js';
import { savedSearchOf } from '../../search/saved.js';
import type { SearchResult, Store } from '../../store/store.js';
import { UserError } from '../../util/errors.js';
import { configFrom, withStore } from '../context.js';
import { formatTable, printJson } from '../output.js';
import { resolveQueryNames, resolveSavedSearch } from '../../pipeline/names.js';
import { positiveInt } from '../numbers.js';

/** "12 posts", "10000+ posts": how many the search finds now (the store may stop counting at a cap). */
async function matching(store: Store, query: string): Promise<{ total: number; more: boolean }> {
  const r = await store.search(await resolveQueryNames(store, query), { limit: 0 });
  return { total: r.total, more: r.totalIsLowerBound === true };
}

const counted = (m: { total: number; more: boolean }): string =>
  countLabel({ total: m.total, totalIsLowerBound: m.more }, 'post');

/** "1 post matches now", "3 posts match now". */
const matchNow = (m: { total: number; more: boolean }): string =>
  `${counted(m)} match${m.total === 1 && !m.more ? 'es' : ''} now`;

function snippetText(s: string): string {
  return s
    .replace(/\uE000/g, '[')
    .replace(/\uE001/g, ']')
    .replace(/\s+/g, ' ');
}

function printHits(res: SearchResult): void {
  for (const h of res.hits) {
    const date = h.post.date ? h.post.date.slice(0, 16).replace('T', ' ') : 'undated';
    console.log(`${h.post.channel}/${h.post.id}  ${date}  ${snippetText(h.snippet)}`);
  }
}

export function searchesCommand(): Command {
  const cmd = new Command('searches').description(
    'saved searches: queries kept under a name, with feeds, usable in bot routes and webhooks',
  );
  cmd
    .command('add')
    .description("save a search, e.g. tgwire searches add brics-summit 'brics summit OR #brics'")
    .argument('<name>', 'lower-case letters, digits, "-" and "_"')
    .argument('<query>', 'words, "phrases", #hashtags, OR/AND/NOT, ( ), lang:, channel:, from:, topic:')
    .option('--replace', 'change the query of a search that exists')
    .action(async (name: string, query: string, opts: { replace?: boolean }, c: Command) => {
      const search = savedSearchOf(name, query, new Date().toISOString());
      await withStore(configFrom(c), async (store) => {
        // A channel: or topic: name with a typo would match nothing, silently, for as long as the search lives;
        // one in another case is kept as the archive writes it (topic:BRICS is kept as topic:brics).
        const query = await resolveQueryNames(store, search.query);
        const existing = await store.getSavedSearch(search.name);
        if (existing && !opts.replace)
          throw new UserError(
            `a search named ${search.name} exists (${JSON.stringify(existing.query)}): add --replace to change it`,
          );
        await store.saveSearch({ ...search, query, createdAt: existing?.createdAt ?? search.createdAt });
        console.log(
          `search ${search.name} ${existing ? 'changed' : 'saved'}${query === search.query ? '' : ` as ${query}`}; ${matchNow(await matching(store, query))}`,
        );
      });
    });
  cmd
    .command('list')
    .description('saved searches with their queries and how many posts they find')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const rows = [];
        for (const s of await store.listSavedSearches()) {
          const m = await matching(store, s.query).catch(() => null);
          rows.push({ ...s, posts: m?.total ?? null, ...(m?.more ? { postsIsLowerBound: true } : {}) });
        }
        if (opts.json) return printJson(rows);
        if (rows.length === 0) {
          console.log("no saved searches (tgwire searches add NAME 'QUERY')");
          return;
        }
        console.log(
          formatTable(
            ['search', 'query', 'posts', 'created'],
            rows.map((s) => [
              s.name,
              s.query,
              s.posts === null ? 'error' : `${s.posts}${s.postsIsLowerBound ? '+' : ''}`,
              s.createdAt.slice(0, 10),
            ]),
          ),
        );
      });
    });
  cmd
    .command('remove')
    .description('remove a saved search (routes and webhooks naming it then refuse to start)')
    .argument('<name>')
    .action(async (name: string, _o: unknown, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const s = await resolveSavedSearch(store, name);
        await store.removeSavedSearch(s.name);
        console.log(`search ${s.name} removed`);
      });
    });
  cmd
    .command('show')
    .description('run a saved search: its newest matching posts')
    .argument('<name>')
    .option('--limit <n>', 'posts to show', '20')
    .option('--json', 'print as JSON')
    .action(async (name: string, opts: { limit: string; json?: boolean }, c: Command) => {
      const limit = positiveInt(opts.limit, '--limit');
      await withStore(configFrom(c), async (store) => {
        const s = await resolveSavedSearch(store, name);
        // A topic: or channel: gone since the search was saved is the error a typed query gets, not "0 results".
        const res = await store.search(await resolveQueryNames(store, s.query), { sort: 'date', limit });
        const more = res.totalIsLowerBound ? '+' : '';
        if (opts.json)
          return printJson({
            name: s.name,
            query: s.query,
            total: res.total,
            ...(more ? { totalIsLowerBound: true } : {}),
            hits: res.hits.map((h) => ({
              channel: h.post.channel,
              id: h.post.id,
              date: h.post.date,
              snippet: snippetText(h.snippet),
            })),
          });
        console.log(`${s.name}: ${s.query}`);
        console.log(`${countLabel(res)}, newest first`);
        printHits(res);
      });
    });
  return cmd;
}
