// The dashboard: charts drawn by /static/dashboard.js from /api/stats/*, with the same numbers as tables.
import type { Context } from 'hono';
import type { WebContext, WebEnv } from '../app.js';
import { formatCount, html, join, layout, qs, time } from '../html.js';
import { filterFields } from '../filter-fields.js';
import { filterSchema, parseParams, toFilter } from '../params.js';
import { channelPath } from '../post-view.js';
import { nonce } from './common.js';
import { networkPath } from './network.js';
import { undatedCount } from '../stats.js';
import type { ForwardEdge, PostFilter } from '../../store/store.js';
import { ArchiveBusyError, ArchiveUnavailableError, UserError } from '../../util/errors.js';

/** The dashboard's filter form, filled in with what the reader sent. */
function filterForm(
  channels: readonly { key: string; title: string }[],
  topics: Awaited<ReturnType<WebContext['store']['listTopics']>>,
  query: Record<string, string>,
  filtered: boolean,
) {
  const v = (k: string): string => (typeof query[k] === 'string' ? query[k] : '');
  // A plain GET form: the filters work without JavaScript, and the charts read them from the address.
  return html`<form class="filters" action="/dashboard" method="get">
    ${filterFields(channels, topics, v)}
    <div>
      <button type="submit">Show</button>${filtered ? html` <a href="/dashboard">whole archive</a>` : ''}
    </div>
  </form>`;
}

/** Every channel with posts (an imported dump has no channel row), by title when it has one. */
async function formChannels(ctx: WebContext) {
  const [whole, known] = await Promise.all([ctx.stats.archive(), ctx.store.listChannels()]);
  const titles = new Map(known.map((ch) => [ch.key, ch.title ?? ch.key]));
  return whole.perChannel.map((p) => ({ key: p.channel, title: titles.get(p.channel) ?? p.channel }));
}

async function refusedPage(
  ctx: WebContext,
  c: Context<WebEnv>,
  query: Record<string, string>,
  error: string,
) {
  const [channels, topics] = await Promise.all([formChannels(ctx), ctx.store.listTopics()]);
  const body = html`<h1>Dashboard</h1>
    ${filterForm(channels, topics, query, true)}
    <p class="error" role="alert">These filters could not be read: ${error}</p>`;
  return c.html(layout({ title: 'Dashboard', body, nonce: nonce(c) }), 400);
}

export async function dashboardPage(ctx: WebContext, c: Context<WebEnv>) {
  const query = c.req.query();
  let filter: PostFilter;
  try {
    filter = await toFilter(ctx.store, parseParams(filterSchema, query));
  } catch (e) {
    if (!(e instanceof UserError) || e instanceof ArchiveBusyError || e instanceof ArchiveUnavailableError)
      throw e;
    // A filter the reader must fix: the form again, as they filled it, with the error, as the search page does.
    return refusedPage(ctx, c, query, e.message);
  }
  // The downloads take the page's own filter, so they hold what the page shows.
  const selection = qs(Object.fromEntries(Object.keys(filterSchema.shape).map((k) => [k, query[k]])));
  // Every section shows the selection: the header, the numbers and the top hashtags as much as the charts.
  const [stats, agg, channels, topics, undated] = await Promise.all([
    ctx.stats.archive(filter),
    ctx.stats.aggregates(filter),
    formChannels(ctx),
    ctx.store.listTopics(),
    undatedCount(ctx.stats, filter),
  ]);
  const dateFiltered = !!(filter.since || filter.until);
  // Undated posts (text dumps) are in no chart over time and in no date range: say how many, not show fewer.
  const undatedNote = !undated
    ? ''
    : dateFiltered
      ? html`<p class="notice undated-note">
          ${undated.toLocaleString('en-US')} undated ${undated === 1 ? 'post is' : 'posts are'} left out by
          the date filter.
        </p>`
      : html`<p class="notice undated-note">
          ${undated.toLocaleString('en-US')} undated ${undated === 1 ? 'post is' : 'posts are'} counted here
          but not in the charts over time or the recent days.
        </p>`;
  const filtered = selection !== '';
  const perDay = new Map<string, number>();
  for (const d of agg.daily) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.posts);
  const lastDays = [...perDay.entries()].sort((a, b) => b[0].localeCompare(a[0])).slice(0, 14);
  const form = filterForm(channels, topics, query, filtered);
  const body = html`<h1>Dashboard</h1>
    ${form}
    <p>
      ${filtered ? 'This selection: ' : ''}${formatCount(stats.posts)} posts, ${stats.channels} channels,
      ${formatCount(stats.deleted)}
      deleted${stats.firstDate ? html` · ${time(stats.firstDate)} – ${time(stats.lastDate)}` : ''}.
    </p>
    ${undatedNote}
    <h2>Posts per day per channel</h2>
    <div class="chart" id="chart-daily"></div>
    <h2>Top hashtags over time</h2>
    <div class="chart" id="chart-hashtags"></div>
    <h2>Languages</h2>
    <div class="chart" id="chart-languages"></div>
    <h2>Forward network</h2>
    <p class="muted">Which channels forward which origins; line width is the number of posts.</p>
    <div class="chart" id="chart-forwards"></div>
    <p>
      Download the forward and mention network for Gephi:
      <a href="${networkPath('gexf', selection)}" download>GEXF</a> (with a timeline) ·
      <a href="${networkPath('graphml', selection)}" download>GraphML</a>
    </p>
    <h2>The numbers</h2>
    <div class="scroll-x">
      <table>
        <thead>
          <tr>
            <th>Channel</th>
            <th>Posts</th>
            <th>First</th>
            <th>Last</th>
          </tr>
        </thead>
        <tbody>
          ${join(
            stats.perChannel.map(
              (p) =>
                html`<tr>
                  <td><a href="${channelPath(p.channel)}">${p.channel}</a></td>
                  <td>${p.posts}</td>
                  <td>${time(p.firstDate, '—')}</td>
                  <td>${time(p.lastDate, '—')}</td>
                </tr>`,
            ),
          )}
        </tbody>
      </table>
    </div>
    <h2>Recent days</h2>
    ${
      lastDays.length
        ? html`<div class="scroll-x">
            <table>
              <tbody>
                ${join(
                  lastDays.map(
                    ([d, n]) =>
                      html`<tr>
                        <td>${d}</td>
                        <td>${n}</td>
                      </tr>`,
                  ),
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="muted">No dated posts.</p>`
    }
    <h2>Top hashtags</h2>
    ${
      stats.topHashtags.length
        ? html`<p>
            ${join(
              stats.topHashtags.map(
                (t) =>
                  html`<a href="/search?q=${encodeURIComponent(`#${t.tag.replace(/^#/, '')}`)}"
                      >#${t.tag.replace(/^#/, '')}</a
                    >
                    (${t.count})`,
              ),
              ' · ',
            )}
          </p>`
        : html`<p class="muted">None yet.</p>`
    }
    <h2>Languages</h2>
    <p>
      ${join(
        agg.languages.map((l) => html`${langLabel(l.lang)}: ${l.posts}`),
        ' · ',
      )}
    </p>
    <h2>Forwarded origins</h2>
    ${
      agg.forwards.length
        ? html`<div class="scroll-x">
            <table>
              <thead>
                <tr>
                  <th>Channel</th>
                  <th>Forwards from</th>
                  <th>Posts</th>
                </tr>
              </thead>
              <tbody>
                ${join(
                  agg.forwards.slice(0, 50).map(
                    (e) =>
                      html`<tr>
                        <td>${e.channel}</td>
                        <td>${e.originName} <span class="muted">${originNote(e)}</span></td>
                        <td>${e.posts}</td>
                      </tr>`,
                  ),
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="muted">No forwards.</p>`
    }`;
  return c.html(layout({ title: 'Dashboard', body, nonce: nonce(c), scripts: ['/static/dashboard.js'] }));
}

/** Who a forward origin is, beside its name: two origins may share a name. */
function originNote(e: Pick<ForwardEdge, 'origin' | 'originKind'>): string {
  if (e.originKind === 'name') return '(name only)';
  const id = /^(?:channel|user):(\d+)$/.exec(e.origin);
  if (id) return `(${e.originKind} ${id[1]})`;
  return e.originKind === 'user' ? `(user @${e.origin})` : `(@${e.origin})`;
}

/** Dashboard names of the language buckets: codes, plus the three groups that are not languages. */
function langLabel(lang: string | null): string {
  if (lang === null) return 'without text';
  if (lang === 'und') return 'undetermined';
  return lang === 'other' ? 'other languages' : lang;
}
