// Finds the entities Telegram would highlight in plain text (links, emails, @mentions, #hashtags), UTF-16 offsets.
import type { Entity, EntityType } from '../../model/post.js';
import { HASHTAG_SOURCE, MENTION_SOURCE, SCHEME_URL_SOURCE } from '../../text/tags.js';

/*
 * The rules, kept deliberately simple (Telegram's clients use larger tables):
 * - link: `http(s)://`, `tg://`, `ftp://` or `www.` up to whitespace; or a bare `host.tld[/path]` whose last label is
 *   in TLDS below. Trailing punctuation (.,;:!?'" » …) and an unbalanced `)` are not part of the link.
 * - email: local@host.tld, not inside a word.
 * - mention: `@` + 4–32 of [A-Za-z0-9_], not preceded by a letter, digit, `_` or `@` (so never inside an email).
 * - hashtag: `#` + letters/marks/digits/underscores, with at least one non-digit, not preceded by a letter, digit,
 *   `_`, `#` or `&` ("&#39;" is no hashtag). Any script counts as letters (#FСS, #Россия).
 * Earlier kinds win when two overlap: a link's `#fragment` or `@path` is not a hashtag or a mention.
 */

const TLDS =
  'com|org|net|ru|su|io|me|info|biz|gov|edu|int|mil|uk|de|fr|it|es|pt|nl|be|ch|at|pl|cz|ua|by|kz|uz|in|cn|jp|kr|' +
  'br|ar|mx|ca|au|nz|za|eg|ir|tr|ae|sa|il|id|my|sg|ph|vn|th|us|eu|asia|app|dev|ai|tv|co|cc|ly|gl|gg|to|fm|am|news|' +
  'online|site|store|tech|xyz|рф';

const SCHEME_URL = new RegExp(SCHEME_URL_SOURCE, 'giu');
const BARE_URL = new RegExp(
  `(?<![\\p{L}\\p{N}_@./-])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:${TLDS})(?::\\d{1,5})?` +
    `(?:/[^\\s<>"«»]*)?(?![\\p{L}\\p{N}_-])`,
  'giu',
);
const EMAIL = /(?<![\p{L}\p{N}_.+%-])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?![\p{L}\p{N}_-])/giu;
const MENTION = new RegExp(MENTION_SOURCE, 'giu');
const HASHTAG = new RegExp(HASHTAG_SOURCE, 'gu');

const TRAILING = new Set([...'.,;:!?\'"»”’…']);

/** Drops the punctuation that ends a sentence rather than the link, and a `)` that closes nothing inside it. */
function trimLink(s: string): string {
  let end = s.length;
  for (;;) {
    const c = s[end - 1];
    if (c === undefined) break;
    if (TRAILING.has(c)) {
      end--;
      continue;
    }
    if (c === ')' || c === ']') {
      const open = c === ')' ? '(' : '[';
      const part = s.slice(0, end);
      if (part.split(open).length - 1 < part.split(c).length - 1) {
        end--;
        continue;
      }
    }
    break;
  }
  return s.slice(0, end);
}

function collect(
  text: string,
  re: RegExp,
  type: EntityType,
  out: Entity[],
  clean?: (s: string) => string,
): void {
  for (const m of text.matchAll(re)) {
    const raw = clean ? clean(m[0]) : m[0];
    if (!raw) continue;
    const offset = m.index;
    const end = offset + raw.length;
    if (type === 'hashtag' && !/[^\p{N}]/u.test(raw.slice(1))) continue;
    if (type === 'link' && !/[\p{L}\p{N}]/u.test(raw.replace(/^(?:[a-z]+:\/\/|www\.)/i, ''))) continue;
    if (out.some((e) => offset < e.offset + e.length && e.offset < end)) continue;
    out.push({ type, offset, length: raw.length });
  }
}

/** The entities of `text`, sorted by offset. */
export function detectEntities(text: string): Entity[] {
  const out: Entity[] = [];
  collect(text, SCHEME_URL, 'link', out, trimLink);
  collect(text, EMAIL, 'email', out);
  collect(text, BARE_URL, 'link', out, trimLink);
  collect(text, MENTION, 'mention', out);
  collect(text, HASHTAG, 'hashtag', out);
  return out.sort((a, b) => a.offset - b.offset);
}
