/**
 * Batched reminders (issue 16): at a reminder instant the cycle sends its agencies' reminders in one
 * activity, instead of every agency workflow waking for its own. The agency workflow stays the source of
 * truth: the batch asks each agency (a query) for the notice it would issue at that instant, sends exactly
 * that (same key, so same Message-ID and sent-log entry), and tells the agency it was delivered (a signal),
 * which records it as if its own timer had fired. Pure: used by the agency workflow's query and signal.
 */
import { apply, head, laneOf, settled, type Notice, type RegimeState } from './regime.js';

export type ReminderNotice = Extract<Notice, { type: 'step' }>;

/** How long after a batched instant the agency waits for the cycle before it sends its reminder itself. */
export const BATCH_GRACE_MS = 30 * 60_000;

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
