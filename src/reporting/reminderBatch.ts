/**
 * Batched reminders (issue 16): at a reminder instant the cycle sends its agencies' reminders in one
 * activity, instead of every agency workflow waking for its own. Pure: the cycle's side (which notice, for
 * whom) and the agency's (whether the batch's news stands, when to wake if it does not come).
 *
 * Why the cycle's view is exact enough to decide: an agency's submission, exemption and extension Updates
 * complete only after the agency has signalled the cycle (the handler awaits it), so every one completed
 * before the instant is in the cycle's history before its timer fires. The notice is the one the agency
 * would issue itself (`cycleReminder` equals `batchedReminder`, property-tested), with the agency's key: if
 * the agency issues it too (it had a notice of its own in flight, or the batch's signal was lost), the
 * sent log finds the same key and nothing goes out twice. The agency records the delivery only if the
 * reminder is still its own to issue (`batchedReminder`); an Update racing the instant is the same race
 * as with the agency's own timer.
 */
import { apply, head, laneOf, settled, stepsOf, type Notice, type RegimeState } from './regime.js';
import type { AgencySchedule } from './types.js';

export type ReminderNotice = Extract<Notice, { type: 'step' }>;

/** How long after a batched instant the agency waits for the cycle before it sends its reminder itself. */
export const BATCH_GRACE_MS = 30 * 60_000;

/**
 * A cycle woken this late (its worker was down) leaves the instant to the agencies: a batch still running at
 * the end of the grace could race their own sends (same key, but two sends at once can both reach the relay).
 */
export const batchIsLate = (instant: string, nowMs: number) => nowMs >= Date.parse(instant) + BATCH_GRACE_MS / 2;

/**
 * The reminder the agency would issue at `instant`, when the cycle may send it in its place: the first
 * issue of a reminder step due at exactly that instant, with nothing else of the agency's in its steps
 * lane (a pending or failing notice keeps its own catch-up path). Null otherwise: reported, exempted,
 * closed, already issued, moved by an extension, or before the workflow started.
 */
export function batchedReminder(s: RegimeState, instant: string): ReminderNotice | null {
  if (s.closed || settled(s) || head(s, 'steps') !== null) return null;
  const issued = apply(s, { type: 'tick', at: instant }).notices.filter((n) => laneOf(n) === 'steps');
  const n = issued[0];
  if (issued.length !== 1 || n?.type !== 'step') return null;
  const firstIssue = n.key === n.step.key && n.catchUp === null;
  return firstIssue && n.step.level === 'reminder' && Date.parse(n.step.at) === Date.parse(instant) ? n : null;
}

/**
 * When the agency's own loop should wake, given the regime's next wake: a batched reminder instant is
 * left to the cycle until the grace has passed; then the agency issues it itself (a catch-up with the
 * same key, so a message the batch did send is not sent again). `batched` holds the instants as epoch ms.
 */
export function wakeWithBatch(s: RegimeState, wake: string | null, batched: ReadonlySet<number>): string | null {
  if (wake === null || !batched.has(Date.parse(wake)) || !batchedReminder(s, wake)) return wake;
  return new Date(Date.parse(wake) + BATCH_GRACE_MS + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
}

/**
 * The reminder the cycle sends for an agency at `instant`, from the schedule it gave the agency: the first
 * issue of the reminder step due then (null if none is). The caller leaves out agencies it knows to have
 * reported, been exempted or been given another last day.
 */
export function cycleReminder(schedule: AgencySchedule, instant: string): ReminderNotice | null {
  const step = stepsOf({ schedule, role: 'agency' }).find((x) => x.level === 'reminder' && Date.parse(x.at) === Date.parse(instant));
  return step ? { type: 'step', key: step.key, step, issuedAt: instant, catchUp: null } : null;
}
