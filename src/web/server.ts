/**
 * The HTTP server: server-rendered pages for the standing agency (behind a login) and for the agencies
 * (through their signed links), and the JSON API over the same operations as the CLI. Each part lives
 * in its own route module with its own guard; headers (security.ts) and errors (errors.ts) are one
 * policy for all of them.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { MAX_JSON_BODY_BYTES } from '../edge/limits.js';
import { WebContext, type WebOptions } from './context.js';
import { registerCsrf } from './csrf.js';
import { registerErrorHandling, webLoggerOptions } from './errors.js';
import { STYLESHEET } from './pages/layout.js';
import { apiRoutes } from './routes/api.js';
import { portalRoutes } from './routes/portal.js';
import { staffRoutes } from './routes/staff.js';
import { registerSecurityHeaders } from './security.js';

export type { WebOptions } from './context.js';

export function buildServer(opts: WebOptions): FastifyInstance {
  const app = Fastify({
    // Failures are logged (errors.ts), with link tokens redacted; each request only at DONDOC_LOG_LEVEL=info.
    logger: webLoggerOptions(opts.logStream),
    // JSON and url-encoded bodies: a submission and its envelope. Multipart (files) has its own limits (routes/portal.ts).
    bodyLimit: MAX_JSON_BODY_BYTES,
    // A signed link token is longer than Fastify's default of 100 characters; links.ts bounds it below this.
    routerOptions: { maxParamLength: 1000 },
  });
  const ctx = new WebContext(opts);
  app.register(async (root) => {
    registerErrorHandling(root, app.log);
    await registerSecurityHeaders(root, { hsts: opts.hsts ?? false });
    await registerCsrf(root, opts.secureCookies ?? false);
    await root.register(formbody, { bodyLimit: MAX_JSON_BODY_BYTES });
    root.get('/healthz', async () => ({ ok: true }));
    root.get(STYLESHEET.path, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(STYLESHEET.body));
    await root.register(async (scope) => apiRoutes(scope, ctx));
    await root.register(async (scope) => portalRoutes(scope, ctx));
    await root.register(async (scope) => staffRoutes(scope, ctx));
  });
  return app;
}
