/**
 * Day-to-day staff pages beside the dashboard (routes/staff.ts): a period's consolidated report with
 * its edit-and-approve steps, and the grid as XLSX. Behind the staff login; roles are checked for every
 * route in roles.ts (a leader reads, an officer acts).
 */
import { createHash } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../edge/limits.js';
import { dayOf } from '../../calendar/isoDate.js';
import { approveDraft, WORKFLOW_SENDS_EDITED_DOCX } from '../../service/approval.js';
import { planStatus, RejectedError } from '../../service/operations.js';
import type { CycleState } from '../../../workflows/cycleWorkflow.js';
import { approvalPreview } from '../approvalPreview.js';
import { sendHtml, type WebContext } from '../context.js';
import { csrfInput } from '../csrf.js';
import { loadCycles } from '../dashboardData.js';
import { flashText } from '../flash.js';
import { gridWorkbook } from '../gridXlsx.js';
import { html, type Html } from '../html.js';
import { messagePage } from '../pages/layout.js';
import { reportPage } from '../pages/report.js';
import { allowed } from '../roles.js';
import { checkFile, storeFiles } from '../uploads.js';
import { requireStaffSession, staffPage } from '../staffPages.js';

/** The copy button of the agency page: the only script, served from our origin (the page's CSP names 'self'). */
const COPY_JS = `document.addEventListener('click', function (e) {
  var b = e.target.closest && e.target.closest('[data-copy]');
  if (!b) return;
  var input = document.getElementById(b.getAttribute('data-copy'));
  if (!input) return;
  input.select();
  var done = function () { b.textContent = 'Đã sao chép'; };
  if (navigator.clipboard) navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand('copy'); done(); });
  else { document.execCommand('copy'); done(); }
});
`;
const COPY_JS_VERSION = createHash('sha256').update(COPY_JS).digest('hex').slice(0, 12);
export const copyScriptTag: Html = html`<script src="/assets/copy.js?v=${COPY_JS_VERSION}" defer></script>`;

/** The personal links staff see: the configured public URL (or this request's host), the workers' validity. */
export const linkSettings = (ctx: WebContext, host: string | undefined) => ({
  publicUrl: ctx.opts.publicUrl ?? `http://${host ?? 'localhost'}`,
  linkSecret: ctx.opts.linkSecret,
  linkValidityDays: ctx.opts.linkValidityDays ?? 60,
});

type FilePart = MultipartFile & { value?: { buf: Buffer; truncated: boolean } };
type PeriodRoute = { Params: { planId: string; period: string }; Querystring: { ok?: string; 'xac-nhan'?: string }; Body: Record<string, unknown> | undefined };
const field = (body: Record<string, unknown> | undefined, name: string): string => {
  const v = body?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return first;
  return first && typeof first === 'object' && 'value' in first && typeof first.value === 'string' ? first.value : '';
};

export async function dailyRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  app.get('/assets/copy.js', async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(COPY_JS));

  await app.register(async (guarded) => {
    await guarded.register(multipart, {
      attachFieldsToBody: true,
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, fieldSize: 4096 },
      async onFile(part) {
        const buf = await part.toBuffer();
        (part as FilePart).value = { buf, truncated: part.file.truncated };
      },
    });
    guarded.addHook('preHandler', requireStaffSession(ctx));
    const protect = { preHandler: guarded.csrfProtection };
    const canAct = (req: FastifyRequest) => {
      const role = ctx.roleOf(req);
      return role !== null && allowed(role, 'act');
    };
    const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) => staffPage(ctx, req, reply, title, body, code);
    const back = (p: PeriodRoute['Params']) => `/plans/${encodeURIComponent(p.planId)}/periods/${encodeURIComponent(p.period)}`;

    /** The period's report page; `banner`: a refusal to show above it; `confirming`: the approval step open. */
    const reportView = async (req: FastifyRequest<PeriodRoute>, reply: FastifyReply, opts: { banner?: Html; code?: number; confirming?: boolean; note?: string } = {}) => {
      const { planId, period } = req.params;
      const plan = ctx.planById(planId);
      const state: CycleState | null = plan ? ((await planStatus(ops, planId, period).catch(() => null))?.cycles[0] ?? null) : null;
      if (!plan || !state) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có kỳ báo cáo này của kế hoạch.'), 404);
      const versions = (await ctx.opts.db?.reportVersions?.list(planId, period)) ?? [];
      const latest = versions.at(-1) ?? null;
      const today = dayOf(await ctx.nowMs());
      const preview = approvalPreview(plan, state.cycle, today, WORKFLOW_SENDS_EDITED_DOCX && latest ? latest : null);
      const ok = flashText(req.query.ok);
      const body = reportPage({
        plan,
        state,
        versions,
        preview,
        csrf: csrfInput(reply),
        canAct: canAct(req),
        confirming: opts.confirming ?? req.query['xac-nhan'] === '1',
        typed: { note: opts.note },
        editedIsSent: WORKFLOW_SENDS_EDITED_DOCX,
      });
      return page(
        req,
        reply,
        `Báo cáo tổng hợp – ${state.cycle.periodLabel}`,
        html`${ok ? html`<p class="ok" role="status">${ok}</p>` : ''}${opts.banner ?? ''}${body}`,
        opts.code ?? 200,
      );
    };
    const refused = (reasons: string[], title = 'Không thực hiện được') =>
      html`<div class="errors" role="alert">
        <p>${title}:</p>
        <ul>
          ${reasons.map((r) => html`<li>${r}</li>`)}
        </ul>
      </div>`;

    guarded.get<PeriodRoute>('/plans/:planId/periods/:period', async (req, reply) => reportView(req, reply));

    // An edited Word file over the draft: checked by content (a real DOCX), stored by its hash, listed; nothing is sent.
    guarded.post<PeriodRoute>('/plans/:planId/periods/:period/report-docx', protect, async (req, reply) => {
      const { planId, period } = req.params;
      const part = req.body?.docx as FilePart | undefined;
      const repo = ctx.opts.db?.reportVersions;
      if (!ctx.storage || !repo) return reportView(req, reply, { banner: refused(['Máy chủ chưa cấu hình nơi lưu tệp hoặc cơ sở dữ liệu']), code: 503 });
      const state = (await planStatus(ops, planId, period).catch(() => null))?.cycles[0];
      if (!state) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có kỳ báo cáo này của kế hoạch.'), 404);
      if (state.phase !== 'draft-sent' || state.approval)
        return reportView(req, reply, { banner: refused([`Báo cáo tổng hợp kỳ ${period} không còn ở bước dự thảo: không sửa được nữa`], 'Không tải lên được'), code: 422 });
      if (!part || part.type !== 'file' || !part.value)
        return reportView(req, reply, { banner: refused(['docx: Hãy chọn tệp Word (.docx) đã chỉnh sửa'], 'Không tải lên được'), code: 422 });
      const checked = await checkFile({ filename: part.filename, buf: part.value.buf, truncated: part.value.truncated });
      if (typeof checked === 'string') return reportView(req, reply, { banner: refused([`docx: ${checked}`], 'Không tải lên được'), code: 422 });
      if (checked.contentType !== ATTACHMENT_TYPES.docx)
        return reportView(req, reply, { banner: refused([`docx: ${checked.name}: chỉ nhận tệp Word (.docx)`], 'Không tải lên được'), code: 422 });
      await storeFiles(ctx.storage, [checked]);
      await repo.add({ planId, period, sha256: checked.sha256, name: checked.name, size: checked.size, uploadedBy: ctx.staffOf(req)?.user ?? '-' });
      return reply.redirect(`${back(req.params)}?ok=docx-uploaded`, 303);
    });

    // The approval itself: only from the confirmation step (its form carries confirm=yes); anything else shows that step.
    guarded.post<PeriodRoute>('/plans/:planId/periods/:period/approve', protect, async (req, reply) => {
      const { planId, period } = req.params;
      const note = field(req.body, 'note').slice(0, 300);
      if (field(req.body, 'confirm') !== 'yes') return reportView(req, reply, { confirming: true, note });
      const versions = (await ctx.opts.db?.reportVersions?.list(planId, period)) ?? [];
      const wanted = field(req.body, 'version');
      const edited = wanted ? versions.find((v) => String(v.id) === wanted) : undefined;
      // The confirmation named a version: approve that one, or nothing (another upload came in meanwhile).
      if (wanted && (!edited || edited !== versions.at(-1)))
        return reportView(req, reply, { banner: refused(['Đã có bản chỉnh sửa mới hơn bản trong bước xác nhận: hãy xem lại trước khi duyệt']), code: 409, confirming: true, note });
      if (!wanted && versions.length)
        return reportView(req, reply, { banner: refused(['Có bản chỉnh sửa tải lên sau khi mở bước xác nhận: hãy xem lại trước khi duyệt']), code: 409, confirming: true, note });
      try {
        await approveDraft(ops, planId, period, { by: ctx.staffOf(req)?.user, note, edited: edited ? { sha256: edited.sha256, name: edited.name, size: edited.size } : null });
      } catch (err) {
        if (!(err instanceof RejectedError)) throw err;
        const reasons = err.reasons.length ? err.reasons : [err.message];
        return reportView(req, reply, { banner: refused(reasons, 'Không duyệt được'), code: err.notFound ? 404 : 422, note });
      }
      if (edited) await ctx.opts.db?.reportVersions?.markApproved(edited.id);
      return reply.redirect(`${back(req.params)}?ok=approved`, 303);
    });

    // The grid as a workbook: the same periods and cells as the plan's page.
    guarded.get<{ Params: { planId: string } }>('/plans/:planId/grid.xlsx', async (req, reply) => {
      const plan = ctx.planById(req.params.planId);
      const loaded = plan ? await loadCycles(ops, plan.id).catch(() => null) : null;
      if (!plan || !loaded) return sendHtml(reply, messagePage('Không tìm thấy', 'Không có kế hoạch này hoặc kế hoạch chưa được khởi chạy.'), 404);
      const bytes = await gridWorkbook(plan, loaded.cycles, await ctx.nowMs());
      const name = `tinh-hinh-bao-cao-${plan.id}.xlsx`;
      return reply.type(ATTACHMENT_TYPES.xlsx).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(bytes);
    });
  });
}
