/**
 * The HTTP server: the JSON API over the same operations as the CLI, and (for now) a plain overview
 * page. Binds to loopback by default; the staff dashboard with login comes with the web issue.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { viDate } from '../calendar/isoDate.js';
import type { MailCatcher } from '../mail/catcher.js';
import type { Plan } from '../plan/schema.js';
import {
  agencyStatus,
  approveReport,
  decideExtension,
  exempt,
  planStatus,
  RejectedError,
  requestAdhoc,
  reportAsItArises,
  requestExtension,
  submitReport,
  type Ops,
} from '../service/operations.js';
import { verifyLink } from './links.js';
import { REPORT_FORMATS, type ReportFormat } from '../consolidation/documents.js';
import { reportFile, type ReportSource } from '../service/reports.js';

export interface WebOptions {
  ops: Ops;
  plans: () => Plan[];
  catcher?: MailCatcher;
  linkSecret: string;
  temporalUiUrl?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function buildServer(opts: WebOptions): FastifyInstance {
  // maxParamLength: a signed link token is longer than Fastify's default of 100 characters.
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024, routerOptions: { maxParamLength: 1000 } });
  const { ops } = opts;

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    if (err instanceof RejectedError) return reply.code(422).send({ error: err.message, reasons: err.reasons });
    const code = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(code).send({ error: err.message });
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/api/plans', async () =>
    opts.plans().map((p) => ({ id: p.id, title: p.document.title, number: p.document.number, issuer: p.document.issuer, draft: p.document.draft })),
  );
  app.get<{ Params: { planId: string }; Querystring: { period?: string } }>('/api/plans/:planId/status', (req) => planStatus(ops, req.params.planId, req.query.period));
  app.get<{ Params: { planId: string; period: string; agencyId: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId', (req) =>
    agencyStatus(ops, req.params.planId, req.params.period, req.params.agencyId),
  );
  app.post<{ Params: { planId: string; period: string; agencyId: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId/submissions', (req) =>
    submitReport(ops, req.params.planId, req.params.period, req.params.agencyId, req.body),
  );
  app.post<{ Params: { planId: string; period: string; agencyId: string }; Body: { approved: boolean; lastDay?: string; reason: string } }>(
    '/api/plans/:planId/periods/:period/agencies/:agencyId/extension',
    (req) => decideExtension(ops, req.params.planId, req.params.period, req.params.agencyId, req.body),
  );
  app.post<{ Params: { planId: string; period: string; agencyId: string }; Body: { reason: string } }>('/api/plans/:planId/periods/:period/agencies/:agencyId/exemption', (req) =>
    exempt(ops, req.params.planId, req.params.period, req.params.agencyId, req.body?.reason ?? ''),
  );
  app.post<{ Params: { planId: string; period: string }; Body: { approvedBy?: string } }>('/api/plans/:planId/periods/:period/approve', (req) =>
    approveReport(ops, req.params.planId, req.params.period, req.body?.approvedBy),
  );
  // The consolidated report files: as sent (or drafted), or ?source=live for the report as it stands.
  app.get<{ Params: { planId: string; period: string; format: string }; Querystring: { source?: string } }>('/api/plans/:planId/periods/:period/report.:format', async (req, reply) => {
    const format = req.params.format;
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) return reply.code(404).send({ error: `no report format "${format}" (docx, xlsx, html)` });
    const source = req.query.source;
    if (source !== undefined && !['sent', 'draft', 'live'].includes(source)) return reply.code(400).send({ error: 'source: sent, draft or live' });
    const file = await reportFile(ops, req.params.planId, req.params.period, format as ReportFormat, { source: source as ReportSource | undefined });
    return reply
      .type(file.contentType)
      .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${file.filename}"`)
      .header('x-dondoc-report-source', file.source)
      .send(file.bytes);
  });
  app.post<{ Params: { planId: string }; Body: { agencyIds: string[]; lastDay: string; subject: string } }>('/api/plans/:planId/adhoc', (req) => requestAdhoc(ops, req.params.planId, req.body));
  app.post<{ Params: { planId: string; agencyId: string }; Querystring: { subject?: string } }>('/api/plans/:planId/agencies/:agencyId/issues', (req) =>
    reportAsItArises(ops, req.params.planId, req.params.agencyId, req.body, new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' }), req.query.subject ?? 'Phản ánh khó khăn, vướng mắc'),
  );

  // A personal link: the token names plan, period and agency; the JSON form of the portal.
  app.post<{ Params: { token: string } }>('/api/links/:token/submissions', async (req, reply) => {
    const v = verifyLink(req.params.token, opts.linkSecret, Math.floor(Date.now() / 1000));
    if (!v.ok) return reply.code(v.reason === 'expired' ? 410 : 403).send({ error: `link ${v.reason}` });
    return submitReport(ops, v.scope.planId, v.scope.period, v.scope.agencyId, req.body);
  });
  app.post<{ Params: { token: string }; Body: { lastDay: string; reason: string } }>('/api/links/:token/extension-request', async (req, reply) => {
    const v = verifyLink(req.params.token, opts.linkSecret, Math.floor(Date.now() / 1000));
    if (!v.ok) return reply.code(v.reason === 'expired' ? 410 : 403).send({ error: `link ${v.reason}` });
    return requestExtension(ops, v.scope.planId, v.scope.period, v.scope.agencyId, req.body ?? { lastDay: '', reason: '' });
  });

  if (opts.catcher) {
    const catcher = opts.catcher;
    app.get('/api/mail', async () => catcher.messages().map(({ html: _html, ...m }) => m));
    app.get('/mail', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(
        page('Hộp thư thử nghiệm', `<table>${catcher
          .messages()
          .slice(-200)
          .reverse()
          .map((m) => `<tr><td>${esc(viDate(m.date.slice(0, 10)))}</td><td>${esc(m.to.join(', '))}</td><td>${esc(m.subject)}</td></tr>`)
          .join('')}</table>`),
      ),
    );
  }

  app.get('/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(
      page(
        'dondoc – Đôn đốc báo cáo',
        `<ul>${opts
          .plans()
          .map((p) => `<li><a href="/api/plans/${esc(p.id)}/status">${esc(p.document.number ?? '(dự thảo)')}</a> – ${esc(p.document.title)}</li>`)
          .join('')}</ul>
        <p>${opts.catcher ? '<a href="/mail">Hộp thư thử nghiệm</a> · ' : ''}${opts.temporalUiUrl ? `<a href="${esc(opts.temporalUiUrl)}">Temporal Web UI</a>` : ''}</p>`,
      ),
    ),
  );
  return app;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}td{padding:.2rem .6rem;border-bottom:1px solid #ddd}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}
