// The entity renderer on many entities: the same HTML as a straightforward segment-by-segment render, well-formed,
// the text kept, and output that grows with the input, not with its square.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Entity } from '../model/post.js';
import { MAX_ENTITY_NESTING } from '../model/limits.js';
import { escapeHtml, renderEntitiesHtml, visibleText } from './post-html.js';
import { emptyPost } from '../model/post.js';
import { NOT_SUPPORTED_LABEL } from '../model/labels.js';

const opts = { tagHref: (t: string) => `/search?q=${encodeURIComponent(t)}` };
const TAGS: Record<string, [string, string]> = {
  bold: ['<b>', '</b>'],
  italic: ['<i>', '</i>'],
  underline: ['<u>', '</u>'],
  code: ['<code>', '</code>'],
};

/**
 * The reference: for every stretch between two entity boundaries, the entities covering it (outer first), closing
 * and reopening what differs from the stretch before. Quadratic, so only for small inputs.
 */
function reference(text: string, entities: readonly Entity[]): string {
  const spans = entities
    .map((e, rank) => ({
      e,
      rank,
      start: Math.max(0, e.offset),
      end: Math.min(text.length, e.offset + e.length),
    }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const points = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort(
    (a, b) => a - b,
  );
  let out = '';
  let stack: typeof spans = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const active = spans.filter((s) => s.start <= points[i]! && s.end >= points[i + 1]!);
    let common = 0;
    while (common < stack.length && stack[common] === active[common]) common++;
    for (let k = stack.length - 1; k >= common; k--) out += TAGS[stack[k]!.e.type]![1];
    for (let k = common; k < active.length; k++) out += TAGS[active[k]!.e.type]![0];
    stack = active;
    const piece = escapeHtml(text.slice(points[i], points[i + 1]));
    out += active.some((s) => s.e.type === 'code') ? piece : piece.replace(/\r?\n/g, '<br>\n');
  }
  for (let k = stack.length - 1; k >= 0; k--) out += TAGS[stack[k]!.e.type]![1];
  return out;
}

/** Throws unless every closing tag closes the innermost open one and all are closed; returns the text content. */
function wellFormedText(htmlOut: string): string {
  const stack: string[] = [];
  let text = '';
  for (const m of htmlOut.matchAll(/<(\/?)([a-z]+)[^>]*>|([^<]+)/g)) {
    if (m[3] !== undefined) text += m[3];
    else if (m[2] === 'br') continue;
    else if (m[1]) assert.equal(stack.pop(), m[2], 'a closing tag closes the innermost open tag');
    else stack.push(m[2]!);
  }
  assert.deepEqual(stack, [], 'every tag is closed');
  return text.replace(/\n/g, '');
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('entity renderer on many entities', () => {
  it('gives the reference HTML for random overlapping, nested, unordered and out-of-range entities', () => {
    const entity = fc.record({
      type: fc.constantFrom('bold', 'italic', 'underline', 'code'),
      offset: fc.integer({ min: -3, max: 40 }),
      length: fc.integer({ min: -2, max: 45 }),
    }) as fc.Arbitrary<Entity>;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        // Below the nesting bound, where the renderer promises exactly the reference.
        fc.array(entity, { maxLength: MAX_ENTITY_NESTING }),
        (text, entities) => {
          assert.equal(renderEntitiesHtml(text, entities, opts), reference(text, entities));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('renders 200,000 one-character entities given in reverse order, and ignores those past the text', () => {
    const n = 200_000;
    const text = 'ab'.repeat(n / 2);
    const entities: Entity[] = [];
    for (let i = n - 1; i >= 0; i--) entities.push({ type: i % 2 ? 'italic' : 'bold', offset: i, length: 1 });
    for (let i = 0; i < 1000; i++) entities.push({ type: 'bold', offset: n + i, length: 5 });
    assert.equal(renderEntitiesHtml(text, entities, opts), '<b>a</b><i>b</i>'.repeat(n / 2));
  });

  it('keeps 200,000 overlapping entities well-formed, the text whole and the output linear', () => {
    const n = 200_000;
    const text = 'x<'.repeat(n / 2);
    // A staircase: each entity overlaps the next thousand, the worst case for closing and reopening.
    const entities: Entity[] = [];
    for (let i = 0; i < n; i++)
      entities.push({ type: (['bold', 'italic', 'underline'] as const)[i % 3]!, offset: i, length: 1000 });
    const out = renderEntitiesHtml(text, entities, opts);
    assert.equal(unescape(wellFormedText(out)), text);
    // Each boundary closes and reopens at most the open tags: bounded by the nesting limit, not by the overlap.
    assert.ok(out.length < n * MAX_ENTITY_NESTING * 2 * '</u>'.length, `output ${out.length} chars`);
    assert.ok(out.startsWith('<b>x<i>&lt;<u>x<b>&lt;'), 'the first entities open where they start');
  });

  it('renders 200,000 nested entities as far as the nesting limit and the rest of the text plainly', () => {
    const n = 200_000;
    const text = 'y'.repeat(2 * n);
    const entities: Entity[] = [];
    for (let i = 0; i < n; i++) entities.push({ type: 'bold', offset: i, length: 2 * (n - i) });
    const out = renderEntitiesHtml(text, entities, opts);
    assert.equal(wellFormedText(out), text);
    assert.equal(out.match(/<b>/g)?.length, MAX_ENTITY_NESTING);
  });

  it('renders 200,000 links, mentions and hashtags over one long text as plain text past the link bound', () => {
    const text = `#tag ${'z'.repeat(100_000)}`;
    const entities: Entity[] = [];
    for (let i = 0; i < 200_000; i++)
      entities.push({
        type: (['hashtag', 'email', 'mention', 'link'] as const)[i % 4]!,
        offset: 0,
        length: text.length,
      });
    entities.push({ type: 'hashtag', offset: 0, length: 4 });
    const out = renderEntitiesHtml(text, entities, opts);
    assert.equal(wellFormedText(out), text);
    assert.equal(out.match(/<a /g)?.length, 1, 'only the short hashtag is a link');
  });

  it('drops entities inside removed placeholder lines and shifts the others, for many lines and entities', () => {
    const lines: string[] = [];
    const entities: Entity[] = [];
    let at = 0;
    for (let i = 0; i < 20_000; i++) {
      const line = i % 2 ? `${NOT_SUPPORTED_LABEL}\n` : `w${i}\n`;
      entities.push({ type: 'bold', offset: at, length: 1 });
      lines.push(line);
      at += line.length;
    }
    const v = visibleText({ ...emptyPost('c', 1, 'text'), text: lines.join(''), entities });
    assert.equal(v.entities.length, 10_000);
    for (const e of v.entities) assert.equal(v.text[e.offset], 'w');
  });
});
