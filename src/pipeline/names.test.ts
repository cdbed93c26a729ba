import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Store } from '../store/store.js';
import { UserError } from '../util/errors.js';
import { checkQueryNames, resolveChannel, resolveQueryNames, resolveSlice, resolveTopic } from './names.js';

// The parts of a store name resolution reads: twelve channels (more than are listed in full), two topics.
const channels = Array.from({ length: 12 }, (_, i) => `channel_${String.fromCharCode(97 + i)}${i}`);
const store = {
  listChannels: async () => channels.map((key) => ({ key })),
  listFollows: async () => [],
  countPosts: async () => 0,
  listTopics: async () => [{ name: 'brics' }, { name: 'sanctions' }],
} as unknown as Store;

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, String(e));
    return e.message;
  }
  assert.fail('no error');
}

test('a terminal is told which command lists the names; a web request which API list does', async () => {
  assert.equal(
    await message(resolveChannel(store, 'zzzz')),
    'no channel named zzzz: tgwire stats lists the 12 channels',
  );
  assert.equal(
    await message(resolveChannel(store, 'zzzz', 'web')),
    'no channel named zzzz: GET /api/channels lists the 12 channels',
  );
  assert.equal(
    await message(resolveTopic(store, 'brisc', 'web')),
    'no topic named brisc: did you mean brics?',
  );
  const empty = { ...store, listTopics: async () => [] } as unknown as Store;
  assert.equal(
    await message(resolveTopic(empty, 'x')),
    "no topic named x: no topics yet (tgwire topics add NAME 'QUERY')",
  );
  assert.equal(await message(resolveTopic(empty, 'x', 'web')), 'no topic named x: no topics yet');
});

test('an empty name is refused as the option or the parameter it came in', async () => {
  assert.equal(await message(resolveSlice(store, { channel: ' ' })), '--channel: give a channel name');
  assert.equal(await message(resolveSlice(store, { channel: ' ' }, 'web')), 'channel: give a channel name');
  assert.equal(await message(resolveSlice(store, { topic: '' }, 'web')), 'topic: give a topic name');
});

test("a query's lang: is a language code (or und, sh), not an empty result for a typo", async () => {
  for (const q of ['lang:ru kazan', 'lang:UND', 'lang:sh', 'kazan', 'lang:zh OR lang:ja'])
    await checkQueryNames(store, q);
  assert.match(
    await message(checkQueryNames(store, 'kazan lang:xx')),
    /^lang:xx is no language code: two letters/,
  );
  assert.match(await message(checkQueryNames(store, 'lang:english')), /^lang:english is no language code/);
});

test('a query runs with its topic: and channel: names as the archive writes them; as typed when they are', async () => {
  assert.equal(await resolveQueryNames(store, 'kazan  topic:brics'), 'kazan  topic:brics');
  assert.equal(await resolveQueryNames(store, 'kazan topic:BRICS'), 'kazan topic:brics');
  assert.equal(
    await resolveQueryNames(store, '(topic:Brics OR topic:SANCTIONS) -channel:CHANNEL_A0'),
    'topic:brics OR topic:sanctions -channel:channel_a0',
  );
  assert.equal(
    await message(resolveQueryNames(store, 'topic:BRISC')),
    'no topic named BRISC: did you mean brics?',
  );
});
