/**
 * One reporting period of a plan (`cycle:<planId>:<period>`).
 *
 * Nothing outside fails it: a report that cannot be built or mailed is recorded in `failures` (shown to
 * staff) and tried again the next day; approval returns as soon as it is recorded.
 *
 * Starts one agencyReportWorkflow per obliged agency (and one for the standing agency's own deadline),
 * follows their state, tells the leader's digest workflow (leaderDigestWorkflow; before the patch
 * `leader-digest-workflow`: sends the leader one digest per escalation day) which agencies are at the
 * leader step and which are resolved, and the standing agency officer's summary workflow
 * (officerSummaryWorkflow) when the cycle opens and closes,
 * then consolidates: when every agency has reported or exempted, or at the plan's draft point before the
 * standing agency's own deadline, it sends the standing agency a draft; on approval (or automatically
 * when the plan says so) it sends the consolidated report to the recipients. The period closes once the
 * report is sent and the ladder has run its course; late reports are accepted until then.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowHandle,
  ParentClosePolicy,
  patched,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { AgencyObligation, AgencyStatus, ClockInput, CycleSpec, PlanRef, SubmissionRecordRef } from '../src/reporting/types.js';
import { agencyChangedSignal, agencyReportWorkflow, closePeriodSignal, consolidatedSentSignal, escalatedToLeaderSignal } from './agencyReportWorkflow.js';
import { BusinessClock } from './clock.js';
import { batchIsLate, cycleReminder } from '../src/reporting/reminderBatch.js';
import { viDateTime } from '../src/reporting/dates.js';
import { reportWorkflowId } from './ids.js';
import { legacyCycleWorkflow } from './legacy/cycleV2.js';
import { deliveryPolicyWithCap, lookupPolicy, reminderBatchPolicy, reportPolicyWithCap, startWorkflowPolicy } from './policies.js';

export interface CycleInput extends ClockInput {
  planRef: PlanRef;
  cycle: CycleSpec;
}

/**
 * A consolidated report in the content store: reportId is the data (JSON), the others its renderings.
 * docxId/xlsxId are absent for reports built before the documents existed; they are rendered on demand.
 */
export interface ReportRef {
  at: string;
  reportId: string;
  htmlId: string;
  docxId?: string;
  xlsxId?: string;
  /** The DOCX dondoc rendered, when staff approved an edited one that went out (`docxId`) in its place. */
  renderedDocxId?: string;
}

/** A Word file staff edited over the draft and approved: sent as the report in place of the rendered one. */
export interface EditedDocx {
  sha256: string;
  name: string;
  size: number;
}

export interface CycleState {
  period: string;
  /** The plan version and the cycle this workflow runs (for reports rendered on demand). */
  planRef: PlanRef;
  cycle: CycleSpec;
  phase: 'collecting' | 'draft-sent' | 'sent' | 'closed';
  agencies: AgencyStatus[];
  standing: AgencyStatus | null;
  digests: { at: string; agencyIds: string[] }[];
  draft: ReportRef | null;
  sent: ReportRef | null;
  /** Who approved the draft, when, and the note (absent in cycles before the regime driver). */
  approval?: { by: string | null; note: string | null; at: string; docx?: EditedDocx | null } | null;
  /** What the outside world refused (a report that could not be built or sent): shown to staff, retried. */
  failures?: { at: string; what: 'digest' | 'draft' | 'final'; error: string }[];
}

export const approveReportUpdate = defineUpdate<CycleState, [{ approvedBy?: string; note?: string; docx?: EditedDocx }]>('approveReport');
export const cycleStateQuery = defineQuery<CycleState>('cycleState');

const { taskAndTargetIds } = proxyActivities<Activities>(lookupPolicy);
const { sendReminderBatch } = proxyActivities<Activities>(reminderBatchPolicy);

/** After a report that could not be built or sent for good, try again this much later. */
const RETRY_REFUSED_MS = 24 * 3_600_000;

export async function cycleWorkflow(input: CycleInput): Promise<CycleState> {
  if (!patched('regime-driver')) return legacyCycleWorkflow(input);
  // The leader's digest lists an agency only once it was shown to be told (issue 15).
  const proofGate = patched('proof-gated-escalation');
  const { cycle, planRef } = input;
  const clock = new BusinessClock(input.clockOffsetMs);
  const { sendDigest } = proxyActivities<Activities>(deliveryPolicyWithCap(cycle.deliveryRetryCapMs));
  const { consolidateAndSend } = proxyActivities<Activities>(reportPolicyWithCap(cycle.deliveryRetryCapMs));
  const cycleId = workflowInfo().workflowId;
  const statuses = new Map<string, AgencyStatus>();
  const latest = new Map<string, SubmissionRecordRef>();
  const state: CycleState = {
    period: cycle.period,
    planRef,
    cycle,
    phase: 'collecting',
    agencies: [],
    standing: null,
    digests: [],
    draft: null,
    sent: null,
    approval: null,
    failures: [],
  };
  const refresh = () => {
    state.agencies = cycle.agencies.map((a) => statuses.get(a.agencyId)).filter((s): s is AgencyStatus => !!s);
    state.standing = cycle.standing ? (statuses.get(cycle.standing.agencyId + '#standing') ?? null) : null;
  };

  setHandler(agencyChangedSignal, ({ status, submission }) => {
    statuses.set(status.role === 'standing' ? status.agencyId + '#standing' : status.agencyId, status);
    if (submission) latest.set(status.agencyId, submission);
    refresh();
  });
  setHandler(cycleStateQuery, () => state);
  setHandler(
    approveReportUpdate,
    // Returns once the approval is recorded; the final report goes out after, on its own.
    ({ approvedBy, note, docx }) => {
      state.approval = { by: approvedBy ?? null, note: note ?? null, at: clock.nowIso(), docx: docx ?? null };
      return state;
    },
    {
      validator: (_approval) => {
        if (state.phase === 'collecting')
          throw new Error(`chưa có dự thảo báo cáo kỳ ${cycle.period}: dự thảo được lập khi mọi cơ quan đã báo cáo hoặc vào ${viDateTime(cycle.draftAt)}`);
        if (state.phase !== 'draft-sent' || state.approval) throw new Error(`báo cáo tổng hợp kỳ ${cycle.period} đã được phê duyệt hoặc đã gửi`);
      },
    },
  );

  /** Runs an activity until it succeeds; a refusal for good is recorded and tried again a day later. */
  const persist = async <T>(what: 'digest' | 'draft' | 'final', fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        const cause = err.cause instanceof ApplicationFailure ? err.cause.message : err.message;
        state.failures!.push({ at: clock.nowIso(), what, error: cause.slice(0, 500) });
        await clock.sleepUntil(new Date(clock.nowMs() + RETRY_REFUSED_MS).toISOString());
      }
    }
  };

  // Reminders go out in one batch per instant for all the cycle's agencies (issue 16); cycles started
  // before leave each agency to wake for its own.
  const batching = patched('batched-reminders');
  const ids = await taskAndTargetIds({ planRef, agencyIds: cycle.agencies.map((a) => a.agencyId) });
  const start = (a: AgencyObligation) =>
    startChild(agencyReportWorkflow, {
      workflowId: reportWorkflowId(planRef.planId, cycle.period, a.agencyId, a.role),
      // The cycle outlives its children and never fails; if an operator terminates it they are cancelled with it.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [
        {
          planRef,
          period: cycle.period,
          periodLabel: cycle.periodLabel,
          agencyId: a.agencyId,
          role: a.role,
          schedule: { lastDay: a.lastDay, dueAt: a.dueAt, reminders: a.reminders, escalations: a.escalations },
          taskIds: ids.tasks[a.agencyId] ?? [],
          targetIds: ids.targets,
          cycleWorkflowId: cycleId,
          clockOffsetMs: input.clockOffsetMs,
          kind: cycle.kind === 'adhoc' ? 'adhoc' : 'periodic',
          deliveryBudgetMs: cycle.deliveryBudgetMs,
          announce: cycle.announce,
          deliveryRetryCapMs: cycle.deliveryRetryCapMs,
          ...(batching && a.role === 'agency' ? { batchedReminders: a.reminders.map((r) => r.at) } : {}),
        },
      ],
    });
  // Every agency's workflow starts at once: 40 agencies are told on the same instant.
  const started = await Promise.all([...cycle.agencies.map(start), ...(cycle.standing ? [start(cycle.standing)] : [])]);
  const children = new Map<string, ChildWorkflowHandle<typeof agencyReportWorkflow>>(cycle.agencies.map((a, i) => [a.agencyId, started[i]!]));
  const standingChild = cycle.standing ? started.at(-1)! : null;

  const agencySettled = (id: string) => ['submitted', 'submitted-late', 'exempted'].includes(statuses.get(id)?.state ?? 'pending');
  const everyoneIn = () => cycle.agencies.every((a) => agencySettled(a.agencyId));

  const isClosed = () => state.phase === 'closed';
  /** The ladders are over: the digest loop sends what is due and stops waiting for proofs. */
  let closing = false;
  // The leader's digest is the leader's own workflow (leaderDigestWorkflow): the cycle tells it who is at
  // the leader step and who is resolved, and sends no digest of its own. Cycles started before keep theirs.
  const toLeaderWorkflow = patched('leader-digest-workflow');
  const { tellLeader, tellOfficer } = proxyActivities<Activities>(startWorkflowPolicy);
  const told = new Set<string>();
  // The standing agency's officer follows this cycle in the morning summary (officerSummaryWorkflow).
  const tellOfficerOf = (open: boolean) =>
    persist('digest', () => tellOfficer({ planRef, cycleWorkflowId: cycleId, open, at: clock.nowIso(), clockOffsetMs: input.clockOffsetMs }));
  const officerTold = toLeaderWorkflow ? tellOfficerOf(true) : Promise.resolve(null);
  // An agency told to the leader that has since reported or been exempted, or every one at the close.
  const resolutions = toLeaderWorkflow
    ? (async () => {
        for (;;) {
          const settled = () => [...told].filter((id) => agencySettled(id));
          await condition(() => isClosed() || settled().length > 0);
          const atClose = isClosed();
          for (const reason of ['submitted', 'exempted', 'closed'] as const) {
            const ids = (atClose ? [...told] : settled()).filter((id) =>
              reason === 'closed'
                ? !agencySettled(id)
                : reason === 'exempted'
                  ? statuses.get(id)?.state === 'exempted'
                  : agencySettled(id) && statuses.get(id)?.state !== 'exempted',
            );
            if (!ids.length) continue;
            ids.forEach((id) => told.delete(id));
            const at = clock.nowIso();
            await persist('digest', () =>
              tellLeader({ planRef, period: cycle.period, periodLabel: cycle.periodLabel, at, clockOffsetMs: input.clockOffsetMs, resolved: { agencyIds: ids, reason } }),
            );
          }
          if (atClose) return;
        }
      })()
    : Promise.resolve();
  // The leader's digest: one email per escalation day listing every agency late at that step.
  const digestLoop = (async () => {
    const reached = new Set<string>();
    for (;;) {
      const pending = () =>
        cycle.agencies
          .filter((a) => !reached.has(a.agencyId) && !agencySettled(a.agencyId))
          .filter((a) => !proofGate || !waitingForProof(statuses.get(a.agencyId)))
          .map((a) => ({ id: a.agencyId, at: digestInstant(statuses.get(a.agencyId), a) }))
          .filter((x): x is { id: string; at: string } => x.at !== null)
          .sort((x, y) => x.at.localeCompare(y.at));
      const next = pending()[0];
      if (!next || isClosed()) {
        // An agency whose leader step waits for proof of notice: wait for its news (or the period's end).
        const waiting = () => cycle.agencies.some((a) => !reached.has(a.agencyId) && !agencySettled(a.agencyId) && waitingForProof(statuses.get(a.agencyId)));
        if (proofGate && !isClosed() && !closing && waiting()) {
          await condition(() => isClosed() || closing || pending().length > 0 || !waiting());
          continue;
        }
        return;
      }
      await clock.until(() => isClosed() || pending()[0]?.at !== next.at, next.at);
      if (isClosed()) return;
      if (pending()[0]?.at !== next.at || !clock.isPast(next.at)) continue;
      const late = pending()
        .filter((x) => x.at === next.at)
        .map((x) => x.id);
      late.forEach((id) => reached.add(id));
      const at = clock.nowIso();
      const lastDays = Object.fromEntries(late.map((id) => [id, statuses.get(id)?.lastDay ?? cycle.agencies.find((a) => a.agencyId === id)!.lastDay]));
      if (toLeaderWorkflow) {
        const reachedItems = late.map((id) => ({ agencyId: id, lastDay: lastDays[id]!, since: next.at }));
        await persist('digest', () => tellLeader({ planRef, period: cycle.period, periodLabel: cycle.periodLabel, at, clockOffsetMs: input.clockOffsetMs, reached: reachedItems }));
        late.forEach((id) => told.add(id));
      } else {
        await persist('digest', () =>
          sendDigest({
            planRef,
            period: cycle.period,
            periodLabel: cycle.periodLabel,
            agencyIds: late,
            lastDays,
            obligedCount: cycle.agencies.length,
            key: `${cycleId}/digest/${next.at}`,
            at,
          }),
        );
      }
      state.digests.push({ at, agencyIds: late });
      await Promise.all(late.map((id) => children.get(id)?.signal(escalatedToLeaderSignal, { at })));
    }
  })();
  // At each reminder instant, one activity sends every pending agency's reminder; what it cannot send it
  // hands back to the agency, and an agency not told within the grace sends its own.
  const batchLoop = batching
    ? (async () => {
        // Instants already past at the start are the agencies' (the regime sends nothing before its start).
        const instants = [...new Set(cycle.agencies.flatMap((a) => a.reminders.map((r) => r.at)))].filter((at) => !clock.isPast(at)).sort((x, y) => Date.parse(x) - Date.parse(y));
        for (const instant of instants) {
          await clock.until(() => isClosed() || closing, instant);
          if (isClosed() || closing) return;
          // Woken late (the worker was down): the agencies send their own at the end of the grace.
          if (batchIsLate(instant, clock.nowMs())) continue;
          // What the cycle knows at the instant is exact for what matters: an agency's report, exemption or
          // extension is signalled here before its Update completes (src/reporting/reminderBatch.ts).
          const agencies = cycle.agencies
            .filter((a) => !agencySettled(a.agencyId) && (statuses.get(a.agencyId)?.lastDay ?? a.lastDay) === a.lastDay)
            .flatMap((a) => {
              const notice = cycleReminder(a, instant);
              return notice ? [{ agencyId: a.agencyId, workflowId: children.get(a.agencyId)!.workflowId, notice, lastDay: a.lastDay, dueAt: a.dueAt }] : [];
            });
          if (!agencies.length) continue;
          await sendReminderBatch({ planRef, period: cycle.period, periodLabel: cycle.periodLabel, instant, at: clock.nowIso(), agencies }).catch(() => undefined);
        }
      })()
    : Promise.resolve();
  // A cancelled cycle (terminated by an operator, or its plan's) rejects these and the main flow at once: the
  // main flow's rejection ends the workflow; theirs must not count as unhandled and fail every workflow task.
  for (const background of [officerTold, resolutions, digestLoop, batchLoop]) background.catch(() => undefined);

  // What the consolidation activity needs of each agency: the status without its delivery log.
  const compactStatuses = () => Object.fromEntries([...statuses].map(([k, v]) => [k, { ...v, steps: undefined, delivered: undefined }])) as Record<string, AgencyStatus>;

  // Consolidation: a draft when everyone is in, or at the draft point, whichever comes first.
  await clock.until(everyoneIn, cycle.draftAt);
  const draftAt = clock.nowIso();
  const draft = await persist('draft', () =>
    consolidateAndSend({ planRef, cycle, mode: 'draft', submissions: Object.fromEntries(latest), statuses: compactStatuses(), key: `${cycleId}/draft`, at: draftAt }),
  );
  state.draft = { at: draftAt, reportId: draft.reportId, htmlId: draft.htmlId, docxId: draft.docxId, xlsxId: draft.xlsxId };
  state.phase = 'draft-sent';

  if (!cycle.autoApprove) await condition(() => state.approval != null);
  const sentAt = clock.nowIso();
  // An edited Word file approved with the draft goes out in place of the rendered one (cycles from before
  // this change send what they render).
  const editedDocx = patched('approval-edited-docx') ? (state.approval?.docx ?? undefined) : undefined;
  const final = await persist('final', () =>
    consolidateAndSend({ planRef, cycle, mode: 'final', submissions: Object.fromEntries(latest), statuses: compactStatuses(), key: `${cycleId}/final`, at: sentAt, editedDocx }),
  );
  state.sent = {
    at: sentAt,
    reportId: final.reportId,
    htmlId: final.htmlId,
    docxId: final.docxId,
    xlsxId: final.xlsxId,
    ...(final.renderedDocxId ? { renderedDocxId: final.renderedDocxId } : {}),
  };
  state.phase = 'sent';
  if (standingChild) await standingChild.signal(consolidatedSentSignal, { at: sentAt });

  // Close once every agency's ladder has run (late reports are still accepted until then). An extension
  // granted meanwhile moves an agency's ladder, so look again after each wait.
  const ladderEnd = () =>
    [...cycle.agencies, ...(cycle.standing ? [cycle.standing] : [])]
      .map((a) => lastInstant(statuses.get(a.role === 'standing' ? a.agencyId + '#standing' : a.agencyId), a))
      .sort()
      .pop();
  for (let end = ladderEnd(); end && !clock.isPast(end); end = ladderEnd()) await clock.sleepUntil(end);
  // Every digest day is past now: the digest loop sends what is due and ends.
  closing = true;
  await digestLoop;
  await batchLoop;
  state.phase = 'closed';
  // Agencies still late at the close leave the leader's digest: nothing more can come from them.
  await resolutions;
  if (toLeaderWorkflow) {
    await officerTold;
    await tellOfficerOf(false);
  }
  const all = [...children.values(), ...(standingChild ? [standingChild] : [])];
  await Promise.all(all.map((h) => h.signal(closePeriodSignal)));
  await Promise.all(all.map((h) => h.result()));
  refresh();
  await condition(allHandlersFinished);
  return state;
}

/** The leader's step for an agency: from its own workflow (which knows about extensions) once it has said. */
export function digestInstant(status: AgencyStatus | undefined, a: AgencyObligation): string | null {
  if (status) return status.digestAt;
  return a.escalations.find((e) => e.level === 'leader-digest')?.at ?? null;
}

/** The agency's own workflow says it was not shown to be told: its leader step waits (a later change of status wakes the loop). */
export function waitingForProof(status: AgencyStatus | undefined): boolean {
  return status?.proof !== undefined && !status.proof.proven;
}

export function lastInstant(status: AgencyStatus | undefined, a: AgencyObligation): string {
  return (
    status?.ladderEndsAt ??
    a.escalations
      .map((e) => e.at)
      .sort()
      .pop() ??
    a.dueAt
  );
}
