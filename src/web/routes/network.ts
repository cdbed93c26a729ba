// The forward and mention network of the dashboard's selection as a GEXF or GraphML download (for Gephi).
import { Hono, type Context } from 'hono';
import { NETWORK_TYPES, renderNetwork, type NetworkFormat } from '../../pipeline/network.js';
import type { WebContext, WebEnv } from '../app.js';
import { filterSchema, parseParams, toFilter } from '../params.js';
import { createTtlCache } from '../ttl-cache.js';

/** The download's path for a format, with the page's query string (the same selection). */
export function networkPath(format: NetworkFormat, query: string): string {
  return `/network.${format}${query}`;
}

export function networkRoutes(ctx: WebContext): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  // The whole selection is read to build one: a repeated download within half a minute gets the same file.
  const bodies = createTtlCache<string>(30_000, 20);

  const download = async (c: Context<WebEnv>, format: NetworkFormat) => {
    const filter = await toFilter(ctx.store, parseParams(filterSchema, c.req.query()));
    const body = await bodies.get(`${format} ${JSON.stringify(filter)}`, () =>
      renderNetwork(ctx.store, filter, format, ctx.now()),
    );
    c.header('Content-Type', NETWORK_TYPES[format]);
    c.header('Content-Disposition', `attachment; filename="tgwire-network.${format}"`);
    c.header('Cache-Control', 'private, max-age=30');
    return c.body(body);
  };

  app.get('/network.gexf', (c) => download(c, 'gexf'));
  app.get('/network.graphml', (c) => download(c, 'graphml'));
  return app;
}
