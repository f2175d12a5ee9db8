import { serve, type ServerType } from '@hono/node-server';
import type { Voronka } from './app.js';

/** Starts listening and the node's background jobs; resolves with the bound port (useful when PORT=0). */
export function listen(v: Voronka): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: v.app.fetch, port: v.ctx.config.port, hostname: v.ctx.config.host }, (info) => {
      v.startJobs();
      resolve({ server, port: info.port });
    });
  });
}
