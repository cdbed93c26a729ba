// HTML building blocks: an escaping template tag (hono/html), the shared layout, dates and small widgets.
import { html as honoHtml, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString;
export { raw };

/** hono/html's tag: interpolations are escaped unless they are Html. We never pass promises, so it is sync. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return honoHtml(strings, ...values) as Html;
}

export function join(parts: readonly Html[], sep = ''): Html {
  return raw(parts.join(sep));
}

/** Builds a query string from defined, non-empty values (for paging and filter links). */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '' && v !== false) u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

/** UTC on the server; /static/app.js rewrites it in the reader's time zone. */
export function time(iso: string | null, fallback = 'undated'): Html {
  if (!iso) return html`<span class="undated">${fallback}</span>`;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return html`<span>${iso}</span>`;
  const text = `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return html`<time datetime="${d.toISOString()}">${text}</time>`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  if (n >= 1000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}K`;
  return String(n);
}

export interface LayoutOptions {
  title: string;
  body: Html;
  /** Prefilled search box. */
  q?: string;
  /** <link rel=alternate> feeds for this page. */
  feeds?: { rss: string; atom: string; json: string };
  scripts?: string[];
  nonce: string;
}

export function layout(o: LayoutOptions): Html {
  const feeds = o.feeds
    ? html`<link rel="alternate" type="application/rss+xml" title="RSS" href="${o.feeds.rss}" />
        <link rel="alternate" type="application/atom+xml" title="Atom" href="${o.feeds.atom}" />
        <link rel="alternate" type="application/feed+json" title="JSON Feed" href="${o.feeds.json}" />`
    : '';
  const scripts = join(
    ['/static/app.js', ...(o.scripts ?? [])].map(
      (s) => html`<script src="${s}" nonce="${o.nonce}" defer></script>`,
    ),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · tgwire</title>
        <link rel="stylesheet" href="/static/style.css" />
        <link rel="icon" href="/favicon.ico" type="image/svg+xml" />
        ${feeds}${scripts}
      </head>
      <body>
        <header class="site">
          <a class="brand" href="/">tgwire</a>
          <nav>
            <a href="/channels">Channels</a> <a href="/dashboard">Dashboard</a>
            <a href="/searches">Saved searches</a>
          </nav>
          <form class="search" action="/search" method="get" role="search">
            <input
              type="search"
              name="q"
              value="${o.q ?? ''}"
              placeholder="Search the archive"
              aria-label="Search"
              maxlength="500"
            />
          </form>
        </header>
        <main>${o.body}</main>
        <footer class="site">
          tgwire — a self-hosted archive of public Telegram channels · <a href="/api/stats">API</a>
        </footer>
      </body>
    </html>`;
}

export function feedLinks(base: string, query = ''): { rss: string; atom: string; json: string } {
  return { rss: `${base}.rss${query}`, atom: `${base}.atom${query}`, json: `${base}.json${query}` };
}

export function feedBadges(f: { rss: string; atom: string; json: string }): Html {
  return html`<p class="feeds">
    Subscribe: <a href="${f.rss}">RSS</a> · <a href="${f.atom}">Atom</a> · <a href="${f.json}">JSON Feed</a>
  </p>`;
}
