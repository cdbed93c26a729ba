import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyChannel, emptyPost, type ForwardedFrom, type Post } from '../../model/post.js';
import { NetworkBuilder, spellsOf, languagesByShare } from './build.js';
import { GEXF_NS, renderGexf } from './gexf.js';
import { renderGraphml } from './graphml.js';
import {
  assertSameNetwork,
  CHANNELS,
  checkSpells,
  POSTS,
  readGexf,
  readGraphml,
  weightOf,
} from './network.testkit.js';

const META = { description: 'test network', date: new Date('2024-10-01T00:00:00Z') };

function build(posts: Post[] = POSTS, channels = CHANNELS) {
  const b = new NetworkBuilder(channels);
  for (const p of posts) b.add(p);
  return b.finish();
}

describe('the network of posts', () => {
  it('counts forwards and mentions as weighted edges of their kind', () => {
    const { graph } = build();
    assert.deepEqual(graph.nodes(), ['alpha', 'beta', 'gamma_news', 'mfa_russia']);
    assert.equal(weightOf(graph, 'alpha', 'beta', 'mention'), 2);
    assert.equal(weightOf(graph, 'alpha', 'gamma_news', 'mention'), 1);
    assert.equal(weightOf(graph, 'beta', 'alpha', 'forward'), 1);
    assert.equal(weightOf(graph, 'beta', 'alpha', 'mention'), 1);
    assert.equal(weightOf(graph, 'alpha', 'beta', 'forward'), 1, 'the origin known by its numeric id');
    // The forward shown by title alone and the one with the username are one origin.
    assert.equal(weightOf(graph, 'mfa_russia', 'beta', 'forward'), 2);
    assert.equal(graph.size, 6, 'no self-mention, no invite link, no mention inside a forward');
    const e = graph.outEdges('alpha', 'beta').find((k) => graph.getEdgeAttribute(k, 'kind') === 'mention')!;
    assert.deepEqual(graph.getEdgeAttributes(e), {
      kind: 'mention',
      weight: 2,
      firstDate: '2024-09-01T12:00:00.000Z',
      lastDate: '2024-09-02T12:00:00.000Z',
    });
  });

  it('describes each node: archived channels from their rows, others from what the posts showed', () => {
    const { graph } = build();
    assert.deepEqual(graph.getNodeAttributes('alpha'), {
      label: 'Alpha News',
      title: 'Alpha News',
      username: 'alpha',
      kind: 'channel',
      languages: ['en', 'fr'],
      posts: 3,
      subscribers: 1200,
      archived: true,
      firstDate: '2024-09-01T12:00:00.000Z',
      lastDate: '2024-09-08T12:00:00.000Z',
    });
    assert.deepEqual(graph.getNodeAttributes('mfa_russia'), {
      label: 'Russian MFA 🇷🇺',
      title: 'Russian MFA 🇷🇺',
      username: 'mfa_russia',
      kind: 'channel',
      languages: ['ru'],
      posts: 2,
      subscribers: null,
      archived: false,
      firstDate: '2024-09-04T12:00:00.000Z',
      lastDate: '2024-09-06T12:00:00.000Z',
    });
    assert.deepEqual(graph.getNodeAttributes('gamma_news'), {
      label: '@gamma_news',
      title: null,
      username: 'gamma_news',
      kind: null,
      languages: [],
      posts: 0,
      subscribers: null,
      archived: false,
      firstDate: '2024-09-01T12:00:00.000Z',
      lastDate: '2024-09-01T12:00:00.000Z',
    });
  });

  it('takes the languages the caller knows for archived channels', () => {
    const b = new NetworkBuilder(CHANNELS);
    for (const p of POSTS) b.add(p);
    assert.deepEqual(b.archivedKeys().sort(), ['alpha', 'beta']);
    assert.deepEqual(b.finish(new Map([['alpha', ['uk']]])).graph.getNodeAttribute('alpha', 'languages'), [
      'uk',
    ]);
  });

  it('keeps an origin known by a title that two usernames showed apart', () => {
    const fwd = (id: number, username: string | null): Post => ({
      ...emptyPost('alpha', id, 'export-json'),
      forwardedFrom: { name: 'News', username, postId: null, author: null },
    });
    const { graph } = build([fwd(1, null), fwd(2, 'news_one'), fwd(3, 'news_two')]);
    assert.deepEqual(graph.nodes(), ['News', 'alpha', 'news_one', 'news_two']);
    assert.equal(weightOf(graph, 'News', 'alpha', 'forward'), 1);
  });

  it('keeps origins that share a title apart by their ids, and marks users and name-only senders', () => {
    const fwd = (id: number, name: string, more: Partial<ForwardedFrom> = {}): Post => ({
      ...emptyPost('salaf', id, 'export-json'),
      date: '2026-01-0' + id + 'T12:00:00.000Z',
      forwardedFrom: { name, username: null, postId: null, author: null, ...more },
    });
    const net = build([
      fwd(1, 'Madrasatuna', { numericId: 3763828873 }),
      fwd(2, 'Madrasatuna', { numericId: 3763828873 }),
      fwd(3, 'Madrasatuna', { numericId: 1487396894 }),
      fwd(4, 'Ahmed', { numericId: 12345, fromUser: true }),
      fwd(5, 'Ahmed', { numericId: 12345 }),
      fwd(6, 'Ahmed'),
      // Both title-only origins were seen with two identities: which one they are is unknown.
      fwd(7, 'Madrasatuna'),
    ]);
    const { graph } = net;
    assert.deepEqual(graph.nodes(), [
      'Ahmed',
      'Madrasatuna',
      'channel:12345',
      'channel:1487396894',
      'channel:3763828873',
      'salaf',
      'user:12345',
    ]);
    assert.equal(weightOf(graph, 'channel:3763828873', 'salaf', 'forward'), 2);
    assert.equal(weightOf(graph, 'channel:1487396894', 'salaf', 'forward'), 1);
    assert.deepEqual(
      ['channel:3763828873', 'user:12345', 'channel:12345', 'Ahmed'].map((n) => [
        graph.getNodeAttribute(n, 'label'),
        graph.getNodeAttribute(n, 'kind'),
      ]),
      [
        ['Madrasatuna', 'channel'],
        ['Ahmed', 'user'],
        ['Ahmed', 'channel'],
        ['Ahmed', 'name'],
      ],
    );
    for (const back of [readGexf(renderGexf(net, META)).graph, readGraphml(renderGraphml(net, META))]) {
      assert.equal(back.getNodeAttribute('user:12345', 'kind'), 'user');
      assert.equal(weightOf(back, 'channel:1487396894', 'salaf', 'forward'), 1);
    }
  });

  it('joins an origin known by its id to the one username forward headers showed with that id', () => {
    const fwd = (id: number, username: string | null, name = 'Origin'): Post => ({
      ...emptyPost('alpha', id, 'export-json'),
      forwardedFrom: { name, username, postId: null, author: null, numericId: 42 },
    });
    const { graph } = build([fwd(1, null), fwd(2, 'origin_ch'), fwd(3, null, 'Origin renamed')]);
    assert.deepEqual(graph.nodes(), ['alpha', 'origin_ch']);
    assert.equal(weightOf(graph, 'origin_ch', 'alpha', 'forward'), 3);
  });

  it('joins forwards to the archived channel they came from, by username or by its title seen with it', () => {
    // A text dump imported as --channel rusmfa: a username-like key, no title, no username.
    const own: Post = { ...emptyPost('rusmfa', 1, 'text'), text: 'Statement' };
    const fwd = (id: number, username: string | null): Post => ({
      ...emptyPost('relay', id, 'text'),
      forwardedFrom: { name: 'Russian MFA', username, postId: null, author: null },
    });
    const { graph } = build([own, fwd(1, 'rusmfa'), fwd(2, null)], [emptyChannel('rusmfa')]);
    assert.deepEqual(graph.nodes(), ['relay', 'rusmfa']);
    assert.equal(weightOf(graph, 'rusmfa', 'relay', 'forward'), 2);
    assert.deepEqual(
      [graph.getNodeAttribute('rusmfa', 'title'), graph.getNodeAttribute('rusmfa', 'username')],
      ['Russian MFA', 'rusmfa'],
    );
    assert.equal(graph.getNodeAttribute('rusmfa', 'posts'), 1, 'its own posts, not the copies');
  });

  it('counts a post of a channel without a channel row as archived, and undated posts without days', () => {
    const p: Post = {
      ...emptyPost('loose', 1, 'text'),
      forwardedFrom: { name: 'Origin', username: null, postId: null, author: null },
    };
    const net = build([p], []);
    assert.equal(net.graph.getNodeAttribute('loose', 'archived'), true);
    assert.equal(weightOf(net.graph, 'Origin', 'loose', 'forward'), 1);
    assert.equal(net.graph.getEdgeAttribute(net.graph.edges()[0]!, 'firstDate'), null);
    assert.equal(net.nodeSpells.size + net.edgeSpells.size, 0);
  });

  it('makes runs of consecutive days', () => {
    assert.deepEqual(
      spellsOf(['2024-09-03', '2024-09-01', '2024-09-02', '2024-09-05', '2024-02-28', '2024-03-01']),
      [
        { start: '2024-02-28', end: '2024-02-28' },
        { start: '2024-03-01', end: '2024-03-01' },
        { start: '2024-09-01', end: '2024-09-03' },
        { start: '2024-09-05', end: '2024-09-05' },
      ],
    );
    assert.deepEqual(spellsOf(['2023-02-28', '2023-03-01']), [{ start: '2023-02-28', end: '2023-03-01' }]);
  });

  it('lists every language of the posts, most used first, not "und"; a share threshold when asked', () => {
    const counts = new Map([
      ['en', 20],
      ['fr', 3],
      ['ru', 1],
      ['und', 50],
    ]);
    assert.deepEqual(languagesByShare(counts), ['en', 'fr', 'ru']);
    assert.deepEqual(languagesByShare(counts, 0.1), ['en', 'fr']);
  });

  it('draws a channel forwarding its own post as a forward self-loop; a channel naming itself makes no edge', () => {
    const own = (id: number, patch: Partial<Post>): Post => ({
      ...emptyPost('alpha', id, 'export-json'),
      date: `2024-09-0${id}T12:00:00.000Z`,
      ...patch,
    });
    const net = build([
      own(1, { text: 'news' }),
      own(2, {
        forwardedFrom: { name: 'Alpha News', username: null, postId: 1, author: null, numericId: 111 },
      }),
      own(3, { forwardedFrom: { name: 'Alpha News', username: 'alpha', postId: 1, author: null } }),
      own(4, { text: 'follow @alpha' }),
    ]);
    const { graph } = net;
    assert.equal(weightOf(graph, 'alpha', 'alpha', 'forward'), 2);
    assert.equal(weightOf(graph, 'alpha', 'alpha', 'mention'), 0);
    assert.equal(graph.size, 1);
    assert.equal(graph.getNodeAttribute('alpha', 'posts'), 4);
    for (const back of [readGexf(renderGexf(net, META)).graph, readGraphml(renderGraphml(net, META))])
      assert.equal(weightOf(back, 'alpha', 'alpha', 'forward'), 2);
  });
});

describe('GEXF', () => {
  it('reads back with graphology-gexf: nodes, weights, every attribute', () => {
    const net = build();
    const { graph } = readGexf(renderGexf(net, META));
    assertSameNetwork(net, graph, 'gexf');
    assert.equal(weightOf(graph, 'mfa_russia', 'beta', 'forward'), 2);
  });

  it('is a dynamic GEXF 1.3 graph with a spell per run of active days', () => {
    const net = build();
    const xml = renderGexf(net, META);
    const { doc } = readGexf(xml);
    assert.equal(doc.documentElement!.namespaceURI, GEXF_NS);
    assert.equal(doc.documentElement!.getAttribute('version'), '1.3');
    const spells = checkSpells(doc);
    const mention = net.graph
      .outEdges('alpha', 'beta')
      .find((k) => net.graph.getEdgeAttribute(k, 'kind') === 'mention')!;
    assert.deepEqual(spells.get(`edge:${mention}`), [{ start: '2024-09-01', end: '2024-09-02' }]);
    const forward = net.graph.outEdges('mfa_russia', 'beta')[0]!;
    assert.deepEqual(spells.get(`edge:${forward}`), [
      { start: '2024-09-04', end: '2024-09-04' },
      { start: '2024-09-06', end: '2024-09-06' },
    ]);
    // Named on 1 and 2 September, forwarding or forwarded 4 to 6 and 8: no post of or about it on 3 and 7.
    assert.deepEqual(spells.get('node:beta'), [
      { start: '2024-09-01', end: '2024-09-02' },
      { start: '2024-09-04', end: '2024-09-06' },
      { start: '2024-09-08', end: '2024-09-08' },
    ]);
    const meta = doc.getElementsByTagNameNS(GEXF_NS, 'meta')[0]!;
    assert.equal(meta.getAttribute('lastmodifieddate'), '2024-10-01');
    assert.equal(meta.getElementsByTagNameNS(GEXF_NS, 'description')[0]!.textContent, 'test network');
  });

  it('is static when no post is dated', () => {
    const p: Post = { ...emptyPost('a', 1, 'text'), text: '@someone_here' };
    const { doc, graph } = readGexf(renderGexf(build([p], []), META));
    const g = doc.getElementsByTagNameNS(GEXF_NS, 'graph')[0]!;
    assert.equal(g.getAttribute('mode'), '');
    assert.equal(doc.getElementsByTagNameNS(GEXF_NS, 'spells').length, 0);
    assert.equal(weightOf(graph, 'a', 'someone_here', 'mention'), 1);
  });
});

describe('GraphML', () => {
  it('reads back with graphology-graphml: nodes, weights, every attribute', () => {
    const net = build();
    const xml = renderGraphml(net, META);
    const graph = readGraphml(xml);
    assertSameNetwork(net, graph, 'graphml');
    assert.equal(weightOf(graph, 'alpha', 'beta', 'mention'), 2);
    assert.match(xml, /<key id="posts" for="node" attr.name="posts" attr.type="int"\/>/);
  });

  it('escapes markup, quotes and line breaks and drops what XML cannot carry', () => {
    const odd = 'A & B <x> "q" \'s\'\u0001\ttab';
    const channels = [{ ...emptyChannel('odd&<key>'), title: odd }];
    const p: Post = { ...emptyPost('odd&<key>', 1, 'export-json'), text: 'hi @friend_ch' };
    const net = build([p], channels);
    for (const xml of [renderGraphml(net, META), renderGexf(net, META)]) {
      const graph = xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<graphml')
        ? readGraphml(xml)
        : readGexf(xml).graph;
      assert.equal(graph.getNodeAttribute('odd&<key>', 'title'), 'A & B <x> "q" \'s\' tab');
      assert.equal(weightOf(graph, 'odd&<key>', 'friend_ch', 'mention'), 1);
    }
  });
});
