/**
 * What the dashboard shows, read through the service operations (workflow queries): nothing here writes.
 * The messages of an agency come from the delivery log (src/db/deliveries.ts).
 */
import type { CycleState } from '../../workflows/cycleWorkflow.js';
import { comparePeriodIds } from '../calendar/periods.js';
import type { MessageState } from '../mail/noticeState.js';
import type { AgencyStatus } from '../reporting/types.js';
import { planStatus, type Ops } from '../service/operations.js';
import { cellKind, type CellKind } from './format.js';

export type PlanOverview = Awaited<ReturnType<typeof planStatus>>;

/** The periods the grid shows: the newest `limit` cycles, oldest first. */
export async function loadCycles(ops: Ops, planId: string, limit = 8): Promise<{ overview: PlanOverview; cycles: CycleState[] }> {
  const overview = await planStatus(ops, planId);
  const cycles: CycleState[] = [];
  for (const period of overview.periods.slice(-limit)) {
    const one = await planStatus(ops, planId, period).catch(() => null);
    if (one?.cycles[0]) cycles.push(one.cycles[0]);
  }
  // Columns in the order of what they cover (months, quarters, 6 and 9 months, the year), not of opening.
  return { overview, cycles: cycles.sort((a, b) => comparePeriodIds(a.period, b.period)) };
}

export interface PeriodCounts {
  total: number;
  counts: Record<CellKind, number>;
  /** Reports received / reports expected (exempted agencies are not expected), as in DHIS2's reporting rate. */
  completeness: number | null;
  /** Reports received on time / reports expected. */
  timeliness: number | null;
}

export function countPeriod(agencies: AgencyStatus[], nowMs: number): PeriodCounts {
  const counts: Record<CellKind, number> = { ontime: 0, late: 0, exempted: 0, overdue: 0, 'due-soon': 0, pending: 0 };
  for (const a of agencies) counts[cellKind(a, nowMs)]++;
  const expected = agencies.length - counts.exempted;
  return {
    total: agencies.length,
    counts,
    completeness: expected ? (counts.ontime + counts.late) / expected : null,
    timeliness: expected ? counts.ontime / expected : null,
  };
}

/** The next deadline still open in the plan: the earliest due date of an agency that has not reported, else the next cycle's. */
export function nextDeadline(overview: PlanOverview): string | null {
  const open = overview.cycles
    .filter((c) => c.phase !== 'closed')
    .flatMap((c) => [...c.agencies, ...(c.standing ? [c.standing] : [])])
    .filter((a) => a.state === 'pending' || a.state === 'overdue')
    .map((a) => a.dueAt)
    .sort();
  return open[0] ?? overview.nextCycle?.dueAt ?? null;
}

/** A message of an agency's workflow, as the agency page lists it (a row of the delivery log). */
export interface SentMailEntry {
  key: string;
  at: string;
  to: string[];
  subject: string;
  /** Its delivery state (src/mail/noticeState.ts) and what explains it; absent for entries without one. */
  deliveryState?: MessageState;
  noticeDetail?: string | null;
  relayResponse?: string | null;
  lastError?: string | null;
  bouncedAddresses?: string[];
}
