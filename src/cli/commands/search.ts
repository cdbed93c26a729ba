// `tgwire search QUERY`: full-text search over the archive in the user query language.
import { Command } from 'commander';
import { parseDateRange } from '../../util/time.js';
import { countLabel } from '../../search/count.js';
import { UserError } from '../../util/errors.js';
import { configFrom, withArchive } from '../context.js';
import { warnUnfinishedCopy } from '../copy-notice.js';
import { resolveQueryNames, resolveSlice } from '../../pipeline/names.js';
import { printJson } from '../output.js';
import { positiveInt } from '../numbers.js';

export function searchCommand(): Command {
  return (
    new Command('search')
      .description(
        'full-text search: words, "phrases", #hashtags, OR, NOT, ( ), lang:fr, channel:name, from:origin',
      )
      .argument('<query...>', 'the query (several words are joined)')
      .option('--channel <name>', 'only this channel')
      .option('--topic <name>', 'only posts matching this topic')
      .option('--since <date>', 'from this date')
      .option('--until <date>', 'up to this date')
      .option('--sort <order>', 'relevance or date', 'relevance')
      .option('--limit <n>', 'results to show', '20')
      .option('--json', 'print results as JSON')
      // -word is the query's NOT: a word that starts with one dash is the query's, not an unknown option.
      .allowUnknownOption()
      .action(
        async (
          words: string[],
          opts: {
            channel?: string;
            topic?: string;
            since?: string;
            until?: string;
            sort: string;
            limit: string;
            json?: boolean;
          },
          cmd: Command,
        ) => {
          // Only single-dash words are let through; a mistyped --option stays an error.
          const unknown = words.find((w) => w.startsWith('--'));
          if (unknown) throw new UserError(`unknown option '${unknown}' (see tgwire search --help)`);
          const limit = positiveInt(opts.limit, '--limit');
          if (opts.sort !== 'relevance' && opts.sort !== 'date')
            throw new UserError(`--sort must be relevance or date`);
          const config = configFrom(cmd);
          const { since, until } = parseDateRange(opts.since, opts.until);
          await withArchive(config, async (store) => {
            await warnUnfinishedCopy(store, config.db);
            const { channel, topic } = await resolveSlice(store, {
              channel: opts.channel,
              topic: opts.topic,
            });
            const query = await resolveQueryNames(store, words.join(' '));
            const res = await store.search(query, {
              channel,
              topic,
              since,
              until,
              sort: opts.sort as 'relevance' | 'date',
              limit,
            });
            if (opts.json) {
              printJson({
                total: res.total,
                ...(res.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
                hits: res.hits.map((h) => ({
                  channel: h.post.channel,
                  id: h.post.id,
                  date: h.post.date,
                  score: h.score,
                  snippet: h.snippet.replace(/\uE000/g, '[').replace(/\uE001/g, ']'),
                })),
              });
              return;
            }
            // A count above the lines shown would read as a miscount: say how many are shown and how to see more.
            const more = res.hits.length < res.total ? `, ${res.hits.length} shown (--limit N for more)` : '';
            console.log(`${countLabel(res)}${res.hits.length ? more : ''}`);
            for (const h of res.hits) {
              const date = h.post.date ? h.post.date.slice(0, 16).replace('T', ' ') : 'undated';
              const snippet = h.snippet
                .replace(/\uE000/g, '[')
                .replace(/\uE001/g, ']')
                .replace(/\s+/g, ' ');
              console.log(`${h.post.channel}/${h.post.id}  ${date}  ${snippet}`);
            }
          });
        },
      )
  );
}
