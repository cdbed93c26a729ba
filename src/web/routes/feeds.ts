// RSS / Atom / JSON Feed endpoints for channels, topics and saved searches.
import { z } from 'zod';
import { Hono, type Context } from 'hono';
import type { Post } from '../../model/post.js';
import { listPost } from '../../model/limits.js';
import type { PostFilter } from '../../store/store.js';
import {
  feedUpdated,
  itemGuid,
  renderAtom,
  renderJsonFeed,
  renderRss,
  type FeedMeta,
  type SeenEdit,
} from '../../feeds/syndication.js';
import type { WebContext, WebEnv } from '../app.js';
import { qs } from '../html.js';
import { flag, parseParams, searchSchema, toFilter } from '../params.js';
import { createTtlCache } from '../ttl-cache.js';
import { notFound, topicInOtherCase } from './common.js';
import { runSearch } from './search.js';

const FEED_ITEMS = 50;
/** With one entry per story, the latest posts read per item kept. */
const STORY_READ = 4;
// parseParams puts "limit: " before the message.
const LIMIT_HELP = `a whole number from 1 to ${FEED_ITEMS}`;
const feedSchema = z.object({
  stories: flag,
  limit: z
    .string()
    .transform((v) => (v === '' ? FEED_ITEMS : Number(v)))
    .pipe(z.number({ message: LIMIT_HELP }).int(LIMIT_HELP).min(1, LIMIT_HELP).max(FEED_ITEMS, LIMIT_HELP)),
});
type Format = 'rss' | 'atom' | 'json';

const TYPES: Record<Format, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

function formatOf(file: string): Format {
  const m = /^feed\.(rss|atom|json)$/.exec(file);
  if (!m) notFound(`no feed ${file}`);
  return m[1] as Format;
}

export function feedRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = ctx;

  // Feed readers poll; a rendered feed may lag the archive by half a minute.
  const bodies = createTtlCache<string>(30_000, 200);
  const cached = (c: Context<WebEnv>, format: Format, render: () => Promise<string>) =>
    bodies.get(c.req.url, render).then((body) => {
      c.header('Content-Type', TYPES[format]);
      c.header('Cache-Control', 'public, max-age=300');
      return c.body(body);
    });

  /**
   * From the history of each undated or edited post: when the archive recorded an undated post's current version
   * (its entry's Atom `updated`), and when it saw an edited post's current version replace another, with that text.
   * One read per such post, at most FEED_ITEMS, and the rendered feed is cached.
   */
  async function versionTimes(posts: readonly Post[]): Promise<Pick<FeedMeta, 'versionSeen' | 'edits'>> {
    const read = posts.filter((p) => !p.date || p.edited);
    const histories = await Promise.all(read.map((p) => store.getVersions(p.channel, p.id)));
    const versionSeen = new Map<string, string>();
    const edits = new Map<string, SeenEdit>();
    read.forEach((p, i) => {
      const versions = histories[i]!;
      const current = versions.at(-1);
      const previous = versions.at(-2);
      if (!p.date && current) versionSeen.set(itemGuid(p), current.seenAt);
      if (p.edited && current && previous)
        edits.set(itemGuid(p), { seenAt: current.seenAt, previous: previous.text });
    });
    return { versionSeen, edits };
  }

  async function render(
    c: Context<WebEnv>,
    format: Format,
    meta: Omit<
      FeedMeta,
      | 'updated'
      | 'versionSeen'
      | 'edits'
      | 'siteUrl'
      | 'publicChannels'
      | 'tmeBase'
      | 'feedUrl'
      | 'id'
      | 'link'
      | 'archiveMedia'
    > & {
      path: string;
      query?: string;
    },
    posts: Post[],
  ): Promise<string> {
    // Behind a proxy the request's origin is the internal address; readers need the one they reach.
    const site = ctx.config.publicUrl ?? new URL(c.req.url).origin;
    const channels = await store.listChannels();
    const seen = await versionTimes(posts);
    const full: FeedMeta = {
      title: meta.title,
      description: meta.description,
      // Without a public URL the site is whatever Host the request named: the id must not follow it.
      id: `${ctx.config.publicUrl ? site : 'tgwire:feed:'}${meta.path}${meta.query ?? ''}`,
      link: `${site}${meta.path}${meta.query ?? ''}`,
      feedUrl: `${site}${c.req.path}${meta.query ?? ''}`,
      updated: feedUpdated(seen, posts),
      ...seen,
      siteUrl: site,
      tmeBase: ctx.config.tmeBase,
      publicChannels: new Set(channels.filter((ch) => ch.username).map((ch) => ch.key)),
      channelTitles: new Map(channels.flatMap((ch) => (ch.title ? [[ch.key, ch.title] as const] : []))),
      // Kept files at `${site}/media/HASH`, the same base as the feed's other links.
      archiveMedia: ctx.media !== null,
      stories: await storiesOf(posts, site),
    };
    // Items as a list shows them (the first LIST_POST_CHARS of each post), so a feed stays small whatever it holds.
    const items = posts.map((p) => listPost(p).post);
    return format === 'rss'
      ? renderRss(full, items)
      : format === 'atom'
        ? renderAtom(full, items)
        : renderJsonFeed(full, items);
  }

  /** The stories of several posts the items belong to (one read of members per story). */
  async function storiesOf(posts: readonly Post[], site: string): Promise<FeedMeta['stories']> {
    const ids = [...new Set(posts.flatMap((p) => (p.story ? [p.story] : [])))];
    const sizes = new Map(
      await Promise.all(ids.map(async (id) => [id, (await store.getStoryMembers(id)).length] as const)),
    );
    const out = new Map<string, { url: string; versions: number }>();
    for (const p of posts) {
      const versions = p.story ? (sizes.get(p.story) ?? 0) : 0;
      if (versions > 1) out.set(itemGuid(p), { url: `${site}/s/${encodeURIComponent(p.story!)}`, versions });
    }
    return out;
  }

  /**
   * How many items the feed carries (`limit`: 1 to FEED_ITEMS, else FEED_ITEMS) and whether one per story
   * (`stories=1`, as the topic page's "One entry per story"). A bad value is a 400, as on the pages, not silently
   * ignored.
   */
  const feedParams = (c: Context<WebEnv>): { limit: number; perStory: boolean } => {
    const p = parseParams(feedSchema, {
      limit: c.req.query('limit') ?? '',
      stories: c.req.query('stories') ?? '',
    });
    return { limit: p.limit, perStory: p.stories === true };
  };
  const itemCount = (c: Context<WebEnv>): number => feedParams(c).limit;

  const latest = (filter: PostFilter, limit = FEED_ITEMS) =>
    store.queryPosts({ ...filter, order: 'desc', limit });

  /**
   * The newest posts, or with `perStory` the newest post of each story among the latest (a story's newest version
   * is what a feed reader has not seen: a correction, a relay). Reads a few times the items, so a burst of one
   * story's forwards cannot empty the feed.
   */
  async function newest(filter: PostFilter, limit: number, perStory: boolean): Promise<Post[]> {
    if (!perStory) return latest(filter, limit);
    const seen = new Set<string>();
    const out: Post[] = [];
    for (const p of await latest(filter, limit * STORY_READ)) {
      if (p.story && seen.has(p.story)) continue;
      if (p.story) seen.add(p.story);
      out.push(p);
      if (out.length === limit) break;
    }
    return out;
  }

  app.get('/c/:channel/:file{feed\\.(?:rss|atom|json)}', (c) => {
    const format = formatOf(c.req.param('file'));
    const { limit, perStory } = feedParams(c);
    return cached(c, format, async () => {
      const key = c.req.param('channel');
      const channel = await store.getChannel(key);
      const posts = await newest({ channel: key }, limit, perStory);
      if (!channel && posts.length === 0) notFound(`no channel "${key}"`);
      const title = channel?.title ?? key;
      return render(
        c,
        format,
        {
          title: perStory ? `${title} (one entry per story)` : title,
          description: channel?.description ?? `Posts of ${title}`,
          path: `/c/${encodeURIComponent(key)}`,
          ...(perStory ? { query: '?stories=1' } : {}),
        },
        posts,
      );
    });
  });

  app.get('/t/:topic/:file{feed\\.(?:rss|atom|json)}', async (c) => {
    const format = formatOf(c.req.param('file'));
    const topics = await store.listTopics();
    if (!topics.some((t) => t.name === c.req.param('topic'))) {
      const other = topicInOtherCase(topics, c.req.param('topic'));
      if (other) return c.redirect(`/t/${encodeURIComponent(other)}/${c.req.param('file')}`, 301);
    }
    const { limit, perStory } = feedParams(c);
    return cached(c, format, async () => {
      const name = c.req.param('topic');
      const topic = (await store.listTopics()).find((t) => t.name === name);
      if (!topic) notFound(`no topic "${name}"`);
      const posts = await newest({ topic: name }, limit, perStory);
      return render(
        c,
        format,
        {
          title: `Topic: ${name}${perStory ? ' (one entry per story)' : ''}`,
          description: `Posts matching ${topic.query}`,
          path: `/t/${encodeURIComponent(name)}`,
          ...(perStory ? { query: '?stories=1' } : {}),
        },
        posts,
      );
    });
  });

  app.get('/searches/:name/:file{feed\\.(?:rss|atom|json)}', (c) => {
    const format = formatOf(c.req.param('file'));
    const limit = itemCount(c);
    return cached(c, format, async () => {
      const name = c.req.param('name');
      const saved = await store.getSavedSearch(name);
      if (!saved) notFound(`no saved search "${name}"`);
      const posts = (await runSearch(ctx, saved.query, { sort: 'date', limit })).hits.map((h) => h.post);
      return render(
        c,
        format,
        {
          title: `Saved search: ${name}`,
          description: `Posts matching ${saved.query}`,
          path: `/searches/${encodeURIComponent(name)}`,
        },
        posts,
      );
    });
  });

  app.get('/search/:file{feed\\.(?:rss|atom|json)}', (c) => {
    const format = formatOf(c.req.param('file'));
    return cached(c, format, async () => {
      const params = parseParams(searchSchema, c.req.query());
      const q = params.q.trim();
      const keep: Record<string, string> = {};
      for (const [k, v] of Object.entries(c.req.query()))
        if (k !== 'page' && typeof v === 'string' && v) keep[k] = v;
      const filter = await toFilter(ctx.store, params);
      const posts = q
        ? (await runSearch(ctx, q, { ...filter, sort: 'date', limit: FEED_ITEMS })).hits.map((h) => h.post)
        : await latest(filter);
      return render(
        c,
        format,
        {
          title: q ? `Search: ${q}` : 'Latest posts',
          description: q ? `Posts matching ${q}` : 'The newest posts',
          path: '/search',
          query: qs(keep),
        },
        posts,
      );
    });
  });

  return app;
}
