// Starts the web app on a TCP port (port 0: any free one) and returns its URL and a close function.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUEST_DRAIN_MS } from '../model/limits.js';
import { UserError } from '../util/errors.js';
import { createApp, type AppDeps } from './app.js';

export interface RunningServer {
  url: string;
  /**
   * Stops accepting connections, closes idle keep-alive ones at once and the rest after `drainMs`, so a browser's
   * open connection or a slow client never holds the shutdown.
   */
  close(drainMs?: number): Promise<void>;
}

export async function startServer(deps: AppDeps): Promise<RunningServer> {
  const app = createApp(deps);
  const { host, port } = deps.config;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      const h = info.family === 'IPv6' || host.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${h}:${info.port}`,
        close: (drainMs = REQUEST_DRAIN_MS) =>
          new Promise<void>((done, fail) => {
            const http = server as Server;
            const force = setTimeout(() => http.closeAllConnections(), drainMs);
            force.unref();
            http.close((err) => {
              clearTimeout(force);
              if (err) fail(err);
              else done();
            });
            http.closeIdleConnections();
          }),
      });
    });
    server.once('error', (e: NodeJS.ErrnoException) => {
      // The address is the user's to choose: taken or not allowed is theirs to fix, not a bug to report.
      if (e.code === 'EADDRINUSE')
        reject(new UserError(`${host}:${port} is in use (another tgwire serve?): stop it, or give --port N`));
      else if (e.code === 'EACCES')
        reject(
          new UserError(
            `${host}:${port} may not be used by this user (ports under 1024 need root): give --port N`,
          ),
        );
      else if (e.code === 'EADDRNOTAVAIL')
        reject(new UserError(`${host} is not an address of this machine: give --host 127.0.0.1 or 0.0.0.0`));
      else reject(e);
    });
  });
}
