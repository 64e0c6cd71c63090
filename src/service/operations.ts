/**
 * What people and scripts can do to running plans, over a Temporal client. The CLI and the HTTP API
 * are thin shells around these functions, so both behave the same.
 */
import { planEndDay } from '../reporting/planEnd.js';
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { estimatedCalendarNotices } from '../calendar/estimatedNotice.js';
import type { Plan } from '../plan/schema.js';
import type { z } from 'zod';
import { submissionProblems } from '../reporting/submissionRules.js';
import {
  adhocRequestSchema,
  agencyRouteSchema,
  approvalSchema,
  exemptionSchema,
  extensionDecisionSchema,
  extensionRequestSchema,
  idSchema,
  submissionSchema,
} from '../edge/schemas.js';
import { viReasons } from '../edge/messages.js';
import type { SubmissionPayload } from '../reporting/types.js';
import { reportLinks } from './reportLinks.js';
import { resolveSubmissions, storeSubmission } from './submissions.js';
import type { PlanStore } from '../storage/planStore.js';
import { EVER, holderTasks } from '../directory/resolve.js';
import {
  decideExtensionUpdate,
  exemptUpdate,
  requestExtensionUpdate,
  resendLinkUpdate,
  statusQuery,
  submissionsQuery,
  submitReportUpdate,
} from '../../workflows/agencyReportWorkflow.js';
import { personalLink, type LinkSettings } from './personalLink.js';
import { approveReportUpdate, cycleStateQuery } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { amendPlanUpdate, planStateQuery, planWorkflow, requestAdhocReportUpdate } from '../../workflows/planWorkflow.js';

export interface Ops {
  client: Client;
  plans: PlanStore;
  taskQueue: string;
}

/**
 * A request that cannot be carried out as asked: shown to the user with its reasons (Vietnamese),
 * nothing changed. `notFound`: what it names does not exist (HTTP 404), otherwise it is refused (422).
 */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly reasons: string[] = [],
    readonly notFound = false,
  ) {
    super(reasons.length ? `${message}: ${reasons.join('; ')}` : message);
    this.name = 'RejectedError';
  }
}

/** The input checked against its edge schema, or a RejectedError with every reason, before anything reaches Temporal. */
export function checked<S extends z.ZodType>(what: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new RejectedError(`Không thực hiện được ${what}`, viReasons(parsed.error));
  return parsed.data;
}

/** The ids a route names (plan, period, agency), checked for shape before they become workflow ids. */
function route(planId: string, period?: string, agencyId?: string): void {
  checked('yêu cầu', agencyRouteSchema.partial().required({ planId: true }), {
    planId,
    ...(period !== undefined ? { period } : {}),
    ...(agencyId !== undefined ? { agencyId } : {}),
  });
}

/** The workflows' own refusals (written in English before the edges spoke Vietnamese), said in Vietnamese. */
const WORKFLOW_REASONS_VI: [RegExp, (...m: string[]) => string][] = [
  [/^period (\S+) is closed$/, (_, p) => `Kỳ ${p} đã đóng`],
  [/^the agency has already been exempted$/, () => 'Cơ quan, đơn vị đã được miễn báo cáo kỳ này'],
  [/^the agency has already reported$/, () => 'Cơ quan, đơn vị đã nộp báo cáo kỳ này'],
  [/^lastDay: must be after the current last day (\S+)$/, (_, d) => `lastDay: Phải sau hạn hiện tại ${viDay(d)}`],
  [/^lastDay: must be YYYY-MM-DD$/, () => 'lastDay: Phải là một ngày dạng YYYY-MM-DD'],
  [/^lastDay: is in the past$/, () => 'lastDay: Hạn nộp đã qua'],
  [/^reason: .*$/, () => 'reason: Hãy nêu lý do'],
  [/^subject: .*$/, () => 'subject: Hãy nêu nội dung cần báo cáo'],
  [/^agencyIds: .*$/, () => 'agencyIds: Hãy chọn ít nhất một cơ quan, đơn vị'],
  [/^the standing agency reports by approving the consolidated report$/, () => 'Cơ quan thường trực báo cáo bằng việc phê duyệt báo cáo tổng hợp'],
  [/^the standing agency sets its own schedule$/, () => 'Cơ quan thường trực tự quyết định lịch của mình'],
  [/^no draft yet for (\S+): .* at (\S+)$/, (_, p, at) => `Kỳ ${p} chưa có dự thảo báo cáo tổng hợp: dự thảo được lập khi mọi đơn vị đã báo cáo hoặc lúc ${at}`],
  [/^the consolidated report for (\S+) has already been sent$/, (_, p) => `Báo cáo tổng hợp kỳ ${p} đã được gửi`],
];
const viDay = (d: string) => (/^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : d);
export function viWorkflowReason(reason: string): string {
  for (const [re, say] of WORKFLOW_REASONS_VI) {
    const m = re.exec(reason);
    if (m) return say(...m);
  }
  return reason;
}

async function rejectOnFailure<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const msg = (err.cause as Error | undefined)?.message ?? err.message;
      throw new RejectedError(
        `Không thực hiện được ${what}`,
        msg
          .replace(/^invalid report: /, '')
          .split('; ')
          .map(viWorkflowReason),
      );
    }
    // A validator's refusal comes back as a failed Update too, on older servers as a plain ApplicationFailure.
    if ((err as Error).name === 'ApplicationFailure' || (err as { type?: string }).type === 'Rejected') {
      throw new RejectedError(`Không thực hiện được ${what}`, (err as Error).message.split('; ').map(viWorkflowReason));
    }
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') {
      // No workflow id in the message: the user needs to know what is missing, not how it is named inside.
      throw new RejectedError(`Không thực hiện được ${what}: không có kỳ báo cáo này đang chạy (kế hoạch, kỳ hoặc cơ quan không đúng, hoặc kỳ đã kết thúc)`, [], true);
    }
    throw err;
  }
}

/** Starts a plan, or, if it already runs, hands it the new version (an amendment). Idempotent. */
export async function startPlan(ops: Ops, plan: Plan): Promise<{ workflowId: string; hash: string; started: boolean; amended: boolean }> {
  const ref = await ops.plans.put(plan);
  const workflowId = planWorkflowId(plan.id);
  try {
    await ops.client.workflow.start(planWorkflow, { workflowId, taskQueue: ops.taskQueue, args: [{ planRef: ref }] });
    return { workflowId, hash: ref.hash, started: true, amended: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  const handle = ops.client.workflow.getHandle(workflowId);
  const state = await handle.query(planStateQuery);
  if (state.planRef.hash === ref.hash) return { workflowId, hash: ref.hash, started: false, amended: false };
  await handle.executeUpdate(amendPlanUpdate, { args: [ref] });
  return { workflowId, hash: ref.hash, started: false, amended: true };
}

export async function planStatus(ops: Ops, planId: string, period?: string) {
  route(planId, period);
  // A plan of another province (another namespace) is not found here, as a plan that never ran.
  const plan = await ops.client.workflow
    .getHandle(planWorkflowId(planId))
    .query(planStateQuery)
    .catch((err: Error) => {
      if (err instanceof WorkflowNotFoundError || err.name === 'WorkflowNotFoundError') throw new RejectedError(`Không có kế hoạch ${planId} đang chạy`, [], true);
      throw err;
    });
  const periods = period ? [period] : plan.periods.slice(-3);
  const cycles = [];
  for (const p of periods) {
    const state = await ops.client.workflow
      .getHandle(cycleWorkflowId(planId, p))
      .query(cycleStateQuery)
      .catch((err: Error) => {
        if (period) throw new RejectedError(`Không có kỳ ${p} của kế hoạch ${planId}`, [], true);
        void err;
        return null;
      });
    if (state) cycles.push({ ...state, reports: reportLinks(planId, state) });
  }
  // Every screen says when a deadline is assumed rather than stated by the document.
  const stored = await ops.plans.get(plan.planRef).catch(() => null);
  const assumptions = stored?.reporting.obligations.filter((o) => o.assumed).map((o) => ({ obligationId: o.id, note: o.assumptionNote ?? '' })) ?? [];
  // Steps in a year whose days off are not announced yet rest on the statute: every screen says so.
  const open = cycles.filter((c) => c.phase !== 'closed').flatMap((c) => [...c.agencies, ...(c.standing ? [c.standing] : [])]);
  const calendarNotices = estimatedCalendarNotices([plan.nextCycle?.opensAt, plan.nextCycle?.dueAt, ...open.flatMap((a) => [a.dueAt, a.ladderEndsAt])]);
  // The last day the plan asks anything of anyone; past it the plan is ended and is not dispatched.
  const endsOn = stored ? planEndDay(stored) : null;
  return { planId, planHash: plan.planRef.hash, dispatched: plan.dispatched, endsOn, periods: plan.periods, nextCycle: plan.nextCycle, assumptions, calendarNotices, cycles };
}

/** Validates a report (shape, then the plan's own rules) before it goes anywhere near the workflow. */
/** The plan version the plan workflow runs, or a RejectedError (404) when the plan is not running. */
async function runningPlan(ops: Ops, planId: string): Promise<Plan> {
  const state = await ops.client.workflow
    .getHandle(planWorkflowId(planId))
    .query(planStateQuery)
    .catch(() => null);
  if (!state) throw new RejectedError(`Kế hoạch ${planId} chưa được khởi chạy hoặc không tồn tại`, [], true);
  return ops.plans.get(state.planRef);
}

function mustBeAgency(plan: Plan, agencyIds: readonly string[]): void {
  const unknown = agencyIds.filter((id) => !plan.agencies.some((a) => a.id === id));
  if (unknown.length)
    throw new RejectedError(
      'Không thực hiện được',
      unknown.map((id) => `agencyId: Không có cơ quan, đơn vị "${id}" trong kế hoạch ${plan.id}`),
      true,
    );
}

/**
 * Validates a report before it goes anywhere near the workflow: the edge schema (shape, limits,
 * sanitised text), then the plan's rules (`submissionProblems`, the check the workflow repeats).
 * Returns the cleaned payload: the one to send.
 */
export async function validateSubmission(ops: Ops, planId: string, period: string, agencyId: string, raw: unknown): Promise<SubmissionPayload> {
  route(planId, period, agencyId);
  const payload = checked('báo cáo', submissionSchema, raw) as SubmissionPayload;
  const plan = await runningPlan(ops, planId);
  mustBeAgency(plan, [agencyId]);
  const taskIds = holderTasks(plan, agencyId, EVER).map((t) => t.task.id);
  const problems = submissionProblems(payload, { period, taskIds, targetIds: plan.targets.map((t) => t.id) });
  if (problems.length) throw new RejectedError('Không thực hiện được báo cáo', problems);
  return payload;
}

/**
 * Validates a report, stores it content-addressed, then records it in the agency's workflow by its hash
 * and summary: the workflow's history never holds the texts. A rejected report leaves only an
 * unreferenced file in the store (content-addressed: harmless, and the same report reuses it).
 */
export async function submitReport(ops: Ops, planId: string, period: string, agencyId: string, raw: unknown) {
  const payload = await validateSubmission(ops, planId, period, agencyId, raw);
  const ref = await storeSubmission(ops.plans.store, payload);
  return rejectOnFailure('báo cáo', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(submitReportUpdate, { args: [ref] }));
}

export async function agencyStatus(ops: Ops, planId: string, period: string, agencyId: string) {
  route(planId, period, agencyId);
  const handle = ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId));
  const [status, records] = await Promise.all([handle.query(statusQuery), handle.query(submissionsQuery)]);
  return { status, submissions: await resolveSubmissions(ops.plans.store, records) };
}

/** The agency's personal link for a period, for staff to copy (and, with `resend`, to email it again). */
export async function agencyLink(ops: Ops, links: LinkSettings, planId: string, period: string, agencyId: string, opts: { resend?: boolean; by?: string } = {}) {
  const handle = ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId));
  const status = await rejectOnFailure('lấy đường liên kết', () => handle.query(statusQuery));
  const link = personalLink(links, { planId, period, agencyId, lastDay: status.lastDay });
  if (opts.resend) await rejectOnFailure('gửi lại đường liên kết', () => handle.executeUpdate(resendLinkUpdate, { args: [{ by: opts.by }] }));
  return { planId, period, agencyId, lastDay: status.lastDay, ...link, resent: opts.resend === true };
}

// Each operation: its edge schema first (the same one the route, the form and the CLI use), then the Update.
export async function decideExtension(ops: Ops, planId: string, period: string, agencyId: string, raw: unknown) {
  route(planId, period, agencyId);
  const decision = checked('quyết định gia hạn', extensionDecisionSchema, raw);
  return rejectOnFailure('quyết định gia hạn', () =>
    ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(decideExtensionUpdate, { args: [decision] }),
  );
}

export async function requestExtension(ops: Ops, planId: string, period: string, agencyId: string, raw: unknown) {
  route(planId, period, agencyId);
  const request = checked('đề nghị gia hạn', extensionRequestSchema, raw);
  return rejectOnFailure('đề nghị gia hạn', () =>
    ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(requestExtensionUpdate, { args: [request] }),
  );
}

export async function exempt(ops: Ops, planId: string, period: string, agencyId: string, reason: unknown) {
  route(planId, period, agencyId);
  const input = checked('miễn báo cáo', exemptionSchema, { reason });
  return rejectOnFailure('miễn báo cáo', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(exemptUpdate, { args: [input] }));
}

export async function approveReport(ops: Ops, planId: string, period: string, approvedBy?: unknown, note?: unknown, docx?: unknown) {
  route(planId, period);
  const input = checked('phê duyệt', approvalSchema, {
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    ...(note !== undefined ? { note } : {}),
    ...(docx !== undefined ? { docx } : {}),
  });
  return rejectOnFailure('phê duyệt', () => ops.client.workflow.getHandle(cycleWorkflowId(planId, period)).executeUpdate(approveReportUpdate, { args: [input] }));
}

export async function requestAdhoc(ops: Ops, planId: string, raw: unknown, opts: { announce?: boolean } = {}) {
  checked('yêu cầu', idSchema, planId);
  const request = checked('yêu cầu báo cáo đột xuất', adhocRequestSchema, raw);
  // An unknown agency is refused here, at once, not by a lookup activity after retries.
  mustBeAgency(await runningPlan(ops, planId), request.agencyIds);
  const args = opts.announce === false ? { ...request, announce: false } : request;
  return rejectOnFailure('yêu cầu báo cáo đột xuất', () => ops.client.workflow.getHandle(planWorkflowId(planId)).executeUpdate(requestAdhocReportUpdate, { args: [args] }));
}

/**
 * A report an agency sends of its own accord ("kịp thời phản ánh khó khăn, vướng mắc": seed 000's regime).
 * It opens an ad-hoc period for that agency, due today, and records the report in it at once; the
 * standing agency receives it as a draft consolidated report. The report is checked before anything
 * is opened, so a rejected one leaves no period behind.
 */
export async function reportAsItArises(ops: Ops, planId: string, agencyId: string, raw: unknown, today: string, subject: string) {
  // An ad-hoc period id that cannot exist: the report is checked as an ad-hoc report before one is opened.
  const probe = 'DX-00000000-0';
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RejectedError('Không thực hiện được báo cáo', ['Báo cáo phải là một đối tượng JSON']);
  await validateSubmission(ops, planId, probe, agencyId, { ...raw, period: probe });
  // The agency opens this period itself to report: it is not told that it is open.
  const { period } = await requestAdhoc(ops, planId, { agencyIds: [agencyId], lastDay: today, subject }, { announce: false });
  const handle = ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId));
  for (let i = 0; ; i++) {
    try {
      await handle.describe();
      break;
    } catch (err) {
      // The period's workflows start asynchronously.
      if (i >= 100) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const receipt = await submitReport(ops, planId, period, agencyId, { ...(raw as object), period });
  return { period, ...receipt };
}
