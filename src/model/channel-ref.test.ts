import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notAChannel, parseChannelRef } from './channel-ref.js';

test('parseChannelRef reads every way a channel is written', () => {
  for (const [input, username, postId] of [
    ['@MFA_Russia', 'mfa_russia', null],
    ['mfa_russia', 'mfa_russia', null],
    ['t.me/mfa_russia/123', 'mfa_russia', 123],
    ['https://t.me/s/mfa_russia?before=100', 'mfa_russia', null],
    ['https://telegram.me/mfa_russia', 'mfa_russia', null],
    ['tg://resolve?domain=mfa_russia', 'mfa_russia', null],
    ['tg://resolve?post=5&domain=mfa_russia', 'mfa_russia', null],
  ] as const)
    assert.deepEqual(parseChannelRef(input), { username, postId }, input);
});

test("t.me pages, invite links and private channels' links are not channels, and the message says which", () => {
  for (const [input, why] of [
    ['https://t.me/joinchat/AbCdEf', /is an invite link to a private chat/],
    ['https://t.me/+AbCdEf123', /is an invite link to a private chat/],
    ['t.me/c/1234567/89', /links into a private channel \(t\.me\/c\/…\)/],
    ['https://t.me/addstickers/Animals', /is a t\.me page \(addstickers\), not a channel/],
    ['t.me/share/url?url=x', /is a t\.me page \(share\), not a channel/],
    ['tg://resolve?domain=addstickers', /is a t\.me page \(addstickers\), not a channel/],
    ['durov!!', /"durov!!" is not a channel: use @name or a t\.me\/name link/],
    [
      '@ab',
      /"@ab" is not a channel: a username has 4 to 32 letters, digits and underscores \(this one has 2\)/,
    ],
    ['t.me/mix', /a username has 4 to 32 letters.*\(this one has 3\)/],
    ['https://example.com/durov', /is not a channel/],
  ] as const) {
    assert.equal(parseChannelRef(input), null, input);
    assert.match(notAChannel(input), why, input);
  }
});
