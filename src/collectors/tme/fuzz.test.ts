// Property test: mutated pages either parse or throw ParseError — never another error, never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { ParseError } from '../../util/errors.js';
import { fixtureFiles } from '../../../test/shared.js';
import { parseTmePage, readTmeHtml } from './index.js';

const seeds = [
  readFileSync(new URL('./testdata/raw_page.html.txt', import.meta.url), 'utf8'),
  readFileSync(new URL('./testdata/pretty_page.html.txt', import.meta.url), 'utf8'),
  // A few real pages when ../shared is there (small ones, to keep the run short).
  ...['tme_embed_html', 'tme_s_fragments']
    .flatMap((d) => fixtureFiles(d))
    .filter((_, i) => i % 4 === 0)
    .map((f) => readFileSync(f, 'utf8')),
];

const TAGS = [
  '<div class="tgme_widget_message js-widget_message" data-post="x/1">',
  '<div class="tgme_widget_message" data-post="bad post">',
  '<div class="js-message_text">',
  '<a class="tgme_widget_message_reply" href="?">',
  '<tg-emoji emoji-id="">',
  '<i class="emoji"><b>',
  '<pre><code class="language-">',
  '<a href="?q=%23">',
  '<a href="%E0%A4%A">',
  '<div class="message_media_not_supported_label">',
  '<span class="tgme_reaction">',
  '<div class="tgme_widget_message_poll_option">',
  '<a class="tgme_widget_message_photo_wrap" style="background-image:url(\'">',
  '</div>',
  '</a>',
  '</b></i>',
  '<br/>',
  '<!--',
  '<script>',
  '<![CDATA[',
  '&#xD800;',
  '&',
  '\u0000',
  '\uD800',
];

type Mutation =
  | { k: 'truncate'; at: number }
  | { k: 'delete'; at: number; len: number }
  | { k: 'dup'; at: number; len: number; to: number }
  | { k: 'swap'; a: number; b: number; len: number }
  | { k: 'tag'; at: number; tag: number }
  | { k: 'bytes'; at: number; s: string };

const frac = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('truncate' as const), at: frac }),
  fc.record({ k: fc.constant('delete' as const), at: frac, len: fc.nat(400) }),
  fc.record({ k: fc.constant('dup' as const), at: frac, len: fc.nat(2000), to: frac }),
  fc.record({ k: fc.constant('swap' as const), a: frac, b: frac, len: fc.nat(600) }),
  fc.record({ k: fc.constant('tag' as const), at: frac, tag: fc.nat(TAGS.length - 1) }),
  fc.record({ k: fc.constant('bytes' as const), at: frac, s: fc.string({ unit: 'binary', maxLength: 12 }) }),
);

function apply(html: string, m: Mutation): string {
  const pos = (f: number): number => Math.floor(f * html.length);
  switch (m.k) {
    case 'truncate':
      return html.slice(0, pos(m.at));
    case 'delete':
      return html.slice(0, pos(m.at)) + html.slice(pos(m.at) + m.len);
    case 'dup': {
      const piece = html.slice(pos(m.at), pos(m.at) + m.len);
      return html.slice(0, pos(m.to)) + piece + html.slice(pos(m.to));
    }
    case 'swap': {
      const [a, b] = [pos(m.a), pos(m.b)].sort((x, y) => x - y) as [number, number];
      const len = Math.min(m.len, b - a);
      return (
        html.slice(0, a) +
        html.slice(b, b + len) +
        html.slice(a + len, b) +
        html.slice(a, a + len) +
        html.slice(b + len)
      );
    }
    case 'tag':
      return html.slice(0, pos(m.at)) + TAGS[m.tag]! + html.slice(pos(m.at));
    case 'bytes':
      return html.slice(0, pos(m.at)) + m.s + html.slice(pos(m.at));
  }
}

test('mutated pages parse or throw ParseError, each within a time bound', () => {
  let parsed = 0;
  let rejected = 0;
  fc.assert(
    fc.property(
      fc.nat(seeds.length - 1),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (seed, muts) => {
        const html = muts.reduce(apply, seeds[seed]!);
        const t0 = performance.now();
        try {
          parseTmePage(html, 'fuzz.html');
          const events = [...readTmeHtml(html, 'fuzz.html')];
          for (const e of events) if (e.type === 'post') assert.equal(typeof e.post.text, 'string');
          parsed++;
        } catch (e) {
          if (!(e instanceof ParseError)) throw e;
          assert.match(e.where, /^fuzz\.html/);
          rejected++;
        }
        const ms = performance.now() - t0;
        assert.ok(ms < 500, `one page took ${ms.toFixed(0)} ms`);
      },
    ),
    { numRuns: 2500, seed: 20240601 },
  );
  // Both outcomes must really occur, or the mutations are not reaching the parser.
  assert.ok(parsed > 100 && rejected > 20, `parsed ${parsed}, rejected ${rejected}`);
});
