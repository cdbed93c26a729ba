// A small generated archive with known forwards and mentions, and readers that check an exported network.
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { emptyChannel, emptyPost, type Channel, type Post } from '../../model/post.js';
import type { Network } from './build.js';
import { GEXF_NS } from './gexf.js';

export const CHANNELS: Channel[] = [
  { ...emptyChannel('alpha'), username: 'alpha', title: 'Alpha News', subscribers: 1200, numericId: 111 },
  { ...emptyChannel('beta'), username: 'beta', title: 'Beta <Daily> & "Co"' },
];

function post(channel: string, id: number, date: string, fields: Partial<Post> = {}): Post {
  return { ...emptyPost(channel, id, 'export-json'), date: `${date}T12:00:00.000Z`, ...fields };
}

const mfa = (username: string | null) => ({ name: 'Russian MFA 🇷🇺', username, postId: null, author: null });

/**
 * What the network of POSTS holds:
 * - mention alpha -> beta: 2 posts (09-01, 09-02, one spell); alpha -> gamma_news: 1 (a t.me link);
 * - forward beta -> alpha: 1 (09-05); mfa_russia -> beta: 2 (09-04 by title alone, 09-06 with the username);
 * - mention beta -> alpha: 1 (09-06); forward alpha -> beta: 1 (09-08, known by its numeric id only).
 * Self-mentions, invite links and mentions inside forwards make no edge (a self-forward would be a self-loop).
 */
export const POSTS: Post[] = [
  post('alpha', 1, '2024-09-01', {
    text: 'Read @beta and https://t.me/gamma_news/5, not t.me/joinchat/x. @alpha',
    lang: 'en',
  }),
  post('alpha', 2, '2024-09-02', { text: 'Again @beta', lang: 'en' }),
  post('alpha', 3, '2024-09-05', {
    text: 'Forwarded text naming @someone_else',
    lang: 'fr',
    forwardedFrom: { name: 'Beta <Daily> & "Co"', username: 'beta', postId: 7, author: null },
  }),
  post('beta', 1, '2024-09-04', { text: 'Statement', lang: 'ru', forwardedFrom: mfa(null) }),
  post('beta', 2, '2024-09-06', { text: 'Statement 2', lang: 'ru', forwardedFrom: mfa('mfa_russia') }),
  post('beta', 3, '2024-09-06', { text: 'Thanks @alpha', lang: 'en' }),
  post('beta', 4, '2024-09-08', {
    text: 'Old news',
    lang: 'en',
    forwardedFrom: { name: 'Alpha (old name)', username: null, postId: null, author: null, numericId: 111 },
  }),
];

/** The exported graph read back by graphology-gexf's parser, and its raw document for the spells. */
export function readGexf(xml: string): { graph: MultiDirectedGraph; doc: Document } {
  // Told the type: without an edge to look at, the parser would guess "mixed", which a directed graph cannot take.
  const graph = parseGexf(MultiDirectedGraph, xml, { respectInputGraphType: true });
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  return { graph, doc };
}

export function readGraphml(xml: string): MultiDirectedGraph {
  return parseGraphml(MultiDirectedGraph, xml);
}

/** The weight of the edge of `kind` from `source` to `target`; 0 when there is none. */
export function weightOf(
  g: MultiDirectedGraph,
  source: string,
  target: string,
  kind: 'forward' | 'mention',
): number {
  if (!g.hasNode(source) || !g.hasNode(target)) return 0;
  const edges = g.outEdges(source, target).filter((e) => g.getEdgeAttribute(e, 'kind') === kind);
  assert.ok(edges.length <= 1, `one ${kind} edge ${source} -> ${target}`);
  return edges.length ? (g.getEdgeAttribute(edges[0]!, 'weight') as number) : 0;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The spells of a GEXF document are well formed: in the GEXF 1.3 namespace, one <spells> list per node or edge that
 * has any, each spell a start <= end pair of days, the spells sorted and apart (consecutive days are one spell), an
 * edge's days within both its ends' days. Returns the spells by element (node:ID or edge:ID).
 */
export function checkSpells(doc: Document): Map<string, { start: string; end: string }[]> {
  const graph = doc.getElementsByTagNameNS(GEXF_NS, 'graph')[0]!;
  assert.equal(graph.getAttribute('mode'), 'dynamic');
  assert.equal(graph.getAttribute('timeformat'), 'date');
  const out = new Map<string, { start: string; end: string }[]>();
  const all = doc.getElementsByTagNameNS(GEXF_NS, 'spell');
  const lists = doc.getElementsByTagNameNS(GEXF_NS, 'spells');
  let counted = 0;
  for (let i = 0; i < lists.length; i++) {
    const list = lists[i]!;
    const owner = list.parentNode as Element;
    assert.equal(owner.namespaceURI, GEXF_NS);
    assert.ok(owner.localName === 'node' || owner.localName === 'edge', `spells inside ${owner.localName}`);
    const key = `${owner.localName}:${owner.getAttribute('id')}`;
    assert.ok(!out.has(key), `one spells list for ${key}`);
    const spells: { start: string; end: string }[] = [];
    for (let c = list.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== c.ELEMENT_NODE) continue;
      const el = c as Element;
      assert.equal(el.namespaceURI, GEXF_NS);
      assert.equal(el.localName, 'spell');
      const start = el.getAttribute('start') ?? '';
      const end = el.getAttribute('end') ?? '';
      assert.match(start, DAY, key);
      assert.match(end, DAY, key);
      assert.ok(start <= end, `${key}: ${start} <= ${end}`);
      const prev = spells.at(-1);
      if (prev) {
        const gap = Date.parse(`${start}T00:00:00Z`) - Date.parse(`${prev.end}T00:00:00Z`);
        assert.ok(gap > 86_400_000, `${key}: spells ${prev.end} and ${start} are apart`);
      }
      spells.push({ start, end });
      counted++;
    }
    assert.ok(spells.length > 0, `${key}: an empty spells list`);
    out.set(key, spells);
  }
  assert.equal(counted, all.length, 'every spell is inside a spells list');
  const days = (spells: { start: string; end: string }[] | undefined): Set<string> => {
    const s = new Set<string>();
    for (const sp of spells ?? [])
      for (
        let t = Date.parse(`${sp.start}T00:00:00Z`);
        t <= Date.parse(`${sp.end}T00:00:00Z`);
        t += 86_400_000
      )
        s.add(new Date(t).toISOString().slice(0, 10));
    return s;
  };
  const edges = doc.getElementsByTagNameNS(GEXF_NS, 'edge');
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    const own = days(out.get(`edge:${e.getAttribute('id')}`));
    for (const end of ['source', 'target']) {
      const nodeDays = days(out.get(`node:${e.getAttribute(end)}`));
      for (const d of own) assert.ok(nodeDays.has(d), `edge ${e.getAttribute('id')} on ${d}: its ${end} too`);
    }
  }
  return out;
}

/**
 * The graph read back from a file holds what the network held: the same nodes and edges, and every attribute that
 * has a value, equal (GraphML carries a list as "a,b").
 */
export function assertSameNetwork(net: Network, back: MultiDirectedGraph, format: 'gexf' | 'graphml'): void {
  const g = net.graph;
  assert.deepEqual(back.nodes().sort(), g.nodes().sort(), `${format}: the nodes`);
  assert.equal(back.size, g.size, `${format}: the number of edges`);
  g.forEachNode((id, attrs) => {
    const got = back.getNodeAttributes(id);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null) {
        assert.ok(!(k in got), `${format}: ${id}.${k} is unknown, so absent`);
        continue;
      }
      // GEXF declares no attribute that no element has a value for (no node with a language); GraphML writes "".
      if (format === 'gexf' && Array.isArray(v) && v.length === 0 && !(k in got)) continue;
      const want = Array.isArray(v) && format === 'graphml' ? v.join(',') : v;
      assert.deepEqual(got[k], want, `${format}: node ${id}.${k}`);
    }
  });
  g.forEachEdge((_e, attrs, source, target) => {
    const kind = attrs.kind;
    const [match, ...more] = back
      .outEdges(source, target)
      .filter((e) => back.getEdgeAttribute(e, 'kind') === kind);
    assert.ok(match && more.length === 0, `${format}: one ${kind} edge ${source} -> ${target}`);
    const got = back.getEdgeAttributes(match);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null) assert.ok(!(k in got), `${format}: ${source} -> ${target}.${k} absent`);
      else assert.deepEqual(got[k], v, `${format}: edge ${source} -> ${target}.${k}`);
    }
  });
}
