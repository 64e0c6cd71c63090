/**
 * One province, one origin (docs/deployment.md): a province's web answers only on its own host, the host of
 * its PUBLIC_URL. A request that reaches it under another name (a proxy rule sending one province's host to
 * another's web) gets 421 Misdirected Request instead of that province's pages under the wrong name, with
 * its cookies. Health checks (/healthz, /readyz) answer on any host: orchestrators probe by address; so does
 * the stylesheet, which holds nothing of a province.
 */
import type { FastifyInstance } from 'fastify';
import { sendHtml } from './context.js';
import { messagePage, STYLESHEET } from './pages/layout.js';

/** Answered on any host: the probes, and the stylesheet (so the refusal page itself reads properly). */
const ANY_HOST = new Set(['/healthz', '/readyz', STYLESHEET.path]);

export function registerHostGuard(app: FastifyInstance, host: string | undefined): void {
  if (!host) return;
  const expected = host.toLowerCase();
  app.addHook('onRequest', async (req, reply) => {
    if (ANY_HOST.has(req.url.split('?')[0]!)) return;
    const given = (req.headers.host ?? '').toLowerCase();
    if (given === expected) return;
    const why = `Địa chỉ này (${given.slice(0, 100) || 'không có'}) không thuộc hệ thống của tỉnh này; vui lòng dùng ${expected}.`;
    if (req.url.startsWith('/api/')) return reply.code(421).send({ error: why });
    return sendHtml(reply, messagePage('Sai địa chỉ', why), 421);
  });
}
