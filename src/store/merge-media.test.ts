import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Media, type Post } from '../model/post.js';
import { mergePost } from './merge.js';

const copy = { sha256: 'a'.repeat(64), size: 1260, type: 'image/jpeg' };
const post = (media: Media[]): Post => ({
  ...emptyPost('news', 1, 'export-json'),
  date: '2024-09-09T10:00:00.000Z',
  text: 'a photo',
  media,
});
const photo = (patch: Partial<Media>): Media => ({
  type: 'photo',
  supported: true,
  url: 'photos/photo_1.jpg',
  ...patch,
});

describe('merging media copies', () => {
  it('the same copy again is unchanged', () => {
    const r = mergePost(post([photo({ copy })]), post([photo({ copy })]));
    assert.equal(r.kind, 'unchanged');
  });

  it('a copy replaces a skip, and the skip goes', () => {
    const r = mergePost(
      post([photo({ skipped: { reason: 'missing', detail: 'photos/photo_1.jpg' } })]),
      post([photo({ copy })]),
    );
    assert.equal(r.kind, 'updated');
    assert.deepEqual(r.post.media, [photo({ copy })]);
  });

  it('a kept copy stays when a later reading has no file (or none read): no skip is added', () => {
    for (const incoming of [
      photo({ skipped: { reason: 'missing', detail: 'photos/photo_1.jpg' } }),
      photo({}),
    ]) {
      const r = mergePost(post([photo({ copy })]), post([incoming]));
      assert.equal(r.kind, 'unchanged', JSON.stringify(incoming));
    }
  });
});
