/**
 * What the dashboard shows, read through the service operations (workflow queries) and the sent-mail
 * log: nothing here writes.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CycleState } from '../../workflows/cycleWorkflow.js';
import { comparePeriodIds } from '../calendar/periods.js';
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

export interface SentMailEntry {
  key: string;
  at: string;
  to: string[];
  subject: string;
}

/**
 * The emails sent for an agency's report workflow, from the mailer's sent log (one small JSON file per
 * message, keyed by workflow id and step). Read on demand: the log is append-only and shared by workers.
 */
export async function sentMailFor(dataDir: string, workflowId: string): Promise<SentMailEntry[]> {
  const dir = join(dataDir, 'sent');
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: SentMailEntry[] = [];
  for (const n of names) {
    if (!n.endsWith('.json')) continue;
    const entry = JSON.parse(await readFile(join(dir, n), 'utf8').catch(() => '{}')) as Partial<SentMailEntry>;
    if (entry.key?.startsWith(`${workflowId}/`)) out.push(entry as SentMailEntry);
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
