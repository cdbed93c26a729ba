// Entity detection in plain text: what Telegram would highlight, at UTF-16 offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectEntities } from './entities.js';

const CASES: { text: string; want: [string, string][] }[] = [
  { text: 'on #KnowledgeDay.', want: [['hashtag', '#KnowledgeDay']] },
  {
    text: '#SCO, the #EAEU, #FСS',
    want: [
      ['hashtag', '#SCO'],
      ['hashtag', '#EAEU'],
      ['hashtag', '#FСS'],
    ],
  },
  {
    text: '#123 is no tag but #1a and #_ are',
    want: [
      ['hashtag', '#1a'],
      ['hashtag', '#_'],
    ],
  },
  { text: 'a#b C# &#39; ##x', want: [] },
  {
    text: '🇷🇺#BRICS #Россия',
    want: [
      ['hashtag', '#BRICS'],
      ['hashtag', '#Россия'],
    ],
  },
  { text: 'see https://t.me/s/x?q=%23TAG#frag.', want: [['link', 'https://t.me/s/x?q=%23TAG#frag']] },
  {
    text: '(read https://en.wikipedia.org/wiki/Foo_(bar)) now',
    want: [['link', 'https://en.wikipedia.org/wiki/Foo_(bar)']],
  },
  {
    text: 'www.example.com, kremlin.ru/events and mid.рф!',
    want: [
      ['link', 'www.example.com'],
      ['link', 'kremlin.ru/events'],
      ['link', 'mid.рф'],
    ],
  },
  { text: 'Kremlin. ru and file.txt and 3.14', want: [] },
  { text: 'mail a.b+c@mail.example.com!', want: [['email', 'a.b+c@mail.example.com']] },
  {
    text: '@durov, @abc x@durov_tg @MFARussia',
    want: [
      ['mention', '@durov'],
      ['mention', '@MFARussia'],
    ],
  },
  { text: 'https://x.com/@user/#tag', want: [['link', 'https://x.com/@user/#tag']] },
];

for (const c of CASES) {
  test(`entities in ${JSON.stringify(c.text)}`, () => {
    const got = detectEntities(c.text).map((e) => [e.type, c.text.slice(e.offset, e.offset + e.length)]);
    assert.deepEqual(got, c.want);
  });
}

test('offsets count UTF-16 code units (an emoji is two)', () => {
  assert.deepEqual(detectEntities('🎙 #KnowledgeDay'), [{ type: 'hashtag', offset: 3, length: 13 }]);
});
