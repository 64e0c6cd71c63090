/**
 * One agency's report for one period (`report:<planId>:<period>:<agencyId>`): a thin driver of the
 * reporting regime (src/reporting/regime.ts).
 *
 * It sleeps until the regime's next step, feeds it the clock, submissions, extensions and exemptions,
 * and delivers what the regime puts in its outbox, one notice in flight per lane. The outside world
 * cannot fail it: a notice that cannot be delivered keeps being retried, is recorded in the status once
 * it is late beyond the budget (and the standing agency alerted), and is superseded by the next step's
 * catch-up notice rather than holding it up.
 *
 * A submission is an Update carrying the stored report's hash and summary (the report itself is in the
 * content store): validated before it is recorded, accepted once it is in history, acknowledged by a
 * receipt. For the standing agency (role `standing`) the report is the consolidated report: the cycle
 * signals `consolidatedSent`.
 *
 * Message handlers that change state run one at a time, in arrival order (the safe-message-handlers
 * pattern), so an extension's schedule lookup never interleaves with a submission.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { LANES, apply, head, initRegime, needsProofCheck, nextWake, validate, type Command, type Lane, type Notice, type RegimeState } from '../src/reporting/regime.js';
import { regimeStatus } from '../src/reporting/regimeStatus.js';
import { batchedReminder, wakeWithBatch } from '../src/reporting/reminderBatch.js';
import { isSubmissionRef, summaryProblems, SUMMARY_LIMITS } from '../src/reporting/submissionSummary.js';
import type { AgencySchedule, AgencyStatus, ClockInput, PlanRef, SubmissionPayload, SubmissionRecordRef, SubmissionRefInput } from '../src/reporting/types.js';
import { MAX_NAME_BYTES, MAX_REVISIONS } from '../src/edge/limits.js';
import { viReasons } from '../src/edge/messages.js';
import { exemptionSchema, extensionDecisionSchema, extensionRequestSchema } from '../src/edge/schemas.js';
import { utf8Bytes } from '../src/edge/text.js';
import { BusinessClock } from './clock.js';
import { legacyAgencyReportWorkflow } from './legacy/agencyReportV2.js';
import { deliveryPolicyWithCap, lookupPolicy } from './policies.js';

export interface AgencyReportInput extends ClockInput {
  planRef: PlanRef;
  period: string;
  periodLabel: string;
  agencyId: string;
  role: 'agency' | 'standing';
  schedule: AgencySchedule;
  /** The agency's own tasks and the plan's targets: what a submission may report on. */
  taskIds: string[];
  targetIds: string[];
  /** Workflow id of the cycle to keep informed. */
  cycleWorkflowId?: string;
  /** `adhoc`: an ad-hoc request, told at once. Default from the period id. */
  kind?: 'periodic' | 'adhoc';
  /** How long a notice may stay undelivered before the status says so and the standing agency is alerted. */
  deliveryBudgetMs?: number;
  /** false: no "period open" notice at once (the agency opened this period itself). */
  announce?: boolean;
  /** Longest wait between two delivery attempts (ms); default the delivery policy's 30 minutes. */
  deliveryRetryCapMs?: number;
  /**
   * Reminder instants the cycle sends in one batch for all its agencies (src/reporting/reminderBatch.ts):
   * the agency does not wake for them unless the cycle has not told it within the grace.
   */
  batchedReminders?: string[];
}

export interface SubmitResult {
  revision: number;
  submittedAt: string;
  late: boolean;
}

export interface ExtensionDecision {
  approved: boolean;
  /** The new last day (YYYY-MM-DD) when approved. */
  lastDay?: string;
  reason: string;
  decidedBy?: string;
}

export interface CycleNotice {
  status: AgencyStatus;
  submission: SubmissionRecordRef | null;
}

/** What a submission may report on: for the edge to validate a full report before storing it. */
export interface ReportSpec {
  period: string;
  agencyId: string;
  role: 'agency' | 'standing';
  taskIds: string[];
  targetIds: string[];
}

export const submitReportUpdate = defineUpdate<SubmitResult, [SubmissionRefInput | SubmissionPayload]>('submitReport');
export const decideExtensionUpdate = defineUpdate<AgencyStatus, [ExtensionDecision]>('decideExtension');
export const exemptUpdate = defineUpdate<AgencyStatus, [{ reason: string; by?: string }]>('exempt');
/** The agency asks for more time; the standing agency is told and decides with decideExtension. */
export const requestExtensionUpdate = defineUpdate<AgencyStatus, [{ lastDay: string; reason: string }]>('requestExtension');
/** Staff resend the agency its personal link (the email of a period that is open). */
export const resendLinkUpdate = defineUpdate<AgencyStatus, [{ by?: string }]>('resendLink');
export const consolidatedSentSignal = defineSignal<[{ at: string }]>('consolidatedSent');
export const escalatedToLeaderSignal = defineSignal<[{ at: string }]>('escalatedToLeader');
export const closePeriodSignal = defineSignal('closePeriod');
export const statusQuery = defineQuery<AgencyStatus>('status');
export const submissionsQuery = defineQuery<SubmissionRecordRef[]>('submissions');
export const reportSpecQuery = defineQuery<ReportSpec>('reportSpec');
/**
 * The cycle's batch delivered the reminder of that instant (the key is the notice's), or, with no messageId,
 * could not (the relay refused it): the agency issues it for its instant and delivers it itself, with retries.
 */
export const batchDeliveredSignal = defineSignal<[{ instant: string; key: string; messageId: string | null; at: string }]>('batchDelivered');
/** Sent to the cycle on every change of state. */
export const agencyChangedSignal = defineSignal<[CycleNotice]>('agencyChanged');

const { scheduleForLastDay, noticeProof } = proxyActivities<Activities>(lookupPolicy);

const DEFAULT_DELIVERY_BUDGET_MS = 4 * 3_600_000;
/** More wakes than any schedule has steps at one instant: beyond this the loop is spinning. */
const MAX_WAKES_PER_INSTANT = 1_000;

export async function agencyReportWorkflow(input: AgencyReportInput): Promise<AgencyStatus> {
  // Workflows started before the regime driver finish on the code they started with.
  if (!patched('regime-driver')) return legacyAgencyReportWorkflow(input);

  // Escalations wait for proof of notice (issue 15); workflows started before it run their ladder ungated.
  const proofGate = patched('proof-gated-escalation');
  const clock = new BusinessClock(input.clockOffsetMs);
  const { deliverNotice } = proxyActivities<Activities>(deliveryPolicyWithCap(input.deliveryRetryCapMs));
  const workflowId = workflowInfo().workflowId;
  const budgetMs = input.deliveryBudgetMs ?? DEFAULT_DELIVERY_BUDGET_MS;
  let state: RegimeState = initRegime({
    agencyId: input.agencyId,
    role: input.role,
    period: input.period,
    kind: input.kind ?? (input.period.startsWith('DX-') ? 'adhoc' : 'periodic'),
    schedule: input.schedule,
    now: clock.nowIso(),
    announce: input.announce,
    proofGate,
  }).state;
  let version = 0;
  const run = (cmd: Command) => {
    state = apply(state, cmd).state;
    version++;
  };
  const status = () => regimeStatus(state);
  // Reminders the cycle batches: only while the schedule is the one the cycle knows (an extension moves them back here).
  const batched = new Set((input.batchedReminders ?? []).map((at) => Date.parse(at)));
  const batchedNow = (instant: string) => (state.schedule.lastDay === input.schedule.lastDay && batched.has(Date.parse(instant)) ? batchedReminder(state, instant) : null);

  // One handler at a time: each waits for the one before it.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const result = queue.then(fn);
    queue = result.catch(() => undefined);
    return result;
  };
  const refuse = (reasons: string[]) => {
    if (reasons.length) throw ApplicationFailure.nonRetryable(reasons.join('; '), 'Rejected');
  };
  // The edge's schemas, checked again here: whatever reaches the workflow directly is bounded the same
  // way, so no input can grow the state, its queries or the history past Temporal's limits.
  const shape = (schema: { safeParse(v: unknown): { success: true } | { success: false; error: import('zod').ZodError } }, value: unknown) => {
    const r = schema.safeParse(value);
    return r.success ? [] : viReasons(r.error);
  };
  const who = (by: unknown) => (by === undefined ? [] : typeof by === 'string' && utf8Bytes(by) <= MAX_NAME_BYTES ? [] : [`by: tối đa ${MAX_NAME_BYTES} byte`]);
  const pick = <T extends object>(v: T, keys: (keyof T)[]) => (typeof v === 'object' && v !== null ? Object.fromEntries(keys.filter((k) => k in v).map((k) => [k, v[k]])) : v);

  const tellCycle = async (submission: SubmissionRecordRef | null = null) => {
    if (!input.cycleWorkflowId) return;
    try {
      await getExternalWorkflowHandle(input.cycleWorkflowId).signal(agencyChangedSignal, { status: status(), submission });
    } catch {
      // The cycle has already finished: nothing is waiting for this news.
    }
  };
  const lastRecord = (): SubmissionRecordRef => {
    const r = state.submissions.at(-1)!;
    return { revision: r.revision, submittedAt: r.submittedAt, late: r.late, sha256: r.sha256, size: r.size, summary: r.summary };
  };

  setHandler(statusQuery, status);
  setHandler(submissionsQuery, () =>
    state.submissions.map((r) => ({ revision: r.revision, submittedAt: r.submittedAt, late: r.late, sha256: r.sha256, size: r.size, summary: r.summary })),
  );
  setHandler(reportSpecQuery, () => ({ period: input.period, agencyId: input.agencyId, role: input.role, taskIds: input.taskIds, targetIds: input.targetIds }));
  setHandler(batchDeliveredSignal, ({ instant, key, messageId, at }) =>
    serially(() => {
      // Recorded as if the agency's own timer had fired at the instant and its lane had delivered (both in
      // one step, so the lane never starts a delivery of its own); stale news (the agency reported, or
      // issued the reminder itself after the grace) changes nothing.
      if (batchedNow(instant)?.key !== key) return;
      run({ type: 'tick', at: instant });
      if (messageId !== null) run({ type: 'delivered', at, key, messageId });
    }),
  );
  setHandler(closePeriodSignal, () => run({ type: 'close', at: clock.nowIso() }));
  setHandler(escalatedToLeaderSignal, ({ at }) => run({ type: 'leader-reached', at }));
  setHandler(consolidatedSentSignal, ({ at }) =>
    serially(async () => {
      run({ type: 'consolidated-sent', at });
      await tellCycle();
    }),
  );

  const submitCommand = (ref: SubmissionRefInput): Command => ({ type: 'submit', at: clock.nowIso(), submission: ref });
  const submitProblems = (raw: SubmissionRefInput | SubmissionPayload): string[] => {
    if (!isSubmissionRef(raw)) return ['submission: báo cáo phải được lưu trước và gửi bằng mã băm (sha256) kèm tóm tắt'];
    if (!(raw.size > 0 && raw.size <= SUMMARY_LIMITS.maxPayloadBytes)) return [`size: báo cáo vượt quá ${SUMMARY_LIMITS.maxPayloadBytes / 1024} KB`];
    if (state.submissions.length >= MAX_REVISIONS) return [`revision: đã có ${MAX_REVISIONS} bản trong kỳ này, không nhận thêm`];
    return [...validate(state, submitCommand(raw)), ...summaryProblems(raw.summary, { period: input.period, taskIds: input.taskIds, targetIds: input.targetIds })];
  };
  setHandler(
    submitReportUpdate,
    (raw) =>
      serially(async () => {
        refuse(submitProblems(raw));
        const ref = raw as SubmissionRefInput;
        run(submitCommand({ sha256: ref.sha256, size: ref.size, summary: ref.summary }));
        const r = lastRecord();
        await tellCycle(r);
        return { revision: r.revision, submittedAt: r.submittedAt, late: r.late };
      }),
    { validator: (raw) => refuse(submitProblems(raw)) },
  );

  const requestCommand = (r: { lastDay: string; reason: string }): Command => ({
    type: 'request-extension',
    at: clock.nowIso(),
    lastDay: String(r?.lastDay ?? ''),
    reason: String(r?.reason ?? ''),
  });
  setHandler(
    requestExtensionUpdate,
    (request) =>
      serially(async () => {
        const cmd = requestCommand(request);
        refuse(validate(state, cmd));
        run(cmd);
        await tellCycle();
        return status();
      }),
    {
      validator: (request) =>
        refuse([...shape(extensionRequestSchema, request), ...(shape(extensionRequestSchema, request).length ? [] : validate(state, requestCommand(request)))]),
    },
  );

  const decisionCommand = (d: ExtensionDecision, schedule?: AgencySchedule): Command => ({
    type: 'decide-extension',
    at: clock.nowIso(),
    approved: d?.approved === true,
    lastDay: d?.lastDay,
    reason: String(d?.reason ?? ''),
    by: d?.decidedBy,
    schedule,
  });
  setHandler(
    decideExtensionUpdate,
    (decision) =>
      serially(async () => {
        refuse(validate(state, decisionCommand(decision)));
        const schedule = decision.approved && decision.lastDay ? await scheduleForLastDay({ planRef: input.planRef, lastDay: decision.lastDay }) : undefined;
        // The agency may have reported while the schedule was looked up.
        const cmd = decisionCommand(decision, schedule);
        refuse(validate(state, cmd));
        run(cmd);
        await tellCycle();
        return status();
      }),
    {
      validator: (decision) => {
        const problems = [...shape(extensionDecisionSchema, pick(decision, ['approved', 'lastDay', 'reason'])), ...who(decision?.decidedBy)];
        refuse(problems.length ? problems : validate(state, decisionCommand(decision)));
      },
    },
  );

  const exemptCommand = (e: { reason: string; by?: string }): Command => ({ type: 'exempt', at: clock.nowIso(), reason: String(e?.reason ?? ''), by: e?.by });
  setHandler(
    exemptUpdate,
    (e) =>
      serially(async () => {
        refuse(validate(state, exemptCommand(e)));
        run(exemptCommand(e));
        await tellCycle();
        return status();
      }),
    {
      validator: (e) => {
        const problems = [...shape(exemptionSchema, pick(e, ['reason'])), ...who(e?.by)];
        refuse(problems.length ? problems : validate(state, exemptCommand(e)));
      },
    },
  );

  const resendCommand = (r: { by?: string }): Command => ({ type: 'resend-link', at: clock.nowIso(), by: r?.by });
  setHandler(
    resendLinkUpdate,
    (r) =>
      serially(() => {
        refuse(validate(state, resendCommand(r)));
        run(resendCommand(r));
        return status();
      }),
    { validator: (r) => refuse([...who(r?.by), ...validate(state, resendCommand(r))]) },
  );

  /** Delivers a lane's notices one at a time until the period is closed and the lane is empty. */
  const deliver = async (lane: Lane) => {
    for (;;) {
      // A lane stops only once the whole outbox is empty: a notice refused for good after close still
      // raises an alert in another lane, which must be sent (found by the property tests' driver model).
      await condition(() => head(state, lane) !== null || (state.closed && state.outbox.length === 0));
      const notice = head(state, lane);
      if (!notice) return;
      await deliverOne(lane, notice);
    }
  };

  const deliverOne = async (lane: Lane, notice: Notice) => {
    const since = clock.nowIso();
    const budgetAt = new Date(Date.parse(since) + budgetMs).toISOString();
    let outcome: { messageId: string } | { error: unknown } | null = null;
    const scope = new CancellationScope();
    const attempt = scope.run(() =>
      deliverNotice({
        planRef: input.planRef,
        period: input.period,
        periodLabel: input.periodLabel,
        agencyId: input.agencyId,
        role: input.role,
        lastDay: state.schedule.lastDay,
        dueAt: state.schedule.dueAt,
        notice,
        key: `${workflowId}/${notice.key}`,
        at: since,
      }),
    );
    attempt.then(
      (r) => void (outcome = r),
      (error: unknown) => void (outcome = { error }),
    );
    const superseded = () => head(state, lane)?.key !== notice.key;
    let flagged = false;
    for (;;) {
      const settledOrSuperseded = () => outcome !== null || superseded();
      if (flagged) await condition(settledOrSuperseded);
      else await clock.until(settledOrSuperseded, budgetAt);
      const done = outcome as { messageId: string } | { error: unknown } | null;
      if (done && 'messageId' in done) {
        run({ type: 'delivered', at: clock.nowIso(), key: notice.key, messageId: done.messageId });
        return;
      }
      if (done) {
        // Only a refusal for good ends up here: the activity retries everything else without limit.
        if (!isCancellation(done.error)) {
          run({ type: 'delivery-failed', at: clock.nowIso(), key: notice.key, since, error: failureMessage(done.error), permanent: true });
          await tellCycle();
        }
        return;
      }
      if (superseded()) {
        scope.cancel();
        await attempt.catch(() => undefined);
        return;
      }
      if (!flagged && clock.isPast(budgetAt)) {
        flagged = true;
        run({ type: 'delivery-failed', at: clock.nowIso(), key: notice.key, since, error: 'máy chủ thư chưa nhận thư, đang thử lại', permanent: false });
        await tellCycle();
      }
    }
  };

  const lanes = Promise.all(LANES.map((lane) => deliver(lane)));
  // A cancellation (an operator terminated the cycle: its children are cancelled with it) rejects the lanes
  // and the main loop at once. The loop's rejection ends the workflow as cancelled; the lanes' must not count
  // as unhandled, or every workflow task fails and the workflow stays open, retrying them.
  lanes.catch(() => undefined);

  await tellCycle();
  // Workflow time stands still within an activation: a past wake that a tick cannot consume would loop
  // here until the isolate timeout, which takes the whole worker down. Failing the task instead keeps the
  // worker up and shows the workflow as stuck, with the wake, and its retry resumes after a fix.
  const spins = { at: 0, count: 0 };
  for (;;) {
    if (state.closed) break;
    const due = nextWake(state);
    const wake = batched.size && state.schedule.lastDay === input.schedule.lastDay ? wakeWithBatch(state, due, batched) : due;
    spins.count = wake !== null && clock.isPast(wake) && spins.at === Date.now() ? spins.count + 1 : 0;
    spins.at = Date.now();
    if (spins.count > MAX_WAKES_PER_INSTANT) throw new Error(`regime made no progress at ${clock.nowIso()}: next wake ${wake} comes back`);
    const seen = version;
    if (wake === null) {
      await condition(() => version !== seen);
      continue;
    }
    if (await clock.until(() => version !== seen, wake)) continue;
    const before = { phase: state.phase, level: state.escalationLevel, proof: proofSummary(state) };
    // The cycle's batch did not come within the grace: the reminder is the agency's again, issued for its instant.
    if (due !== wake && due !== null && batchedNow(due)) run({ type: 'tick', at: due });
    if (needsProofCheck(state, clock.nowIso())) {
      // Read-only look-up of the delivery log; the fact goes through the regime like any event.
      const at = clock.nowIso();
      const fact = await noticeProof({ planRef: input.planRef, period: input.period, agencyId: input.agencyId, at });
      run({ type: 'proof-of-notice', at, ...fact });
    }
    run({ type: 'tick', at: clock.nowIso() });
    if (state.phase !== before.phase || state.escalationLevel !== before.level || proofSummary(state) !== before.proof) await tellCycle();
  }

  await lanes;
  await queue;
  await condition(allHandlersFinished);
  return status();
}

/** What the cycle must hear of the proof: told or not, waiting or not, how many addresses failed. */
const proofSummary = (s: RegimeState) => (s.proof ? `${s.proof.proven}/${s.proof.holdingSince !== null}/${s.proof.unreachable.length}/${s.proof.exhausted}` : '');

function failureMessage(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  return cause instanceof Error ? cause.message.slice(0, 500) : String(cause).slice(0, 500);
}
