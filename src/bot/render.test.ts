// What a republished post says: own posts headed by their channel, forwards by their origin, {link} never empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyChannel, emptyPost, type Post } from '../model/post.js';
import { ATTRIBUTION_PREFIX, fillTemplate, renderPost } from './render.js';

const dump = (): Post => ({ ...emptyPost('notes', 3, 'text'), text: 'Own words' });
const scraped = (): Post => ({
  ...emptyPost('news', 9, 'tme-html'),
  date: '2024-09-01T10:00:00.000Z',
  text: 'Scraped',
});
const news = { ...emptyChannel('news'), username: 'news', title: 'News' };

test('an own post starts with its channel, linked to the post; a forward with "Forwarded from" its origin', () => {
  const [own] = renderPost(scraped(), news);
  assert.equal(own!.text, 'News\nScraped');
  assert.deepEqual((own!.params.entities as unknown[])[0], {
    type: 'text_link',
    offset: 0,
    length: 4,
    url: 'https://t.me/news/9',
  });
  const fwd = { ...scraped(), forwardedFrom: { name: 'Origin', username: null, postId: null, author: null } };
  assert.equal(renderPost(fwd, news)[0]!.text, `${ATTRIBUTION_PREFIX}Origin\nScraped`);
});

test('{link}: t.me, else the public URL, else the line that holds it is left out', () => {
  const footer = 'via {channel}\nSource: {link}';
  assert.equal(fillTemplate(footer, scraped(), news, {}), 'via News\nSource: https://t.me/news/9');
  assert.equal(
    fillTemplate(footer, dump(), null, { publicUrl: 'https://archive.example/tg' }),
    'via notes\nSource: https://archive.example/tg/c/notes/3',
  );
  assert.equal(fillTemplate(footer, dump(), null, {}), 'via notes');
  assert.equal(fillTemplate('{link}', dump(), null, {}), '');
  // A header made only of the link disappears with it, leaving no blank line behind.
  const [part] = renderPost(dump(), null, { header: '{link}', footer: 'Source: {link}' });
  assert.equal(part!.text, 'notes\nOwn words');
  const [linked] = renderPost(dump(), null, {
    footer: 'Source: {link}',
    publicUrl: 'https://archive.example',
  });
  assert.equal(linked!.text, 'notes\nOwn words\n\nSource: https://archive.example/c/notes/3');
  assert.deepEqual(
    (linked!.params.entities as { url?: string }[])[0]!.url,
    'https://archive.example/c/notes/3',
  );
});
