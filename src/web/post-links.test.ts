// Links in posts on the pages: out of the archive in a new tab; a URL typed without an entity is a link too.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderEntitiesHtml, withBareUrlLinks } from '../feeds/post-html.js';
import { PAGE_LINKS } from './post-view.js';

const page = (text: string, entities: Parameters<typeof renderEntitiesHtml>[1] = []) =>
  renderEntitiesHtml(text, entities, { ...PAGE_LINKS, tmeBase: 'https://t.me' });

describe('links in posts on the pages', () => {
  it('a text link, a link and a mention open in a new tab, with noopener; a hashtag search does not', () => {
    const out = page('see here @durov #brics', [
      { type: 'text_link', offset: 4, length: 4, url: 'https://example.org/a' },
      { type: 'mention', offset: 9, length: 6 },
      { type: 'hashtag', offset: 16, length: 6 },
    ]);
    assert.match(
      out,
      /<a href="https:\/\/example.org\/a" target="_blank" rel="nofollow noopener noreferrer">here<\/a>/,
    );
    assert.match(
      out,
      /<a href="https:\/\/t.me\/durov" class="mention" target="_blank" rel="nofollow noopener noreferrer">/,
    );
    assert.match(out, /<a href="\/search\?q=%23brics" class="hashtag" rel="nofollow noopener noreferrer">/);
  });

  it('a bare URL in plain text becomes a link, without the full stop after it', () => {
    const out = page('Hello EDITED text, now with a link https://example.org/x?y=1.');
    assert.match(
      out,
      /link <a href="https:\/\/example.org\/x\?y=1" target="_blank" rel="nofollow noopener noreferrer">https:\/\/example.org\/x\?y=1<\/a>\.$/,
    );
  });

  it("an author's own entity over a URL wins, and unsafe schemes stay text", () => {
    const code = page('run https://example.org/x now', [{ type: 'code', offset: 4, length: 21 }]);
    assert.doesNotMatch(code, /<a /);
    assert.doesNotMatch(page('javascript:alert(1) and data:text/html,x'), /<a /);
    assert.equal(withBareUrlLinks('no links here', []).length, 0);
  });

  it('feeds keep their links as they were (no target, no bare URL links)', () => {
    const out = renderEntitiesHtml('at https://example.org', [], { tagHref: (t) => `/s?q=${t}` });
    assert.equal(out, 'at https://example.org');
  });
});
