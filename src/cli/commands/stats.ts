// `tgwire stats`: channels, posts, date range and top hashtags of the archive.
import { Command } from 'commander';
import { configFrom, withStore } from '../context.js';
import { formatTable, printJson } from '../output.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description('what the archive holds: channels, posts, date range, top hashtags')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const config = configFrom(cmd);
      await withStore(config, async (store) => {
        const s = await store.stats();
        if (opts.json) return printJson(s);
        console.log(`database   ${config.db}`);
        console.log(`channels   ${s.channels}`);
        console.log(`posts      ${s.posts} (${s.deleted} deleted)`);
        console.log(`dates      ${s.firstDate ?? '-'} .. ${s.lastDate ?? '-'}`);
        if (s.perChannel.length) {
          console.log('');
          console.log(
            formatTable(
              ['channel', 'posts', 'first', 'last'],
              s.perChannel.map((c) => [
                c.channel,
                c.posts,
                c.firstDate?.slice(0, 10) ?? '-',
                c.lastDate?.slice(0, 10) ?? '-',
              ]),
            ),
          );
        }
        if (s.topHashtags.length) {
          console.log('');
          console.log('top hashtags: ' + s.topHashtags.map((h) => `#${h.tag} (${h.count})`).join(', '));
        }
      });
    });
}
