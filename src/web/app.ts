// The Hono app: security headers, static files, pages, feeds, JSON API, and the one place errors become responses.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../config/config.js';
import type { MediaBlobStore } from '../store/media/blob-store.js';
import type { Store } from '../store/store.js';
import { ArchiveBusyError, ArchiveUnavailableError, MediaStoreError, UserError } from '../util/errors.js';
import { withWriteWait } from '../util/busy.js';
import type { TaskStatus } from '../util/supervise.js';
import { ASSETS } from './assets.js';
import { createAdminAuth, wantsJsonAnswer, type AdminAuth } from './auth.js';
import { html, layout } from './html.js';
import { createMediaHealth, type MediaHealth } from './media-health.js';
import { createStatsService, type StatsService } from './stats.js';
import { pageRoutes } from './routes/pages.js';
import { searchRoutes } from './routes/search.js';
import { adminRoutes } from './routes/admin.js';
import { apiRoutes } from './routes/api.js';
import { correctionRoutes } from './routes/corrections.js';
import { feedRoutes } from './routes/feeds.js';
import { savedSearchRoutes } from './routes/saved-searches.js';
import { networkRoutes } from './routes/network.js';
import { mediaRoutes } from './routes/media.js';

export interface AppDeps {
  store: Store;
  config: Config;
  /** The clock (tests freeze it). @default () => new Date() */
  now?: () => Date;
  /** Told when a channel was followed, so a collector running beside the app syncs it now. @default none */
  onFollow?: (channel: string) => void;

  /** Status of the background work running beside the app (the collector), shown on /channels and the API. */
  background?: () => readonly TaskStatus[];
  /**
   * How long a request's write waits while another writer (an import) holds the archive, then 503 + Retry-After:
   * short, so a request answers instead of hanging. @default 2000
   */
  writeWaitMs?: number;
  /** Where the archive's kept media live (served at /media/HASH); null: media are off, posts show the source's links. */
  media?: MediaBlobStore | null;
  /** Failures of the media store, logged and shown to the operator (serve's start-up check reports into it). @default a new one */
  mediaHealth?: MediaHealth;
}

export interface WebContext {
  store: Store;
  config: Config;
  now: () => Date;
  auth: AdminAuth;
  stats: StatsService;
  onFollow: (channel: string) => void;
  background: () => readonly TaskStatus[];
  /** The kept media, or null when the app serves none. */
  media: MediaBlobStore | null;
  mediaHealth: MediaHealth;
}

/** The site's icon: a "t" on the accent colour. */
const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2a6fdb"/>' +
  '<path d="M14 6h4v6h6v4h-6v7c0 1.5 1 2 2.5 2H24v4h-4c-4 0-6-2-6-6v-7h-4v-4h4z" fill="#fff"/></svg>';

export type WebEnv = { Variables: { nonce: string } };

// Everything from here: pages show only the archive's kept media (never the source's CDN, see post-view.ts), so a
// reader's browser contacts no third party; data: is for inline icons.
function csp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "media-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

const wantsJson = (c: Context) => {
  const p = c.req.path;
  if (p.startsWith('/api/') || p === '/api' || /\/feed\.(rss|atom|json)$/.test(p)) return true;
  // The admin actions answer a script (a Bearer token, or asking for JSON) in JSON, their errors too (admin.ts done).
  return p.startsWith('/admin/') && wantsJsonAnswer(c);
};

function errorPage(
  c: Context<WebEnv>,
  status: 400 | 401 | 403 | 404 | 500 | 503,
  title: string,
  message: string,
) {
  const nonce = c.get('nonce') ?? '';
  const body = html`<h1>${title}</h1>
    <p class="error">${message}</p>
    <p><a href="/">Back to the start page</a></p>`;
  return c.html(layout({ title, body, nonce }), status);
}

export function createApp(deps: AppDeps): Hono<WebEnv> {
  const ctx: WebContext = {
    store: deps.store,
    config: deps.config,
    now: deps.now ?? (() => new Date()),
    auth: createAdminAuth(deps.config.adminToken),
    stats: createStatsService(deps.store),
    onFollow: deps.onFollow ?? (() => {}),
    background: deps.background ?? (() => []),
    media: deps.media ?? null,
    mediaHealth: deps.mediaHealth ?? createMediaHealth(),
  };
  const app = new Hono<WebEnv>();
  const writeWaitMs = deps.writeWaitMs ?? 2000;

  app.use('*', async (c, next) => {
    const nonce = randomBytes(16).toString('base64');
    c.set('nonce', nonce);
    await withWriteWait(writeWaitMs, next);
    // A route with its own policy keeps it (/media sandboxes what it serves).
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp(nonce));
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  });

  app.get('/static/:file', (c) => {
    const a = ASSETS.get(c.req.param('file'));
    if (!a) throw new HTTPException(404, { message: 'no such file' });
    c.header('ETag', a.etag);
    c.header('Cache-Control', 'public, max-age=3600');
    if (c.req.header('if-none-match') === a.etag) return c.body(null, 304);
    c.header('Content-Type', a.type);
    return c.body(a.body);
  });

  // A small icon of our own (an SVG, which browsers take at this address too): without it every page logs a 404.
  app.get('/favicon.ico', (c) => {
    c.header('Content-Type', 'image/svg+xml');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(ICON_SVG);
  });

  app.route('/', mediaRoutes(ctx));
  app.route('/', feedRoutes(ctx));
  app.route('/', networkRoutes(ctx));
  // Before apiRoutes: /api/stories/corrections is not a story id.
  app.route('/', correctionRoutes(ctx));
  app.route('/', apiRoutes(ctx));
  app.route('/', searchRoutes(ctx));
  app.route('/', savedSearchRoutes(ctx));
  app.route('/', adminRoutes(ctx));
  app.route('/', pageRoutes(ctx));

  app.notFound((c) =>
    wantsJson(c)
      ? c.json({ error: `not found: ${c.req.path}` }, 404)
      : errorPage(c, 404, 'Not found', `There is nothing at ${c.req.path}.`),
  );

  app.onError((err, c) => {
    let status: 400 | 401 | 403 | 404 | 500 | 503 = 500;
    let message = 'Something went wrong on our side; the error was logged.';
    if (err instanceof MediaStoreError) {
      // The operator's problem (keys, bucket, a server down), not the reader's: readers get a neutral 503, the
      // operator the log line and the notice on /channels; a reader's request is never what to fix.
      status = 503;
      message = 'This file cannot be shown right now; try again later.';
      c.header('Retry-After', String(err.retryAfterS));
      c.header('Cache-Control', 'no-store');
      ctx.mediaHealth.failed(err);
    } else if (err instanceof ArchiveBusyError || err instanceof ArchiveUnavailableError) {
      // An import or another writer holds the archive, or its database server is away: nothing is wrong with the
      // request, and the same one works later.
      status = 503;
      message = err.message;
      c.header('Retry-After', String(err.retryAfterS));
      if (err instanceof ArchiveUnavailableError)
        console.error(`web: ${c.req.method} ${c.req.path}: ${err.message}`);
    } else if (err instanceof UserError) {
      status = 400;
      message = err.message;
    } else if (err instanceof HTTPException) {
      const s = err.status;
      status = s === 400 || s === 401 || s === 403 || s === 404 ? s : 500;
      message = err.message || (status === 404 ? 'not found' : 'request refused');
    } else {
      console.error(
        `web: ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
    if (wantsJson(c)) return c.json({ error: message }, status);
    const titles = {
      400: 'That did not work',
      401: 'Log in first',
      403: 'Not allowed',
      404: 'Not found',
      500: 'Server error',
      503: 'Unavailable, try again',
    };
    return errorPage(c, status, titles[status], message);
  });

  return app;
}
