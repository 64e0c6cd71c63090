/**
 * The standing agency's dashboard: login, the pages, and the actions (forms posting back here, each
 * with a CSRF token). Every route but the login asks for a staff session; without one a page
 * redirects to the login and an action is refused.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseViDate } from '../../edge/dates.js';
import { agencyLink, agencyStatus, decideExtension, exempt, RejectedError, requestAdhoc } from '../../service/operations.js';
import { reportWorkflowId } from '../../../workflows/ids.js';
import { csrfInput } from '../csrf.js';
import { flashText, type FlashCode } from '../flash.js';
import { loadCycles } from '../dashboardData.js';
import { html, type Html } from '../html.js';
import { agencyPage, planPage, type Typed } from '../pages/dashboard.js';
import { linkSection } from '../pages/agency.js';
import { plansListPage } from '../pages/plans.js';
import { loadPlanRun } from '../planRun.js';
import { planSummary } from '../planSummary.js';
import { allowed } from '../roles.js';
import { PAGE_CSP } from '../security.js';
import { copyScriptTag, linkSettings } from './daily.js';
import { layout, messagePage } from '../pages/layout.js';
import { loginForm } from '../pages/login.js';
import { mailPage } from '../pages/mail.js';
import { SESSION_COOKIE, sendHtml, type WebContext } from '../context.js';
import { safeNext } from '../security.js';
import { MAX_FILE_NAME_BYTES } from '../../edge/limits.js';
import { safeFileName } from '../../edge/text.js';
import { requireStaffSession, staffPage } from '../staffPages.js';

type Flash = { ok?: string };
type Form = Record<string, unknown> | undefined;
/** A form field as one string (a repeated or missing field is empty, never an object). */
const one = (f: Form, name: string) => {
  const v = f?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
};
const many = (f: Form, name: string) => {
  const v = f?.[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
};
/** The message a redirect's `?ok=` code stands for (never text from the query string). */
const flash = (q: Flash, banner?: Html) => {
  const ok = flashText(q.ok);
  return html`${ok ? html`<p class="ok" role="status">${ok}</p>` : ''}${banner ?? ''}`;
};
/** Every field of a posted form but its CSRF token, to show a refused form again as typed. */
export const typedOf = (f: Form): Typed =>
  Object.fromEntries(
    Object.keys(f ?? {})
      .filter((k) => k !== '_csrf')
      .map((k) => [k, many(f, k)]),
  );
const canActRole = (ctx: WebContext, req: FastifyRequest) => {
  const role = ctx.roleOf(req);
  return role !== null && allowed(role, 'act');
};
export const refusal = (err: RejectedError) =>
  html`<div class="errors" role="alert">
    <p>${err.message.split(':')[0]}:</p>
    <ul>
      ${(err.reasons.length ? err.reasons : [err.message]).map((r) => html`<li>${r}</li>`)}
    </ul>
  </div>`;
/** Export and amend (routes/register.ts), on every plan's page. */
const registerLinks = (planId: string) =>
  html`<p class="small"><a href="/plans/${planId}/plan.yaml">Tải tệp kế hoạch (YAML)</a> · <a href="/plans/${planId}/amend">Sửa đổi từ văn bản mới</a></p>`;

export async function staffRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  const canAct = (req: FastifyRequest) => canActRole(ctx, req);
  const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) => staffPage(ctx, req, reply, title, body, code);

  // Login and its form: outside the guard, CSRF-protected too (login CSRF would log a user into another account).
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) =>
    sendHtml(reply, layout({ title: 'Đăng nhập' }, loginForm(csrfInput(reply), safeNext(req.query.next), null))),
  );
  // Password guessing: at most 10 login attempts a minute from one address.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, limit) => ({ statusCode: 429, message: `Đăng nhập quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(limit.ttl / 1000)} giây.` }),
  });
  app.post<{ Body: Form }>('/login', { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const user = one(req.body, 'user').trim().slice(0, 64);
    const password = one(req.body, 'password');
    const ok = ctx.opts.staff && password.length <= 1024 ? await ctx.opts.staff.check(user, password) : false;
    await ctx.audit(req, user || '-', ok ? 'login' : 'login-failed');
    if (!ok)
      return sendHtml(reply, layout({ title: 'Đăng nhập' }, loginForm(csrfInput(reply), safeNext(one(req.body, 'next')), 'Tên đăng nhập hoặc mật khẩu không đúng.', user)), 401);
    await ctx.sessions.destroy(req.cookies[SESSION_COOKIE]);
    const session = await ctx.sessions.create(user, { ip: req.ip, userAgent: req.headers['user-agent'] });
    // Lax, not Strict: a link to the dashboard in an email must open it logged in; Lax still keeps the cookie off cross-site POSTs.
    reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.opts.secureCookies ?? false, maxAge: ctx.sessions.ttlMs / 1000 });
    return reply.redirect(safeNext(one(req.body, 'next')), 303);
  });

  await app.register(async (guarded) => {
    guarded.addHook('preHandler', requireStaffSession(ctx));
    const protect = { preHandler: guarded.csrfProtection };

    guarded.post('/logout', protect, async (req, reply) => {
      await ctx.audit(req, ctx.staffOf(req)?.user ?? '-', 'logout');
      await ctx.sessions.destroy(req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login', 303);
    });

    guarded.get('/', async (req, reply) => {
      const now = await ctx.nowMs();
      const rows = [];
      await ctx.refreshRegistered();
      for (const plan of ctx.allPlans()) {
        const run = await loadPlanRun(ops, plan.id);
        rows.push({ plan, summary: planSummary(plan, run, now), assumptions: run?.assumptions.map((a) => a.note) ?? [] });
      }
      return page(req, reply, 'Các kế hoạch đang theo dõi', plansListPage(rows, canAct(req)));
    });

    const planView = async (req: FastifyRequest<{ Querystring: Flash }>, reply: FastifyReply, planId: string, banner?: Html, code = 200, typed?: Typed) => {
      const plan = ctx.planById(planId);
      if (!plan) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có kế hoạch này.'), 404);
      const loaded = await loadCycles(ops, plan.id).catch(() => null);
      if (!loaded && ctx.registered.get(plan.id)?.state === 'ended') return reply.redirect(`/register/plans/${encodeURIComponent(plan.id)}`, 303);
      if (!loaded) return page(req, reply, plan.document.title, html`<p class="note">Kế hoạch chưa được khởi chạy (\`dondoc plan start\`).</p>`, 404);
      const { overview, cycles } = loaded;
      return page(
        req,
        reply,
        `${plan.document.number ?? 'Kế hoạch (chưa có số)'} – ${plan.document.issuer}`,
        html`${flash(req.query, banner)}${registerLinks(plan.id)}${planPage(plan, overview, cycles, csrfInput(reply), await ctx.nowMs(), typed, canAct(req))}`,
        code,
      );
    };
    type AgencyParams = { Params: { planId: string; period: string; agencyId: string }; Body: Form; Querystring: Flash };
    const agencyView = async (req: FastifyRequest<AgencyParams>, reply: FastifyReply, banner?: Html, code = 200, typed?: Typed) => {
      const { planId, period, agencyId } = req.params;
      const plan = ctx.planById(planId);
      const found = plan ? await agencyStatus(ops, planId, period, agencyId).catch(() => null) : null;
      if (!plan || !found) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có đơn vị này trong kỳ báo cáo.'), 404);
      // From the delivery log, by the workflow's key prefix (an index), not by reading every message.
      const mails = ctx.opts.db ? await ctx.opts.db.deliveries.forWorkflow(reportWorkflowId(planId, period, agencyId, found.status.role)) : [];
      const name = plan.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
      const csrf = csrfInput(reply);
      const link = found.status.role === 'agency' ? await agencyLink(ops, linkSettings(ctx, req.headers.host), planId, period, agencyId).catch(() => null) : null;
      const linkHtml =
        found.status.role === 'agency'
          ? linkSection(plan, agencyId, found.status.lastDay, link, `${agencyBack(req.params)}/link/resend`, csrf, canAct(req), !found.status.closed)
          : undefined;
      // The copy button's script (the only one, from our origin): this page's policy allows it.
      reply.header('content-security-policy', `${PAGE_CSP}; script-src 'self'`);
      return page(
        req,
        reply,
        name,
        html`${flash(req.query, banner)}${agencyPage(plan, period, found.status, found.submissions, mails, csrf, await ctx.nowMs(), { link: linkHtml, typed, canAct: canAct(req) })}${copyScriptTag}`,
        code,
      );
    };

    guarded.get<{ Params: { planId: string }; Querystring: Flash }>('/plans/:planId', async (req, reply) => planView(req, reply, req.params.planId));
    guarded.get<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId', async (req, reply) => agencyView(req, reply));

    /**
     * Runs an action. Done: back to the page with a message code (Post/Redirect/Get). Refused: the
     * same page again, status 422, with the reasons (they never travel in a URL).
     */
    const act = async (reply: FastifyReply, back: string, ok: FlashCode, fn: () => Promise<unknown>, again: (banner: Html, code: number) => Promise<unknown>) => {
      // A refused form comes back filled in as it was sent (again() passes typedOf(req.body)).
      try {
        await fn();
        return reply.redirect(`${back}?ok=${ok}`, 303);
      } catch (err) {
        if (!(err instanceof RejectedError)) throw err;
        return again(refusal(err), err.notFound ? 404 : 422);
      }
    };
    const agencyBack = (p: AgencyParams['Params']) => `/plans/${encodeURIComponent(p.planId)}/periods/${encodeURIComponent(p.period)}/agencies/${encodeURIComponent(p.agencyId)}`;

    guarded.post<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId/extension', protect, async (req, reply) => {
      const decision = one(req.body, 'decision');
      const p = req.params;
      const approved = decision === 'approve';
      return act(
        reply,
        agencyBack(p),
        approved ? 'extension-approved' : 'extension-refused',
        async () => {
          if (decision !== 'approve' && decision !== 'refuse') throw new RejectedError('Không thực hiện được quyết định gia hạn', ['decision: Hãy chọn chấp thuận hoặc từ chối']);
          const lastDay = parseViDate(one(req.body, 'lastDay'));
          if (approved && !lastDay) throw new RejectedError('Không thực hiện được quyết định gia hạn', ['lastDay: Ngày gia hạn không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)']);
          return decideExtension(ops, p.planId, p.period, p.agencyId, { approved, ...(approved && lastDay ? { lastDay } : {}), reason: one(req.body, 'reason') });
        },
        (banner, code) => agencyView(req, reply, banner, code, { ...typedOf(req.body), form: ['extension'] }),
      );
    });
    guarded.post<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId/link/resend', protect, async (req, reply) => {
      const p = req.params;
      return act(
        reply,
        agencyBack(p),
        'link-resent',
        () => agencyLink(ops, linkSettings(ctx, req.headers.host), p.planId, p.period, p.agencyId, { resend: true, by: ctx.staffOf(req)?.user }),
        (banner, code) => agencyView(req, reply, banner, code),
      );
    });
    guarded.post<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId/exemption', protect, async (req, reply) => {
      const p = req.params;
      return act(
        reply,
        agencyBack(p),
        'exempted',
        () => exempt(ops, p.planId, p.period, p.agencyId, one(req.body, 'reason')),
        (banner, code) => agencyView(req, reply, banner, code, { ...typedOf(req.body), form: ['exemption'] }),
      );
    });
    // Approval: the period's report page (routes/daily.ts) shows what goes to whom, then approves.
    guarded.post<{ Params: { planId: string }; Body: Form; Querystring: Flash }>('/plans/:planId/adhoc', protect, async (req, reply) => {
      const { planId } = req.params;
      return act(
        reply,
        `/plans/${encodeURIComponent(planId)}`,
        'adhoc-requested',
        async () => {
          const lastDay = parseViDate(one(req.body, 'lastDay'));
          if (!lastDay) throw new RejectedError('Không thực hiện được yêu cầu báo cáo đột xuất', ['lastDay: Hạn nộp không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)']);
          return requestAdhoc(ops, planId, { agencyIds: many(req.body, 'agencyIds'), lastDay, subject: one(req.body, 'subject') });
        },
        (banner, code) => planView(req, reply, planId, banner, code, typedOf(req.body)),
      );
    });

    // Attachments are content-addressed: the hash is the name. Sent as a download, never rendered inline.
    guarded.get<{ Params: { sha256: string }; Querystring: { name?: string } }>('/files/:sha256', async (req, reply) => {
      const sha = req.params.sha256;
      if (!ctx.storage || !/^[0-9a-f]{64}$/.test(sha) || !(await ctx.storage.has(sha))) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có tệp này.'), 404);
      const name = safeFileName(typeof req.query.name === 'string' ? req.query.name : sha, MAX_FILE_NAME_BYTES).replace(/[\r\n"\\/;]/g, '_');
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(await ctx.storage.get(sha));
    });

    // The development mail catcher: from the database when there is one (it survives a restart), searchable.
    const catcher = ctx.opts.catcher;
    const mailbox = ctx.opts.mailbox;
    if (catcher || mailbox)
      guarded.get<{ Querystring: { q?: string } }>('/mail', async (req, reply) => {
        const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
        const messages = mailbox
          ? await mailbox.search(q, 200)
          : catcher!
              .messages()
              .slice(-200)
              .reverse()
              .filter((m) => !q || `${m.subject} ${m.to.join(' ')} ${m.text}`.toLowerCase().includes(q.toLowerCase()));
        return page(req, reply, 'Hộp thư thử nghiệm', mailPage(q, messages));
      });
  });
}
