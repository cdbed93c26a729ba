// `tgwire stories`: forwards, copies and translations of one statement, folded into stories.
import { Command } from 'commander';
import type { Post } from '../../model/post.js';
import { rebuildStories } from '../../pipeline/stories.js';
import { configFrom, withStore } from '../context.js';
import { createProgress, printJson } from '../output.js';
import { sliceQuery, addSliceOptions, type SliceOptions } from './export.js';

interface StoryRow {
  story: string;
  posts: number;
  languages: string[];
  channels: string[];
  first: string | null;
  last: string | null;
  members: { post: string; lang: string | null; date: string | null; reason?: string }[];
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
  return cmd.action(
    async (
      opts: SliceOptions & { rebuild?: boolean; all?: boolean; limit: string; json?: boolean },
      c: Command,
    ) => {
      await withStore(configFrom(c), async (store) => {
        if (opts.rebuild) {
          const progress = createProgress();
          const r = await rebuildStories(store, (d, t) => progress.update(d, t, 'grouping stories'));
          progress.stop();
          console.error(`${r.posts} posts in ${r.stories} stories (${r.grouped} with several posts)`);
        }
        const byStory = new Map<string, Post[]>();
        for await (const p of store.iteratePosts(sliceQuery(opts))) {
          if (!p.story) continue;
          const list = byStory.get(p.story) ?? [];
          list.push(p);
          byStory.set(p.story, list);
        }
        const rows: StoryRow[] = [];
        for (const [story, posts] of byStory) {
          if (posts.length < 2 && !opts.all) continue;
          const members = await store.getStoryMembers(story);
          const reason = new Map(members.map((m) => [`${m.channel}/${m.id}`, m.reason]));
          const dates = posts
            .map((p) => p.date)
            .filter((d): d is string => d !== null)
            .sort();
          rows.push({
            story,
            posts: posts.length,
            languages: [...new Set(posts.map((p) => p.lang).filter((l): l is string => !!l))],
            channels: [...new Set(posts.map((p) => p.forwardedFrom?.name ?? p.channel))],
            first: dates[0] ?? null,
            last: dates.at(-1) ?? null,
            members: posts.map((p) => ({
              post: `${p.channel}/${p.id}`,
              lang: p.lang ?? null,
              date: p.date,
              reason: reason.get(`${p.channel}/${p.id}`),
            })),
            text: (posts.find((p) => p.text)?.text ?? '').split('\n')[0]!.slice(0, 90),
          });
        }
        rows.sort((a, b) => b.posts - a.posts || (a.first ?? '').localeCompare(b.first ?? ''));
        const shown = rows.slice(0, Number(opts.limit));
        if (opts.json) return printJson(shown);
        console.log(`${rows.length} stories${opts.all ? '' : ' with several posts'}`);
        for (const r of shown) {
          console.log(
            `\n${r.story}  ${r.posts} posts  [${r.languages.join(', ')}]  ${r.first?.slice(0, 10) ?? 'undated'}  ${r.text}`,
          );
          for (const m of r.members)
            console.log(`  ${m.post.padEnd(24)} ${String(m.lang ?? '-').padEnd(3)} ${m.reason ?? ''}`);
        }
      });
    },
  );
}
