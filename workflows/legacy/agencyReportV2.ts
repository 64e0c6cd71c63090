/**
 * The agency workflow as it ran before the regime driver (patch `regime-driver`): kept verbatim so
 * workflows started on that code replay and finish on it. Do not change what it does; delete it once no
 * workflow of that version is open (`temporal workflow list --query 'WorkflowType="agencyReportWorkflow"'`).
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { submissionProblems } from '../../src/reporting/submissionRules.js';
import type { AgencySchedule, AgencyStatus, SubmissionPayload, SubmissionRecord } from '../../src/reporting/types.js';
import {
  agencyChangedSignal,
  closePeriodSignal,
  consolidatedSentSignal,
  decideExtensionUpdate,
  escalatedToLeaderSignal,
  exemptUpdate,
  requestExtensionUpdate,
  statusQuery,
  submissionsQuery,
  submitReportUpdate,
  type AgencyReportInput,
} from '../agencyReportWorkflow.js';
import { BusinessClock } from '../clock.js';

const { notifyAgency } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
  scheduleToCloseTimeout: '1 day',
});
const { scheduleForLastDay } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 5 },
});

interface Step {
  key: string;
  at: string;
  kind: 'reminder' | 'overdue' | 'escalation';
  level?: 'overdue' | 'director' | 'leader-digest';
  workingDays: number;
}

export async function legacyAgencyReportWorkflow(input: AgencyReportInput): Promise<AgencyStatus> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const startedAt = clock.nowIso();
  let schedule = input.schedule;
  let scheduleVersion = 0;
  const submissions: SubmissionRecord[] = [];
  const pendingMail: { kind: 'receipt' | 'extension' | 'extension-request' | 'exemption'; key: string; extra: Record<string, unknown> }[] = [];
  const done = new Set<string>();
  const status: AgencyStatus = {
    agencyId: input.agencyId,
    role: input.role,
    period: input.period,
    state: 'pending',
    lastDay: schedule.lastDay,
    dueAt: schedule.dueAt,
    submittedAt: null,
    revisions: 0,
    remindersSent: [],
    escalationLevel: null,
    digestAt: ladderInstants(schedule).digestAt,
    ladderEndsAt: ladderInstants(schedule).endsAt,
    exemption: null,
    extensions: [],
    extensionRequest: null,
    closed: false,
  };

  const settled = () => status.state === 'submitted' || status.state === 'submitted-late' || status.state === 'exempted';
  const tellCycle = async (submission: SubmissionRecord | null = null) => {
    if (!input.cycleWorkflowId) return;
    try {
      await getExternalWorkflowHandle(input.cycleWorkflowId).signal(agencyChangedSignal, { status: { ...status }, submission });
    } catch {
      // The cycle has already finished: nothing is waiting for this news.
    }
  };
  const notify = (kind: string, key: string, extra: Record<string, unknown> = {}) =>
    notifyAgency({
      planRef: input.planRef,
      kind: kind as never,
      period: input.period,
      periodLabel: input.periodLabel,
      agencyId: input.agencyId,
      role: input.role,
      lastDay: schedule.lastDay,
      dueAt: schedule.dueAt,
      key: `${workflowInfo().workflowId}/${key}`,
      at: clock.nowIso(),
      extra,
    });

  setHandler(statusQuery, () => status);
  setHandler(submissionsQuery, () => submissions);
  setHandler(closePeriodSignal, () => void (status.closed = true));
  setHandler(escalatedToLeaderSignal, () => {
    if (!settled()) status.escalationLevel = 'leader-digest';
  });
  setHandler(consolidatedSentSignal, async ({ at }) => {
    if (input.role !== 'standing' || settled()) return;
    status.submittedAt = at;
    status.revisions += 1;
    status.state = Date.parse(at) > Date.parse(schedule.dueAt) ? 'submitted-late' : 'submitted';
    await tellCycle();
  });

  setHandler(
    submitReportUpdate,
    async (input_) => {
      const payload = input_ as SubmissionPayload;
      const submittedAt = clock.nowIso();
      const late = Date.parse(submittedAt) > Date.parse(schedule.dueAt);
      const record: SubmissionRecord = { revision: submissions.length + 1, submittedAt, late, payload };
      submissions.push(record);
      status.revisions = submissions.length;
      if (status.submittedAt === null) {
        status.submittedAt = submittedAt;
        status.state = late ? 'submitted-late' : 'submitted';
      }
      pendingMail.push({ kind: 'receipt', key: `receipt/${record.revision}`, extra: { revision: record.revision, late, submittedAt } });
      await tellCycle(record);
      return { revision: record.revision, submittedAt, late };
    },
    {
      validator: (payload) => {
        if (input.role === 'standing') throw new Error('the standing agency reports by approving the consolidated report');
        if (status.closed) throw new Error(`period ${input.period} is closed`);
        const problems = submissionProblems(payload, { period: input.period, taskIds: input.taskIds, targetIds: input.targetIds });
        if (problems.length > 0) throw new Error(`invalid report: ${problems.join('; ')}`);
      },
    },
  );

  setHandler(
    decideExtensionUpdate,
    async (decision) => {
      const at = clock.nowIso();
      if (decision.approved && decision.lastDay) {
        schedule = await scheduleForLastDay({ planRef: input.planRef, lastDay: decision.lastDay });
        scheduleVersion++;
        status.lastDay = schedule.lastDay;
        status.dueAt = schedule.dueAt;
        status.digestAt = ladderInstants(schedule).digestAt;
        status.ladderEndsAt = ladderInstants(schedule).endsAt;
        status.escalationLevel = null;
        if (status.state === 'overdue') status.state = 'pending';
      }
      status.extensions.push({ lastDay: decision.lastDay ?? status.lastDay, reason: decision.reason, at, approved: decision.approved });
      status.extensionRequest = null;
      pendingMail.push({ kind: 'extension', key: `extension/${status.extensions.length}`, extra: { ...decision } });
      await tellCycle();
      return status;
    },
    {
      validator: (decision) => {
        if (settled()) throw new Error(`the agency has already ${status.state === 'exempted' ? 'been exempted' : 'reported'}`);
        if (status.closed) throw new Error(`period ${input.period} is closed`);
        if (!decision.reason?.trim()) throw new Error('reason: a decision needs a reason');
        if (decision.approved && !/^\d{4}-\d{2}-\d{2}$/.test(decision.lastDay ?? '')) throw new Error('lastDay: must be YYYY-MM-DD');
        if (decision.approved && (decision.lastDay ?? '') <= status.lastDay) throw new Error(`lastDay: must be after the current last day ${status.lastDay}`);
      },
    },
  );

  setHandler(
    requestExtensionUpdate,
    async (request) => {
      status.extensionRequest = { ...request, at: clock.nowIso() };
      pendingMail.push({ kind: 'extension-request', key: `extension-request/${status.extensions.length + 1}`, extra: { ...request } });
      await tellCycle();
      return status;
    },
    {
      validator: (request) => {
        if (input.role === 'standing') throw new Error('the standing agency sets its own schedule');
        if (settled()) throw new Error(`the agency has already ${status.state === 'exempted' ? 'been exempted' : 'reported'}`);
        if (status.closed) throw new Error(`period ${input.period} is closed`);
        if (!request.reason?.trim()) throw new Error('reason: say why more time is needed');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(request.lastDay ?? '')) throw new Error('lastDay: must be YYYY-MM-DD');
        if (request.lastDay <= status.lastDay) throw new Error(`lastDay: must be after the current last day ${status.lastDay}`);
      },
    },
  );

  setHandler(
    exemptUpdate,
    async ({ reason }) => {
      status.state = 'exempted';
      status.exemption = { reason, at: clock.nowIso() };
      pendingMail.push({ kind: 'exemption', key: 'exemption', extra: { reason } });
      await tellCycle();
      return status;
    },
    {
      validator: ({ reason }) => {
        if (settled()) throw new Error(`the agency has already ${status.state === 'exempted' ? 'been exempted' : 'reported'}`);
        if (!reason?.trim()) throw new Error('reason: an exemption needs a reason');
      },
    },
  );

  // Acknowledgements go out in their own loop so a slow SMTP server never holds up the reminders.
  const mailLoop = (async () => {
    for (;;) {
      await condition(() => pendingMail.length > 0 || status.closed);
      const next = pendingMail.shift();
      if (!next) return;
      await notify(next.kind, next.key, next.extra);
    }
  })();

  const steps = (): Step[] => {
    const v = schedule.lastDay;
    const reminders: Step[] = schedule.reminders.map((r) => ({ key: `reminder/${v}/${r.workingDaysBefore}`, at: r.at, kind: 'reminder', workingDays: r.workingDaysBefore }));
    const ladder: Step[] = schedule.escalations
      .filter((e) => input.role === 'standing' || e.level !== 'leader-digest')
      .map((e) => ({ key: `escalation/${v}/${e.level}`, at: e.at, kind: e.level === 'overdue' ? 'overdue' : 'escalation', level: e.level, workingDays: e.workingDaysAfter }));
    return [...reminders, ...ladder].filter((s) => Date.parse(s.at) > Date.parse(startedAt) && !done.has(s.key)).sort((a, b) => a.at.localeCompare(b.at));
  };

  await tellCycle();
  for (;;) {
    if (settled() || status.closed) break;
    const next = steps()[0];
    if (!next) break;
    const version = scheduleVersion;
    await clock.until(() => settled() || status.closed || scheduleVersion !== version, next.at);
    if (settled() || status.closed) break;
    if (scheduleVersion !== version) continue;
    done.add(next.key);
    if (next.kind === 'reminder') {
      await notify('reminder', next.key, { workingDaysBefore: next.workingDays });
      status.remindersSent.push(next.at);
    } else {
      if (next.level === 'overdue') status.state = 'overdue';
      status.escalationLevel = next.level ?? null;
      await notify(next.kind, next.key, { level: next.level, workingDaysAfter: next.workingDays });
      await tellCycle();
    }
  }

  await condition(() => status.closed);
  await mailLoop;
  await condition(allHandlersFinished);
  return status;
}

function ladderInstants(s: AgencySchedule): { digestAt: string | null; endsAt: string } {
  const digestAt = s.escalations.find((e) => e.level === 'leader-digest')?.at ?? null;
  const endsAt =
    s.escalations
      .map((e) => e.at)
      .sort()
      .pop() ?? s.dueAt;
  return { digestAt, endsAt };
}
