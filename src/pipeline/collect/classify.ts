// Tells from t.me's answer whether a channel can be read through its web preview, and why not.
import { ChannelUnavailableError } from '../../util/errors.js';
import type { HttpResponse } from '../../util/http.js';
import type { TmePage } from '../../collectors/tme/index.js';

/**
 * How t.me answers channels it will not preview (as of 2024/2025; the fake in test/fake-tme serves each case):
 * - web preview disabled: /s/NAME redirects to /NAME, whose page shows the title and "N subscribers";
 * - not a public channel (private chat, group, user, bot): /s/NAME redirects to /NAME, whose page shows a title
 *   without "subscribers";
 * - unknown username: /s/NAME redirects to /NAME showing no title ("you can contact @NAME"), or to the main page,
 *   or answers 200 with a preview page holding neither channel info nor messages.
 */
export function unavailableFromRedirect(key: string, res: HttpResponse): ChannelUnavailableError | null {
  if (res.redirects.length === 0) return null;
  const path = new URL(res.finalUrl).pathname.replace(/\/+$/, '').toLowerCase();
  if (path === `/s/${key}`) return null; // a redirect that came back to the preview (http -> https, a trailing slash)
  if (path !== `/${key}`) return notFound(key);
  const title = /class="tgme_page_title"[^>]*>([\s\S]*?)<\/div>/
    .exec(res.body)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
  if (!title) return notFound(key);
  const extra = /class="tgme_page_extra"[^>]*>([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
  if (/\bsubscribers?\b/i.test(extra))
    return new ChannelUnavailableError(
      `@${key}: web preview disabled for this channel (t.me/s/${key} redirects to t.me/${key}); it cannot be read without a Telegram account`,
      key,
      'preview_disabled',
    );
  return new ChannelUnavailableError(
    `@${key} is not a public channel (a private chat, group, user or bot): the web preview shows nothing to collect`,
    key,
    'private',
  );
}

/** A preview page with neither channel info nor posts is how t.me shows an unknown username. */
export function unavailableFromPage(key: string, page: TmePage): ChannelUnavailableError | null {
  const c = page.channel;
  const named = c.headerTitle || c.usernameText || c.resolveDomain;
  return page.messages.length === 0 && !named ? notFound(key) : null;
}

function notFound(key: string): ChannelUnavailableError {
  return new ChannelUnavailableError(
    `@${key}: no such channel on t.me (unknown username; check the spelling)`,
    key,
    'not_found',
  );
}
