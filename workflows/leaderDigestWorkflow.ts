/**
 * The leader's day (`leader:<email>`): one digest per working day across every plan and period the
 * leader is in charge of, listing every agency at its leader step (issue 15.4).
 *
 * Cycles tell it through an activity (`tellLeader`, signal-with-start: the leader's workflow exists
 * once something is to be said, and a retried activity re-sends an idempotent signal): an agency is at
 * its leader step since D; an agency is resolved (submitted, exempted, or its period closed). One run
 * per digest day: it sleeps to the next digest slot (the configured hour on a working day, from the
 * calendar), hands to another leader what is in that leader's charge on the slot's day, sends one
 * digest if there is news, then continues as new, so the history stays a day long.
 * With nothing left open it ends; the next signal-with-start begins afresh.
 *
 * The digest goes out a few minutes after its slot (SETTLE_MS) with the slot's time on it: agencies
 * that reach their step at the same instant (08:00) are in that day's digest, not the next.
 */
import { ActivityFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { addItems, afterDigest, closeItems, dueAt, removeItems, type ItemRef, type LeaderItem } from '../src/reporting/leaderItems.js';
import type { ClockInput } from '../src/reporting/types.js';
import { BusinessClock } from './clock.js';
import { deliveryPolicy, lookupPolicy, startWorkflowPolicy } from './policies.js';

export interface LeaderDigestInput extends ClockInput {
  leaderEmail: string;
  /** Carried across continue-as-new: small (one entry per agency at its leader step). */
  carried?: { items: LeaderItem[]; digests: number; runs: number };
}

export interface LeaderDigestState {
  leaderEmail: string;
  items: LeaderItem[];
  nextSlot: { day: string; at: string } | null;
  /** Digests sent over the workflow's life, and runs (one per digest day). */
  digests: number;
  runs: number;
  /** This run's digest, once sent. */
  sent: { at: string; messageId: string; listed: number } | null;
  /** This run's digest refused for good (kept for staff; tried again at the next slot). */
  failures: { at: string; error: string }[];
}

export const leaderStepSignal = defineSignal<[{ items: LeaderItem[] }]>('leaderStep');
export const leaderResolvedSignal = defineSignal<[{ items: ItemRef[]; at: string; reason: 'submitted' | 'exempted' | 'closed' }]>('leaderResolved');
export const leaderDigestStateQuery = defineQuery<LeaderDigestState>('leaderDigestState');

const { nextDigestSlot } = proxyActivities<Activities>(lookupPolicy);
const { routeLeaderItems } = proxyActivities<Activities>(startWorkflowPolicy);
const { sendLeaderDigest } = proxyActivities<Activities>(deliveryPolicy);

/** How long after the slot the digest is built: news of the same instant arrives first. */
export const SETTLE_MS = 5 * 60_000;

export async function leaderDigestWorkflow(input: LeaderDigestInput): Promise<LeaderDigestState> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const carried = input.carried ?? { items: [], digests: 0, runs: 0 };
  const state: LeaderDigestState = {
    leaderEmail: input.leaderEmail,
    items: carried.items,
    nextSlot: null,
    digests: carried.digests,
    runs: carried.runs + 1,
    sent: null,
    failures: [],
  };

  setHandler(leaderStepSignal, ({ items }) => void (state.items = addItems(state.items, items)));
  setHandler(leaderResolvedSignal, ({ items, reason }) => void (state.items = reason === 'closed' ? closeItems(state.items, items) : removeItems(state.items, items)));
  setHandler(leaderDigestStateQuery, () => state);

  // A run started within SETTLE_MS of a slot (signal-with-start at 08:00) still makes that slot; a run
  // continued after its digest (past the settle) goes to the next.
  const slot = await nextDigestSlot({ after: new Date(clock.nowMs() - SETTLE_MS).toISOString() });
  state.nextSlot = { day: slot.day, at: slot.at };
  // A plan whose leader changes by the slot's day: its agencies go to the new leader now, hours ahead,
  // so they are in that leader's digest of the day (the send checks again, for news that came later).
  if (state.items.length) {
    const moved = await routeLeaderItems({ leaderEmail: input.leaderEmail, items: state.items, day: slot.day, clockOffsetMs: input.clockOffsetMs });
    state.items = removeItems(state.items, moved.handedOver);
  }
  await clock.sleepUntil(new Date(Date.parse(slot.at) + SETTLE_MS).toISOString());
  // A worker down past the slot's day (into the quiet hours) sends nothing late: the next slot lists it all.
  if (!clock.isPast(slot.notAfter)) {
    const due = dueAt(state.items, slot.at);
    if (due.length) {
      const r = await sendLeaderDigest({
        leaderEmail: input.leaderEmail,
        items: due,
        day: slot.day,
        at: slot.at,
        key: `${workflowInfo().workflowId}/digest/${slot.day}`,
        clockOffsetMs: input.clockOffsetMs,
      }).catch(
        // Refused for good (a relay's 5xx, a plan gone): nothing is listed, so tomorrow's digest has it all.
        (err: unknown) => {
          if (!(err instanceof ActivityFailure)) throw err;
          state.failures.push({ at: clock.nowIso(), error: (err.cause instanceof Error ? err.cause.message : err.message).slice(0, 500) });
          return { messageId: null, listed: [], handedOver: [] };
        },
      );
      // Items now in another leader's charge went to that leader; those listed are news no more.
      state.items = removeItems(state.items, r.handedOver);
      state.items = afterDigest(state.items, r.listed);
      if (r.messageId) {
        state.digests++;
        state.sent = { at: slot.at, messageId: r.messageId, listed: r.listed.length };
      }
    }
  }

  await condition(allHandlersFinished);
  if (state.items.length === 0) return state;
  await continueAsNew<typeof leaderDigestWorkflow>({
    leaderEmail: input.leaderEmail,
    clockOffsetMs: input.clockOffsetMs,
    carried: { items: state.items, digests: state.digests, runs: state.runs },
  });
  return state;
}
