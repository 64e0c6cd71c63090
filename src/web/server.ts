/**
 * The HTTP server: server-rendered pages for the standing agency (behind a login) and for the agencies
 * (through their signed links), and the JSON API over the same operations as the CLI. Each part lives
 * in its own route module with its own guard and error pages.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { WebContext, type WebOptions } from './context.js';
import { registerCsrf } from './csrf.js';
import { apiRoutes } from './routes/api.js';
import { portalRoutes } from './routes/portal.js';
import { staffRoutes } from './routes/staff.js';

export type { WebOptions } from './context.js';

export function buildServer(opts: WebOptions): FastifyInstance {
  // maxParamLength: a signed link token is longer than Fastify's default of 100 characters.
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024, routerOptions: { maxParamLength: 1000 } });
  const ctx = new WebContext(opts);
  app.register(async (root) => {
    await registerCsrf(root, opts.secureCookies ?? false);
    await root.register(formbody);
    // Pages are never framed by another site (clickjacking of the action buttons).
    root.addHook('onSend', async (_req, reply) => {
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
    });
    root.get('/healthz', async () => ({ ok: true }));
    await root.register(async (scope) => apiRoutes(scope, ctx));
    await root.register(async (scope) => portalRoutes(scope, ctx));
    await root.register(async (scope) => staffRoutes(scope, ctx));
  });
  return app;
}
