// A network as GraphML (graphology-graphml only parses): typed keys, one <data> per known value, lists joined by ",".
import type { Network } from './build.js';
import { xmlSafe } from './build.js';
import type { NetworkMeta } from './gexf.js';

type KeyType = 'boolean' | 'int' | 'long' | 'double' | 'string';

interface Key {
  id: string;
  for: 'node' | 'edge';
  name: string;
  type: KeyType;
}

/** Every attribute a node or an edge may carry; a value unknown (null) is left out of that element. */
const KEYS: readonly Key[] = [
  { id: 'label', for: 'node', name: 'label', type: 'string' },
  { id: 'title', for: 'node', name: 'title', type: 'string' },
  { id: 'username', for: 'node', name: 'username', type: 'string' },
  // Node and edge both have a "kind": GraphML keys are per element, so each its own id.
  { id: 'n_kind', for: 'node', name: 'kind', type: 'string' },
  { id: 'languages', for: 'node', name: 'languages', type: 'string' },
  { id: 'posts', for: 'node', name: 'posts', type: 'int' },
  { id: 'subscribers', for: 'node', name: 'subscribers', type: 'long' },
  { id: 'archived', for: 'node', name: 'archived', type: 'boolean' },
  { id: 'n_first', for: 'node', name: 'firstDate', type: 'string' },
  { id: 'n_last', for: 'node', name: 'lastDate', type: 'string' },
  { id: 'kind', for: 'edge', name: 'kind', type: 'string' },
  { id: 'weight', for: 'edge', name: 'weight', type: 'double' },
  { id: 'e_first', for: 'edge', name: 'firstDate', type: 'string' },
  { id: 'e_last', for: 'edge', name: 'lastDate', type: 'string' },
];

/** Text or attribute value escaped for XML; line breaks and tabs as references so attributes keep them. */
function esc(s: string): string {
  return xmlSafe(s).replace(/[&<>"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function value(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

function data(keys: readonly Key[], attrs: object): string {
  let out = '';
  for (const k of keys) {
    const v = value((attrs as Record<string, unknown>)[k.name]);
    if (v !== null) out += `\n      <data key="${esc(k.id)}">${esc(v)}</data>`;
  }
  return out;
}

/** The GraphML document of a network: directed, parallel edges (a forward and a mention) kept apart by `kind`. */
export function renderGraphml(net: Network, meta: NetworkMeta): string {
  const { graph } = net;
  const nodeKeys = KEYS.filter((k) => k.for === 'node');
  const edgeKeys = KEYS.filter((k) => k.for === 'edge');
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    `  <desc>${esc(`${meta.description} (tgwire, ${meta.date.toISOString().slice(0, 10)})`)}</desc>\n`,
  ];
  for (const k of KEYS)
    parts.push(
      `  <key id="${esc(k.id)}" for="${k.for}" attr.name="${esc(k.name)}" attr.type="${k.type}"/>\n`,
    );
  parts.push('  <graph id="G" edgedefault="directed">\n');
  graph.forEachNode((id, attrs) => {
    parts.push(`    <node id="${esc(id)}">${data(nodeKeys, attrs)}\n    </node>\n`);
  });
  graph.forEachEdge((id, attrs, source, target) => {
    parts.push(
      `    <edge id="${esc(id)}" source="${esc(source)}" target="${esc(target)}">${data(edgeKeys, attrs)}\n    </edge>\n`,
    );
  });
  parts.push('  </graph>\n</graphml>\n');
  return parts.join('');
}
