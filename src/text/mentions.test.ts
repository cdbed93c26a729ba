import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../model/post.js';
import { mentionedUsernames, usernameOfLink } from './mentions.js';

describe('mentionedUsernames', () => {
  const plain: [string, string, string[]][] = [
    ['an @mention', 'Read @BetaNews today', ['betanews']],
    [
      't.me links with and without scheme',
      'https://t.me/gamma_news/5 and t.me/s/delta_ch',
      ['gamma_news', 'delta_ch'],
    ],
    [
      'telegram.me and tg://resolve',
      'telegram.me/epsilon1 tg://resolve?domain=zeta_z',
      ['epsilon1', 'zeta_z'],
    ],
    ['a link before a full stop', 'Follow t.me/rusmfa. Or @mfa_news!', ['rusmfa', 'mfa_news']],
    ['each once, in order', '@beta_x then @alpha_x then @Beta_X', ['beta_x', 'alpha_x']],
    [
      'no invite, sticker or share pages',
      't.me/joinchat/AbCd t.me/+AbCdEf t.me/addstickers/x t.me/share/url',
      [],
    ],
    ['no private post links', 'https://t.me/c/123456/7', []],
    ['no emails', 'write to press@mid.ru', []],
    ['no @ inside another link', 'see https://x.com/@someone', []],
    ['too short to be a username', '@abc and t.me/abc', []],
    ['other sites are no mention', 'https://example.com/t.me/fake', []],
  ];
  for (const [name, text, want] of plain)
    it(`text without entities: ${name}`, () => {
      assert.deepEqual(mentionedUsernames({ text, entities: [] }), want);
    });

  it('uses the entities when a post has them (a text_link hides its target)', () => {
    const text = 'Our partner and @Friend_Ch; also @not_linked_here';
    const entities: Entity[] = [
      { type: 'text_link', offset: 4, length: 7, url: 'https://t.me/partner_ch' },
      { type: 'mention', offset: 16, length: 10 },
      { type: 'bold', offset: 0, length: 3 },
    ];
    // "@not_linked_here" has no entity: Telegram did not take it for a mention, so neither do we.
    assert.deepEqual(mentionedUsernames({ text, entities }), ['partner_ch', 'friend_ch']);
  });

  it('reads a link entity from its text when it has no url', () => {
    const text = 'via t.me/omega_ch/12';
    assert.deepEqual(mentionedUsernames({ text, entities: [{ type: 'link', offset: 4, length: 16 }] }), [
      'omega_ch',
    ]);
  });

  it('usernameOfLink names only t.me channels', () => {
    assert.equal(usernameOfLink('https://t.me/s/Rusmfa'), 'rusmfa');
    assert.equal(usernameOfLink('https://www.t.me/rusmfa?start=1'), 'rusmfa');
    assert.equal(usernameOfLink('https://t.me/joinchat/xyz'), null);
    assert.equal(usernameOfLink('https://example.org/rusmfa'), null);
  });
});
