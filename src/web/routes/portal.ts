/**
 * The agencies' side, reached only through a personal signed link (`/nop/<token>`): the submission form,
 * its confirmation, an extension request, and the same as JSON under `/api/links/<token>/…`. The token
 * is the credential and names plan, period and agency; nothing here reads another agency's data or
 * anything of the dashboard.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_AGENCY_PERIOD_UPLOAD_BYTES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MIN_FREE_DISK_BYTES } from '../../edge/limits.js';
import { parseViDate } from '../../edge/dates.js';
import { formatViNumber } from '../../edge/viNumber.js';
import { agencyStatus, RejectedError, requestExtension, submitReport, validateSubmission } from '../../service/operations.js';
import type { Plan } from '../../plan/schema.js';
import { planStateQuery } from '../../../workflows/planWorkflow.js';
import { planWorkflowId } from '../../../workflows/ids.js';
import { csrfInput } from '../csrf.js';
import { html } from '../html.js';
import { verifyLink, type LinkScope } from '../links.js';
import { layout, messagePage } from '../pages/layout.js';
import { confirmationPage, extensionForm, portalPage } from '../pages/portal.js';
import { formModel, formToPayload, payloadToForm, reasonErrors, schemaErrors, type Attachment, type FieldErrors, type FormValues } from '../submissionForm.js';
import { checkFile, discardFiles, freeBytes, storeFiles, usedBytes, type CheckedFile } from '../uploads.js';
import { sendHtml, type WebContext } from '../context.js';

type FilePart = MultipartFile & { value?: { buf: Buffer; truncated: boolean } };
type Part = { type: 'field'; value: unknown; valueTruncated?: boolean } | FilePart;
const mb = (n: number) => `${formatViNumber(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;

export async function portalRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    // Text fields may exceed the schema's limits a little (the schema says by how much); far beyond, the request is refused.
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENTS, fields: 500, parts: 520, fieldSize: 256 * 1024, headerPairs: 100 },
    // Buffered in memory and checked there: nothing is written before the whole submission is valid.
    async onFile(part) {
      const buf = await part.toBuffer();
      part.value = { buf, truncated: part.file.truncated };
    },
  });

  /** The link's scope, or the refusal already sent: 403 for a forged or damaged link, 410 for an expired one. */
  const scopeOf = async (token: string, reply: FastifyReply, json = false): Promise<LinkScope | null> => {
    const v = verifyLink(token, ctx.opts.linkSecret, await ctx.nowSeconds());
    if (v.ok) return v.scope;
    const code = v.reason === 'expired' ? 410 : 403;
    if (json) await reply.code(code).send({ error: v.reason === 'expired' ? 'Đường liên kết đã hết hạn' : 'Đường liên kết không hợp lệ' });
    else
      await sendHtml(
        reply,
        messagePage(
          'Đường liên kết không dùng được',
          v.reason === 'expired'
            ? 'Đường liên kết đã hết hạn. Vui lòng liên hệ cơ quan thường trực.'
            : 'Đường liên kết không hợp lệ. Vui lòng dùng đúng đường liên kết trong thư nhắc.',
        ),
        code,
      );
    return null;
  };

  /** The plan version the workflows run (an amendment may have changed the tasks since start-up). */
  const runningPlan = async (planId: string): Promise<Plan | undefined> => {
    const state = await ops.client.workflow
      .getHandle(planWorkflowId(planId))
      .query(planStateQuery)
      .catch(() => null);
    return state ? ops.plans.get(state.planRef) : ctx.planById(planId);
  };

  const render = async (
    reply: FastifyReply,
    token: string,
    scope: LinkScope,
    input: { values?: FormValues; errors?: FieldErrors; attachments?: Attachment[]; extensionError?: string },
    code = 200,
  ) => {
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
    const ext =
      found.status.closed || found.status.state.startsWith('submitted') || found.status.state === 'exempted'
        ? ''
        : extensionForm(`/nop/${token}/gia-han`, csrf, input.extensionError ?? null);
    return sendHtml(reply, layout({ title: 'Báo cáo thực hiện kế hoạch' }, html`${form}${ext}`), code);
  };

  app.get<{ Params: { token: string } }>('/nop/:token', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply);
    if (!scope) return;
    await ctx.noticeOpened(req, scope, 'portal');
    return render(reply, req.params.token, scope, {});
  });

  app.post<{ Params: { token: string }; Body: Record<string, Part | Part[]> }>('/nop/:token', { preHandler: app.csrfProtection }, async (req, reply) => {
    const { token } = req.params;
    const scope = await scopeOf(token, reply);
    if (!scope) return;
    const values: FormValues = {};
    const files: FilePart[] = [];
    const kept: string[] = [];
    const errors: FieldErrors = {};
    for (const [name, entry] of Object.entries(req.body ?? {})) {
      for (const part of Array.isArray(entry) ? entry : [entry]) {
        if (part.type === 'file') files.push(part);
        else if (part.valueTruncated) (errors._form ??= []).push('Một trường quá dài và đã bị cắt; vui lòng rút gọn nội dung.');
        else if (name === 'keep') kept.push(String(part.value));
        else values[name] = String(part.value);
      }
    }
    const plan = await runningPlan(scope.planId);
    const found = plan ? await agencyStatus(ops, scope.planId, scope.period, scope.agencyId).catch(() => null) : null;
    if (!plan || !found) return render(reply, token, scope, {});

    // Kept files: only those this agency attached before in this period; name, size and type are the recorded ones.
    const previous = new Map(found.submissions.flatMap((s) => s.payload.attachments).map((a) => [a.sha256, a]));
    const attachments: Attachment[] = [];
    for (const k of kept) {
      const sha = (() => {
        try {
          return (JSON.parse(k) as { sha256?: unknown }).sha256;
        } catch {
          return undefined;
        }
      })();
      const a = typeof sha === 'string' ? previous.get(sha) : undefined;
      if (a && !attachments.some((x) => x.sha256 === a.sha256)) attachments.push(a);
    }
    const fresh: CheckedFile[] = [];
    for (const f of files) {
      if (!f.filename) continue; // an empty file input
      const checked = await checkFile({ filename: f.filename, buf: f.value?.buf ?? Buffer.alloc(0), truncated: f.value?.truncated ?? false });
      if (typeof checked === 'string') (errors.attachments ??= []).push(checked);
      else if (!attachments.some((x) => x.sha256 === checked.sha256)) fresh.push(checked);
    }
    if (fresh.length && !ctx.storage) (errors.attachments ??= []).push('Máy chủ chưa cấu hình nơi lưu tệp');
    const incoming = fresh.filter((f) => !previous.has(f.sha256)).reduce((n, f) => n + f.size, 0);
    const quota = ctx.opts.uploadQuotaBytes ?? MAX_AGENCY_PERIOD_UPLOAD_BYTES;
    const used = usedBytes(found.submissions).bytes;
    if (incoming && used + incoming > quota)
      (errors.attachments ??= []).push(
        `Vượt hạn mức tệp đính kèm của kỳ này: đã dùng ${mb(used)}, thêm ${mb(incoming)}, tối đa ${mb(quota)}. Hãy bỏ bớt tệp hoặc liên hệ cơ quan thường trực.`,
      );
    let insufficientStorage = false;
    if (incoming && ctx.opts.dataDir && !Object.keys(errors).length) {
      const free = await freeBytes(ctx.opts.dataDir);
      if (free !== null && free - incoming < (ctx.opts.minFreeDiskBytes ?? MIN_FREE_DISK_BYTES)) {
        insufficientStorage = true;
        (errors.attachments ??= []).push(
          'Máy chủ tạm thời hết chỗ lưu tệp đính kèm. Báo cáo chưa được ghi nhận; vui lòng thử lại sau hoặc gửi không kèm tệp, và báo cơ quan thường trực.',
        );
      }
    }
    attachments.push(...fresh.map(({ buf: _buf, ...a }) => a));

    const converted = formToPayload(formModel(plan, scope.agencyId), scope.period, values, attachments);
    const shaped = schemaErrors(converted);
    Object.assign(errors, shaped.errors);
    if (Object.keys(errors).length || !shaped.payload)
      return render(reply, token, scope, { values, errors, attachments: attachments.filter((a) => previous.has(a.sha256)) }, insufficientStorage ? 507 : 422);
    let created: string[] = [];
    try {
      // The plan's rules before any file is written; the workflow checks them again when it records.
      const payload = await validateSubmission(ops, scope.planId, scope.period, scope.agencyId, shaped.payload);
      created = ctx.storage ? await storeFiles(ctx.storage, fresh) : [];
      const receipt = await submitReport(ops, scope.planId, scope.period, scope.agencyId, payload);
      // Post/Redirect/Get: reloading the confirmation does not submit again.
      return reply.redirect(`/nop/${token}/da-nop?lan=${receipt.revision}`, 303);
    } catch (err) {
      // Refused after all (or failed): the files written for it go again, so nothing is left unreferenced.
      if (ctx.storage) await discardFiles(ctx.storage, created);
      if (!(err instanceof RejectedError)) throw err;
      return render(
        reply,
        token,
        scope,
        { values, errors: reasonErrors(converted, err.reasons.length ? err.reasons : [err.message]), attachments: attachments.filter((a) => previous.has(a.sha256)) },
        422,
      );
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
    const lastDay = parseViDate(typeof req.body?.lastDay === 'string' ? req.body.lastDay : '');
    if (!lastDay) return render(reply, token, scope, { extensionError: 'Ngày xin gia hạn không hợp lệ (nhập dd/mm/yyyy, một ngày có thật)' }, 422);
    try {
      await requestExtension(ops, scope.planId, scope.period, scope.agencyId, { lastDay, reason: typeof req.body?.reason === 'string' ? req.body.reason : '' });
      return sendHtml(
        reply,
        layout(
          { title: 'Đã gửi đề nghị gia hạn' },
          html`<section class="card">
            <p class="ok">Đề nghị gia hạn đã được gửi tới cơ quan thường trực; kết quả sẽ được báo qua thư.</p>
            <p><a href="/nop/${token}">Quay lại biểu mẫu báo cáo</a></p>
          </section>`,
        ),
      );
    } catch (err) {
      if (!(err instanceof RejectedError)) throw err;
      return render(reply, token, scope, { extensionError: `Không gửi được đề nghị: ${err.reasons.join('; ') || err.message}` }, err.notFound ? 404 : 422);
    }
  });

  // The same, as JSON, for an agency's own software. Files it names must already be in the store.
  app.post<{ Params: { token: string } }>('/api/links/:token/submissions', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply, true);
    if (!scope) return;
    await ctx.noticeOpened(req, scope, 'link-api');
    const named = (req.body as { attachments?: unknown } | null)?.attachments;
    if (Array.isArray(named) && ctx.storage) {
      const missing = [];
      for (const [i, a] of named.entries()) {
        const sha = (a as { sha256?: unknown } | null)?.sha256;
        if (typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) && !(await ctx.storage.has(sha))) missing.push(`attachments[${i}].sha256: Không có tệp này trên máy chủ`);
      }
      if (missing.length) throw new RejectedError('Không thực hiện được báo cáo', missing);
    }
    return submitReport(ops, scope.planId, scope.period, scope.agencyId, req.body);
  });
  app.post<{ Params: { token: string } }>('/api/links/:token/extension-request', async (req, reply) => {
    const scope = await scopeOf(req.params.token, reply, true);
    if (!scope) return;
    await ctx.noticeOpened(req, scope, 'link-api');
    return requestExtension(ops, scope.planId, scope.period, scope.agencyId, req.body);
  });
}
