// `tgwire channels add|remove|list`: the list of channels collected live, kept in the database.
import { Command } from 'commander';
import { configFrom, withStore } from '../context.js';
import { channelKeyOf, parseDepth, requireFollows } from '../collect.js';
import { formatTable, printJson } from '../output.js';

export function channelsCommand(): Command {
  const cmd = new Command('channels').description(
    'the channels tgwire collects from t.me (kept in the database)',
  );
  cmd
    .command('add')
    .description('follow channels: @name, t.me/name, https://t.me/s/name or t.me/name/123')
    .argument('<channel...>', 'usernames or t.me links')
    .option(
      '--depth <date|id>',
      'backfill back to this date (YYYY-MM-DD) or post id (default: the whole history)',
    )
    .action(async (inputs: string[], opts: { depth?: string }, c: Command) => {
      const depth = parseDepth(opts.depth);
      const keys = inputs.map(channelKeyOf);
      await withStore(configFrom(c), async (store) => {
        const f = requireFollows(store);
        for (const key of keys) await f.follow(key, depth);
      });
      console.log(`following ${keys.join(', ')}`);
    });
  cmd
    .command('remove')
    .description('stop following channels (their archived posts stay)')
    .argument('<channel...>', 'usernames or t.me links')
    .action(async (inputs: string[], _opts: unknown, c: Command) => {
      const keys = inputs.map(channelKeyOf);
      await withStore(configFrom(c), async (store) => {
        const f = requireFollows(store);
        for (const key of keys) {
          if (!(await f.unfollow(key))) console.error(`not followed: ${key}`);
        }
      });
    });
  cmd
    .command('list')
    .description('followed channels with their collection status')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const follows = await requireFollows(store).listFollows();
        const rows = [];
        for (const f of follows) {
          const s = (await store.getSyncState?.(f.channel)) ?? null;
          const posts = await store.countPosts({ channel: f.channel });
          rows.push({
            ...f,
            posts,
            status: s?.status ?? (s?.topId != null ? 'backfilling' : 'new'),
            lastSyncAt: s?.lastSyncAt ?? null,
            lastError: s?.lastError ?? null,
            nextCheckAt: s?.nextCheckAt ?? null,
          });
        }
        if (opts.json) return printJson(rows);
        if (rows.length === 0) return console.log('no channels followed yet: tgwire channels add @name');
        console.log(
          formatTable(
            ['channel', 'depth', 'posts', 'status', 'last sync', 'next attempt', 'last error'],
            rows.map((r) => [
              r.channel,
              r.depth === null ? 'all' : String(r.depth),
              r.posts,
              r.status,
              r.lastSyncAt ?? '-',
              r.nextCheckAt ?? '-',
              r.lastError ?? '',
            ]),
          ),
        );
      });
    });
  return cmd;
}
