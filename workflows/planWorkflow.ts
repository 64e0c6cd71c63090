/**
 * A plan from dispatch to its last report (`plan:<planId>`).
 *
 * Sends every agency the plan with its own tasks, then opens one reporting cycle after another, each a
 * child workflow that outlives this run (ABANDON): this workflow continues as new after each cycle it
 * opens, so a plan that runs ten years keeps a short history. Between cycles it takes amendments (a new
 * plan version, used from the next cycle on) and ad-hoc report requests (báo cáo đột xuất), which open a
 * cycle of their own at once.
 */
import { allHandlersFinished, condition, continueAsNew, defineQuery, defineUpdate, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { isoDateProblem } from '../src/reporting/dates.js';
import type { ClockInput, CycleSpec, PlanRef } from '../src/reporting/types.js';
import { BusinessClock } from './clock.js';
import { dispatchPolicy, lookupPolicy, startWorkflowPolicy } from './policies.js';

export interface PlanWorkflowInput extends ClockInput {
  planRef: PlanRef;
  /** Carried across continue-as-new; absent on the first run. */
  carried?: {
    dispatchedHash: string | null;
    cursor: { dueAt: string; period: string } | null;
    adhocCount: number;
    cyclesOpened: number;
    /** Periods opened so far, newest last (a few per year: small even for a ten-year plan). */
    periods: string[];
  };
}

export interface AdhocRequest {
  agencyIds: string[];
  /** The last day (YYYY-MM-DD) the agencies have. */
  lastDay: string;
  subject: string;
  requestedBy?: string;
  /** false: the agencies are not told at once (an agency reporting of its own accord). Default true. */
  announce?: boolean;
}

export interface PlanState {
  planRef: PlanRef;
  dispatched: boolean;
  nextCycle: { period: string; opensAt: string; dueAt: string } | null;
  cyclesOpened: number;
  adhocCount: number;
  periods: string[];
}

export const amendPlanUpdate = defineUpdate<PlanState, [PlanRef]>('amendPlan');
export const requestAdhocReportUpdate = defineUpdate<{ period: string; workflowId: string }, [AdhocRequest]>('requestAdhocReport');
export const planStateQuery = defineQuery<PlanState>('planState');

const { dispatchPlan } = proxyActivities<Activities>(dispatchPolicy);
const { nextCycle, adhocCycle } = proxyActivities<Activities>(lookupPolicy);
const { openCycle: startCycle } = proxyActivities<Activities>(startWorkflowPolicy);

/** A dispatch refused for good (bad input) is tried again this much later, not only at the next cycle. */
const DISPATCH_RETRY_MS = 24 * 3_600_000;

export async function planWorkflow(input: PlanWorkflowInput): Promise<void> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const planId = input.planRef.planId;
  let planRef = input.planRef;
  let amended = false;
  const carried = input.carried ?? { dispatchedHash: null, cursor: null, adhocCount: 0, cyclesOpened: 0, periods: [] };
  const state: PlanState = {
    planRef,
    dispatched: carried.dispatchedHash !== null,
    nextCycle: null,
    cyclesOpened: carried.cyclesOpened,
    adhocCount: carried.adhocCount,
    periods: [...carried.periods],
  };

  setHandler(planStateQuery, () => state);
  setHandler(
    amendPlanUpdate,
    (ref) => {
      planRef = ref;
      state.planRef = ref;
      amended = true;
      return state;
    },
    {
      validator: (ref) => {
        if (ref.planId !== planId) throw new Error(`planId: this workflow runs plan "${planId}", not "${ref.planId}"`);
        if (!/^[0-9a-f]{64}$/.test(ref.hash)) throw new Error('hash: must be a sha256 of a stored plan version');
      },
    },
  );

  // Cycles are started by an activity, not as children: they outlive the run that opened them (this
  // workflow continues as new), and a retried start of the same id is a no-op.
  const openCycle = async (cycle: CycleSpec) => {
    const { workflowId, started } = await startCycle({ planRef, cycle, clockOffsetMs: input.clockOffsetMs });
    if (started) state.cyclesOpened++;
    if (!state.periods.includes(cycle.period)) state.periods.push(cycle.period);
    return workflowId;
  };

  setHandler(
    requestAdhocReportUpdate,
    async (request) => {
      state.adhocCount++;
      const cycle = await adhocCycle({ planRef, ...request, seq: state.adhocCount, at: clock.nowIso() });
      const workflowId = await openCycle(cycle);
      return { period: cycle.period, workflowId };
    },
    {
      validator: (request) => {
        if (!Array.isArray(request.agencyIds) || !request.agencyIds.length) throw new Error('agencyIds: cần chọn ít nhất một cơ quan');
        if (request.agencyIds.length > 200) throw new Error('agencyIds: quá 200 cơ quan');
        const problem = isoDateProblem(request.lastDay);
        if (problem) throw new Error(`lastDay: ${problem}`);
        if (request.lastDay < clock.nowIso().slice(0, 10)) throw new Error('lastDay: hạn đã qua');
        if (typeof request.subject !== 'string' || !request.subject.trim()) throw new Error('subject: cần nêu nội dung báo cáo');
        if (request.subject.length > 500) throw new Error('subject: dài quá 500 ký tự');
      },
    },
  );

  let dispatching: Promise<void> | null = null;
  if (carried.dispatchedHash === null) {
    const dispatch = () => dispatchPlan({ planRef, key: `${workflowInfo().workflowId}/dispatch`, at: clock.nowIso() });
    const done = () => {
      carried.dispatchedHash = planRef.hash;
      state.dispatched = true;
    };
    if (patched('regime-driver')) {
      // Dispatch runs beside the cycles and retries without limit; a refusal for good is tried again
      // daily (the mailer's key keeps a retried agency from getting a second copy).
      dispatching = (async () => {
        for (;;) {
          try {
            await dispatch();
            return done();
          } catch {
            await clock.sleepUntil(new Date(clock.nowMs() + DISPATCH_RETRY_MS).toISOString());
          }
        }
      })();
    } else if (patched('dispatch-alongside-cycles')) {
      // An SMTP outage must not hold back the reporting cycles: dispatch runs beside them. If it still
      // fails after its retries, the next run tries again (the sent log keeps it from repeating a mail).
      dispatching = dispatch().then(done, () => undefined);
    } else {
      await dispatch();
      done();
    }
    // A cancelled plan rejects the dispatch and the cycles at once: the cycles' rejection ends the workflow.
    dispatching?.catch(() => undefined);
  }

  for (;;) {
    amended = false;
    const next = await nextCycle({ planRef, after: carried.cursor, notBefore: clock.nowIso() });
    state.nextCycle = next ? { period: next.period, opensAt: next.opensAt, dueAt: next.dueAt } : null;
    if (!next) {
      // Nothing periodic left (or none at all, as in an official letter): stay open for amendments
      // and ad-hoc requests, and start afresh when the history grows long (many ad-hoc requests).
      await condition(() => amended || workflowInfo().continueAsNewSuggested);
      if (!amended) break;
      continue;
    }
    if (await clock.until(() => amended, next.opensAt)) continue;
    // The schedule was computed a cycle ahead; computed again now, it uses any calendar announcement
    // added meanwhile (DONDOC_CALENDAR_DIR).
    const fresh = patched('regime-driver') ? await nextCycle({ planRef, after: carried.cursor, notBefore: clock.nowIso() }) : null;
    await openCycle(fresh && fresh.period === next.period ? fresh : next);
    carried.cursor = { dueAt: next.dueAt, period: next.period };
    break;
  }

  if (dispatching) await dispatching;
  await condition(allHandlersFinished);
  await continueAsNew<typeof planWorkflow>({
    planRef,
    clockOffsetMs: input.clockOffsetMs,
    carried: { ...carried, adhocCount: state.adhocCount, cyclesOpened: state.cyclesOpened, periods: state.periods },
  });
}
