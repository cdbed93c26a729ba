// `tgwire stories`: forwards, copies and translations of one statement, folded into stories; readers' corrections.
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { z } from 'zod';
import { parsePostKey, type Post } from '../../model/post.js';
import { storyWhy, type StoryCorrection, type StoryEvidence } from '../../model/story.js';
import {
  applyStoryCorrections,
  correctStory,
  findPost,
  type CorrectionsResult,
} from '../../pipeline/story-corrections.js';
import { rebuildStories } from '../../pipeline/stories.js';
import type { Store } from '../../store/store.js';
import { UserError, errorMessage } from '../../util/errors.js';
import { configFrom, withStore } from '../context.js';
import { resolveChannel, resolveSlice } from '../../pipeline/names.js';
import { createProgress, formatTable, printJson } from '../output.js';
import { sliceQuery, addSliceOptions, type SliceOptions } from './export.js';
import { positiveInt } from '../numbers.js';

interface StoryRow {
  story: string;
  posts: number;
  languages: string[];
  /** The channels the posts are in. */
  channels: string[];
  /** The names forwarded posts give their origin. */
  origins: string[];
  first: string | null;
  last: string | null;
  members: {
    post: string;
    lang: string | null;
    date: string | null;
    reason?: string;
    /** What it shared with the posts it was compared with; null for the canonical post or when unrecorded. */
    evidence: StoryEvidence | null;
    /** The same in one short line. */
    why: string;
  }[];
  text: string;
}

export function storiesCommand(): Command {
  const cmd = new Command('stories')
    .description('list stories (several posts carrying one statement), largest first')
    .option('--rebuild', 'regroup the whole archive first')
    .option('--all', 'also stories of a single post')
    .option('--limit <n>', 'stories to show', '20')
    .option('--json', 'print as JSON');
  addSliceOptions(cmd);
  cmd.addCommand(splitCommand());
  cmd.addCommand(mergeCommand());
  cmd.addCommand(correctionsCommand());
  return cmd.action(
    async (
      opts: SliceOptions & { rebuild?: boolean; all?: boolean; limit: string; json?: boolean },
      c: Command,
    ) => {
      const dates = sliceQuery(opts);
      const limit = positiveInt(opts.limit, '--limit');
      await withStore(configFrom(c), async (store) => {
        const query = await resolveSlice(store, dates);
        if (opts.rebuild) {
          const progress = createProgress();
          const r = await rebuildStories(store, (d, t) => progress.update(d, t, 'grouping stories'));
          progress.stop();
          console.error(`${r.posts} posts in ${r.stories} stories (${r.grouped} with several posts)`);
          reportApplied(await applyStoryCorrections(store));
        }
        const byStory = new Map<string, Post[]>();
        for await (const p of store.iteratePosts(query)) {
          if (!p.story) continue;
          const list = byStory.get(p.story) ?? [];
          list.push(p);
          byStory.set(p.story, list);
        }
        const rows: StoryRow[] = [];
        for (const [story, posts] of byStory) {
          if (posts.length < 2 && !opts.all) continue;
          const members = await store.getStoryMembers(story);
          const byKey = new Map(members.map((m) => [`${m.channel}/${m.id}`, m]));
          const dates = posts
            .map((p) => p.date)
            .filter((d): d is string => d !== null)
            .sort();
          rows.push({
            story,
            posts: posts.length,
            languages: [...new Set(posts.map((p) => p.lang).filter((l): l is string => !!l))],
            channels: [...new Set(posts.map((p) => p.channel))],
            origins: [...new Set(posts.flatMap((p) => (p.forwardedFrom ? [p.forwardedFrom.name] : [])))],
            first: dates[0] ?? null,
            last: dates.at(-1) ?? null,
            members: posts.map((p) => {
              const m = byKey.get(`${p.channel}/${p.id}`);
              return {
                post: `${p.channel}/${p.id}`,
                lang: p.lang ?? null,
                date: p.date,
                reason: m?.reason,
                evidence: m?.evidence ?? null,
                why: m ? storyWhy(m) : '',
              };
            }),
            text: headline(posts, members),
          });
        }
        rows.sort((a, b) => b.posts - a.posts || (a.first ?? '').localeCompare(b.first ?? ''));
        const shown = rows.slice(0, limit);
        const more =
          shown.length < rows.length
            ? `the first ${shown.length} of ${rows.length} shown (--limit N shows more)`
            : null;
        if (opts.json) {
          if (more) console.error(more);
          return printJson(shown);
        }
        console.log(
          `${plural(rows.length, 'story', 'stories')}${opts.all ? '' : ' with several posts'}${more ? `; ${more}` : ''}`,
        );
        for (const r of shown) {
          console.log(
            `\n${r.story}  ${plural(r.posts, 'post', 'posts')}  [${r.languages.join(', ')}]  ${r.first?.slice(0, 10) ?? 'undated'}  ${r.text}`,
          );
          for (const m of r.members)
            console.log(`  ${m.post.padEnd(24)} ${String(m.lang ?? '-').padEnd(3)} ${m.why}`);
        }
      });
    },
  );
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A story's headline: the first line with words of its canonical post (else of the first post with text). */
function headline(posts: Post[], members: { channel: string; id: number; reason: string }[]): string {
  const canonical = members.find((m) => m.reason === 'canonical');
  const post =
    posts.find(
      (p) => canonical && p.channel === canonical.channel && p.id === canonical.id && p.text.trim(),
    ) ?? posts.find((p) => p.text.trim());
  const line = (post?.text ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 90);
}

/** The post a user named as CHANNEL/ID, checked against the archive. */
async function requirePost(store: Store, input: string): Promise<string> {
  const r = await findPost(store, input);
  if (r.found) return r.key;
  // Throws "no channel named X" with the closest names.
  if (r.problem === 'no-channel') await resolveChannel(store, parsePostKey(input)!.channel);
  throw new UserError(r.message);
}

function reportApplied(r: CorrectionsResult): void {
  if (r.applied) console.error(`applied ${r.applied} story correction${r.applied === 1 ? '' : 's'}`);
  for (const s of r.skipped)
    console.error(`correction #${s.correction.id} not applied: ${s.missing} is not in the archive`);
}

function splitCommand(): Command {
  return new Command('split')
    .description(
      'take a post out of its story: it is never grouped with that story again, and still takes in its own copies',
    )
    .argument('<post>', 'the post, CHANNEL/ID')
    .action(async (input: string, _opts: unknown, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const post = await requirePost(store, input);
        const r = await correctStory(store, { kind: 'split', post, createdAt: new Date().toISOString() });
        reportApplied(r.result);
        console.log(`${post} split out of its story: now ${r.storyId} (correction #${r.id})`);
      });
    });
}

function mergeCommand(): Command {
  return new Command('merge')
    .description("merge a post's story into another post's story, kept after rebuilds")
    .argument('<post>', 'a post of the story that moves, CHANNEL/ID')
    .argument('<into>', 'a post of the story it joins, CHANNEL/ID')
    .action(async (input: string, intoInput: string, _opts: unknown, c: Command) => {
      await withStore(configFrom(c), async (store) => {
        const post = await requirePost(store, input);
        const into = await requirePost(store, intoInput);
        if (post === into) throw new UserError(`${post} cannot be merged into itself`);
        const r = await correctStory(store, {
          kind: 'merge',
          post,
          into,
          createdAt: new Date().toISOString(),
        });
        reportApplied(r.result);
        console.log(
          `the story of ${post} merged into ${r.storyId}, the story of ${into} (correction #${r.id})`,
        );
      });
    });
}

const correctionSchema = z.discriminatedUnion('kind', [
  // A split without `from` (written before it was recorded) keeps its old meaning: the post stands alone.
  z.object({
    kind: z.literal('split'),
    post: z.string(),
    from: z.array(z.string()).optional(),
    createdAt: z.string(),
  }),
  z.object({ kind: z.literal('merge'), post: z.string(), into: z.string(), createdAt: z.string() }),
]);
const correctionList = z.array(correctionSchema);

/** The corrections of a file written by `stories corrections --json`; a UserError says what is wrong with it. */
async function readCorrections(file: string): Promise<StoryCorrection[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${file}: ${errorMessage(e)}`, { cause: e });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(`${file} is not JSON: write it with tgwire stories corrections --json`);
  }
  // The --json listing is an array; {corrections: [...]} (an API answer) is read too.
  const list =
    data && typeof data === 'object' && !Array.isArray(data) && 'corrections' in data
      ? data.corrections
      : data;
  const parsed = correctionList.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${file} is not a list of story corrections (at ${issue.path.join('.') || 'the top'}: ${issue.message})`,
    );
  }
  for (const c of parsed.data) {
    for (const key of c.kind === 'merge' ? [c.post, c.into] : [c.post, ...(c.from ?? [])])
      if (!parsePostKey(key))
        throw new UserError(`${file}: "${key.slice(0, 100)}" is not a post (CHANNEL/ID)`);
    if (Number.isNaN(Date.parse(c.createdAt)))
      throw new UserError(`${file}: "${c.createdAt.slice(0, 40)}" is not a date`);
  }
  return parsed.data;
}

function correctionsCommand(): Command {
  return new Command('corrections')
    .description("the readers' story corrections (split, merge) kept across rebuilds")
    .option('--json', 'print as JSON (what --import reads)')
    .option('--remove <id>', 'forget a correction (the stories change back at the next --rebuild)')
    .option('--import <file>', 'add the corrections of a --json listing (those already kept are skipped)')
    .action(async (_opts: unknown, c: Command) => {
      // With the globals: `stories` has a --json of its own, which takes the flag wherever it is written.
      const opts = c.optsWithGlobals<{ json?: boolean; remove?: string; import?: string }>();
      if (opts.remove !== undefined && opts.import !== undefined)
        throw new UserError('give --remove or --import, not both');
      await withStore(configFrom(c), async (store) => {
        if (opts.remove !== undefined) {
          const id = Number(opts.remove);
          if (!/^\d{1,15}$/.test(opts.remove) || !(await store.removeStoryCorrection(id)))
            throw new UserError(
              `no story correction #${opts.remove.slice(0, 20)} (tgwire stories corrections lists them)`,
            );
          console.log(`removed correction #${id} (tgwire stories --rebuild regroups without it)`);
          return;
        }
        if (opts.import !== undefined) {
          const incoming = await readCorrections(opts.import);
          const before = new Set((await store.listStoryCorrections()).map((k) => k.id));
          let added = 0;
          await store.transaction(async () => {
            for (const k of incoming) if (!before.has(await store.addStoryCorrection(k))) added++;
          });
          reportApplied(await applyStoryCorrections(store));
          const summary = { read: incoming.length, added, alreadyKept: incoming.length - added };
          if (opts.json) return printJson(summary);
          console.log(
            `imported ${added} story correction${added === 1 ? '' : 's'} from ${opts.import}` +
              ` (${summary.alreadyKept} already kept)`,
          );
          return;
        }
        const list = await store.listStoryCorrections();
        if (opts.json) return printJson(list);
        if (list.length === 0)
          return console.log(
            'no story corrections: tgwire stories split CHANNEL/ID, or merge CHANNEL/ID INTO/ID',
          );
        console.log(
          formatTable(
            ['id', 'kind', 'post', 'into', 'made'],
            list.map((k) => [k.id, k.kind, k.post, k.kind === 'merge' ? k.into : '', k.createdAt]),
          ),
        );
      });
    });
}
