/**
 * The standing agency's dashboard: login, the pages, and the actions (forms posting back here, each
 * with a CSRF token). Every route but the login asks for a staff session; without one a page
 * redirects to the login and an action is refused.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { viDate } from '../../calendar/isoDate.js';
import { agencyStatus, approveReport, decideExtension, exempt, RejectedError, requestAdhoc } from '../../service/operations.js';
import { reportWorkflowId } from '../../../workflows/ids.js';
import { csrfInput } from '../csrf.js';
import { parseViDate } from '../format.js';
import { loadCycles } from '../dashboardData.js';
import { html, type Html } from '../html.js';
import { agencyPage, flash, planPage, plansPage } from '../pages/dashboard.js';
import { layout, messagePage } from '../pages/layout.js';
import { loginForm } from '../pages/login.js';
import { mailPage } from '../pages/mail.js';
import { SESSION_COOKIE, sendHtml, type WebContext } from '../context.js';
import { planStatus } from '../../service/operations.js';

type Flash = { ok?: string; err?: string };
type Form = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
/** Only local paths: `next` must not send a freshly logged-in user to another site. */
const safeNext = (next: string) => (/^\/(?!\/)[^\\]*$/.test(next) ? next : '/');

export async function staffRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  const staffPage = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) =>
    sendHtml(
      reply,
      layout({ title, staff: { user: ctx.staffOf(req)?.user ?? '', csrf: csrfInput(reply), temporalUiUrl: ctx.opts.temporalUiUrl, mail: Boolean(ctx.opts.catcher || ctx.opts.mailbox) } }, body),
      code,
    );

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET')
      return sendHtml(reply, messagePage('Yêu cầu bị từ chối', 'Biểu mẫu đã hết hạn hoặc không hợp lệ (CSRF). Vui lòng tải lại trang và thử lại.'), 403);
    const code = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return sendHtml(reply, messagePage('Có lỗi xảy ra', code === 500 ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : err.message), code);
  });

  // Login and its form: outside the guard, CSRF-protected too (login CSRF would log a user into another account).
  app.get<{ Querystring: { next?: string } }>('/login', async (req, reply) =>
    sendHtml(reply, layout({ title: 'Đăng nhập' }, loginForm(csrfInput(reply), safeNext(req.query.next ?? '/'), null))),
  );
  // Password guessing: at most 10 login attempts a minute from one address.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, limit) => ({ statusCode: 429, message: `Đăng nhập quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(limit.ttl / 1000)} giây.` }),
  });
  app.post<{ Body: Form }>('/login', { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const user = one(req.body.user).trim();
    const ok = ctx.opts.staff ? await ctx.opts.staff.check(user, one(req.body.password)) : false;
    await ctx.audit(req, user.slice(0, 64) || '-', ok ? 'login' : 'login-failed');
    if (!ok) return sendHtml(reply, layout({ title: 'Đăng nhập' }, loginForm(csrfInput(reply), safeNext(one(req.body.next)), 'Tên đăng nhập hoặc mật khẩu không đúng.', user)), 401);
    await ctx.sessions.destroy(req.cookies[SESSION_COOKIE]);
    const session = await ctx.sessions.create(user, { ip: req.ip, userAgent: req.headers['user-agent'] });
    // Lax, not Strict: a link to the dashboard in an email must open it logged in; Lax still keeps the cookie off cross-site POSTs.
    reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.opts.secureCookies ?? false, maxAge: ctx.sessions.ttlMs / 1000 });
    return reply.redirect(safeNext(one(req.body.next)), 303);
  });

  await app.register(async (guarded) => {
    guarded.addHook('preHandler', (req, reply, done) => {
      if (ctx.staffOf(req)?.via === 'session') return done();
      if (req.method === 'GET' || req.method === 'HEAD') return void reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      return void sendHtml(reply, messagePage('Cần đăng nhập', 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.'), 401);
    });
    const protect = { preHandler: guarded.csrfProtection };

    guarded.post('/logout', protect, async (req, reply) => {
      await ctx.audit(req, ctx.staffOf(req)?.user ?? '-', 'logout');
      await ctx.sessions.destroy(req.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login', 303);
    });

    guarded.get('/', async (req, reply) => {
      const rows = [];
      for (const plan of ctx.opts.plans()) rows.push({ plan, overview: await planStatus(ops, plan.id).catch(() => null) });
      return staffPage(req, reply, 'Các kế hoạch đang theo dõi', plansPage(rows, await ctx.nowMs()));
    });

    guarded.get<{ Params: { planId: string }; Querystring: Flash }>('/plans/:planId', async (req, reply) => {
      const plan = ctx.planById(req.params.planId);
      if (!plan) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có kế hoạch này.'), 404);
      const loaded = await loadCycles(ops, plan.id).catch(() => null);
      if (!loaded) return staffPage(req, reply, plan.document.title, html`<p class="note">Kế hoạch chưa được khởi chạy (\`dondoc plan start\`).</p>`, 404);
      const { overview, cycles } = loaded;
      return staffPage(req, reply, `${plan.document.number ?? 'Kế hoạch (chưa có số)'} – ${plan.document.issuer}`, html`${flash(req.query)}${planPage(plan, overview, cycles, csrfInput(reply), await ctx.nowMs())}`);
    });

    guarded.get<{ Params: { planId: string; period: string; agencyId: string }; Querystring: Flash }>('/plans/:planId/periods/:period/agencies/:agencyId', async (req, reply) => {
      const { planId, period, agencyId } = req.params;
      const plan = ctx.planById(planId);
      const found = plan ? await agencyStatus(ops, planId, period, agencyId).catch(() => null) : null;
      if (!plan || !found) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có đơn vị này trong kỳ báo cáo.'), 404);
      // From the delivery log, by the workflow's key prefix (an index), not by reading every message.
      const mails = ctx.opts.db ? await ctx.opts.db.deliveries.forWorkflow(reportWorkflowId(planId, period, agencyId, found.status.role)) : [];
      const name = plan.agencies.find((a) => a.id === agencyId)?.name ?? agencyId;
      return staffPage(req, reply, name, html`${flash(req.query)}${agencyPage(plan, period, found.status, found.submissions, mails, csrfInput(reply), await ctx.nowMs())}`);
    });

    /** Runs an action; its outcome (or its rejection's reasons) comes back as a message on the page. */
    const act = async (reply: FastifyReply, back: string, ok: string, fn: () => Promise<unknown>) => {
      try {
        await fn();
        return reply.redirect(`${back}?ok=${encodeURIComponent(ok)}`, 303);
      } catch (err) {
        if (!(err instanceof RejectedError)) throw err;
        return reply.redirect(`${back}?err=${encodeURIComponent(`Không thực hiện được: ${err.reasons.join('; ') || err.message}`)}`, 303);
      }
    };
    type AgencyParams = { Params: { planId: string; period: string; agencyId: string }; Body: Form };
    const agencyBack = (p: AgencyParams['Params']) => `/plans/${encodeURIComponent(p.planId)}/periods/${encodeURIComponent(p.period)}/agencies/${encodeURIComponent(p.agencyId)}`;

    guarded.post<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId/extension', protect, async (req, reply) => {
      const approved = one(req.body.decision) === 'approve';
      const lastDay = parseViDate(one(req.body.lastDay));
      const p = req.params;
      return act(reply, agencyBack(p), approved ? `Đã gia hạn đến ${lastDay ? viDate(lastDay) : ''}` : 'Đã từ chối gia hạn', async () => {
        if (approved && !lastDay) throw new RejectedError('extension', ['Ngày gia hạn không hợp lệ (nhập dd/mm/yyyy)']);
        return decideExtension(ops, p.planId, p.period, p.agencyId, { approved, ...(approved && lastDay ? { lastDay } : {}), reason: one(req.body.reason) });
      });
    });
    guarded.post<AgencyParams>('/plans/:planId/periods/:period/agencies/:agencyId/exemption', protect, async (req, reply) => {
      const p = req.params;
      return act(reply, agencyBack(p), 'Đã miễn báo cáo kỳ này', () => exempt(ops, p.planId, p.period, p.agencyId, one(req.body.reason)));
    });
    guarded.post<{ Params: { planId: string; period: string }; Body: Form }>('/plans/:planId/periods/:period/approve', protect, async (req, reply) => {
      const { planId, period } = req.params;
      return act(reply, `/plans/${encodeURIComponent(planId)}`, 'Đã duyệt và gửi báo cáo tổng hợp', () => approveReport(ops, planId, period, ctx.staffOf(req)?.user));
    });
    guarded.post<{ Params: { planId: string }; Body: Form }>('/plans/:planId/adhoc', protect, async (req, reply) => {
      const { planId } = req.params;
      const lastDay = parseViDate(one(req.body.lastDay));
      return act(reply, `/plans/${encodeURIComponent(planId)}`, 'Đã gửi yêu cầu báo cáo đột xuất', async () => {
        if (!lastDay) throw new RejectedError('ad-hoc request', ['Hạn nộp không hợp lệ (nhập dd/mm/yyyy)']);
        return requestAdhoc(ops, planId, { agencyIds: many(req.body.agencyIds), lastDay, subject: one(req.body.subject) });
      });
    });

    // Attachments are content-addressed: the hash is the name. Sent as a download, never rendered inline.
    guarded.get<{ Params: { sha256: string }; Querystring: { name?: string } }>('/files/:sha256', async (req, reply) => {
      const sha = req.params.sha256;
      if (!ctx.storage || !/^[0-9a-f]{64}$/.test(sha) || !(await ctx.storage.has(sha))) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có tệp này.'), 404);
      const name = (req.query.name ?? sha).replace(/[\r\n"\\/]/g, '_');
      return reply
        .type('application/octet-stream')
        .header('content-disposition', `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('x-content-type-options', 'nosniff')
        .send(await ctx.storage.get(sha));
    });

    // The development mail catcher: from the database when there is one (it survives a restart), searchable.
    const catcher = ctx.opts.catcher;
    const mailbox = ctx.opts.mailbox;
    if (catcher || mailbox)
      guarded.get<{ Querystring: { q?: string } }>('/mail', async (req, reply) => {
        const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
        const messages = mailbox ? await mailbox.search(q, 200) : catcher!.messages().slice(-200).reverse().filter((m) => !q || `${m.subject} ${m.to.join(' ')} ${m.text}`.toLowerCase().includes(q.toLowerCase()));
        return staffPage(req, reply, 'Hộp thư thử nghiệm', mailPage(q, messages));
      });
  });
}
