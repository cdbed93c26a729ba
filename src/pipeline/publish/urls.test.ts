import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { emptyChannel, emptyPost, type Post } from '../../model/post.js';
import { archivePostUrls } from './urls.js';

test('an exported post links by its channel row, whichever source wrote it last', async (t) => {
  const store = await openSqliteStore(':memory:');
  t.after(() => store.close());
  await store.upsertChannel({ ...emptyChannel('lexfridman'), username: 'lexfridman' });
  await store.upsertChannel({ ...emptyChannel('result'), title: 'A chat' });
  const urlFor = await archivePostUrls(store);
  const p = (channel: string, source: Post['source']): Post => emptyPost(channel, 271, source);
  // A Desktop export merged onto a collected channel: the post's source is the export's now.
  assert.equal(urlFor(p('lexfridman', 'export-json')), 'https://t.me/lexfridman/271');
  // A channel known only by an export's name: no link, it could be someone else's channel.
  assert.equal(urlFor(p('result', 'export-json')), null);
  // Read from t.me, no channel row: its key is its username.
  assert.equal(urlFor(p('somechannel', 'tme-html')), 'https://t.me/somechannel/271');
});
