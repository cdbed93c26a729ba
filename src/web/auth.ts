// The admin token: Bearer header or a login cookie, plus a CSRF token for the admin forms.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';

export const ADMIN_COOKIE = 'tgwire_admin';

/**
 * A "Log in" link that comes back to this request's page once logged in. The query is kept only where it is the
 * page's content (a search); elsewhere it may hold a one-time notice that must not be shown again.
 */
export function loginHref(c: Context, keepQuery = false): string {
  const u = new URL(c.req.url);
  return `/login?next=${encodeURIComponent(keepQuery ? `${u.pathname}${u.search}` : u.pathname)}`;
}

export interface AdminAuth {
  /** False when no admin token is configured: admin actions are then refused. */
  readonly enabled: boolean;
  /** The cookie value proving a login (derived from the token, so the token itself never sits in a cookie). */
  sessionValue(): string;
  /** The hidden form field value; only a page served to an admin carries it. */
  csrfToken(): string;
  checkToken(candidate: string): boolean;
  isAdmin(c: Context): boolean;
  /** Throws 401/403 unless the request is an admin's and (for cookie logins) carries the CSRF token. */
  requireAdmin(c: Context, form: Record<string, unknown>): void;
}

function same(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function createAdminAuth(token: string | null): AdminAuth {
  const derive = (purpose: string) =>
    token ? createHmac('sha256', token).update(purpose).digest('base64url') : '';
  const session = derive('tgwire-session-v1');
  const csrf = derive('tgwire-csrf-v1');
  const bearer = (c: Context) =>
    /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? null;
  const auth: AdminAuth = {
    enabled: token !== null,
    sessionValue: () => session,
    csrfToken: () => csrf,
    checkToken: (candidate) => token !== null && same(candidate, token),
    isAdmin(c) {
      if (!token) return false;
      const b = bearer(c);
      if (b !== null) return same(b, token);
      const cookie = getCookie(c, ADMIN_COOKIE);
      return cookie !== undefined && same(cookie, session);
    },
    requireAdmin(c, form) {
      if (!token)
        throw new HTTPException(403, { message: 'admin actions are disabled: set TGWIRE_ADMIN_TOKEN' });
      const b = bearer(c);
      if (b !== null) {
        // A Bearer header cannot be sent by a cross-site form, so it needs no CSRF token.
        if (!same(b, token)) throw new HTTPException(401, { message: 'wrong admin token' });
        return;
      }
      if (!auth.isAdmin(c)) throw new HTTPException(401, { message: 'log in with the admin token first' });
      const sent = typeof form._csrf === 'string' ? form._csrf : '';
      if (!same(sent, csrf))
        throw new HTTPException(403, {
          message: 'the form expired or came from another site: reload the page',
        });
    },
  };
  return auth;
}

export interface OriginOptions {
  /** The configured public address (TGWIRE_PUBLIC_URL): its origin is the one readers see. */
  publicUrl?: string | null;
  /** Believe X-Forwarded-Proto/-Host: only when a reverse proxy in front sets them (TGWIRE_TRUST_PROXY). */
  trustProxy?: boolean;
}

/** The first value of a header a chain of proxies may have appended to ("https, http" -> "https"). */
const firstOf = (v: string | undefined) => v?.split(',')[0]?.trim() || null;

/**
 * The origins a page of this app can have for the reader: the address the request reached, the configured public
 * address, and (trusted proxy only) the one the proxy says it received. Behind a TLS proxy the request reaches
 * http://127.0.0.1:8080 while the reader's browser sends Origin: https://archive.example.org.
 */
export function ownOrigins(c: Context, o: OriginOptions = {}): string[] {
  const origins = [new URL(c.req.url).origin];
  if (o.publicUrl) origins.push(new URL(o.publicUrl).origin);
  if (o.trustProxy) {
    const proto = firstOf(c.req.header('x-forwarded-proto'));
    const host = firstOf(c.req.header('x-forwarded-host')) ?? c.req.header('host') ?? null;
    if (host && (proto === 'http' || proto === 'https' || proto === null)) {
      const url = `${proto ?? new URL(c.req.url).protocol.slice(0, -1)}://${host}`;
      if (URL.canParse(url)) origins.push(new URL(url).origin);
    }
  }
  return origins;
}

/** True when the reader sees this app over https (a secure cookie then), whatever the hop behind the proxy. */
export function seenOverHttps(c: Context, o: OriginOptions = {}): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (o.trustProxy && firstOf(c.req.header('x-forwarded-proto')) === 'https') return true;
  return !!o.publicUrl && o.publicUrl.startsWith('https:');
}

/** Refuses state-changing requests whose Origin (or Referer) names another site. */
export function sameOrigin(c: Context, o: OriginOptions = {}): boolean {
  const own = ownOrigins(c, o);
  const origin = c.req.header('origin');
  if (origin) return own.includes(origin);
  const referer = c.req.header('referer');
  if (referer) {
    try {
      return own.includes(new URL(referer).origin);
    } catch {
      return false;
    }
  }
  return true;
}

/** A request from a script rather than a browser form: it sent a Bearer header or asked for JSON. */
export function wantsJsonAnswer(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json') || !!c.req.header('authorization');
}
