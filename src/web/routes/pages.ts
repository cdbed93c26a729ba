// Reading pages: home, channel feed, post with its versions, topic feed (optionally one entry per story), story.
import { Hono, type Context } from 'hono';
import { parsePostKey, type Post } from '../../model/post.js';
import { evidenceItemsText, type StoryEvidence } from '../../model/story.js';
import { scoreNeeded } from '../../dedup/match.js';
import { limitPost } from '../../model/limits.js';
import { renderEntitiesHtml } from '../../feeds/post-html.js';
import type { WebContext, WebEnv } from '../app.js';
import { feedBadges, feedLinks, formatCount, html, join, layout, raw, time, type Html } from '../html.js';
import { decodeCursor, fetchPage } from '../paging.js';
import { listSchema, parseParams, toFilter } from '../params.js';
import { channelPath, postPath, postView, PAGE_LINKS, telegramUrl, type ViewContext } from '../post-view.js';
import { nonce, notFound, pager, postIdParam, requestView, topicInOtherCase } from './common.js';
import { forwardedOrigin, loadStory, storySummary, type StoryInfo } from '../../pipeline/story-info.js';
import { wordDiff } from '../version-diff.js';
import { commentsOf } from '../../store/comments.js';
import { dashboardPage } from './dashboard.js';
import type { Store } from '../../store/store.js';
import { refusalText } from '../correction-notices.js';
import { loginHref } from '../auth.js';

/** A post's comments, newest last, each with its author and date (bounded as posts are). */
function commentsView(comments: Post[], tmeBase: string): Html {
  return html`<h2 id="comments">Comments (${comments.length})</h2>
    <ol class="comments">
      ${join(
        comments.map((p) => {
          const { text, entities } = limitPost(p).post;
          return html`<li id="comment-${p.id}">
            <div class="muted">
              ${p.author ?? 'anonymous'} ·
              ${time(p.date)}${p.edited ? ' · edited' : ''}${p.deleted ? ' · deleted' : ''}
            </div>
            <div class="text" dir="auto">
              ${raw(renderEntitiesHtml(text, entities, { ...PAGE_LINKS, tmeBase }))}
            </div>
          </li>`;
        }),
      )}
    </ol>`;
}

/** What changed from version `from` to this one, word by word. */
function changesView(before: string, after: string, from: number): Html {
  const d = wordDiff(before, after);
  const label = `Changes from version ${from}`;
  if (d.kind === 'formatting') return html`<p class="diff muted">${label}: formatting only.</p>`;
  if (d.kind === 'rewritten') return html`<p class="diff muted">${label}: rewritten.</p>`;
  return html`<details class="diff" open>
    <summary>${label}</summary>
    <div class="text" dir="auto">${d.html}</div>
  </details>`;
}

export function pageRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store } = ctx;

  app.get('/', async (c) => {
    const [stats, topics, view] = await Promise.all([
      ctx.stats.archive(),
      store.listTopics(),
      requestView(ctx),
    ]);
    const topicCounts = await Promise.all(topics.map((t) => ctx.stats.count({ topic: t.name })));
    const topicCards = topics.length
      ? join(
          topics.map(
            (t, i) =>
              html`<a class="card" href="/t/${encodeURIComponent(t.name)}"
                ><b>${t.name}</b>
                <div class="n">${formatCount(topicCounts[i])} posts · <code>${t.query}</code></div></a
              >`,
          ),
        )
      : html`<p class="muted">No topics yet. Add one on the <a href="/channels">channels page</a>.</p>`;
    const chanCards = stats.perChannel.length
      ? join(
          stats.perChannel.map(
            (p) =>
              html`<a class="card" href="${channelPath(p.channel)}"
                ><b>${view.titles.get(p.channel) ?? p.channel}</b>
                <div class="n">
                  ${formatCount(p.posts)} posts${p.lastDate ? html` · last ${time(p.lastDate)}` : ''}
                </div></a
              >`,
          ),
        )
      : html`<p class="muted">No channels yet.</p>`;
    const body = html`<h1>Archive</h1>
      <p>
        ${formatCount(stats.posts)} posts in ${stats.channels}
        channel${stats.channels === 1 ? '' : 's'}${stats.firstDate ? html`, from ${time(stats.firstDate)} to ${time(stats.lastDate)}` : ''}.
        <a href="/dashboard">Open the dashboard →</a>
      </p>
      <h2>Topics</h2>
      <div class="cards">${topicCards}</div>
      <h2>Channels</h2>
      <div class="cards">${chanCards}</div>`;
    return c.html(layout({ title: 'Archive', body, nonce: nonce(c) }));
  });

  app.get('/dashboard', (c) => dashboardPage(ctx, c));

  /**
   * A channel named in other letter case (t.me names are blind to it): a move to its page (or its post `id`), or
   * null when there is none.
   */
  const inLowerCase = async (c: Context, key: string, id?: number): Promise<Response | null> => {
    const lower = key.toLowerCase();
    if (lower === key) return null;
    const there =
      id !== undefined
        ? (await store.getPost(lower, id)) !== null
        : (await store.getChannel(lower)) !== null || (await ctx.stats.count({ channel: lower })) > 0;
    if (!there) return null;
    const rest = id !== undefined ? `/${id}` : '';
    return c.redirect(`${channelPath(lower)}${rest}${new URL(c.req.url).search}`, 301);
  };

  // A post of a channel the archive holds but not the post itself (a reply to a post from before the backfill's
  // depth, a link typed by hand): a 404 that says so and, for a public channel, leads to the post on Telegram.
  const notArchived = async (c: Context, key: string, id: number): Promise<Response> => {
    const channel = await store.getChannel(key);
    if (!channel) notFound(`no post ${key}/${id}`);
    const title = channel.title ?? key;
    const tg = channel.username
      ? `${ctx.config.tmeBase}/${encodeURIComponent(channel.username)}/${id}`
      : null;
    const body = html`<p><a href="${channelPath(key)}">← ${title}</a></p>
      <h1>Post #${id} is not in this archive</h1>
      <p>
        The archive of ${title} does not hold this post: it may be older than what was collected, or deleted
        before it was seen.
      </p>
      ${tg ? html`<p><a href="${tg}" rel="noopener">Open on Telegram</a></p>` : ''}`;
    return c.html(layout({ title: `${title} #${id}`, body, nonce: nonce(c) }), 404);
  };

  app.get('/c/:channel', async (c) => {
    const key = c.req.param('channel');
    const params = parseParams(listSchema, c.req.query());
    const [channel, count] = await Promise.all([store.getChannel(key), ctx.stats.count({ channel: key })]);
    if (!channel && count === 0)
      return (await inLowerCase(c, key)) ?? notFound(`no channel "${key}" in this archive`);
    const view = await requestView(ctx);
    const cursor = params.cursor ? decodeCursor(params.cursor) : null;
    const page = await fetchPage(store, { channel: key }, cursor, params.limit);
    const title = channel?.title ?? key;
    const tg = channel?.username ? `${ctx.config.tmeBase}/${encodeURIComponent(channel.username)}` : null;
    const feeds = feedLinks(`${channelPath(key)}/feed`);
    const body = html`<h1>${title}</h1>
      <p class="muted">
        ${tg ? html`<a href="${tg}" rel="noopener">@${channel!.username}</a> · ` : ''}${formatCount(count)}
        posts${channel?.subscribers ? html` · ${formatCount(channel.subscribers)} subscribers` : ''}
      </p>
      ${channel?.description ? html`<p>${channel.description}</p>` : ''} ${feedBadges(feeds)}
      ${postList(view, page.posts, false)} ${pager(channelPath(key), {}, page)}`;
    return c.html(layout({ title, body, feeds, nonce: nonce(c) }));
  });

  app.get('/c/:channel/:id', async (c) => {
    const key = c.req.param('channel');
    const id = postIdParam(c.req.param('id'), key);
    const post = await store.getPost(key, id);
    if (!post) return (await inLowerCase(c, key, id)) ?? (await notArchived(c, key, id));
    const [versions, view, comments] = await Promise.all([
      store.getVersions(key, id),
      requestView(ctx),
      commentsOf(store, key, id),
    ]);
    // Newest first; each version but the first shows what changed from the one before it.
    // Each version bounded as the post itself is (a row stored before the limits stays cheap to show).
    const bounded = versions.map((v) => {
      const { text, entities } = limitPost({ ...post, text: v.text, entities: v.entities }).post;
      return { ...v, text, entities };
    });
    const list = bounded.map((v, i) => ({ v, n: i + 1, previous: bounded[i - 1] })).reverse();
    // A single version is the text shown above: say when it was seen, not show it twice.
    const only = list.length === 1 ? list[0]!.v : null;
    const history = only
      ? html`<li class="muted">
          Only this version, seen
          ${time(only.seenAt)}${only.editDate ? html` · edited ${time(only.editDate)}` : ''}.
        </li>`
      : list.length
        ? join(
            list.map(
              ({ v, n, previous }, i) =>
                html`<li>
                  <div class="muted">
                    ${i === 0 ? 'current' : `version ${n}`} · seen
                    ${time(v.seenAt)}${v.editDate ? html` · edited ${time(v.editDate)}` : ''}
                  </div>
                  ${previous ? changesView(previous.text, v.text, n - 1) : ''}
                  <div class="text" dir="auto">
                    ${raw(renderEntitiesHtml(v.text, v.entities, { ...PAGE_LINKS, tmeBase: ctx.config.tmeBase }))}
                  </div>
                </li>`,
            ),
          )
        : html`<li class="muted">No history recorded.</li>`;
    const tg = telegramUrl(view, post);
    const body = html`<p><a href="${channelPath(key)}">← ${view.titles.get(key) ?? key}</a></p>
      ${postView(view, post, { showChannel: true, whole: true })}
      ${tg ? html`<p><a href="${tg}" rel="noopener">Open on Telegram</a></p>` : ''}
      ${comments.length ? commentsView(comments, ctx.config.tmeBase) : ''}
      <h2 id="versions">Versions (${versions.length})</h2>
      <ol class="timeline">
        ${history}
      </ol>`;
    return c.html(layout({ title: `${view.titles.get(key) ?? key} #${id}`, body, nonce: nonce(c) }));
  });

  app.get('/t/:topic', async (c) => {
    const name = c.req.param('topic');
    const params = parseParams(listSchema, c.req.query());
    const topics = await store.listTopics();
    const topic = topics.find((t) => t.name === name);
    if (!topic) {
      const other = topicInOtherCase(topics, name);
      if (other) return c.redirect(`/t/${encodeURIComponent(other)}${new URL(c.req.url).search}`, 301);
      notFound(`no topic "${name}"`);
    }
    const filter = { ...(await toFilter(ctx.store, params)), topic: name };
    const cursor = params.cursor ? decodeCursor(params.cursor) : null;
    const [page, count, view] = await Promise.all([
      fetchPage(store, filter, cursor, params.limit),
      ctx.stats.count({ topic: name }),
      requestView(ctx),
    ]);
    const stories = params.stories === true;
    // The feeds follow the page: one entry per story when it shows one.
    const feeds = feedLinks(`/t/${encodeURIComponent(name)}/feed`, stories ? '?stories=1' : '');
    const path = `/t/${encodeURIComponent(name)}`;
    const list = stories ? await storyList(ctx, view, page.posts) : postList(view, page.posts, true);
    const body = html`<h1>Topic: ${name}</h1>
      <p class="muted">${formatCount(count)} posts · query <code>${topic.query}</code></p>
      <p>
        ${stories ? html`<a href="${path}">Show every post</a>` : html`<a href="${path}?stories=1">One entry per story</a>`}
      </p>
      ${feedBadges(feeds)} ${list} ${pager(path, { stories: stories ? '1' : undefined }, page)}`;
    return c.html(layout({ title: `Topic ${name}`, body, feeds, nonce: nonce(c) }));
  });

  app.get('/s/:story', async (c) => {
    const id = c.req.param('story');
    const story = await loadStory(store, id);
    if (!story) {
      // A story renamed (a rebuild, an earlier original imported): links to its old id lead to it.
      const now = await store.storyAlias(id);
      if (now) return c.redirect(`/s/${encodeURIComponent(now)}`, 301);
      notFound(`no story "${id}"`);
    }
    const view = await requestView(ctx);
    const origin = story.canonical;
    const admin = ctx.auth.isAdmin(c);
    const csrf = admin ? ctx.auth.csrfToken() : '';
    const versions = join(story.members.map((m) => postView(view, m.post, { showChannel: true })));
    const several = story.members.length > 1;
    const timeline = join(
      story.members.map(
        (m) =>
          html`<li data-post="${m.post.channel}/${m.post.id}">
            ${time(m.post.date)} —
            <a href="${channelPath(m.post.channel)}">${view.titles.get(m.post.channel) ?? m.post.channel}</a>
            ${m.post.lang ? html`<span class="lang">${m.post.lang}</span>` : ''} ·
            <a href="${postPath(m.post)}">#${m.post.id}</a> · <span class="reason">${m.member.reason}</span>
            ${
              admin && several
                ? html`<form class="inline" method="post" action="/api/stories/split">
                    <input type="hidden" name="_csrf" value="${csrf}" />
                    <input type="hidden" name="post" value="${m.post.channel}/${m.post.id}" />
                    <button type="submit" title="This post does not tell the same story">Split out</button>
                  </form>`
                : ''
            }
            ${evidenceView(m.member.reason, m.member.evidence)}
          </li>`,
      ),
    );
    const originKey = `${origin.channel}/${origin.id}`;
    const correct = admin
      ? html`<form class="admin" method="post" action="/api/stories/merge">
          <input type="hidden" name="_csrf" value="${csrf}" />
          <input type="hidden" name="post" value="${originKey}" />
          <label for="into">Merge into story… (a post CHANNEL/ID, or a story's id or address)</label
          ><input id="into" type="text" name="into" required maxlength="300" />
          <button type="submit">Merge this story</button>
        </form>`
      : ctx.auth.enabled
        ? html`<p class="muted"><a href="${loginHref(c)}">Log in</a> to split or merge stories.</p>`
        : '';
    // Only what the server said: a correction of this story that exists, a refusal by its code.
    const corrected = await correctionOf(store, c.req.query('corrected'), story.members);
    const refused = refusalText(c.req.query('refused'), c.req.query('name'));
    const body = html`<h1>Story</h1>
      ${corrected ? html`<p class="notice">Saved: correction #${corrected}</p>` : ''}
      ${refused ? html`<p class="error" role="alert">Not saved: ${refused}</p>` : ''}
      <p class="muted">${storySummary(story)}</p>
      <h2>Origin</h2>
      ${firstCarried(view, story)} ${postView(view, origin, { showChannel: true })}
      <h2>Every version</h2>
      <div class="versions">${versions}</div>
      <h2>Amplification timeline</h2>
      <ol class="timeline">
        ${timeline}
      </ol>
      ${correct}`;
    return c.html(layout({ title: 'Story', body, nonce: nonce(c) }));
  });

  return app;
}

/**
 * The origin outside the archive that a member forwards ("First carried by Russian MFA, forwarded by sample #3"),
 * credited above the archive's earliest version.
 */
function firstCarried(view: ViewContext, story: StoryInfo) {
  const from = forwardedOrigin(story);
  if (!from) return '';
  const ref = from.key ? parsePostKey(from.key) : null;
  const name = ref
    ? html`<a href="${view.tmeBase}/${encodeURIComponent(ref.channel)}/${ref.id}">${from.name}</a>`
    : html`${from.name}`;
  return html`<p class="origin">
    First carried by ${name}, forwarded by
    <a href="${postPath(from.via)}">${from.via.channel} #${from.via.id}</a>; the archive's earliest version:
  </p>`;
}

/** The id of the kept correction `id` names when it names a post of the story's members, else null. */
async function correctionOf(
  store: Store,
  id: string | undefined,
  members: readonly { post: { channel: string; id: number } }[],
): Promise<number | null> {
  if (!id || !/^\d{1,15}$/.test(id)) return null;
  const kept = (await store.listStoryCorrections()).find((k) => k.id === Number(id));
  if (!kept) return null;
  const keys = new Set(members.map((m) => `${m.post.channel}/${m.post.id}`));
  return keys.has(kept.post) || (kept.kind === 'merge' && keys.has(kept.into)) ? kept.id : null;
}

/** Why a member joined: the posts it was compared with, the score and what it needs, the shared items. */
function evidenceView(reason: string, e: StoryEvidence | null | undefined) {
  if (!e) return '';
  const needed = scoreNeeded(reason, e.items);
  const matched = join(
    e.matched.map((key) => {
      const ref = parsePostKey(key);
      return ref ? html`<a href="${postPath(ref)}">${key}</a>` : html`${key}`;
    }),
    html`, `,
  );
  const score = `score ${e.score.toFixed(2)}${needed ? ` · ${needed}` : ''}`;
  return html`<div class="evidence">
    ${e.matched.length ? html`matched ${matched} · ` : ''}${score}
    ${
      e.items.length
        ? html`<ul>
            ${join(evidenceItemsText(e.items).map((item) => html`<li>${item}</li>`))}
          </ul>`
        : ''
    }
  </div>`;
}

function postList(view: ViewContext, posts: Post[], showChannel: boolean) {
  if (posts.length === 0) return html`<p class="muted">No posts here yet.</p>`;
  return html`<div class="posts" data-scroll>
    ${join(posts.map((p) => postView(view, p, { showChannel })))}
  </div>`;
}

/** One entry per story: its canonical post and a line naming the versions; posts without a story stand alone. */
async function storyList(ctx: WebContext, view: ViewContext, posts: Post[]) {
  if (posts.length === 0) return html`<p class="muted">No posts here yet.</p>`;
  const seen = new Set<string>();
  const entries = [];
  for (const p of posts) {
    if (!p.story) {
      entries.push(postView(view, p, { showChannel: true }));
      continue;
    }
    if (seen.has(p.story)) continue;
    seen.add(p.story);
    const story: StoryInfo | null = await loadStory(ctx.store, p.story);
    if (!story) {
      entries.push(postView(view, p, { showChannel: true }));
      continue;
    }
    const extra = html`<p class="story-line">
      <a href="/s/${encodeURIComponent(story.id)}">${storySummary(story)}</a>
    </p>`;
    entries.push(postView(view, story.canonical, { showChannel: true, extra }));
  }
  return html`<div class="posts" data-scroll>${join(entries)}</div>`;
}
