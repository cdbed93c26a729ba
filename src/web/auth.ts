// The admin token: Bearer header or a login cookie, plus a CSRF token for the admin forms.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';

export const ADMIN_COOKIE = 'tgwire_admin';

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

/** Refuses state-changing requests whose Origin (or Referer) names another site. */
export function sameOrigin(c: Context): boolean {
  const self = new URL(c.req.url).origin;
  const origin = c.req.header('origin');
  if (origin) return origin === self;
  const referer = c.req.header('referer');
  if (referer) {
    try {
      return new URL(referer).origin === self;
    } catch {
      return false;
    }
  }
  return true;
}
