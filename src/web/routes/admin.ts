// The channels page with its status, the admin login, and the admin forms (add a channel, add a topic).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { deleteCookie, setCookie } from 'hono/cookie';
import { emptyChannel, type Channel } from '../../model/post.js';
import { notAChannel, parseChannelRef } from '../../model/channel-ref.js';
import { UserError } from '../../util/errors.js';
import type { TaskStatus } from '../../util/supervise.js';
import type { SyncState } from '../../model/collection.js';
import {
  checkTopicName,
  retagArchive,
  saveTopicChecked,
  topicUsers,
  topicUsersText,
} from '../../pipeline/topics.js';
import { resolveTopic } from '../../pipeline/names.js';
import type { WebContext, WebEnv } from '../app.js';
import type { MediaProblem } from '../media-health.js';
import {
  ADMIN_COOKIE,
  loginHref,
  sameOrigin,
  seenOverHttps,
  wantsJsonAnswer,
  type OriginOptions,
} from '../auth.js';
import { formatCount, html, join, layout, raw, time } from '../html.js';
import { channelPath } from '../post-view.js';
import { nonce } from './common.js';
import { clientAddress, createLoginLimiter } from '../login-limit.js';
import { webhooksSection } from './webhooks-view.js';

/**
 * A page of this site to go back to after logging in, or null: only a path on this origin (never "//host" or
 * "/\\host", which browsers read as another site), and never the login page itself.
 */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || next.length > 2000 || !next.startsWith('/') || /^\/[/\\]/.test(next)) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  const u = new URL(next, 'http://this.invalid');
  if (u.origin !== 'http://this.invalid' || u.pathname === '/login') return null;
  return `${u.pathname}${u.search}${u.hash}`;
}

/** The path of a Referer on the request's own origin (the Referrer-Policy sends the path same-origin only). */
function refererPath(referer: string | undefined, requestUrl: string): string | null {
  if (!referer) return null;
  try {
    const r = new URL(referer);
    return r.origin === new URL(requestUrl).origin ? `${r.pathname}${r.search}` : null;
  } catch {
    return null;
  }
}

export async function formBody(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await c.req.json().catch(() => null)) as unknown;
    if (!body || typeof body !== 'object') throw new UserError('send a JSON object');
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    );
  }
  const form = await c.req.parseBody();
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** Refuses a form sent from another site; the reader's own origin may be the public one behind a proxy. */
export function checkOrigin(c: Context, config: OriginOptions) {
  if (!sameOrigin(c, config))
    throw new HTTPException(403, { message: 'this form was sent from another site' });
}

/** A failing background task: shown to every reader, as it explains why posts may be late. */
function failingLine(t: TaskStatus) {
  const last = t.lastError
    ? html` Last error ${time(t.lastErrorAt)}: <span class="error">${t.lastError}</span>.`
    : '';
  return html`<p class="background">
    <span class="error">The ${t.name} failed ${t.failures} time${t.failures === 1 ? '' : 's'} in a row</span>;
    next attempt ${time(t.nextAttemptAt)}.${last}
  </p>`;
}

/**
 * The background work as one line for the operator (an admin, or anyone when no admin token is set): a list, not
 * "The cut-off imports is running" per task. Readers see failures only (failingLine); healthy jobs are no news.
 */
function tasksLine(tasks: readonly TaskStatus[], operator: boolean) {
  const failing = tasks.filter((t) => t.state === 'retrying');
  const group = (state: TaskStatus['state'], label: string) => {
    const named = tasks.filter((t) => t.state === state);
    if (!named.length) return '';
    const errors = named.filter((t) => t.lastError);
    return html`<p class="background muted">
      ${label}:
      ${named.map((t) => t.name).join(', ')}.${join(
        errors.map((t) => html` Last error of the ${t.name} ${time(t.lastErrorAt)}: ${t.lastError}.`),
      )}
    </p>`;
  };
  return html`${join(failing.map(failingLine))}${operator ? html`${group('running', 'Background work running')}${group('stopped', 'Background work stopped')}` : ''}`;
}

/** The media store failing, for the operator only: its message names the bucket, endpoint and settings to fix. */
function mediaLine(p: MediaProblem | null, operator: boolean) {
  if (!p || !operator) return '';
  return html`<p class="background">
    <span class="error"
      >The media store has failed ${p.failures} time${p.failures === 1 ? '' : 's'} since
      ${time(p.since)}</span
    >; readers get "cannot be shown right now" (503) for media until it answers again. Last error:
    <span class="error">${p.message}</span>.
  </p>`;
}

/** The last sync of a channel never synced: one followed (or tried) is waiting or failing, not imported. */
function neverSynced(collected: boolean): string {
  return collected ? 'never synced' : 'never (imported)';
}

export function adminRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { store, auth } = ctx;

  /** What an admin typed into a form the server refused: shown again with the reason, nothing to type twice. */
  interface Refused {
    form: 'channel' | 'topic';
    error: string;
    values: Record<string, string>;
  }

  const channelsPage = async (c: Context<WebEnv>, refused?: Refused) => {
    const [channels, stats, topics, webhooks, follows] = await Promise.all([
      store.listChannels(),
      ctx.stats.archive(),
      store.listTopics(),
      webhooksSection(store),
      store.listFollows(),
    ]);
    const followed = new Set(follows.map((f) => f.channel));
    const counts = new Map(stats.perChannel.map((p) => [p.channel, p]));
    const keys = [...new Set([...channels.map((ch) => ch.key), ...counts.keys()])].sort();
    const byKey = new Map(channels.map((ch) => [ch.key, ch]));
    // Collection status exists once live collection has run; stores without it show "never".
    const sync = new Map<string, SyncState | null>();
    if (store.getSyncState) for (const ch of channels) sync.set(ch.key, await store.getSyncState(ch.key));
    // Collected channels whose media failed (S3 refusing, a CDN down): the posts are kept, the files are not yet.
    const mediaFailed = new Map<string, number>();
    for (const [key, st] of sync) if (st) mediaFailed.set(key, await store.channelMediaFailed(key));
    const rows = join(
      keys.map((key) => {
        const ch = byKey.get(key) ?? emptyChannel(key);
        const st = sync.get(key) ?? null;
        const n = counts.get(key);
        return html`<tr>
          <td>
            <a href="${channelPath(key)}">${ch.title ?? key}</a
            >${ch.username ? html`<br /><small class="muted">@${ch.username}</small>` : ''}
          </td>
          <td>${formatCount(n?.posts ?? 0)}</td>
          <td>${time(n?.lastDate ?? null, '—')}</td>
          <td>
            ${st?.lastSyncAt ? time(st.lastSyncAt) : html`<span class="muted">${neverSynced(followed.has(key) || st !== null)}</span>`}
          </td>
          <td>
            ${st?.lastError ? html`<span class="error">${st.status ? `${st.status}: ` : ''}${st.lastError}${st.errorCount ? ` (×${st.errorCount})` : ''}</span>` : ''}
            ${mediaFailed.get(key) ? html`<span class="error">${mediaFailed.get(key)} media not stored (tgwire media fetch tries them again)</span>` : ''}
            ${!st?.lastError && !mediaFailed.get(key) ? html`<span class="muted">none</span>` : ''}
          </td>
          <td>${st?.nextCheckAt ? time(st.nextCheckAt) : html`<span class="muted">—</span>`}</td>
        </tr>`;
      }),
    );
    const admin = auth.isAdmin(c);
    const csrf = admin ? auth.csrfToken() : '';
    const typed = (form: Refused['form'], field: string) =>
      refused?.form === form ? (refused.values[field] ?? '') : '';
    const refusedHere = (form: Refused['form']) =>
      refused?.form === form ? html`<p class="error" role="alert">Not saved: ${refused.error}</p>` : '';
    const forms = !auth.enabled
      ? html`<p class="muted">
          Adding channels and topics here needs an admin token: set TGWIRE_ADMIN_TOKEN and restart.
        </p>`
      : !admin
        ? html`<p><a href="${loginHref(c)}">Log in with the admin token</a> to add channels and topics.</p>`
        : html`<form class="admin" method="post" action="/admin/channels">
              <input type="hidden" name="_csrf" value="${csrf}" />
              ${refusedHere('channel')}
              <label for="ch">Add a channel (@name or t.me link)</label
              ><input
                id="ch"
                type="text"
                name="channel"
                required
                maxlength="200"
                value="${typed('channel', 'channel')}"
              />
              <button type="submit">Add channel</button>
            </form>
            <form class="admin" method="post" action="/admin/topics">
              <input type="hidden" name="_csrf" value="${csrf}" />
              ${refusedHere('topic')}
              <label for="tn">Topic name</label
              ><input
                id="tn"
                type="text"
                name="name"
                required
                maxlength="64"
                value="${typed('topic', 'name')}"
              />
              <label for="tq">Query (the search language)</label
              ><input
                id="tq"
                type="text"
                name="query"
                required
                maxlength="500"
                value="${typed('topic', 'query')}"
              />
              <label for="ta">Aliases, one group per line ("BRICS = БРИКС = #brics")</label
              ><textarea id="ta" name="aliases" rows="3">${typed('topic', 'aliases')}</textarea>
              <label
                ><input
                  type="checkbox"
                  name="replace"
                  value="1"
                  ${typed('topic', 'replace') ? raw('checked') : ''}
                />
                replace the topic of that name</label
              >
              <button type="submit">Add topic</button>
            </form>
            <form method="post" action="/logout">
              <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">Log out</button>
            </form>`;
    const removeTopic = (name: string) =>
      admin
        ? html` <form class="inline" method="post" action="/admin/topics/remove">
            <input type="hidden" name="_csrf" value="${csrf}" /><input
              type="hidden"
              name="name"
              value="${name}"
            />
            <button type="submit">Remove</button>
          </form>`
        : '';
    const topicList = topics.length
      ? html`<ul>
          ${join(topics.map((t) => html`<li><a href="/t/${encodeURIComponent(t.name)}">${t.name}</a> — <code>${t.query}</code>${removeTopic(t.name)}</li>`))}
        </ul>`
      : html`<p class="muted">No topics.</p>`;
    const body = html`<h1>Channels</h1>
      ${savedNotice(c.req.query('saved'), c.req.query('name'))}
      ${tasksLine(ctx.background(), admin || !auth.enabled)}
      ${mediaLine(ctx.mediaHealth.problem(), admin || !auth.enabled)}
      <div class="scroll-x">
        <table>
          <thead>
            <tr>
              <th>Channel</th>
              <th>Posts</th>
              <th>Last post</th>
              <th>Last sync</th>
              <th>Errors</th>
              <th>Next attempt</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>
      </div>
      <h2>Topics</h2>
      ${topicList}
      <h2>Webhooks</h2>
      ${webhooks}
      <h2>Administration</h2>
      ${forms}`;
    return c.html(layout({ title: 'Channels', body, nonce: nonce(c) }), refused ? 400 : 200);
  };

  app.get('/channels', (c) => channelsPage(c));

  /** A form's user error comes back as the page with the form refilled (JSON callers get the error as before). */
  const refilling =
    (
      form: Refused['form'],
      handle: (c: Context<WebEnv>, values: Record<string, string>) => Promise<Response>,
    ) =>
    async (c: Context<WebEnv>) => {
      checkOrigin(c, ctx.config);
      const values = await formBody(c);
      auth.requireAdmin(c, values);
      try {
        return await handle(c, values);
      } catch (err) {
        if (!(err instanceof UserError) || wantsJsonAnswer(c)) throw err;
        return channelsPage(c, { form, error: err.message, values });
      }
    };

  // The login page, with an inline error (a wrong token) and the page to go back to after it.
  const loginPage = (c: Context<WebEnv>, next: string | null, error = '') => {
    const body = auth.enabled
      ? html`<h1>Admin login</h1>
          ${error ? html`<p class="error" role="alert">${error}</p>` : ''}
          <form class="admin" method="post" action="/login">
            ${next ? html`<input type="hidden" name="next" value="${next}" />` : ''}
            <label for="token">Admin token</label
            ><input
              id="token"
              type="password"
              name="token"
              required
              autocomplete="current-password"
              ${error ? 'autofocus' : ''}
            />
            <button type="submit">Log in</button>
          </form>`
      : html`<h1>Admin login</h1>
          <p class="muted">No admin token is configured (TGWIRE_ADMIN_TOKEN).</p>`;
    return layout({ title: 'Log in', body, nonce: nonce(c) });
  };

  app.get('/login', (c) => {
    // A "Log in" link names its page in ?next=; without it, the same-origin page the reader came from.
    const next = safeNext(c.req.query('next')) ?? safeNext(refererPath(c.req.header('referer'), c.req.url));
    return c.html(loginPage(c, next));
  });

  const logins = createLoginLimiter();
  app.post('/login', async (c) => {
    checkOrigin(c, ctx.config);
    const address = clientAddress(c, ctx.config.trustProxy);
    const now = ctx.now().getTime();
    const wait = logins.retryAfter(address, now);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      const body = html`<h1>Too many attempts</h1>
        <p class="error">Too many wrong admin tokens from your address: try again in ${wait} s.</p>`;
      return c.html(layout({ title: 'Too many attempts', body, nonce: nonce(c) }), 429);
    }
    const form = await formBody(c);
    const next = safeNext(form.next);
    if (!auth.checkToken(form.token ?? '')) {
      logins.failed(address, now);
      if (wantsJsonAnswer(c)) return c.json({ error: 'wrong admin token' }, 401);
      // The form again, to try once more, still going back to the same page.
      return c.html(loginPage(c, next, 'Wrong admin token: check it and try again.'), 401);
    }
    setCookie(c, ADMIN_COOKIE, auth.sessionValue(), {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: seenOverHttps(c, ctx.config),
      maxAge: 30 * 24 * 3600,
    });
    return c.redirect(next ?? '/channels', 303);
  });

  app.post('/logout', async (c) => {
    checkOrigin(c, ctx.config);
    auth.requireAdmin(c, await formBody(c));
    deleteCookie(c, ADMIN_COOKIE, { path: '/' });
    return c.redirect('/channels', 303);
  });

  // The page after a form names what was saved by a kind and a name (shown only when it reads as one), never by free
  // text from its address: a crafted link must not make the site say what it likes.
  const done = (c: Context, kind: SavedKind, name: string, data: object) =>
    wantsJsonAnswer(c)
      ? c.json({ ok: true, ...data }, 201)
      : c.redirect(`/channels?saved=${kind}&name=${encodeURIComponent(name)}`, 303);

  app.post(
    '/admin/channels',
    refilling('channel', async (c, form) => {
      const ref = parseChannelRef(form.channel ?? '');
      if (!ref) throw new UserError(notAChannel(form.channel ?? ''));
      const existing = await store.getChannel(ref.username);
      const channel: Channel = existing ?? { ...emptyChannel(ref.username), username: ref.username };
      await store.upsertChannel(channel);
      // Followed, and the collector running beside the web app is woken: the first sync starts now.
      await store.follow(ref.username, null);
      ctx.onFollow(ref.username);
      return done(c, 'channel', ref.username, { channel: channel.key });
    }),
  );

  app.post(
    '/admin/topics',
    refilling('topic', async (c, form) => {
      const name = (form.name ?? '').trim();
      const query = (form.query ?? '').trim();
      checkTopicName(name);
      if (!query || query.length > 500) throw new UserError('a topic needs a query (500 characters at most)');
      const aliases = (form.aliases ?? '')
        .split(/\r?\n/)
        .map((line) =>
          line
            .split('=')
            .map((w) => w.trim())
            .filter(Boolean),
        )
        .filter((g) => g.length > 1);
      const replace = form.replace === '1' || form.replace === 'true' || form.replace === 'on';
      const { replaced } = await saveTopicChecked(store, { name, query, aliases }, { replace, asker: 'web' });
      const { tagged } = await retagArchive(store);
      return done(c, replaced ? 'replaced' : 'topic', name, {
        topic: name,
        tagged,
        replaced: replaced?.name ?? null,
      });
    }),
  );

  app.post('/admin/topics/remove', async (c) => {
    checkOrigin(c, ctx.config);
    const form = await formBody(c);
    auth.requireAdmin(c, form);
    const topic = await resolveTopic(store, form.name ?? '', 'web');
    // As `tgwire topics remove` without --force: what names the topic would fail or go quiet.
    if (ctx.config.topics.some((t) => t.name === topic))
      throw new UserError(
        `topic ${topic} is listed in the config file, which adds it again whenever tgwire opens the archive: remove it there`,
      );
    const users = await topicUsers(store, topic, ctx.config.routes);
    if (users.length)
      throw new UserError(
        `topic ${topic} is named by ${topicUsersText(users)}: change or remove them first (tgwire topics remove --force removes it even so)`,
      );
    await store.removeTopic(topic);
    await retagArchive(store);
    return wantsJsonAnswer(c)
      ? c.json({ ok: true, removed: topic })
      : c.redirect(`/channels?saved=removed&name=${encodeURIComponent(topic)}`, 303);
  });

  return app;
}

type SavedKind = 'channel' | 'topic' | 'replaced' | 'removed';
const SAVED_TEXT: Record<SavedKind, (name: string) => string> = {
  channel: (n) => `Saved: following @${n}`,
  topic: (n) => `Saved: topic ${n}`,
  replaced: (n) => `Saved: topic ${n}, its query replaced`,
  removed: (n) => `Removed: topic ${n}`,
};
// Channel usernames and topic names: letters, digits, _ and - (topic names), 64 at most.
const SAVED_NAME = /^[\p{L}\p{N}_-]{1,64}$/u;

/** The notice after a saved form, or nothing for a kind or name the forms do not send. */
function savedNotice(kind: string | undefined, name: string | undefined) {
  if (!kind || !name || !Object.hasOwn(SAVED_TEXT, kind) || !SAVED_NAME.test(name)) return '';
  return html`<p class="notice">${SAVED_TEXT[kind as SavedKind](name)}</p>`;
}
