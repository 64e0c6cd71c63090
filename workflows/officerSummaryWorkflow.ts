/**
 * The standing agency officer's morning (`officer:<email>`, issue 15.5): one summary per working day
 * across every open cycle the officer's agency consolidates: due soon, late, unreachable, waiting for a
 * decision (extension requests, drafts to approve).
 *
 * The same shape as the leader's digest (leaderDigestWorkflow), not a Temporal Schedule: the cycles
 * already know when they open and close and say so (signal-with-start from the `tellOfficer` activity),
 * so the workflow holds only the list of open cycles; the summary itself is read fresh each morning
 * from the cycles (a query) and the delivery log, so nothing is copied that could go stale. One run per
 * digest day, continue-as-new after it; with no open cycle left it ends.
 */
import { ActivityFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type { ClockInput } from '../src/reporting/types.js';
import { BusinessClock } from './clock.js';
import { SETTLE_MS } from './leaderDigestWorkflow.js';
import { deliveryPolicy, lookupPolicy } from './policies.js';

export interface OfficerCycleRef {
  cycleWorkflowId: string;
  planId: string;
}

export interface OfficerSummaryInput extends ClockInput {
  officerEmail: string;
  carried?: { cycles: OfficerCycleRef[]; summaries: number; runs: number };
}

export interface OfficerSummaryState {
  officerEmail: string;
  cycles: OfficerCycleRef[];
  summaries: number;
  runs: number;
  sent: { at: string; messageId: string } | null;
}

export const officerCycleSignal = defineSignal<[{ cycle: OfficerCycleRef; open: boolean }]>('officerCycle');
export const officerSummaryStateQuery = defineQuery<OfficerSummaryState>('officerSummaryState');

const { nextDigestSlot } = proxyActivities<Activities>(lookupPolicy);
const { sendOfficerSummary } = proxyActivities<Activities>(deliveryPolicy);

export async function officerSummaryWorkflow(input: OfficerSummaryInput): Promise<OfficerSummaryState> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const carried = input.carried ?? { cycles: [], summaries: 0, runs: 0 };
  const state: OfficerSummaryState = { officerEmail: input.officerEmail, cycles: carried.cycles, summaries: carried.summaries, runs: carried.runs + 1, sent: null };
  setHandler(officerCycleSignal, ({ cycle, open }) => {
    const others = state.cycles.filter((c) => c.cycleWorkflowId !== cycle.cycleWorkflowId);
    state.cycles = open ? [...others, cycle] : others;
  });
  setHandler(officerSummaryStateQuery, () => state);

  const slot = await nextDigestSlot({ after: new Date(clock.nowMs() - SETTLE_MS).toISOString() });
  await clock.sleepUntil(new Date(Date.parse(slot.at) + SETTLE_MS).toISOString());
  if (!clock.isPast(slot.notAfter) && state.cycles.length) {
    const r = await sendOfficerSummary({
      officerEmail: input.officerEmail,
      cycles: state.cycles,
      day: slot.day,
      at: slot.at,
      key: `${workflowInfo().workflowId}/summary/${slot.day}`,
    }).catch((err: unknown) => {
      // Refused for good: tomorrow's summary says it all again.
      if (!(err instanceof ActivityFailure)) throw err;
      return { messageId: null };
    });
    if (r.messageId) {
      state.summaries++;
      state.sent = { at: slot.at, messageId: r.messageId };
    }
  }
  await condition(allHandlersFinished);
  if (!state.cycles.length) return state;
  await continueAsNew<typeof officerSummaryWorkflow>({
    officerEmail: input.officerEmail,
    clockOffsetMs: input.clockOffsetMs,
    carried: { cycles: state.cycles, summaries: state.summaries, runs: state.runs },
  });
  return state;
}
