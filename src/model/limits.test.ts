// The per-post limits: a post over them is cut with a mark, once (storing it again changes nothing).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Entity, type Post } from './post.js';
import {
  LIST_POST_CHARS,
  LIST_POST_ENTITIES,
  MAX_POST_CHARS,
  MAX_POST_ENTITIES,
  limitPost,
  listPost,
} from './limits.js';

const post = (text: string, entities: Entity[] = []): Post => ({
  ...emptyPost('c', 7, 'text'),
  text,
  entities,
});

describe('post limits', () => {
  it('stores a post within the limits as it is', () => {
    const p = post('short', [{ type: 'bold', offset: 0, length: 5 }]);
    assert.deepEqual(limitPost(p), { post: p, notice: null });
  });

  it('cuts a 5,000,000-character post to the limit, mark included, and says so naming the post', () => {
    const p = post('a'.repeat(5_000_000), [
      { type: 'bold', offset: 10, length: 10 },
      { type: 'italic', offset: MAX_POST_CHARS - 200, length: 1000 },
      { type: 'underline', offset: 4_000_000, length: 3 },
    ]);
    const { post: cut, notice } = limitPost(p);
    assert.ok(cut.text.length <= MAX_POST_CHARS, `${cut.text.length}`);
    assert.ok(cut.text.length > MAX_POST_CHARS - 100);
    const kept = cut.text.indexOf('\n\n[');
    assert.match(cut.text.slice(kept), /text cut by tgwire: [\d,]+ more characters not stored\]$/);
    assert.equal(Number(/([\d,]+) more/.exec(cut.text)![1]!.replace(/,/g, '')), 5_000_000 - kept);
    // Entities end with the kept text; the one past it is gone.
    assert.deepEqual(
      cut.entities.map((e) => [e.type, e.offset + e.length <= kept]),
      [
        ['bold', true],
        ['italic', true],
      ],
    );
    assert.match(notice!, /^post 7: text of 5,000,000 characters stored cut to [\d,]+ with a mark/);
    assert.deepEqual(limitPost(cut), { post: cut, notice: null }, 'storing it again changes nothing');
  });

  it('never splits a surrogate pair at the cut', () => {
    for (let shift = 0; shift < 4; shift++) {
      const { post: cut } = limitPost(post('x'.repeat(shift) + '😀'.repeat(MAX_POST_CHARS)));
      const kept = cut.text.slice(0, cut.text.indexOf('\n\n['));
      assert.equal(kept, kept.normalize(), 'well-formed');
      assert.ok(!/[\uD800-\uDBFF]$/.test(kept), `shift ${shift}: ends on a high surrogate`);
    }
  });

  it('keeps the first MAX_POST_ENTITIES entities and names how many were dropped', () => {
    const entities: Entity[] = Array.from({ length: MAX_POST_ENTITIES + 5 }, (_, i) => ({
      type: 'bold' as const,
      offset: i % 100,
      length: 1,
    }));
    const { post: cut, notice } = limitPost(post('b'.repeat(100), entities));
    assert.equal(cut.entities.length, MAX_POST_ENTITIES);
    assert.equal(cut.text, 'b'.repeat(100));
    assert.match(notice!, /5 of 10,005 entities dropped \(limit 10,000 per post\)/);
  });

  it('shows a list the start of a long post and counts what it left out', () => {
    const entities: Entity[] = Array.from({ length: 2000 }, (_, i) => ({
      type: 'bold' as const,
      offset: i,
      length: 1,
    }));
    const { post: shown, omitted } = listPost(post('c'.repeat(LIST_POST_CHARS + 123), entities));
    assert.equal(shown.text.length, LIST_POST_CHARS);
    assert.equal(omitted, 123);
    assert.equal(shown.entities.length, LIST_POST_ENTITIES);
  });
});
