// Merging a Desktop export's HTML reading of a post over its JSON reading: nothing a user would call an update.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyPost, type Post } from '../model/post.js';
import { mergePost } from './merge.js';

const json = (extra: Partial<Post>): Post => ({
  ...emptyPost('salaf', 60, 'export-json'),
  date: '2026-01-22T10:00:00.000Z',
  ...extra,
});
const html = (extra: Partial<Post>): Post => ({ ...json(extra), source: 'export-html' });

describe('mergePost: an HTML export read after the JSON one', () => {
  it("leaves a bare link's, mention's and e-mail's entities alone: their href is their own text", () => {
    const text = 'see https://t.me/khazinatulilm, @gems and a@b.org';
    const bare = json({
      text,
      entities: [
        { type: 'link', offset: 4, length: 26 },
        { type: 'mention', offset: 32, length: 5 },
        { type: 'email', offset: 42, length: 7 },
      ],
    });
    const linked = html({
      text,
      entities: [
        { type: 'link', offset: 4, length: 26, url: 'https://t.me/khazinatulilm' },
        { type: 'mention', offset: 32, length: 5, url: 'https://t.me/gems' },
        { type: 'email', offset: 42, length: 7, url: 'mailto:a@b.org' },
      ],
    });
    const r = mergePost(bare, linked);
    assert.equal(r.kind, 'unchanged');
    assert.equal(r.post.source, 'export-json');
  });

  it('a text link still gains the target it lacked', () => {
    const r = mergePost(
      json({ text: 'read this', entities: [{ type: 'text_link', offset: 0, length: 4 }] }),
      html({
        text: 'read this',
        entities: [{ type: 'text_link', offset: 0, length: 4, url: 'https://x.org' }],
      }),
    );
    assert.equal(r.kind, 'updated');
    assert.equal(r.post.entities[0]!.url, 'https://x.org');
  });

  it("keeps the JSON's service reading: the page's sentence for it does not join", () => {
    const pinned = json({ service: { action: 'pin_message', actor: 'Salaf', messageId: 4 } });
    const r = mergePost(
      pinned,
      html({
        service: { action: 'pin_message', actor: 'Salaf', messageId: 4, text: 'Salaf pinned this message' },
      }),
    );
    assert.equal(r.kind, 'unchanged');
    assert.deepEqual(r.post.service, pinned.service);
  });

  it('keeps a service action the JSON named when the page could not name it', () => {
    const boost = json({ service: { action: 'boost_apply', actor: 'Salaf' } });
    const r = mergePost(boost, html({ service: { action: 'unknown', text: 'Salaf boosted the group' } }));
    assert.equal(r.kind, 'unchanged');
    assert.deepEqual(r.post.service, boost.service);
  });

  it("the other way round, the page's sentence stays beside what the JSON adds", () => {
    const r = mergePost(
      html({ service: { action: 'create_channel', actor: 'Salaf', text: 'Channel «Salaf» created' } }),
      json({ service: { action: 'create_channel', actor: 'Salaf', title: 'Salaf' } }),
    );
    assert.equal(r.kind, 'updated');
    assert.deepEqual(r.post.service, {
      action: 'create_channel',
      actor: 'Salaf',
      text: 'Channel «Salaf» created',
      title: 'Salaf',
    });
  });
});
