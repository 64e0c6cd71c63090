/**
 * What the plans list needs of a running plan, read through the service operations (workflow queries):
 * the plan's own state, its newest cycles and, when ad-hoc requests have pushed it out of them, the
 * newest periodic cycle too. Null when the plan has not been started.
 */
import { planStatus, type Ops } from '../service/operations.js';
import type { PlanRun } from './planSummary.js';

const isAdhocPeriod = (p: string) => p.startsWith('DX-');

export async function loadPlanRun(ops: Ops, planId: string): Promise<(PlanRun & { assumptions: { note: string }[] }) | null> {
  const overview = await planStatus(ops, planId).catch(() => null);
  if (!overview) return null;
  const cycles = [...overview.cycles];
  const periodic = overview.periods.filter((p) => !isAdhocPeriod(p));
  // The two newest periodic periods: the one under way and the one before (it may still be collecting late reports).
  for (const p of periodic.slice(-2)) {
    if (cycles.some((c) => c.period === p)) continue;
    const one = await planStatus(ops, planId, p).catch(() => null);
    if (one?.cycles[0]) cycles.push(one.cycles[0]);
  }
  return { dispatched: overview.dispatched, nextCycle: overview.nextCycle, cycles, assumptions: overview.assumptions };
}
