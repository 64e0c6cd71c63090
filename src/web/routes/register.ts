/**
 * Registering a plan from its document, for the standing agency's officer (a staff session): upload
 * (text, DOCX, PDF, or a YAML plan file) → the importer's draft beside the document's text → the review
 * form (validated with the plan schema, errors next to the fields, what was typed kept) → the preview (the
 * year's due dates, every agency's steps, and for a running plan what the amendment changes) → start,
 * through `registerPlan` (the CLI's `startPlan`, with ended plans never started). YAML stays the exchange
 * format: a draft and a registered plan download as YAML, and a YAML file uploads through the same page.
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'yaml';
import { dayOf } from '../../calendar/isoDate.js';
import { MAX_ATTACHMENT_BYTES } from '../../edge/limits.js';
import { renderDraftYaml } from '../../import/render.js';
import { planDiff } from '../../plan/diff.js';
import { planSchema, type Plan } from '../../plan/schema.js';
import { obligationsOfYear } from '../../reporting/obligations.js';
import { registerPlan, runningPlanState } from '../../service/register.js';
import { sendHtml, type WebContext } from '../context.js';
import { csrfInput } from '../csrf.js';
import type { Html } from '../html.js';
import { messagePage } from '../pages/layout.js';
import { previewPage, registeredPlanPage, reviewPage, uploadPage, type RegisteredRow } from '../pages/register.js';
import { draftFromUpload, draftText, getDraft, putDraft, type Draft } from '../registerDrafts.js';
import { checkForm, fieldsOf, valuesOf, type FormValues } from '../registerForm.js';
import { checkPlanSource } from '../uploads.js';
import { requireStaffSession, staffPage } from '../staffPages.js';

type FilePart = MultipartFile & { value?: { buf: Buffer; truncated: boolean } };
type DraftParams = { Params: { draftId: string } };
type PlanParams = { Params: { planId: string } };

/** The url-encoded form as name → one string (a repeated field keeps its first value). */
function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

const yamlDownload = (reply: FastifyReply, name: string, body: string) =>
  reply
    .type('application/yaml; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name.replace(/[^a-z0-9.-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(body);

export async function registerRoutes(app: FastifyInstance, ctx: WebContext): Promise<void> {
  const { ops } = ctx;
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 4096, headerPairs: 100 },
    async onFile(part) {
      const buf = await part.toBuffer();
      (part as FilePart).value = { buf, truncated: part.file.truncated };
    },
  });
  // The same guard as the dashboard: a staff session, else the login (pages) or a refusal (actions).
  app.addHook('preHandler', requireStaffSession(ctx));
  const protect = { preHandler: app.csrfProtection };
  const page = (req: FastifyRequest, reply: FastifyReply, title: string, body: Html, code = 200) => staffPage(ctx, req, reply, title, body, code);
  const notFound = (reply: FastifyReply, what: string) => sendHtml(reply, messagePage('Không tìm thấy', what), 404);
  const storage = () => {
    if (!ctx.storage) throw new Error('register: the web has no data directory (DONDOC_DATA_DIR)');
    return ctx.storage;
  };
  const today = async () => dayOf(await ctx.nowMs());
  const registeredRows = (): RegisteredRow[] =>
    [...ctx.registered.values()].map((r) => ({
      planId: r.plan.id,
      title: `${r.plan.document.number ?? '(chưa có số)'} – ${r.plan.document.issuer}`,
      state: r.state,
      at: r.at,
      sourceName: r.sourceName,
    }));
  /** The version a plan runs now (or was registered as, for an ended one), or null for a plan dondoc does not know. */
  const currentVersion = async (planId: string): Promise<{ plan: Plan; nextCycle: { period: string; opensAt: string; dueAt: string } | null } | null> => {
    const state = await runningPlanState(ops, planId);
    const plan = state ? await ops.plans.get(state.planRef).catch(() => null) : null;
    if (plan) return { plan, nextCycle: state!.nextCycle };
    const known = ctx.planById(planId);
    return known ? { plan: known, nextCycle: null } : null;
  };

  const upload = async (req: FastifyRequest, reply: FastifyReply, amend: { planId: string; title: string } | undefined) => {
    const action = amend ? `/plans/${encodeURIComponent(amend.planId)}/amend` : '/register';
    const again = (reasons: string[]) =>
      page(req, reply, amend ? 'Sửa đổi kế hoạch' : 'Đăng ký kế hoạch', uploadPage({ csrf: csrfInput(reply), action, amend, reasons, registered: registeredRows() }), 422);
    const part = (req.body as Record<string, unknown> | undefined)?.document as FilePart | undefined;
    if (!part || typeof part !== 'object' || !('value' in part) || !part.value) return again(['Hãy chọn một tệp văn bản để tải lên.']);
    const file = await checkPlanSource({ filename: part.filename, buf: part.value.buf, truncated: part.value.truncated });
    if (typeof file === 'string') return again([file]);
    const made = await draftFromUpload(storage(), file, amend?.planId ?? null);
    if (!made.ok) return again(made.reasons);
    // An amendment keeps the running plan's id, whatever id the new document's number would give.
    const draft: Draft = amend ? { ...made.draft, plan: { ...made.draft.plan, id: amend.planId } } : made.draft;
    return reply.redirect(`/register/drafts/${await putDraft(storage(), draft)}`, 303);
  };

  app.get('/register', async (req, reply) => {
    await ctx.refreshRegistered();
    return page(req, reply, 'Đăng ký kế hoạch', uploadPage({ csrf: csrfInput(reply), action: '/register', registered: registeredRows() }));
  });
  app.post('/register', protect, async (req, reply) => upload(req, reply, undefined));
  app.get<PlanParams>('/plans/:planId/amend', async (req, reply) => {
    const plan = ctx.planById(req.params.planId);
    if (!plan) return notFound(reply, 'Không có kế hoạch này.');
    return page(
      req,
      reply,
      'Sửa đổi kế hoạch',
      uploadPage({ csrf: csrfInput(reply), action: `/plans/${encodeURIComponent(plan.id)}/amend`, amend: { planId: plan.id, title: plan.document.title } }),
    );
  });
  app.post<PlanParams>('/plans/:planId/amend', protect, async (req, reply) => {
    const plan = ctx.planById(req.params.planId);
    if (!plan) return notFound(reply, 'Không có kế hoạch này.');
    return upload(req, reply, { planId: plan.id, title: plan.document.title });
  });

  const review = async (req: FastifyRequest<DraftParams>, reply: FastifyReply, draft: Draft, values: FormValues, errors: Record<string, string>, general: string[], code = 200) =>
    page(
      req,
      reply,
      draft.amendOf ? 'Sửa đổi kế hoạch: kiểm tra bản nháp' : 'Kiểm tra bản nháp kế hoạch',
      reviewPage({ draftId: req.params.draftId, draft, groups: fieldsOf(draft.plan), values, errors, general, text: await draftText(storage(), draft), csrf: csrfInput(reply) }),
      code,
    );

  app.get<DraftParams>('/register/drafts/:draftId', async (req, reply) => {
    const draft = await getDraft(storage(), req.params.draftId);
    if (!draft) return notFound(reply, 'Không có bản nháp này (hãy tải văn bản lên lại).');
    return review(req, reply, draft, valuesOf(draft.plan), {}, []);
  });
  app.post<DraftParams & { Body: unknown }>('/register/drafts/:draftId', protect, async (req, reply) => {
    const draft = await getDraft(storage(), req.params.draftId);
    if (!draft) return notFound(reply, 'Không có bản nháp này (hãy tải văn bản lên lại).');
    const values = formValues(req.body);
    const checked = checkForm(draft.plan, values);
    if (!checked.ok) return review(req, reply, draft, values, checked.errors, checked.general, 422);
    const next = await putDraft(storage(), { ...draft, plan: checked.input });
    return reply.redirect(`/register/drafts/${next}/preview`, 303);
  });
  /** A draft that passes the plan schema, or the review page with its errors. */
  const validDraft = async (req: FastifyRequest<DraftParams>, reply: FastifyReply): Promise<{ draft: Draft; plan: Plan } | null> => {
    const draft = await getDraft(storage(), req.params.draftId);
    if (!draft) {
      await notFound(reply, 'Không có bản nháp này (hãy tải văn bản lên lại).');
      return null;
    }
    const checked = checkForm(draft.plan, valuesOf(draft.plan));
    if (!checked.ok) {
      await review(req, reply, draft, valuesOf(draft.plan), checked.errors, checked.general, 422);
      return null;
    }
    return { draft, plan: checked.plan };
  };
  app.get<DraftParams & { Querystring: { year?: string } }>('/register/drafts/:draftId/preview', async (req, reply) => {
    const valid = await validDraft(req, reply);
    if (!valid) return reply;
    const { plan } = valid;
    const now = await today();
    const asked = Number(req.query.year);
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(now.slice(0, 4));
    const current = await currentVersion(plan.id);
    const running = current ? await runningPlanState(ops, plan.id) : null;
    return page(
      req,
      reply,
      current && running ? 'Sửa đổi kế hoạch: xem trước' : 'Xem trước kế hoạch',
      previewPage({
        draftId: req.params.draftId,
        plan,
        year,
        entries: obligationsOfYear(plan, year),
        current: running ? current!.plan : null,
        changes: running ? planDiff(current!.plan, plan) : null,
        nextCycle: current?.nextCycle ?? null,
        ended: !running && plan.document.horizon.to < Number(now.slice(0, 4)),
        csrf: csrfInput(reply),
      }),
    );
  });
  app.post<DraftParams>('/register/drafts/:draftId/start', protect, async (req, reply) => {
    const valid = await validDraft(req, reply);
    if (!valid) return reply;
    const { draft, plan } = valid;
    const actor = ctx.staffOf(req)?.user ?? '-';
    const r = await registerPlan(ops, plan, {
      today: await today(),
      actor,
      source: { name: draft.source.name, sha256: draft.source.fileSha256 },
      registry: ctx.opts.db?.registrations,
    });
    ctx.registered.set(plan.id, { plan, hash: r.hash, state: r.state, at: new Date(await ctx.nowMs()).toISOString(), sourceName: draft.source.name });
    await ctx.audit(req, actor, r.state === 'ended' ? 'plan-register-ended' : r.amended ? 'plan-amend' : 'plan-register', plan.id, { hash: r.hash, source: draft.source.name });
    if (r.state === 'ended') return reply.redirect(`/register/plans/${encodeURIComponent(plan.id)}`, 303);
    return reply.redirect(`/plans/${encodeURIComponent(plan.id)}?ok=${r.started ? 'plan-started' : r.amended ? 'plan-amended' : 'plan-unchanged'}`, 303);
  });
  app.get<DraftParams>('/register/drafts/:draftId/plan.yaml', async (req, reply) => {
    const draft = await getDraft(storage(), req.params.draftId);
    if (!draft) return notFound(reply, 'Không có bản nháp này.');
    const body = draft.source.kind === 'yaml' ? stringify(draft.plan, { lineWidth: 0 }) : renderDraftYaml(draft.plan, draft.warnings, draft.evidence, draft.summary ?? undefined);
    return yamlDownload(reply, `${draft.plan.id}.draft.yaml`, body);
  });

  app.get<PlanParams>('/register/plans/:planId', async (req, reply) => {
    await ctx.refreshRegistered();
    const r = ctx.registered.get(req.params.planId);
    const plan = r?.plan ?? ctx.planById(req.params.planId);
    if (!plan) return notFound(reply, 'Không có kế hoạch này.');
    return page(
      req,
      reply,
      `${plan.document.number ?? 'Kế hoạch (chưa có số)'} – ${plan.document.issuer}`,
      registeredPlanPage({ plan, state: r?.state ?? 'running', at: r?.at ?? null, sourceName: r?.sourceName ?? null }),
    );
  });
  // The exchange format: the version that runs (or was registered), as a plan file `dondoc plan validate` accepts.
  app.get<PlanParams>('/plans/:planId/plan.yaml', async (req, reply) => {
    const current = await currentVersion(req.params.planId);
    if (!current) return notFound(reply, 'Không có kế hoạch này.');
    const header = `# Kế hoạch ${current.plan.id}, xuất từ dondoc ${new Date(await ctx.nowMs()).toISOString()}: dondoc plan validate / plan start nhận tệp này.\n`;
    return yamlDownload(reply, `${current.plan.id}.yaml`, header + stringify(planSchema.parse(current.plan), { lineWidth: 0 }));
  });
}
