// The story page's notices after a correction form: the server's own fixed texts chosen by a code in the redirect, so
// a crafted link cannot make the page say what the archive did not (content spoofing).

/** Why a correction asked for on the story page was not made. */
export type RefusalCode =
  'not-a-post' | 'no-post' | 'no-channel' | 'no-story' | 'empty' | 'itself' | 'one-story' | 'alone' | 'other';

/** `{name}` stands for the post or story named, when the redirect carries one that looks like a name. */
const REFUSALS: Record<RefusalCode, string> = {
  'not-a-post': 'that is not a post: write CHANNEL/ID, e.g. mfa_russia/123',
  'no-post': 'no post {name} in the archive',
  'no-channel': 'no channel of that name in the archive',
  'no-story': 'no story {name}',
  empty: 'name a post as CHANNEL/ID, or a story by its id or address',
  itself: 'a post cannot be merged into itself',
  'one-story': 'the two posts are already in one story: nothing to merge',
  alone: 'the post is alone in its story: nothing to split it from',
  other: 'the correction could not be made',
};

// A post key or a story id: letters, digits, "_" and one "/" before digits. Anything else is not shown.
const NAME = /^(?:[A-Za-z0-9_]{1,64}\/\d{1,15}|[a-z0-9]{1,40})$/;

/** The redirect's query for a refusal: the code, and the name it concerns when it is one. */
export function refusalQuery(code: RefusalCode, name?: string): string {
  const shown = name && NAME.test(name) ? `&name=${encodeURIComponent(name)}` : '';
  return `refused=${code}${shown}`;
}

/** The text for a refusal code of the page's address, or null for a code the server does not make. */
export function refusalText(code: string | undefined, name: string | undefined): string | null {
  if (!code || !Object.hasOwn(REFUSALS, code)) return null;
  const text = REFUSALS[code as RefusalCode];
  if (!text.includes('{name}')) return text;
  return name && NAME.test(name) ? text.replace('{name}', name) : text.replace(' {name}', ' of that name');
}
