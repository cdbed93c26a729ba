// The forward and mention network of an archive slice, as GEXF or GraphML: posts streamed from the store into the
// network builder, so only the graph itself is held in memory.
import { NetworkBuilder, languagesByShare, type Network } from '../feeds/network/build.js';
import { renderGexf } from '../feeds/network/gexf.js';
import { renderGraphml } from '../feeds/network/graphml.js';
import type { PostFilter, Store } from '../store/store.js';

export type NetworkFormat = 'gexf' | 'graphml';

export const NETWORK_TYPES: Record<NetworkFormat, string> = {
  gexf: 'application/gexf+xml; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
};

/**
 * The network of the posts `filter` selects. An archived channel's languages are every language of its posts (the
 * whole channel's, most posts first), then any language pinned for it that no post carries yet.
 */
export async function gatherNetwork(store: Store, filter: PostFilter): Promise<Network> {
  const channels = await store.listChannels();
  const builder = new NetworkBuilder(channels);
  for await (const p of store.iteratePosts({ ...filter, order: 'asc' })) builder.add(p);
  const pinned = new Map(channels.map((c) => [c.key, c.languages]));
  const languages = new Map<string, string[]>();
  for (const key of builder.archivedKeys()) {
    const own = languagesByShare(await store.channelLanguageMix(key));
    const list = [...new Set([...own, ...(pinned.get(key) ?? [])])];
    if (list.length) languages.set(key, list);
  }
  return builder.finish(languages);
}

/** "Forwards and mentions in tgwire's archive: topic brics, since 2024-09-01". */
export function networkDescription(filter: PostFilter): string {
  const parts: string[] = [];
  if (filter.channel)
    parts.push(`channel ${Array.isArray(filter.channel) ? filter.channel.join(', ') : filter.channel}`);
  if (filter.topic) parts.push(`topic ${filter.topic}`);
  if (filter.lang) parts.push(`language ${filter.lang}`);
  if (filter.since) parts.push(`since ${filter.since}`);
  if (filter.until) parts.push(`until ${filter.until}`);
  return `Forwards and mentions between Telegram channels in a tgwire archive${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** The network of the slice as a document in `format`. */
export async function renderNetwork(
  store: Store,
  filter: PostFilter,
  format: NetworkFormat,
  now: Date = new Date(),
): Promise<string> {
  const net = await gatherNetwork(store, filter);
  const meta = { description: networkDescription(filter), date: now };
  return format === 'gexf' ? renderGexf(net, meta) : renderGraphml(net, meta);
}
