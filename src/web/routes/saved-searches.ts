// Saved searches on the web: the list (run, feeds, remove), saving from the search page, removing (admin forms).
import { Hono, type Context } from 'hono';
import { formatQuery } from '../../search/parse.js';
import { SAVED_SEARCH_NAME, savedSearchOf } from '../../search/saved.js';
import { resolveQueryNames } from '../../pipeline/names.js';
import { ArchiveBusyError, ArchiveUnavailableError, UserError } from '../../util/errors.js';
import type { SavedSearch } from '../../model/saved-search.js';
import type { WebContext, WebEnv } from '../app.js';
import { feedBadges, feedLinks, html, join, layout, qs, raw, time, type Html } from '../html.js';
import { checkOrigin, formBody } from './admin.js';
import { nonce, notFound } from './common.js';
import { loginHref } from '../auth.js';

/** The search page of a saved search: its query, newest first. */
export function savedSearchRunPath(query: string): string {
  return `/search${qs({ q: query, sort: 'date' })}`;
}

/**
 * The query a search page shows, with its channel, topic and language filters written as fields of the query
 * (the other filters, dates, media and own/forwarded, have no words in the language: see unsavedFilters).
 */
export function queryOfSearchPage(v: (k: string) => string): string {
  const q = v('q').trim();
  const fields = (['channel', 'topic', 'lang'] as const)
    .filter((f) => v(f).trim() !== '')
    .map((field) => formatQuery({ kind: 'field', field, value: v(field).trim() }));
  if (fields.length === 0) return q;
  return `${/\s/.test(q) ? `(${q})` : q} ${fields.join(' ')}`;
}

/**
 * The search page's filters a saved search cannot keep, as the page names them ("from 2024-01-01", "own posts"):
 * the query language has no words for dates, media or own/forwarded posts, and a saved search is its query wherever
 * it is read (CLI, feeds, routes, webhooks).
 */
export function unsavedFilters(v: (k: string) => string): string[] {
  const out: string[] = [];
  if (v('since').trim()) out.push(`from ${v('since').trim()}`);
  if (v('until').trim()) out.push(`to ${v('until').trim()}`);
  const kind =
    v('kind') || (v('forwarded') ? (/^(1|true|yes|on)$/.test(v('forwarded')) ? 'forwarded' : 'own') : '');
  if (kind === 'own') out.push('own posts');
  if (kind === 'forwarded') out.push('forwarded posts');
  if (v('media')) out.push(/^(1|true|yes|on)$/.test(v('media')) ? 'with media' : 'without media');
  return out;
}

/**
 * The "Save this search" form of the search page (or what an admin must do first). A search with filters a saved
 * search cannot keep gets no form but a line naming them, with a link to the same search without them: saving it
 * would silently find more than the page shows.
 */
export function saveSearchForm(
  ctx: WebContext,
  c: Context,
  query: string,
  unsaved: readonly string[] = [],
  withoutThem = '',
): Html {
  if (!ctx.auth.enabled) return html``;
  if (!ctx.auth.isAdmin(c)) {
    return html`<p class="muted">
      <a href="${loginHref(c, true)}">Log in with the admin token</a> to save this search.
    </p>`;
  }
  if (unsaved.length)
    return html`<p class="muted save-search">
      A saved search keeps the words, channel, topic and language only, not the filters ${unsaved.join(', ')}:
      <a href="${withoutThem}">search without them</a> to save it.
    </p>`;
  return saveForm(ctx, query);
}

/** The save form itself; filled in again (name, "replace") when a save was refused. */
function saveForm(ctx: WebContext, query: string, filled: { name?: string; replace?: boolean } = {}): Html {
  return html`<form class="admin save-search" method="post" action="/admin/searches">
    <input type="hidden" name="_csrf" value="${ctx.auth.csrfToken()}" />
    <input type="hidden" name="query" value="${query}" />
    <label for="ssn">Save this search as</label
    ><input
      id="ssn"
      type="text"
      name="name"
      required
      maxlength="64"
      placeholder="brics-summit"
      value="${filled.name ?? ''}"
    />
    <label
      ><input type="checkbox" name="replace" value="1" ${filled.replace ? raw('checked') : ''} /> replace a
      search of that name</label
    >
    <button type="submit">Save this search</button>
  </form>`;
}

export function savedSearchRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, auth } = ctx;

  app.get('/searches', async (c) => {
    const searches = await store.listSavedSearches();
    const admin = auth.isAdmin(c);
    const csrf = admin ? auth.csrfToken() : '';
    const rows = join(
      searches.map((s) => {
        const path = `/searches/${encodeURIComponent(s.name)}`;
        return html`<li class="saved-search">
          <a href="${savedSearchRunPath(s.query)}"><b>${s.name}</b></a> — <code>${s.query}</code>
          <small class="muted">saved ${time(s.createdAt)}</small>
          ${feedBadges(feedLinks(`${path}/feed`))}
          ${
            admin
              ? html`<form
                  class="admin inline"
                  method="post"
                  action="/admin/searches/${encodeURIComponent(s.name)}/remove"
                >
                  <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">Remove</button>
                </form>`
              : ''
          }
        </li>`;
      }),
    );
    // Notices name a search only as the forms send it (a saved one listed, a removed one not), never free text from
    // the address: a crafted link must not make the site say what it likes.
    const names = new Set(searches.map((s) => s.name));
    const saved = c.req.query('saved');
    const removed = c.req.query('removed');
    const savedName = saved && names.has(saved) ? saved : null;
    const removedName = removed && SAVED_SEARCH_NAME.test(removed) && !names.has(removed) ? removed : null;
    const body = html`<h1>Saved searches</h1>
      ${savedName ? html`<p class="notice">Saved: ${savedName}</p>` : ''}
      ${removedName ? html`<p class="notice">Removed: ${removedName}</p>` : ''}
      ${
        searches.length
          ? html`<ul class="saved-searches">
              ${rows}
            </ul>`
          : html`<p class="muted">
              No saved searches yet: search, then “Save this search”, or run tgwire searches add NAME 'QUERY'.
            </p>`
      }`;
    return c.html(layout({ title: 'Saved searches', body, nonce: nonce(c) }));
  });

  app.get('/searches/:name', async (c) => {
    const s = await store.getSavedSearch(c.req.param('name'));
    if (!s) notFound(`no saved search "${c.req.param('name')}"`);
    return c.redirect(savedSearchRunPath(s.query), 303);
  });

  const wantsJson = (c: Context) =>
    (c.req.header('accept') ?? '').includes('application/json') || !!c.req.header('authorization');

  app.post('/admin/searches', async (c) => {
    checkOrigin(c, ctx.config);
    const form = await formBody(c);
    auth.requireAdmin(c, form);
    const replace = form.replace === '1' || form.replace === 'true';
    let search: SavedSearch;
    try {
      const typed = savedSearchOf(form.name ?? '', form.query ?? '', ctx.now().toISOString());
      // A channel: or topic: with a typo would match nothing for as long as the search lives; one in another case
      // is kept as the archive writes it.
      search = { ...typed, query: await resolveQueryNames(store, typed.query, 'web') };
      const existing = await store.getSavedSearch(search.name);
      if (existing && !replace)
        throw new UserError(
          `a search named ${search.name} exists (${JSON.stringify(existing.query)}): choose another name or tick “replace”`,
        );
      await store.saveSearch(existing ? { ...search, createdAt: existing.createdAt } : search);
    } catch (e) {
      const mistake =
        e instanceof UserError && !(e instanceof ArchiveBusyError) && !(e instanceof ArchiveUnavailableError);
      if (!mistake || wantsJson(c)) throw e;
      // A browser gets the form again as it was filled in, with the error beside it, and the way back to its search.
      const query = form.query ?? '';
      const body = html`<h1>Save this search</h1>
        <p class="error" role="alert">Not saved: ${e.message}</p>
        <p>Search: <code>${query}</code> — <a href="${savedSearchRunPath(query)}">back to the results</a></p>
        ${saveForm(ctx, query, { name: form.name ?? '', replace })}`;
      return c.html(layout({ title: 'Save this search', body, nonce: nonce(c) }), 400);
    }
    if (wantsJson(c)) return c.json({ ok: true, search }, 201);
    return c.redirect(`/searches?saved=${encodeURIComponent(search.name)}`, 303);
  });

  app.post('/admin/searches/:name/remove', async (c) => {
    checkOrigin(c, ctx.config);
    const form = await formBody(c);
    auth.requireAdmin(c, form);
    const name = c.req.param('name');
    if (!(await store.removeSavedSearch(name))) notFound(`no saved search "${name}"`);
    if (wantsJson(c)) return c.json({ ok: true, removed: name });
    return c.redirect(`/searches?removed=${encodeURIComponent(name)}`, 303);
  });

  return app;
}
