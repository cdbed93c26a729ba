// `tgwire digest`: a period's posts (or stories) as the sample's text format, Markdown or HTML; oldest first.
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import {
  DIGEST_FORMATS,
  digestPosts,
  renderDigest,
  type DigestFormat,
} from '../../pipeline/publish/digest.js';
import { parseDateArg } from '../../util/time.js';
import { configFrom, withStore } from '../context.js';
import { resolveSlice } from '../resolve.js';

interface DigestFlags {
  topic?: string;
  channel?: string;
  since?: string;
  until?: string;
  format: DigestFormat;
  stories?: boolean;
  out?: string;
}

export function digestCommand(): Command {
  return new Command('digest')
    .description("write a period's posts oldest first; --format text is the sample feed's format")
    .option('--topic <name>', 'only posts matching this topic')
    .option('--channel <name>', 'only this channel')
    .option('--since <date>', 'from this date (YYYY-MM-DD or ISO date-time)')
    .option('--until <date>', 'up to this date (a bare day includes the whole day)')
    .addOption(new Option('--format <format>', 'output format').choices([...DIGEST_FORMATS]).default('text'))
    .option('--stories', 'one entry per story (its first post)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (flags: DigestFlags, c: Command) => {
      const config = configFrom(c);
      const asked = {
        topic: flags.topic,
        channel: flags.channel,
        since: flags.since ? parseDateArg(flags.since, '--since') : undefined,
        until: flags.until ? parseDateArg(flags.until, '--until') : undefined,
        stories: flags.stories ?? false,
      };
      await withStore(config, async (store) => {
        const req = await resolveSlice(store, asked);
        const out = renderDigest(await digestPosts(store, req), flags.format, req);
        if (flags.out) {
          await mkdir(dirname(flags.out), { recursive: true });
          await writeFile(flags.out, out);
        } else process.stdout.write(out);
      });
    });
}
