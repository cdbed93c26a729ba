// `tgwire stats`: channels, posts, date range, top hashtags and kept media of the archive.
import { Command } from 'commander';
import { configFrom, withArchive } from '../context.js';
import { warnUnfinishedCopy } from '../copy-notice.js';
import { openMediaStore } from '../media.js';
import { formatBytes, formatTable, printJson } from '../output.js';
import { withoutPassword } from '../../util/redact-url.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description('what the archive holds: channels, posts, date range, top hashtags, media files')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const config = configFrom(cmd);
      await withArchive(config, async (store) => {
        await warnUnfinishedCopy(store, config.db);
        const s = await store.stats();
        const perKind = await store.mediaTotals();
        const blobs = openMediaStore(config);
        const media = {
          /** Where the bytes live (a folder, s3://bucket/prefix), or null when media are off. */
          location: blobs?.location ?? null,
          store: blobs?.kind ?? null,
          files: perKind.reduce((n, t) => n + t.files, 0),
          bytes: perKind.reduce((n, t) => n + t.bytes, 0),
          perKind,
        };
        if (opts.json) return printJson({ ...s, media });
        console.log(`database   ${withoutPassword(config.db)}`);
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
        console.log('');
        console.log(
          `media      ${media.files} files, ${formatBytes(media.bytes)}` +
            (media.location ? ` in ${media.location}` : ' (media are off)'),
        );
        if (perKind.length) {
          console.log(
            formatTable(
              ['kind', 'files', 'size'],
              perKind.map((t) => [t.kind, t.files, formatBytes(t.bytes)]),
            ),
          );
        }
      });
    });
}
