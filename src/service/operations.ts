/**
 * What people and scripts can do to running plans, over a Temporal client. The CLI and the HTTP API
 * are thin shells around these functions, so both behave the same.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import { estimatedCalendarNotices } from '../calendar/estimatedNotice.js';
import type { Plan } from '../plan/schema.js';
import { submissionProblems } from '../reporting/submissionRules.js';
import { submissionSchema } from '../reporting/submissionSchema.js';
import type { SubmissionPayload } from '../reporting/types.js';
import { formatPath } from '../plan/load.js';
import { reportLinks } from './reportLinks.js';
import { resolveSubmissions, storeSubmission } from './submissions.js';
import type { PlanStore } from '../storage/planStore.js';
import { tasksOf } from '../plan/normalise.js';
import { decideExtensionUpdate, exemptUpdate, requestExtensionUpdate, resendLinkUpdate, statusQuery, submissionsQuery, submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { personalLink, type LinkSettings } from './personalLink.js';
import { approveReportUpdate, cycleStateQuery } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { amendPlanUpdate, planStateQuery, planWorkflow, requestAdhocReportUpdate } from '../../workflows/planWorkflow.js';

export interface Ops {
  client: Client;
  plans: PlanStore;
  taskQueue: string;
}

/** A request that cannot be carried out as asked: shown to the user with its reasons, nothing changed. */
export class RejectedError extends Error {
  constructor(
    message: string,
    readonly reasons: string[] = [],
  ) {
    super(reasons.length ? `${message}: ${reasons.join('; ')}` : message);
    this.name = 'RejectedError';
  }
}

async function rejectOnFailure<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const msg = (err.cause as Error | undefined)?.message ?? err.message;
      throw new RejectedError(`${what} rejected`, msg.replace(/^invalid report: /, '').split('; '));
    }
    // A validator's refusal comes back as a failed Update too, on older servers as a plain ApplicationFailure.
    if ((err as Error).name === 'ApplicationFailure' || (err as { type?: string }).type === 'Rejected') {
      throw new RejectedError(`${what} rejected`, (err as Error).message.split('; '));
    }
    if (err instanceof WorkflowNotFoundError || (err as Error).name === 'WorkflowNotFoundError') {
      throw new RejectedError(`${what}: no such running workflow (${(err as Error).message})`);
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
  const plan = await ops.client.workflow.getHandle(planWorkflowId(planId)).query(planStateQuery);
  const periods = period ? [period] : plan.periods.slice(-3);
  const cycles = [];
  for (const p of periods) {
    const state = await ops.client.workflow
      .getHandle(cycleWorkflowId(planId, p))
      .query(cycleStateQuery)
      .catch((err: Error) => {
        if (period) throw new RejectedError(`period ${p} of plan ${planId}: ${err.message}`);
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
  return { planId, planHash: plan.planRef.hash, dispatched: plan.dispatched, periods: plan.periods, nextCycle: plan.nextCycle, assumptions, calendarNotices, cycles };
}

/** Validates a report (shape, then the plan's own rules) before it goes anywhere near the workflow. */
export async function validateSubmission(ops: Ops, planId: string, period: string, agencyId: string, raw: unknown): Promise<SubmissionPayload> {
  const parsed = submissionSchema.safeParse(raw);
  if (!parsed.success) throw new RejectedError('invalid report', parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  const payload = parsed.data as SubmissionPayload;
  const state = await ops.client.workflow.getHandle(planWorkflowId(planId)).query(planStateQuery).catch(() => null);
  if (state) {
    const plan = await ops.plans.get(state.planRef);
    const own = plan.agencies.filter((a) => a.id === agencyId || a.successor?.agencyIds[0] === agencyId).map((a) => a.id);
    const taskIds = own.flatMap((a) => tasksOf(plan, a).map((t) => t.task.id));
    const problems = submissionProblems(payload, { period, taskIds, targetIds: plan.targets.map((t) => t.id) });
    if (problems.length) throw new RejectedError('invalid report', problems);
  }
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
  return rejectOnFailure('report', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(submitReportUpdate, { args: [ref] }));
}

export async function agencyStatus(ops: Ops, planId: string, period: string, agencyId: string) {
  const handle = ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId));
  const [status, records] = await Promise.all([handle.query(statusQuery), handle.query(submissionsQuery)]);
  return { status, submissions: await resolveSubmissions(ops.plans.store, records) };
}

/** The agency's personal link for a period, for staff to copy (and, with `resend`, to email it again). */
export async function agencyLink(ops: Ops, links: LinkSettings, planId: string, period: string, agencyId: string, opts: { resend?: boolean; by?: string } = {}) {
  const handle = ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId));
  const status = await rejectOnFailure('link', () => handle.query(statusQuery));
  const link = personalLink(links, { planId, period, agencyId, lastDay: status.lastDay });
  if (opts.resend) await rejectOnFailure('resend', () => handle.executeUpdate(resendLinkUpdate, { args: [{ by: opts.by }] }));
  return { planId, period, agencyId, lastDay: status.lastDay, ...link, resent: opts.resend === true };
}

export function decideExtension(ops: Ops, planId: string, period: string, agencyId: string, decision: { approved: boolean; lastDay?: string; reason: string }) {
  return rejectOnFailure('extension', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(decideExtensionUpdate, { args: [decision] }));
}

export function requestExtension(ops: Ops, planId: string, period: string, agencyId: string, request: { lastDay: string; reason: string }) {
  return rejectOnFailure('extension request', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(requestExtensionUpdate, { args: [request] }));
}

export function exempt(ops: Ops, planId: string, period: string, agencyId: string, reason: string) {
  return rejectOnFailure('exemption', () => ops.client.workflow.getHandle(reportWorkflowId(planId, period, agencyId)).executeUpdate(exemptUpdate, { args: [{ reason }] }));
}

export function approveReport(ops: Ops, planId: string, period: string, approvedBy?: string) {
  return rejectOnFailure('approval', () => ops.client.workflow.getHandle(cycleWorkflowId(planId, period)).executeUpdate(approveReportUpdate, { args: [{ approvedBy }] }));
}

export function requestAdhoc(ops: Ops, planId: string, request: { agencyIds: string[]; lastDay: string; subject: string; announce?: boolean }) {
  return rejectOnFailure('ad-hoc request', () => ops.client.workflow.getHandle(planWorkflowId(planId)).executeUpdate(requestAdhocReportUpdate, { args: [request] }));
}

/**
 * A report an agency sends of its own accord ("kịp thời phản ánh khó khăn, vướng mắc": seed 000's regime).
 * It opens an ad-hoc period for that agency, due today, and records the report in it at once; the
 * standing agency receives it as a draft consolidated report. The report is checked before anything
 * is opened, so a rejected one leaves no period behind.
 */
export async function reportAsItArises(ops: Ops, planId: string, agencyId: string, raw: unknown, today: string, subject: string) {
  const probe = '__new__';
  await validateSubmission(ops, planId, probe, agencyId, { ...(raw as object), period: probe });
  const { period } = await requestAdhoc(ops, planId, { agencyIds: [agencyId], lastDay: today, subject, announce: false });
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
