/**
 * The agencies' side, reached only through a personal signed link (`/nop/<token>`): the submission form,
 * its confirmation, an extension request, and the same as JSON under `/api/links/<token>/…`. The token
 * is the credential and names plan, period and agency; nothing here reads another agency's data or
 * anything of the dashboard.
 */
import { stat } from 'node:fs/promises';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { agencyStatus, RejectedError, requestExtension, submitReport } from '../../service/operations.js';
import type { Plan } from '../../plan/schema.js';
import { planStateQuery } from '../../../workflows/planWorkflow.js';
import { planWorkflowId } from '../../../workflows/ids.js';
import { csrfInput } from '../csrf.js';
import { parseViDate } from '../format.js';
import { html } from '../html.js';
import { verifyLink, type LinkScope } from '../links.js';
import { layout, messagePage } from '../pages/layout.js';
import { ATTACHMENT_RULES, confirmationPage, extensionForm, portalPage } from '../pages/portal.js';
import { formModel, formToPayload, payloadToForm, reasonErrors, schemaErrors, type Attachment, type FieldErrors, type FormValues } from '../submissionForm.js';
import { sendHtml, type WebContext } from '../context.js';

type Part = { type: 'field'; value: unknown } | (MultipartFile & { value?: { buf: Buffer; truncated: boolean } });

export async function portalRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: ATTACHMENT_RULES.maxBytes, files: ATTACHMENT_RULES.maxFiles, fields: 500 },
    // Buffer each file and note whether it was cut at the size limit, to say so next to the field.
    async onFile(part) {
      const buf = await part.toBuffer();
      part.value = { buf, truncated: part.file.truncated };
    },
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (req.url.startsWith('/api/')) {
      if (err instanceof RejectedError) return reply.code(422).send({ error: err.message, reasons: err.reasons });
      return reply.code(err.statusCode && err.statusCode < 500 ? err.statusCode : 500).send({ error: err.message });
    }
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET')
      return sendHtml(reply, messagePage('Yêu cầu bị từ chối', 'Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng mở lại đường liên kết trong thư.'), 403);
    if (err.code === 'FST_FILES_LIMIT')
      return sendHtml(reply, messagePage('Quá nhiều tệp', `Mỗi lần nộp đính kèm tối đa ${ATTACHMENT_RULES.maxFiles} tệp. Vui lòng quay lại và chọn ít tệp hơn.`), 413);
    const code = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    return sendHtml(reply, messagePage('Có lỗi xảy ra', code === 500 ? 'Lỗi máy chủ. Vui lòng thử lại sau.' : err.message), code);
  });

  /** The link's scope, or the refusal already sent: 403 for a forged or damaged link, 410 for an expired one. */
  const scopeOf = async (token: string, reply: FastifyReply, json = false): Promise<LinkScope | null> => {
    const v = verifyLink(token, ctx.opts.linkSecret, await ctx.nowSeconds());
    if (v.ok) return v.scope;
    const code = v.reason === 'expired' ? 410 : 403;
    if (json) await reply.code(code).send({ error: `link ${v.reason}` });
    else
      await sendHtml(
        reply,
        messagePage(
          'Đường liên kết không dùng được',
          v.reason === 'expired' ? 'Đường liên kết đã hết hạn. Vui lòng liên hệ cơ quan thường trực.' : 'Đường liên kết không hợp lệ. Vui lòng dùng đúng đường liên kết trong thư nhắc.',
        ),
        code,
      );
    return null;
  };

  /** The plan version the workflows run (an amendment may have changed the tasks since start-up). */
  const runningPlan = async (planId: string): Promise<Plan | undefined> => {
    const state = await ops.client.workflow.getHandle(planWorkflowId(planId)).query(planStateQuery).catch(() => null);
    return state ? ops.plans.get(state.planRef) : ctx.planById(planId);
  };

  const render = async (reply: FastifyReply, token: string, scope: LinkScope, input: { values?: FormValues; errors?: FieldErrors; attachments?: Attachment[]; extensionError?: string }, code = 200) => {
    const plan = await runningPlan(scope.planId);
    const found = plan ? await agencyStatus(ops, scope.planId, scope.period, scope.agencyId).catch(() => null) : null;
    if (!plan || !found) return sendHtml(reply, messagePage('Không tìm thấy kỳ báo cáo', 'Kỳ báo cáo này chưa mở hoặc không còn. Vui lòng liên hệ cơ quan thường trực.'), 404);
    const model = formModel(plan, scope.agencyId);
    const last = found.submissions.at(-1);
    const csrf = csrfInput(reply);
    const agencyName = plan.agencies.find((a) => a.id === scope.agencyId)?.name ?? scope.agencyId;
    const form = portalPage({
      plan,
      agencyName,
      period: scope.period,
      status: found.status,
      model,
      values: input.values ?? (last ? payloadToForm(model, last.payload) : {}),
      errors: input.errors ?? {},
      attachments: input.attachments ?? last?.payload.attachments ?? [],
      action: `/nop/${token}`,
      csrf,
      nowMs: await ctx.nowMs(),
    });
    const ext = found.status.closed || found.status.state.startsWith('submitted') || found.status.state === 'exempted' ? '' : extensionForm(`/nop/${token}/gia-han`, csrf, input.extensionError ?? null);
    return sendHtml(reply, layout({ title: 'Báo cáo thực hiện kế hoạch' }, html`${form}${ext}`), code);
  };

  app.get<{ Params: { token: string } }>('/nop/:token', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply);
    if (scope) return render(reply, req.params.token, scope, {});
  });

  app.post<{ Params: { token: string }; Body: Record<string, Part | Part[]> }>('/nop/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { token } = req.params;
    const scope = await scopeOf(token, reply);
    if (!scope) return;
    const values: FormValues = {};
    const files: (MultipartFile & { value?: { buf: Buffer; truncated: boolean } })[] = [];
    const kept: string[] = [];
    for (const [name, entry] of Object.entries(req.body ?? {})) {
      for (const part of Array.isArray(entry) ? entry : [entry]) {
        if (part.type === 'file') files.push(part);
        else if (name === 'keep') kept.push(String(part.value));
        else values[name] = String(part.value);
      }
    }
    const errors: FieldErrors = {};
    const attachments: Attachment[] = [];
    for (const k of kept) {
      let a: Attachment | null = null;
      try {
        a = JSON.parse(k) as Attachment;
      } catch {
        continue; // not ours: ignore rather than fail the whole report
      }
      // Only files this store holds: a kept entry is a reference, the hash proves the content.
      if (ctx.storage && typeof a?.sha256 === 'string' && /^[0-9a-f]{64}$/.test(a.sha256) && (await ctx.storage.has(a.sha256))) {
        // The size is the stored file's, not what the form says.
        const { size } = await stat(ctx.storage.pathOf(a.sha256));
        attachments.push({ name: String(a.name ?? a.sha256), sha256: a.sha256, size, contentType: String(a.contentType ?? 'application/octet-stream') });
      }
    }
    for (const f of files) {
      if (!f.filename) continue; // an empty file input
      const ext = f.filename.split('.').pop()?.toLowerCase() ?? '';
      if (!ATTACHMENT_RULES.extensions.includes(ext)) (errors.attachments ??= []).push(`${f.filename}: định dạng không được nhận (chỉ ${ATTACHMENT_RULES.extensions.join(', ')})`);
      else if (f.value?.truncated) (errors.attachments ??= []).push(`${f.filename}: lớn hơn ${ATTACHMENT_RULES.maxBytes / 1024 / 1024} MB`);
      else if (!ctx.storage) (errors.attachments ??= []).push('Máy chủ chưa cấu hình nơi lưu tệp');
      else {
        const stored = await ctx.storage.put(f.value!.buf);
        attachments.push({ name: f.filename.normalize('NFC'), sha256: stored.sha256, size: stored.size, contentType: f.mimetype });
      }
    }
    const plan = await runningPlan(scope.planId);
    if (!plan) return render(reply, token, scope, {});
    const converted = formToPayload(formModel(plan, scope.agencyId), scope.period, values, attachments);
    const checked = schemaErrors(converted);
    Object.assign(errors, checked.errors);
    if (Object.keys(errors).length || !checked.payload) return render(reply, token, scope, { values, errors, attachments }, 422);
    try {
      const receipt = await submitReport(ops, scope.planId, scope.period, scope.agencyId, checked.payload);
      // Post/Redirect/Get: reloading the confirmation does not submit again.
      return reply.redirect(`/nop/${token}/da-nop?lan=${receipt.revision}`, 303);
    } catch (err) {
      if (!(err instanceof RejectedError)) throw err;
      return render(reply, token, scope, { values, errors: reasonErrors(converted, err.reasons.length ? err.reasons : [err.message]), attachments }, 422);
    }
  });

  app.get<{ Params: { token: string }; Querystring: { lan?: string } }>('/nop/:token/da-nop', async (req, reply) => {
    const { token } = req.params;
    const scope = await scopeOf(token, reply);
    if (!scope) return;
    const plan = await runningPlan(scope.planId);
    const found = await agencyStatus(ops, scope.planId, scope.period, scope.agencyId).catch(() => null);
    const record = found?.submissions.find((s) => String(s.revision) === req.query.lan) ?? found?.submissions.at(-1);
    if (!record) return reply.redirect(`/nop/${token}`, 303);
    const name = plan?.agencies.find((a) => a.id === scope.agencyId)?.name ?? scope.agencyId;
    return sendHtml(reply, layout({ title: 'Đã nhận báo cáo' }, confirmationPage(name, scope.period, record.revision, record.submittedAt, record.late, `/nop/${token}`)));
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> }>('/nop/:token/gia-han', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { token } = req.params;
    const scope = await scopeOf(token, reply);
    if (!scope) return;
    const lastDay = parseViDate(String(req.body.lastDay ?? ''));
    if (!lastDay) return render(reply, token, scope, { extensionError: 'Ngày xin gia hạn không hợp lệ (nhập dd/mm/yyyy)' }, 422);
    try {
      await requestExtension(ops, scope.planId, scope.period, scope.agencyId, { lastDay, reason: String(req.body.reason ?? '') });
      return sendHtml(reply, layout({ title: 'Đã gửi đề nghị gia hạn' }, html`<section class="card"><p class="ok">Đề nghị gia hạn đã được gửi tới cơ quan thường trực; kết quả sẽ được báo qua thư.</p><p><a href="/nop/${token}">Quay lại biểu mẫu báo cáo</a></p></section>`));
    } catch (err) {
      if (!(err instanceof RejectedError)) throw err;
      return render(reply, token, scope, { extensionError: `Không gửi được đề nghị: ${err.reasons.join('; ') || err.message}` }, 422);
    }
  });

  // The same, as JSON, for an agency's own software.
  app.post<{ Params: { token: string } }>('/api/links/:token/submissions', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply, true);
    if (scope) return submitReport(ops, scope.planId, scope.period, scope.agencyId, req.body);
  });
  app.post<{ Params: { token: string }; Body: { lastDay: string; reason: string } }>('/api/links/:token/extension-request', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply, true);
    if (scope) return requestExtension(ops, scope.planId, scope.period, scope.agencyId, req.body ?? { lastDay: '', reason: '' });
  });
}
