// `tgwire export`: writes the archive (or a slice) as JSONL, the sample's text format, or CSV; oldest first.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { Command, Option } from 'commander';
import type { Post } from '../../model/post.js';
import type { PostQuery, Store } from '../../store/store.js';
import { jsonlLine, postToJson, versionToJson } from '../../feeds/jsonl.js';
import { MAX_COMMENTS } from '../../store/comments.js';
import { renderTextFeed } from '../../feeds/text.js';
import { archiveCsv } from '../../pipeline/publish/csv.js';
import { archivePostUrls } from '../../pipeline/publish/urls.js';
import { renderNetwork } from '../../pipeline/network.js';
import { UserError } from '../../util/errors.js';
import { parseDateRange } from '../../util/time.js';
import { configFrom, withArchive } from '../context.js';
import { outFile } from '../output.js';
import { resolveSlice } from '../../pipeline/names.js';

export interface SliceOptions {
  /** One channel, or several when --channel is repeated. */
  channel?: string | string[];
  since?: string;
  until?: string;
  topic?: string;
}

/** The slice's dates checked; its channel and topic are checked against the archive by resolveSlice. */
export function sliceQuery(opts: SliceOptions): PostQuery & { channel?: string | string[] } {
  return {
    channel: opts.channel,
    ...parseDateRange(opts.since, opts.until),
    topic: opts.topic,
    order: 'asc',
  };
}

export function addSliceOptions(cmd: Command): Command {
  return cmd
    .option(
      '--channel <name>',
      'only this channel (repeat for several)',
      (v: string, prev?: string | string[]) =>
        prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v],
    )
    .option('--topic <name>', 'only posts matching this topic')
    .option('--since <date>', 'from this date (YYYY-MM-DD or ISO date-time)')
    .option('--until <date>', 'up to this date (a bare day includes the whole day)');
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Followed channel -> the discussion group its comments are kept in. */
async function discussionGroups(store: Store): Promise<Map<string, string>> {
  const groups = new Map<string, string>();
  for (const f of await store.listFollows()) {
    const group = (await store.getSyncState(f.channel))?.discussion;
    if (group) groups.set(f.channel, group);
  }
  return groups;
}

export function exportCommand(): Command {
  const cmd = new Command('export')
    .description(
      'write posts as JSONL, plain text (the sample feed format) or CSV, oldest first; or the forward and mention ' +
        'network as GEXF or GraphML (for Gephi)',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['jsonl', 'text', 'csv', 'gexf', 'graphml'])
        .default('jsonl'),
    )
    .option('--out <file>', 'write to this file instead of standard output (`-`: standard output)')
    .option('--stories', 'one entry per story (its first post), not one per copy')
    .option(
      '--comments',
      'JSONL: each post carries its comments (channels added --comments), which are not listed on their own',
    )
    .option(
      '--versions',
      'JSONL: each post carries every version of its text, oldest first (the last is the current one), with its ' +
        'edit date and when the archive first saw it',
    )
    .option(
      '--bom',
      'CSV: start with a UTF-8 byte-order mark, for spreadsheets that guess the encoding (Excel)',
    )
    .option(
      '--no-formula-guard',
      "CSV: write cells starting with = + - @ as they are (by default a ' is put before them, so a spreadsheet " +
        'shows them instead of running them as formulas)',
    );
  addSliceOptions(cmd);
  return cmd.action(
    async (
      opts: SliceOptions & {
        format: 'jsonl' | 'text' | 'csv' | 'gexf' | 'graphml';
        out?: string;
        stories?: boolean;
        comments?: boolean;
        versions?: boolean;
        bom?: boolean;
        /** false with --no-formula-guard. */
        formulaGuard: boolean;
      },
      c: Command,
    ) => {
      const config = configFrom(c);
      if (opts.stories && (opts.format === 'gexf' || opts.format === 'graphml'))
        throw new UserError(
          '--stories picks posts to list; a network counts every post: leave --stories out',
        );
      if (opts.comments && opts.format !== 'jsonl')
        throw new UserError('--comments nests the comments in each post: it needs --format jsonl');
      if (opts.versions && opts.format !== 'jsonl')
        throw new UserError('--versions nests the versions in each post: it needs --format jsonl');
      if ((opts.bom || !opts.formulaGuard) && opts.format !== 'csv')
        throw new UserError(
          `${opts.bom ? '--bom' : '--no-formula-guard'} is a CSV option: it needs --format csv`,
        );
      const dates = sliceQuery(opts);
      await withArchive(config, async (store) => {
        const query = await resolveSlice(store, dates);
        const file = outFile(opts.out);
        if (file) await mkdir(dirname(file), { recursive: true });
        const out: NodeJS.WritableStream = file ? createWriteStream(file) : process.stdout;
        const seenStories = new Set<string>();
        const wanted = (p: Post): boolean => {
          if (!opts.stories || !p.story) return true;
          if (seenStories.has(p.story)) return false;
          seenStories.add(p.story);
          return true;
        };
        if (opts.format === 'gexf' || opts.format === 'graphml') {
          await write(out, await renderNetwork(store, query, opts.format));
        } else if (opts.format === 'text') {
          // The text format joins posts with context (a forward's header follows the previous post), so render whole.
          const posts: Post[] = [];
          for await (const p of store.iteratePosts(query)) if (wanted(p)) posts.push(p);
          await write(out, renderTextFeed(posts));
        } else if (opts.format === 'csv') {
          const posts = async function* () {
            for await (const p of store.iteratePosts(query)) if (wanted(p)) yield p;
          };
          const csv = { bom: opts.bom ?? false, escapeFormulas: opts.formulaGuard };
          for await (const chunk of archiveCsv(store, posts(), csv)) await write(out, chunk);
        } else {
          const groups = opts.comments ? await discussionGroups(store) : null;
          const inGroup = new Set(groups?.values());
          const json = { urlFor: await archivePostUrls(store) };
          for await (const p of store.iteratePosts(query)) {
            if (!wanted(p)) continue;
            if (!groups && !opts.versions) {
              await write(out, jsonlLine(p, json));
              continue;
            }
            // A comment is written inside its post, not again on its own.
            if (groups && inGroup.has(p.channel) && p.replyTo !== null) continue;
            const line = postToJson(p, json);
            if (opts.versions) line.versions = (await store.getVersions(p.channel, p.id)).map(versionToJson);
            if (groups) {
              const group = groups.get(p.channel);
              const comments = group ? await store.getReplies(group, p.id, MAX_COMMENTS) : [];
              line.comments = comments.map((x) => postToJson(x, json));
            }
            await write(out, `${JSON.stringify(line)}\n`);
          }
        }
        if (file) {
          out.end();
          await once(out, 'finish');
        }
      });
    },
  );
}
