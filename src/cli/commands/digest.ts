// `tgwire digest`: a period's posts (or stories) as the sample's text format, Markdown or HTML; oldest first.
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import {
  DIGEST_FORMATS,
  digestLinks,
  digestSelection,
  digestStoryLines,
  renderDigest,
  type DigestFormat,
  type DigestRequest,
} from '../../pipeline/publish/digest.js';
import { UserError } from '../../util/errors.js';
import { parseDateRange } from '../../util/time.js';
import { configFrom, withArchive } from '../context.js';
import { outFile } from '../output.js';
import { resolveSlice } from '../../pipeline/names.js';

interface DigestFlags {
  topic?: string;
  channel?: string;
  since?: string;
  until?: string;
  all?: boolean;
  format: DigestFormat;
  stories?: boolean;
  out?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function digestCommand(): Command {
  return new Command('digest')
    .description(
      "write a period's posts oldest first (by default the last 24 hours); --format text is the sample feed's format",
    )
    .option('--topic <name>', 'only posts matching this topic')
    .option('--channel <name>', 'only this channel')
    .option('--since <date>', 'from this date (YYYY-MM-DD or ISO date-time; default: 24 hours ago)')
    .option('--until <date>', 'up to this date (a bare day includes the whole day)')
    .option('--all', 'every post, undated ones (text dumps) included, instead of the last 24 hours')
    .addOption(new Option('--format <format>', 'output format').choices([...DIGEST_FORMATS]).default('text'))
    .option('--stories', 'one entry per story (its first post), with a line naming its versions (md, html)')
    .option('--out <file>', 'write to this file instead of standard output (`-`: standard output)')
    .action(async (flags: DigestFlags, c: Command) => {
      const config = configFrom(c);
      if (flags.all && (flags.since || flags.until))
        throw new UserError('--all covers every post: drop --since/--until');
      // No period given: the last day, what a daily digest is for. Undated posts cannot be in it.
      const lastDay = !flags.all && !flags.since && !flags.until;
      const range = parseDateRange(flags.since, flags.until);
      const asked: DigestRequest = {
        topic: flags.topic,
        channel: flags.channel,
        since: range.since ?? (lastDay ? new Date(Date.now() - DAY_MS).toISOString() : undefined),
        until: range.until,
        period: lastDay ? 'the last 24 hours' : undefined,
        stories: flags.stories ?? false,
      };
      await withArchive(config, async (store) => {
        const req = await resolveSlice(store, asked);
        const { posts, deleted } = await digestSelection(store, req);
        if (lastDay && posts.length === 0)
          console.error(
            `tgwire: no posts in the last 24 hours (since ${req.since!.slice(0, 16).replace('T', ' ')} UTC); ` +
              'give --since DATE for a longer period, or --all for every post, undated ones included',
          );
        const links = await digestLinks(store, { tmeBase: config.tmeBase, publicUrl: config.publicUrl });
        if (req.stories) links.storyLine = await digestStoryLines(store, posts);
        links.deleted = deleted;
        const out = renderDigest(posts, flags.format, req, links);
        const file = outFile(flags.out);
        if (file) {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, out);
        } else process.stdout.write(out);
      });
    });
}
