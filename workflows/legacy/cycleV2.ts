/**
 * The cycle workflow as it ran before the regime driver (patch `regime-driver`): kept verbatim so
 * cycles started on that code replay and finish on it. Do not change what it does; delete it once no
 * cycle of that version is open.
 */
import {
  ChildWorkflowHandle,
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import type { AgencyObligation, AgencyStatus, SubmissionRecordRef } from '../../src/reporting/types.js';
import { agencyChangedSignal, agencyReportWorkflow, closePeriodSignal, consolidatedSentSignal, escalatedToLeaderSignal } from '../agencyReportWorkflow.js';
import { BusinessClock } from '../clock.js';
import { approveReportUpdate, cycleStateQuery, type CycleInput, type CycleState } from '../cycleWorkflow.js';
import { reportWorkflowId } from '../ids.js';

const { sendDigest, consolidateAndSend } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
  scheduleToCloseTimeout: '1 day',
});
const { taskAndTargetIds } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 5 } });

export async function legacyCycleWorkflow(input: CycleInput): Promise<CycleState> {
  const { cycle, planRef } = input;
  const clock = new BusinessClock(input.clockOffsetMs);
  const cycleId = workflowInfo().workflowId;
  const statuses = new Map<string, AgencyStatus>();
  const latest = new Map<string, SubmissionRecordRef>();
  let approved = false;
  const state: CycleState = { period: cycle.period, planRef, cycle, phase: 'collecting', agencies: [], standing: null, digests: [], draft: null, sent: null };
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
    async (_approval) => {
      approved = true;
      await condition(() => state.phase === 'sent' || state.phase === 'closed');
      return state;
    },
    {
      validator: (_approval) => {
        if (state.phase === 'collecting') throw new Error(`no draft yet for ${cycle.period}: it is built when all agencies have reported or at ${cycle.draftAt}`);
        if (state.phase !== 'draft-sent') throw new Error(`the consolidated report for ${cycle.period} has already been sent`);
      },
    },
  );

  const ids = await taskAndTargetIds({ planRef, agencyIds: cycle.agencies.map((a) => a.agencyId) });
  const start = (a: AgencyObligation) =>
    startChild(agencyReportWorkflow, {
      workflowId: reportWorkflowId(planRef.planId, cycle.period, a.agencyId, a.role),
      // The cycle outlives its children; if it is terminated they are cancelled with it.
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
        },
      ],
    });
  const children = new Map<string, ChildWorkflowHandle<typeof agencyReportWorkflow>>();
  for (const a of cycle.agencies) children.set(a.agencyId, await start(a));
  const standingChild = cycle.standing ? await start(cycle.standing) : null;

  const agencySettled = (id: string) => ['submitted', 'submitted-late', 'exempted'].includes(statuses.get(id)?.state ?? 'pending');
  const everyoneIn = () => cycle.agencies.every((a) => agencySettled(a.agencyId));

  const isClosed = () => state.phase === 'closed';
  // The leader's digest: one email per escalation day listing every agency late at that step.
  const digestLoop = (async () => {
    const reached = new Set<string>();
    for (;;) {
      const pending = () =>
        cycle.agencies
          .filter((a) => !reached.has(a.agencyId) && !agencySettled(a.agencyId))
          .map((a) => ({ id: a.agencyId, at: digestInstant(statuses.get(a.agencyId), a) }))
          .filter((x): x is { id: string; at: string } => x.at !== null)
          .sort((x, y) => x.at.localeCompare(y.at));
      const next = pending()[0];
      if (!next || isClosed()) return;
      await clock.until(() => isClosed() || pending()[0]?.at !== next.at, next.at);
      if (isClosed()) return;
      if (pending()[0]?.at !== next.at || !clock.isPast(next.at)) continue;
      const late = pending()
        .filter((x) => x.at === next.at)
        .map((x) => x.id);
      late.forEach((id) => reached.add(id));
      const at = clock.nowIso();
      const lastDays = Object.fromEntries(late.map((id) => [id, statuses.get(id)?.lastDay ?? cycle.agencies.find((a) => a.agencyId === id)!.lastDay]));
      await sendDigest({
        planRef,
        period: cycle.period,
        periodLabel: cycle.periodLabel,
        agencyIds: late,
        lastDays,
        obligedCount: cycle.agencies.length,
        key: `${cycleId}/digest/${next.at}`,
        at,
      });
      state.digests.push({ at, agencyIds: late });
      for (const id of late) await children.get(id)?.signal(escalatedToLeaderSignal, { at });
    }
  })();

  // Consolidation: a draft when everyone is in, or at the draft point, whichever comes first.
  await clock.until(everyoneIn, cycle.draftAt);
  const draftAt = clock.nowIso();
  const draft = await consolidateAndSend({
    planRef,
    cycle,
    mode: 'draft',
    submissions: Object.fromEntries(latest),
    statuses: Object.fromEntries(statuses),
    key: `${cycleId}/draft`,
    at: draftAt,
  });
  state.draft = { at: draftAt, reportId: draft.reportId, htmlId: draft.htmlId, docxId: draft.docxId, xlsxId: draft.xlsxId };
  state.phase = 'draft-sent';

  if (!cycle.autoApprove) await condition(() => approved);
  const sentAt = clock.nowIso();
  const final = await consolidateAndSend({
    planRef,
    cycle,
    mode: 'final',
    submissions: Object.fromEntries(latest),
    statuses: Object.fromEntries(statuses),
    key: `${cycleId}/final`,
    at: sentAt,
  });
  state.sent = { at: sentAt, reportId: final.reportId, htmlId: final.htmlId, docxId: final.docxId, xlsxId: final.xlsxId };
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
  await digestLoop;
  state.phase = 'closed';
  const all = [...children.values(), ...(standingChild ? [standingChild] : [])];
  for (const h of all) await h.signal(closePeriodSignal);
  await Promise.all(all.map((h) => h.result()));
  refresh();
  await condition(allHandlersFinished);
  return state;
}

/** The leader's step for an agency: from its own workflow (which knows about extensions) once it has said. */
function digestInstant(status: AgencyStatus | undefined, a: AgencyObligation): string | null {
  if (status) return status.digestAt;
  return a.escalations.find((e) => e.level === 'leader-digest')?.at ?? null;
}

function lastInstant(status: AgencyStatus | undefined, a: AgencyObligation): string {
  return (
    status?.ladderEndsAt ??
    a.escalations
      .map((e) => e.at)
      .sort()
      .pop() ??
    a.dueAt
  );
}
