// Table-driven tests of the query language: what each input parses to, its canonical text, and the errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuerySyntaxError, formatQuery, parseQuery } from './parse.js';
import type { QueryNode } from './query.js';
import { UserError } from '../util/errors.js';

const t = (value: string, prefix = false): QueryNode =>
  prefix ? { kind: 'term', value, prefix } : { kind: 'term', value };
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });

const cases: { name: string; input: string; node: QueryNode; text: string }[] = [
  { name: 'one word', input: 'brics', node: t('brics'), text: 'brics' },
  { name: 'implicit AND', input: 'brics  summit', node: and(t('brics'), t('summit')), text: 'brics summit' },
  {
    name: 'explicit AND',
    input: 'brics AND summit',
    node: and(t('brics'), t('summit')),
    text: 'brics summit',
  },
  { name: 'OR keyword', input: 'brics OR брикс', node: or(t('brics'), t('брикс')), text: 'brics OR брикс' },
  { name: 'pipe is OR', input: 'brics|брикс', node: or(t('brics'), t('брикс')), text: 'brics OR брикс' },
  {
    name: 'OR binds tighter than AND (web search)',
    input: 'brics OR брикс summit',
    node: and(or(t('brics'), t('брикс')), t('summit')),
    text: 'brics OR брикс summit',
  },
  {
    name: 'parentheses group an AND inside OR',
    input: '(a b) OR c',
    node: or(and(t('a'), t('b')), t('c')),
    text: '(a b) OR c',
  },
  {
    name: 'lower-case or is a word',
    input: 'this or that',
    node: and(t('this'), t('or'), t('that')),
    text: 'this or that',
  },
  {
    name: 'NOT keyword',
    input: 'brics NOT china',
    node: and(t('brics'), not(t('china'))),
    text: 'brics -china',
  },
  {
    name: 'minus is NOT',
    input: 'brics -china',
    node: and(t('brics'), not(t('china'))),
    text: 'brics -china',
  },
  {
    name: 'NOT of a group',
    input: 'a -(b OR c)',
    node: and(t('a'), not(or(t('b'), t('c')))),
    text: 'a -(b OR c)',
  },
  { name: 'double negation cancels', input: 'NOT -a', node: t('a'), text: 'a' },
  { name: 'hyphen inside a word stays', input: 'e-mail', node: t('e-mail'), text: 'e-mail' },
  {
    name: 'phrase',
    input: '"climate  change"',
    node: { kind: 'phrase', value: 'climate change' },
    text: '"climate change"',
  },
  { name: 'prefix', input: 'econom*', node: t('econom', true), text: 'econom*' },
  { name: 'hashtag', input: '#BRICS', node: { kind: 'hashtag', value: 'BRICS' }, text: '#BRICS' },
  {
    name: 'from: a t.me link, read as channel filters read it',
    input: 'from:https://t.me/s/YaremShooter/12',
    node: { kind: 'field', field: 'from', value: 'yaremshooter' },
    text: 'from:yaremshooter',
  },
  {
    name: 'from: a quoted t.me link',
    input: 'from:"t.me/yaremshooter"',
    node: { kind: 'field', field: 'from', value: 'yaremshooter' },
    text: 'from:yaremshooter',
  },
  {
    name: 'from: a title stays as written',
    input: 'from:"Военкор Ярем"',
    node: { kind: 'field', field: 'from', value: 'Военкор Ярем' },
    text: 'from:"Военкор Ярем"',
  },
  {
    name: 'Cyrillic hashtag',
    input: '#репортаж',
    node: { kind: 'hashtag', value: 'репортаж' },
    text: '#репортаж',
  },
  {
    name: 'fields',
    input: 'lang:FR channel:@MID_Russia from:mfa_russia topic:brics',
    node: and(
      { kind: 'field', field: 'lang', value: 'fr' },
      { kind: 'field', field: 'channel', value: 'mid_russia' },
      { kind: 'field', field: 'from', value: 'mfa_russia' },
      { kind: 'field', field: 'topic', value: 'brics' },
    ),
    text: 'lang:fr channel:mid_russia from:mfa_russia topic:brics',
  },
  {
    name: 'quoted field value',
    input: 'from:"Russian MFA" summit',
    node: and({ kind: 'field', field: 'from', value: 'Russian MFA' }, t('summit')),
    text: 'from:"Russian MFA" summit',
  },
  {
    name: 'unknown field is a word',
    input: 'https://t.me/x',
    node: t('https://t.me/x'),
    text: 'https://t.me/x',
  },
  {
    name: 'Arabic words',
    input: 'مرحبا بالعالم',
    node: and(t('مرحبا'), t('بالعالم')),
    text: 'مرحبا بالعالم',
  },
  { name: 'CJK word', input: '北京', node: t('北京'), text: '北京' },
  // Forgiving cases: a user would expect a search, not an error.
  { name: 'lone star means everything', input: '*', node: and(), text: '*' },
  { name: 'star beside a word is dropped', input: 'brics *', node: t('brics'), text: 'brics' },
  { name: 'leading star dropped', input: '*brics', node: t('brics'), text: 'brics' },
  {
    name: 'NEAR operator dropped, its words kept',
    input: 'NEAR(a b) NEAR/3',
    node: and(t('a'), t('b')),
    text: 'a b',
  },
  {
    name: 'lower-case near is a word',
    input: 'near kazan',
    node: and(t('near'), t('kazan')),
    text: 'near kazan',
  },
  { name: 'FTS column syntax is a word', input: 'body:x', node: t('body:x'), text: 'body:x' },
  { name: 'caret is part of a word', input: '^brics', node: t('^brics'), text: '^brics' },
  { name: 'quote inside a word is kept', input: 'l"amour', node: t('l"amour'), text: 'l"amour' },
  { name: 'lone trailing quote ignored', input: 'brics "', node: t('brics'), text: 'brics' },
  { name: 'empty phrase ignored', input: 'brics ""', node: t('brics'), text: 'brics' },
  { name: 'punctuation and emoji dropped', input: 'brics — 🇷🇺 !!', node: t('brics'), text: 'brics' },
  { name: 'lone minus dropped', input: 'a - b', node: and(t('a'), t('b')), text: 'a b' },
];

describe('parseQuery', () => {
  for (const c of cases) {
    it(c.name, () => {
      const node = parseQuery(c.input);
      assert.deepEqual(node, c.node);
      assert.equal(formatQuery(node), c.text);
      assert.deepEqual(parseQuery(formatQuery(node)), node, 'canonical text parses back to the same node');
    });
  }
});

const errors: { input: string; message: string; offset: number }[] = [
  { input: '', message: 'empty query', offset: -1 },
  { input: '   ', message: 'empty query', offset: -1 },
  { input: '🔥 !!', message: 'nothing searchable in the query (words or #tags)', offset: -1 },
  { input: 'brics (summit OR kazan', message: 'unbalanced parenthesis at 7', offset: 6 },
  { input: 'brics summit)', message: 'unbalanced parenthesis at 13', offset: 12 },
  { input: 'a () b', message: 'empty parentheses at 3', offset: 2 },
  { input: 'say "hello world', message: 'unterminated quote at 5', offset: 4 },
  { input: 'from:"Russian MFA', message: 'unterminated quote at 6', offset: 5 },
  { input: 'brics OR', message: 'OR needs a term after it at 7', offset: 6 },
  { input: 'OR brics', message: 'OR needs a term before it at 1', offset: 0 },
  { input: 'AND brics', message: 'AND needs a term before it at 1', offset: 0 },
  { input: 'a AND OR b', message: 'AND needs a term after it at 3', offset: 2 },
  { input: 'brics NOT', message: 'NOT needs a term after it at 7', offset: 6 },
  { input: 'lang:', message: 'lang: needs a value at 1', offset: 0 },
  { input: 'x channel:""', message: 'channel: needs a value at 3', offset: 2 },
  {
    input: 'x from:t.me/joinchat/abc',
    message:
      'from:t.me/joinchat/abc at 3: "t.me/joinchat/abc" is an invite link to a private chat: tgwire follows public channels, by their @username',
    offset: 2,
  },
  // A hashtag is matched whole everywhere (both stores, topics, alerts): a star is refused, not silently ignored.
  {
    input: 'kazan #bri*',
    message:
      '#bri* at 7: a hashtag is matched whole and takes no *: #bri finds that tag, bri* the words (and hashtag parts) starting with bri',
    offset: 6,
  },
  {
    input: '#Брикс**',
    message:
      '#Брикс** at 1: a hashtag is matched whole and takes no *: #Брикс finds that tag, Брикс* the words (and hashtag parts) starting with Брикс',
    offset: 0,
  },
];

describe('parseQuery errors', () => {
  for (const e of errors) {
    it(`${JSON.stringify(e.input)} -> ${e.message}`, () => {
      assert.throws(
        () => parseQuery(e.input),
        (err: unknown) => {
          assert.ok(err instanceof QuerySyntaxError);
          assert.ok(err instanceof UserError);
          assert.equal(err.message, e.message);
          assert.equal(err.offset, e.offset);
          return true;
        },
      );
    });
  }
});
