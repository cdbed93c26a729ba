// Merging a post seen again: the archive's media copies survive a visit that brings fresh links and no copy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MediaCopy } from '../model/media.js';
import { emptyPost, type Media, type Post } from '../model/post.js';
import { mergePost } from './merge.js';

const COPY: MediaCopy = { sha256: 'a'.repeat(64), size: 1260, type: 'image/jpeg' };
const THUMB: MediaCopy = { sha256: 'b'.repeat(64), size: 800, type: 'image/jpeg' };

const post = (...media: Media[]): Post => ({
  ...emptyPost('news', 7, 'tme-live'),
  date: '2024-09-09T12:00:00.000Z',
  text: 'Floods in the north',
  media,
});

const photo = (token: string, extra: Partial<Media> = {}): Media => ({
  type: 'photo',
  url: `https://cdn4.telesco.pe/file/${token}.jpg`,
  supported: true,
  ...extra,
});

describe('mergePost and media copies', () => {
  it('keeps the stored copy when the same item comes back with a fresh link and none: an update, no new version', () => {
    const stored = post(photo('old', { copy: COPY }), {
      type: 'video',
      url: 'https://t.me/news/7',
      thumbUrl: 'https://cdn4.telesco.pe/file/p1.jpg',
      supported: false,
      thumbCopy: THUMB,
      skipped: { reason: 'unavailable' },
    });
    const incoming = post(photo('new'), {
      type: 'video',
      url: 'https://t.me/news/7',
      thumbUrl: 'https://cdn4.telesco.pe/file/p2.jpg',
      supported: false,
    });
    const out = mergePost(stored, incoming);
    assert.equal(out.kind, 'updated');
    assert.deepEqual(out.post.media[0], photo('new', { copy: COPY }));
    assert.deepEqual(out.post.media[1]!.thumbCopy, THUMB);
    assert.deepEqual(out.post.media[1]!.skipped, { reason: 'unavailable' });
  });

  it('changes nothing when the same links come back without the copy', () => {
    const stored = post(photo('same', { copy: COPY }));
    assert.equal(mergePost(stored, post(photo('same'))).kind, 'unchanged');
  });

  it('a copy found later replaces the reason there was none; a later failure never drops a copy', () => {
    const failed = post(photo('x', { skipped: { reason: 'failed', detail: '404' } }));
    const kept = mergePost(failed, post(photo('x', { copy: COPY })));
    assert.equal(kept.kind, 'updated', 'a copy is no edit');
    assert.deepEqual(kept.post.media[0], photo('x', { copy: COPY }));

    const again = mergePost(kept.post, post(photo('y', { skipped: { reason: 'failed', detail: '403' } })));
    assert.deepEqual(again.post.media[0], photo('y', { copy: COPY }));
  });

  it('an edit of the text with a copy already kept is one new version and keeps the copy', () => {
    const stored = post(photo('x', { copy: COPY }));
    const out = mergePost(stored, { ...post(photo('z')), text: 'Floods in the north and east' });
    assert.equal(out.kind, 'edited');
    assert.deepEqual(out.post.media[0]!.copy, COPY);
  });

  it("a new text from a source without edit dates has none: the stored edit date was the earlier version's", () => {
    const stored: Post = {
      ...post(),
      source: 'export-json',
      edited: true,
      editDate: '2024-07-05T09:58:59.000Z',
    };
    const out = mergePost(stored, { ...post(), text: 'LIVE EDIT', edited: true });
    assert.equal(out.kind, 'edited');
    assert.equal(out.post.editDate, null);
    const same = mergePost(stored, { ...post(), text: stored.text, views: 5 });
    assert.equal(same.post.editDate, '2024-07-05T09:58:59.000Z', 'the same version keeps its date');
  });
});
