// The search page: the query language with filters, highlighted snippets, paging; mistakes explained on the page.
import { Hono } from 'hono';
import { countLabel } from '../../search/count.js';
import type { PostFilter, SearchOptions, SearchResult } from '../../store/store.js';
import { ArchiveBusyError, ArchiveUnavailableError, UserError, errorMessage } from '../../util/errors.js';
import { resolveQueryNames } from '../../pipeline/names.js';
import { markSnippet, postTitle } from '../../feeds/post-html.js';
import type { WebContext, WebEnv } from '../app.js';
import { feedBadges, feedLinks, html, join, layout, qs, raw, time } from '../html.js';
import { datedOnly, undatedCount, withoutDates } from '../stats.js';
import { filterFields, option } from '../filter-fields.js';
import { parseParams, searchSchema, toFilter } from '../params.js';
import { channelPath, postPath } from '../post-view.js';
import { nonce, requestView } from './common.js';
import { queryOfSearchPage, saveSearchForm, unsavedFilters } from './saved-searches.js';

/** Runs a search; a query the user must fix is a UserError, and so is any other refusal of the engine. */
export async function runSearch(ctx: WebContext, q: string, options: SearchOptions): Promise<SearchResult> {
  // A channel: or topic: the archive does not know is a typo to point out, as the CLI does, not an empty result.
  const query = await resolveQueryNames(ctx.store, q, 'web');
  try {
    return await ctx.store.search(query, options);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // Whatever the input, the reader gets a kind answer, not a 500; the cause is logged for us.
    console.error(`web: search failed for ${JSON.stringify(q.slice(0, 200))}: ${errorMessage(e)}`);
    throw new UserError(
      'the search engine refused it; try plainer words, or put unusual characters in "quotes"',
      {
        cause: e,
      },
    );
  }
}

/**
 * How many posts without a date match the query and the rest of the filter: a date range leaves them out (text dumps
 * carry no dates), and the page says so. Null when a count is only a lower bound.
 */
async function undatedMatches(ctx: WebContext, q: string, filter: PostFilter): Promise<number | null> {
  // Most archives have no undated post: two counts the stats service keeps a while spare them two more searches.
  if ((await undatedCount(ctx.stats, filter)) === 0) return 0;
  // Newest first: only the totals are read, and they cost least in date order.
  const [all, dated] = await Promise.all([
    runSearch(ctx, q, { ...withoutDates(filter), sort: 'date', limit: 1 }),
    runSearch(ctx, q, { ...datedOnly(filter), sort: 'date', limit: 1 }),
  ]);
  if (all.totalIsLowerBound || dated.totalIsLowerBound) return null;
  return Math.max(0, all.total - dated.total);
}

export function searchRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/search', async (c) => {
    const raw_ = c.req.query();
    let error: string | null = null;
    let result: SearchResult | null = null;
    let params: ReturnType<typeof searchSchema.parse> | null = null;
    let undated: number | null = null;
    try {
      params = parseParams(searchSchema, raw_);
      if (params.q.trim()) {
        const filter = await toFilter(ctx.store, params);
        result = await runSearch(ctx, params.q, {
          ...filter,
          sort: params.sort,
          limit: params.limit,
          offset: (params.page - 1) * params.limit,
        });
        if (filter.since || filter.until) undated = await undatedMatches(ctx, params.q, filter);
      }
    } catch (e) {
      // An archive busy or away is no mistake of the query: the page's 503 says so.
      if (!(e instanceof UserError) || e instanceof ArchiveBusyError || e instanceof ArchiveUnavailableError)
        throw e;
      error = e.message;
    }
    const [view, topics, channels] = await Promise.all([
      requestView(ctx),
      ctx.store.listTopics(),
      ctx.store.listChannels(),
    ]);
    const v = (k: string) => (typeof raw_[k] === 'string' ? raw_[k] : '');
    const q = v('q').slice(0, 500);
    const form = html`<form class="filters" action="/search" method="get">
      <div class="full">
        <label for="q">Search</label
        ><input id="q" type="search" name="q" value="${q}" maxlength="500" autofocus />
      </div>
      ${filterFields(
        channels.map((ch) => ({ key: ch.key, title: ch.title ?? ch.key })),
        topics,
        v,
      )}
      <div>
        <label for="kind">Posts</label
        ><select id="kind" name="kind">
          ${option('', 'all', v('kind'))}${option('own', 'own posts', v('kind'))}${option('forwarded', 'forwarded', v('kind'))}
        </select>
      </div>
      <div>
        <label for="media">Media</label
        ><select id="media" name="media">
          ${option('', 'any', v('media'))}${option('1', 'with media', v('media'))}${option('0', 'without media', v('media'))}
        </select>
      </div>
      <div>
        <label for="sort">Sort</label
        ><select id="sort" name="sort">
          ${option('relevance', 'relevance', v('sort') || 'relevance')}${option('date', 'newest first', v('sort'))}
        </select>
      </div>
      <div><button type="submit">Search</button></div>
    </form>`;
    let results = html`<p class="muted">
      Words, "exact phrases", #hashtags, OR, NOT or -word, ( ), and fields like channel:name or lang:fr.
    </p>`;
    if (error) results = html`<p class="error" role="alert">This search could not be read: ${error}</p>`;
    else if (result && params) {
      const { page, limit } = params;
      const keep: Record<string, string> = {};
      for (const k of ['q', 'channel', 'topic', 'lang', 'since', 'until', 'kind', 'media', 'sort'])
        if (v(k)) keep[k] = v(k);
      const hits = join(
        result.hits.map(
          (h) =>
            html`<article class="post hit">
              <header>
                <a class="chan" href="${channelPath(h.post.channel)}"
                  >${view.titles.get(h.post.channel) ?? h.post.channel}</a
                >
                <a class="when" href="${postPath(h.post)}">${time(h.post.date, `#${h.post.id}`)}</a
                >${h.post.lang ? html`<span class="lang">${h.post.lang}</span>` : ''}
              </header>
              <p>
                <a href="${postPath(h.post)}"><b>${postTitle(h.post)}</b></a>
              </p>
              <p class="snippet" dir="auto">${raw(markSnippet(h.snippet))}</p>
            </article>`,
        ),
      );
      // Past the count's cap the pages go on, until one comes back short: that one is the last.
      const more = result.totalIsLowerBound === true && result.hits.length === limit;
      const pages = result.totalIsLowerBound
        ? more
          ? Math.max(Math.ceil(result.total / limit), page)
          : page
        : Math.ceil(result.total / limit);
      const feeds = feedLinks('/search/feed', qs(keep));
      // A page past the last (an old link, a hand-edited URL) is no empty search: say so and point to the last one
      // (known when the count is exact; past a capped count the pages go on until one comes back short).
      const last = Math.max(1, Math.ceil(result.total / limit));
      const past = !result.totalIsLowerBound && result.hits.length === 0 && result.total > 0 && page > last;
      results = html`<p class="muted">
          ${countLabel(result)}${pages > 1 && !past ? ` · page ${page} of ${pages}${more ? '+' : ''}` : ''}
        </p>
        ${
          undated
            ? html`<p class="notice undated-note">
                ${undated.toLocaleString('en-US')} undated ${undated === 1 ? 'post matches' : 'posts match'}
                too, left out by the dates: they have none to compare.
              </p>`
            : ''
        }
        ${feedBadges(feeds)}
        ${saveSearchForm(
          ctx,
          c,
          queryOfSearchPage(v),
          unsavedFilters(v),
          `/search${qs(Object.fromEntries(['q', 'channel', 'topic', 'lang', 'sort'].filter((k) => v(k)).map((k) => [k, v(k)])))}`,
        )}
        ${
          past
            ? html`<p class="notice">
                Page ${page} is past the end: the results end on
                <a href="/search${qs({ ...keep, ...(last > 1 ? { page: last } : {}) })}">page ${last}</a>.
              </p>`
            : result.hits.length
              ? html`<div class="posts">${hits}</div>`
              : html`<p>Nothing matched. Try fewer words or another spelling.</p>`
        }
        ${
          past
            ? ''
            : html`<nav class="pager">
                <span
                  >${page > 1 ? html`<a class="newer" href="/search${qs({ ...keep, page: page - 1 })}">← Previous</a>` : ''}</span
                >
                <span
                  >${page < pages || more ? html`<a class="older" href="/search${qs({ ...keep, page: page + 1 })}">Next →</a>` : ''}</span
                >
              </nav>`
        }`;
    }
    const body = html`<h1>Search</h1>
      ${form}${results}`;
    return c.html(
      layout({ title: q ? `Search: ${q}` : 'Search', body, q, nonce: nonce(c) }),
      error ? 400 : 200,
    );
  });

  return app;
}
