// The JSON API (documented in docs/api.md); parameters validated with zod, errors as {error} by the app handler.
import { Hono } from 'hono';
import { z } from 'zod';
import { markSnippet } from '../../feeds/post-html.js';
import { limitPost, listPost } from '../../model/limits.js';
import type { Post } from '../../model/post.js';
import { storyWhy } from '../../model/story.js';
import type { WebContext, WebEnv } from '../app.js';
import { decodeCursor, fetchPage } from '../paging.js';
import { filterSchema, flag, listSchema, parseParams, searchSchema, toFilter } from '../params.js';
import { timeline } from '../timeline.js';
import { notFound, postIdParam } from './common.js';
import { loadStory } from '../../pipeline/story-info.js';
import { runSearch } from './search.js';

const hashtagSchema = filterSchema.extend({
  period: z.enum(['day', 'month']).default('day'),
  top: z.coerce.number().int().min(1).max(50).default(10),
});

/** How many of the newest posts /api/stories looks through. */
const STORY_SCAN = 2000;

/** `all`: every language apart, where the dashboard sums those under 1% (or beyond the eighth) as "other". */
const languagesSchema = filterSchema.extend({ all: flag });

const storiesSchema = filterSchema.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/**
 * A post as lists carry it: at most LIST_POST_CHARS of text and LIST_POST_ENTITIES entities, `textOmitted` counting
 * the characters left out (the post's own URL has them), so a page of results stays small whatever the posts hold.
 */
function listed(post: Post): Post & { textOmitted?: number } {
  const l = listPost(post);
  return l.omitted ? { ...l.post, textOmitted: l.omitted } : l.post;
}

export function apiRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = ctx;

  app.get('/api/posts', async (c) => {
    const p = parseParams(listSchema, c.req.query());
    const page = await fetchPage(
      store,
      await toFilter(store, p),
      p.cursor ? decodeCursor(p.cursor) : null,
      p.limit,
    );
    return c.json({ posts: page.posts.map(listed), older: page.older, newer: page.newer });
  });

  app.get('/api/posts/:channel/:id', async (c) => {
    const channel = c.req.param('channel');
    const id = postIdParam(c.req.param('id'), channel);
    const post = await store.getPost(channel, id);
    if (!post) notFound(`no post ${channel}/${id}`);
    // Bounded like the post page: a row stored before the limits is served cut, as an import would store it now.
    const versions = (await store.getVersions(channel, id)).map((v) => {
      const { text, entities } = limitPost({ ...post, text: v.text, entities: v.entities }).post;
      return { ...v, text, entities };
    });
    return c.json({ post: limitPost(post).post, versions });
  });

  app.get('/api/channels', async (c) => {
    const [channels, stats] = await Promise.all([store.listChannels(), ctx.stats.archive()]);
    const counts = new Map(stats.perChannel.map((p) => [p.channel, p]));
    const sync = await Promise.all(channels.map((ch) => store.getSyncState(ch.key)));
    return c.json({
      // The collector's own state: a failure no channel could take (the store refusing writes) shows here.
      background: ctx.background(),
      channels: channels.map((ch, i) => ({
        ...ch,
        sync: sync[i] ?? null,
        posts: counts.get(ch.key)?.posts ?? 0,
        firstDate: counts.get(ch.key)?.firstDate ?? null,
        lastDate: counts.get(ch.key)?.lastDate ?? null,
      })),
    });
  });

  app.get('/api/topics', async (c) => {
    const topics = await store.listTopics();
    const counts = await Promise.all(topics.map((t) => ctx.stats.count({ topic: t.name })));
    return c.json({ topics: topics.map((t, i) => ({ ...t, posts: counts[i] })) });
  });

  app.get('/api/stories', async (c) => {
    const p = parseParams(storiesSchema, c.req.query());
    // Stories of the newest posts matching the filter (the store has no story listing of its own); the scan is
    // bounded so an archive without stories does not read every post.
    const ids: string[] = [];
    let scanned = 0;
    for await (const post of store.iteratePosts({ ...(await toFilter(store, p)), order: 'desc' })) {
      if (post.story && !ids.includes(post.story)) ids.push(post.story);
      if (ids.length >= p.limit || ++scanned >= STORY_SCAN) break;
    }
    const stories = [];
    for (const id of ids) {
      const s = await loadStory(store, id);
      if (s) stories.push(storyJson(s));
    }
    return c.json({ stories });
  });

  app.get('/api/stories/:id', async (c) => {
    const s = await loadStory(store, c.req.param('id'));
    if (!s) {
      // A story renamed (a rebuild, an earlier original imported): its old id leads to it.
      const now = await store.storyAlias(c.req.param('id'));
      if (now) return c.redirect(`/api/stories/${encodeURIComponent(now)}`, 301);
      notFound(`no story "${c.req.param('id')}"`);
    }
    return c.json({ story: storyJson(s), posts: s.members.map((m) => listed(m.post)) });
  });

  app.get('/api/search', async (c) => {
    const p = parseParams(searchSchema, c.req.query());
    if (!p.q.trim()) return c.json({ error: 'q: give something to search for' }, 400);
    const r = await runSearch(ctx, p.q, {
      ...(await toFilter(store, p)),
      sort: p.sort,
      limit: p.limit,
      offset: (p.page - 1) * p.limit,
    });
    return c.json({
      total: r.total,
      ...(r.totalIsLowerBound ? { totalIsLowerBound: true } : {}),
      page: p.page,
      limit: p.limit,
      hits: r.hits.map((h) => ({
        post: listed(h.post),
        score: h.score,
        snippet: h.snippet,
        snippetHtml: markSnippet(h.snippet),
      })),
    });
  });

  app.get('/api/stats', async (c) => {
    const f = await toFilter(store, parseParams(filterSchema, c.req.query()));
    return c.json(await ctx.stats.archive(f));
  });

  app.get('/api/stats/daily', async (c) => {
    const f = await toFilter(store, parseParams(filterSchema, c.req.query()));
    const { daily } = await ctx.stats.aggregates(f);
    // The chart's axis: every day (or week, month) of the range, days without posts as 0.
    return c.json({
      daily,
      timeline: timeline(daily.map((d) => ({ period: d.day, name: d.channel, posts: d.posts }))),
    });
  });

  app.get('/api/stats/hashtags', async (c) => {
    const p = parseParams(hashtagSchema, c.req.query());
    const agg = await ctx.stats.aggregates(await toFilter(store, p), { period: p.period, top: p.top });
    const axis = timeline(agg.hashtags.map((h) => ({ period: h.period, name: h.tag, posts: h.posts })));
    return c.json({ period: p.period, hashtags: agg.hashtags, timeline: axis });
  });

  app.get('/api/stats/languages', async (c) => {
    const p = parseParams(languagesSchema, c.req.query());
    const agg = await ctx.stats.aggregates(await toFilter(store, p));
    return c.json({ languages: p.all ? agg.allLanguages : agg.languages });
  });

  app.get('/api/stats/forwards', async (c) => {
    const f = await toFilter(store, parseParams(filterSchema, c.req.query()));
    return c.json({ forwards: (await ctx.stats.aggregates(f)).forwards });
  });

  return app;
}

function storyJson(s: NonNullable<Awaited<ReturnType<typeof loadStory>>>) {
  return {
    id: s.id,
    canonical: { channel: s.canonical.channel, id: s.canonical.id },
    members: s.members.map((m) => ({
      channel: m.post.channel,
      id: m.post.id,
      reason: m.member.reason,
      evidence: m.member.evidence ?? null,
      why: storyWhy(m.member),
      lang: m.post.lang ?? null,
      date: m.post.date,
    })),
  };
}
