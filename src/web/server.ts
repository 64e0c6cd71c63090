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
import { directoryRoutes } from './routes/directory.js';
import { portalRoutes } from './routes/portal.js';
import { registerRoutes } from './routes/register.js';
import { staffRoutes } from './routes/staff.js';
import { registerSecurityHeaders } from './security.js';
import { registerRoleGuard } from './roles.js';
import { dailyRoutes } from './routes/daily.js';
import { accountRoutes } from './routes/accounts.js';
import { registerHostGuard } from './hostGuard.js';

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
    registerHostGuard(root, opts.onlyHost);
    await registerSecurityHeaders(root, { hsts: opts.hsts ?? false });
    await registerCsrf(root, opts.secureCookies ?? false);
    await root.register(formbody, { bodyLimit: MAX_JSON_BODY_BYTES });
    root.get('/healthz', async () => ({ ok: true }));
    root.get(STYLESHEET.path, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(STYLESHEET.body));
    // The staff session behind the cookie, read once per request from the shared store (after the cookie plugin).
    root.addHook('onRequest', async (req) => ctx.resolveSession(req));
    // Roles on every staff route: leader reads, officer acts, administrator manages accounts (roles.ts).
    registerRoleGuard(root, ctx);
    // Every state change by staff goes to the audit log: who, which route and target, the answer, from where.
    root.addHook('onResponse', async (req, reply) => {
      const who = req.method === 'GET' || req.method === 'HEAD' ? null : ctx.staffOf(req);
      if (!who || req.routeOptions.url === '/login' || req.routeOptions.url === '/logout') return;
      await ctx
        .audit(req, who.user, `${req.method} ${req.routeOptions.url ?? req.url}`, Object.values((req.params ?? {}) as Record<string, string>).join('/') || undefined, {
          status: reply.statusCode,
        })
        .catch((err: Error) => process.stderr.write(`dondoc web: audit log: ${err.message}\n`));
    });
    // Alive: the process answers. Ready: it can do its job (Temporal, a polling worker, the database).
    root.get('/readyz', async (_req, reply) => {
      const r = opts.readiness ? await opts.readiness() : { ready: true, checks: {} };
      return reply
        .code(r.ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send(r);
    });
    await root.register(async (scope) => apiRoutes(scope, ctx));
    await root.register(async (scope) => portalRoutes(scope, ctx));
    await root.register(async (scope) => dailyRoutes(scope, ctx));
    await root.register(async (scope) => accountRoutes(scope, ctx));
    await root.register(async (scope) => staffRoutes(scope, ctx));
    await root.register(async (scope) => directoryRoutes(scope, ctx));
    await root.register(async (scope) => registerRoutes(scope, ctx));
  });
  return app;
}
