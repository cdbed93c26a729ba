// Test helper: asserts that HTML (a page or a feed item's content) holds no live script, handler or unsafe link.
import assert from 'node:assert/strict';
import { parseDocument } from 'htmlparser2';
import { Element, type AnyNode } from 'domhandler';

function* elements(nodes: AnyNode[]): Generator<Element> {
  for (const n of nodes) {
    if (n instanceof Element) {
      yield n;
      yield* elements(n.children);
    }
  }
}

/**
 * Parses html as a browser would and fails on a <script> without the page's nonce, an on* attribute, or an
 * href/src/action whose scheme is not http, https, tg or mailto (relative URLs are fine).
 */
export function assertInertHtml(html: string, what = 'html', nonce?: string): void {
  const doc = parseDocument(html, { lowerCaseAttributeNames: true });
  for (const el of elements(doc.children)) {
    if (el.name === 'script') {
      assert.ok(
        nonce && el.attribs.nonce === nonce && el.attribs.src?.startsWith('/static/'),
        `${what}: a live <script>`,
      );
    }
    for (const [name, value] of Object.entries(el.attribs)) {
      assert.ok(!name.startsWith('on'), `${what}: <${el.name} ${name}=…>`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)) {
        const v = value.trim().toLowerCase();
        const scheme = /^([a-z][a-z0-9+.-]*):/.exec(v)?.[1];
        assert.ok(
          !scheme || ['http', 'https', 'tg', 'mailto'].includes(scheme),
          `${what}: ${name}="${value}"`,
        );
      }
    }
  }
}

/** Raw text check for feeds: no unescaped <script and no javascript:/data: href anywhere. */
export function assertNoRawScript(raw: string, what = 'feed'): void {
  assert.doesNotMatch(raw, /<script/i, `${what}: unescaped <script`);
  assert.doesNotMatch(raw, /href=["']?\s*(javascript|data):/i, `${what}: javascript:/data: href`);
}
