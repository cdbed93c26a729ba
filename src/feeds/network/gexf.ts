// A network as GEXF 1.3 for Gephi: graphology-gexf writes the graph, then its document gains the dynamics the writer
// lacks (mode="dynamic", timeformat="date", a <spells> list per node and edge) so Gephi's timeline can play it.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { write } from 'graphology-gexf';
import type { Network, NetworkEdge, NetworkNode, Spell } from './build.js';
import { xmlSafe } from './build.js';

export const GEXF_NS = 'http://gexf.net/1.3';

export interface NetworkMeta {
  /** What the network shows (the selection). */
  description: string;
  /** When it was made: the file's lastmodifieddate (its day is kept). */
  date: Date;
}

const INDENT = '  ';

/** Appends `child` to `parent` on its own line, `depth` indents deep, keeping the writer's layout. */
function appendIndented(parent: Element, child: Element, depth: number): void {
  const doc = parent.ownerDocument;
  const last = parent.lastChild;
  // The writer closes an element with children on a line of its own: the new child goes before that line break.
  const closing = last && last.nodeType === last.TEXT_NODE && !last.nodeValue?.trim() ? last : null;
  parent.insertBefore(doc.createTextNode(`\n${INDENT.repeat(depth)}`), closing);
  parent.insertBefore(child, closing);
  if (!closing) parent.appendChild(doc.createTextNode(`\n${INDENT.repeat(depth - 1)}`));
}

function spellsElement(parent: Element, spells: readonly Spell[], depth: number): void {
  const doc = parent.ownerDocument;
  const list = doc.createElementNS(GEXF_NS, 'spells');
  for (const s of spells) {
    const spell = doc.createElementNS(GEXF_NS, 'spell');
    spell.setAttribute('start', s.start);
    spell.setAttribute('end', s.end);
    appendIndented(list, spell, depth + 1);
  }
  appendIndented(parent, list, depth);
}

/** The GEXF 1.3 document of a network. */
export function renderGexf(net: Network, meta: NetworkMeta): string {
  const xml = write<NetworkNode, NetworkEdge>(net.graph, { version: '1.3', pretty: true });
  // The writer's own output: a complaint about it is a bug here, never something to pass on half-parsed.
  const fail = (msg: string): never => {
    throw new Error(`GEXF from graphology-gexf did not parse: ${msg}`);
  };
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: fail, fatalError: fail },
  }).parseFromString(xml, 'application/xml');
  const root = doc.documentElement!;

  const metaEl = doc.getElementsByTagNameNS(GEXF_NS, 'meta')[0]!;
  metaEl.setAttribute('lastmodifieddate', meta.date.toISOString().slice(0, 10));
  for (const [name, text] of [
    ['creator', 'tgwire'],
    ['description', xmlSafe(meta.description)],
  ] as const) {
    const el = doc.createElementNS(GEXF_NS, name);
    el.appendChild(doc.createTextNode(text));
    appendIndented(metaEl, el, 2);
  }

  // Nodes and edges without a dated post have no spells: Gephi shows them throughout.
  if (net.nodeSpells.size || net.edgeSpells.size) {
    const graph = doc.getElementsByTagNameNS(GEXF_NS, 'graph')[0]!;
    graph.setAttribute('mode', 'dynamic');
    graph.setAttribute('timeformat', 'date');
    for (const [tag, spells] of [
      ['node', net.nodeSpells],
      ['edge', net.edgeSpells],
    ] as const) {
      const elements = doc.getElementsByTagNameNS(GEXF_NS, tag);
      for (let i = 0; i < elements.length; i++) {
        const el = elements[i]!;
        const list = spells.get(el.getAttribute('id') ?? '');
        if (list) spellsElement(el, list, 4);
      }
    }
  }
  return `${new XMLSerializer().serializeToString(root.ownerDocument)}\n`;
}
