import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Post } from '../model/post.js';
import type { PostVersion } from '../model/version.js';
import type { ArchivedPost } from './archive-copy.js';
import { mergeArchived } from './archive-merge.js';

const v = (text: string, seenAt: string): PostVersion => ({ text, entities: [], editDate: null, seenAt });
const item = (versions: PostVersion[], views: number): ArchivedPost => ({
  post: { channel: 'c', id: 1, text: versions.at(-1)!.text, views } as Post,
  versions,
  deletedAt: null,
  storyReason: null,
  storyEvidence: null,
});

describe('mergeArchived', () => {
  it('keeps a newer version the target received after the first copy (the target is current)', () => {
    const source = item([v('one', '1'), v('two', '2')], 10);
    const target = item([v('one', '1'), v('two', '2'), v('three', '3')], 30);
    const m = mergeArchived(source, target);
    assert.deepEqual(
      m.versions.map((x) => x.text),
      ['one', 'two', 'three'],
    );
    assert.equal(m.post.views, 30);
  });

  it('takes a newer edit of the source and keeps the target own one in the history', () => {
    const source = item([v('one', '1'), v('four', '4')], 40);
    const target = item([v('one', '1'), v('three', '3')], 30);
    const m = mergeArchived(source, target);
    assert.deepEqual(
      m.versions.map((x) => `${x.text}@${x.seenAt}`),
      ['one@1', 'three@3', 'four@4'],
    );
    assert.equal(m.post.views, 40);
  });

  it('gives the copied post unchanged when the target holds the same', () => {
    const source = item([v('one', '1'), v('two', '2')], 10);
    assert.deepEqual(mergeArchived(source, structuredClone(source)), source);
  });

  it('keeps a return to an earlier text that only the other archive saw', () => {
    const source = item([v('A', '1'), v('B', '2'), v('A', '3')], 1);
    const target = item([v('A', '1'), v('B', '2'), v('C', '4')], 1);
    assert.deepEqual(
      mergeArchived(source, target).versions.map((x) => `${x.text}@${x.seenAt}`),
      ['A@1', 'B@2', 'A@3', 'C@4'],
    );
    assert.deepEqual(
      mergeArchived(target, source).versions.map((x) => `${x.text}@${x.seenAt}`),
      ['A@1', 'B@2', 'A@3', 'C@4'],
    );
  });

  it('keeps a formatting-only version and a text the post went back to', () => {
    const bold = { ...v('one', '2'), entities: [{ type: 'bold', offset: 0, length: 3 }] } as PostVersion;
    const source = item([v('one', '1'), bold, v('one', '3')], 1);
    const target = item([v('one', '1'), bold, v('one', '3')], 1);
    assert.deepEqual(mergeArchived(source, target), source);
  });
});
