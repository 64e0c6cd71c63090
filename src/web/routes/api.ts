/**
 * The JSON API (names and shapes unchanged), now for staff only: a session cookie (and then a CSRF
 * header on anything that changes state) or the configured bearer token.
 */
import type { FastifyInstance } from 'fastify';
import { agencyLink, agencyStatus, approveReport, decideExtension, exempt, planStatus, reportAsItArises, requestAdhoc, submitReport } from '../../service/operations.js';
import { REPORT_FORMATS, type ReportFormat } from '../../consolidation/documents.js';
import { reportFile, type ReportSource } from '../../service/reports.js';
import { withDeliveries } from '../../service/deliveryStatus.js';
import type { WebContext } from '../context.js';
import { PAGE_CSP, REPORT_CSP } from '../security.js';

export async function apiRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  app.addHook('preHandler', (req, reply, done) => {
    const who = ctx.staffOf(req);
    if (!who) return void reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'Cần đăng nhập hoặc mã truy cập API (Authorization: Bearer …)' });
    // A cookie travels by itself; a state change by cookie must prove it comes from our own page.
    if (who.via === 'session' && req.method !== 'GET' && req.method !== 'HEAD') return app.csrfProtection(req, reply, done);
    done();
  });

  app.get('/api/plans', async () => ctx.plans().map((p) => ({ id: p.id, title: p.document.title, number: p.document.number, issuer: p.document.issuer, draft: p.document.draft })));
  // Each agency's messages with their delivery state (`deliveries`), when the web has the delivery log.
  app.get<{ Params: { planId: string }; Querystring: { period?: string } }>('/api/plans/:planId/status', async (req) => {
    const status = await planStatus(ops, req.params.planId, req.query.period);
    return ctx.opts.db ? withDeliveries(status, ctx.opts.db.deliveries) : status;
  });
  app.get<{ Params: { planId: string; period: string; agencyId: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId', (req) =>
    agencyStatus(ops, req.params.planId, req.params.period, req.params.agencyId),
  );
  app.post<{ Params: { planId: string; period: string; agencyId: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId/submissions', (req) =>
    submitReport(ops, req.params.planId, req.params.period, req.params.agencyId, req.body),
  );
  // Bodies go to the operations as they came: each checks its own edge schema (src/edge/schemas.ts) before Temporal.
  app.post<{ Params: { planId: string; period: string; agencyId: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId/extension', (req) =>
    decideExtension(ops, req.params.planId, req.params.period, req.params.agencyId, req.body),
  );
  app.post<{ Params: { planId: string; period: string; agencyId: string }; Body: { reason?: unknown } | null }>(
    '/api/plans/:planId/periods/:period/agencies/:agencyId/exemption',
    (req) => exempt(ops, req.params.planId, req.params.period, req.params.agencyId, req.body?.reason),
  );
  app.post<{ Params: { planId: string; period: string }; Body: { approvedBy?: unknown; note?: unknown } | null }>('/api/plans/:planId/periods/:period/approve', (req) =>
    approveReport(ops, req.params.planId, req.params.period, req.body?.approvedBy, req.body?.note),
  );
  // The consolidated report files: as sent (or drafted), or ?source=live for the report as it stands.
  app.get<{ Params: { planId: string; period: string; format: string }; Querystring: { source?: string } }>(
    '/api/plans/:planId/periods/:period/report.:format',
    async (req, reply) => {
      const format = req.params.format;
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) return reply.code(404).send({ error: `Không có định dạng báo cáo "${format.slice(0, 20)}" (docx, xlsx, html)` });
      const source = req.query.source;
      if (source !== undefined && !['sent', 'draft', 'live'].includes(source)) return reply.code(400).send({ error: 'source: phải là sent, draft hoặc live' });
      const file = await reportFile(ops, req.params.planId, req.params.period, format as ReportFormat, { source: source as ReportSource | undefined });
      return (
        reply
          .type(file.contentType)
          .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${file.filename}"`)
          .header('x-dondoc-report-source', file.source)
          // The HTML report is styled inline (it is also a mail body): its own policy, still without any script.
          .header('content-security-policy', format === 'html' ? REPORT_CSP : PAGE_CSP)
          .send(file.bytes)
      );
    },
  );
  // An agency's personal link: to copy (GET), or to email it again (POST …/link/resend).
  type LinkParams = { Params: { planId: string; period: string; agencyId: string } };
  const linkSettings = (host: string | undefined) => ({
    publicUrl: ctx.opts.publicUrl ?? `http://${host ?? 'localhost'}`,
    linkSecret: ctx.opts.linkSecret,
    linkValidityDays: ctx.opts.linkValidityDays ?? 60,
  });
  app.get<LinkParams>('/api/plans/:planId/periods/:period/agencies/:agencyId/link', (req) =>
    agencyLink(ops, linkSettings(req.headers.host), req.params.planId, req.params.period, req.params.agencyId),
  );
  app.post<LinkParams>('/api/plans/:planId/periods/:period/agencies/:agencyId/link/resend', (req) =>
    agencyLink(ops, linkSettings(req.headers.host), req.params.planId, req.params.period, req.params.agencyId, { resend: true, by: ctx.staffOf(req)?.user ?? 'api' }),
  );
  app.post<{ Params: { planId: string } }>('/api/plans/:planId/adhoc', (req) => requestAdhoc(ops, req.params.planId, req.body));

  app.post<{ Params: { planId: string; agencyId: string }; Querystring: { subject?: string } }>('/api/plans/:planId/agencies/:agencyId/issues', (req) =>
    reportAsItArises(
      ops,
      req.params.planId,
      req.params.agencyId,
      req.body,
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }),
      req.query.subject ?? 'Phản ánh khó khăn, vướng mắc',
    ),
  );

  const catcher = ctx.opts.catcher;
  if (catcher) app.get('/api/mail', async () => catcher.messages().map(({ html: _html, ...m }) => m));
}
