/**
 * A plan's line in the plans list: its live period, its next deadline and its state. Pure: from the plan
 * file, the reporting calendar and what the workflows report (null when the plan has not been started).
 *
 * The live period is the periodic collection (annual, 6-month, …) under way, never an ad-hoc request:
 * those come and go beside it. A plan has ended ("đã kết thúc") when its horizon's last year is over and
 * nothing periodic is left to collect: no open periodic cycle, and the calendar gives no further one.
 */
import type { CycleState } from '../../workflows/cycleWorkflow.js';
import { dayOf, type IsoDate } from '../calendar/isoDate.js';
import type { Plan } from '../plan/schema.js';
import { cyclesOfYear, nextCycleAfter } from '../reporting/cycles.js';
import type { AgencyStatus, CycleSpec } from '../reporting/types.js';

/** What the plan workflow and its cycles say (planStatus), reduced to what the summary reads. */
export interface PlanRun {
  dispatched: boolean;
  nextCycle: { period: string; opensAt: string; dueAt: string } | null;
  /** The cycles known to the web, any order (periodic and ad-hoc). */
  cycles: Pick<CycleState, 'period' | 'cycle' | 'phase' | 'agencies' | 'standing'>[];
}

export type PlanStateKind = 'not-started' | 'not-dispatched' | 'waiting' | 'collecting' | 'overdue' | 'awaiting-approval' | 'sent' | 'ended';

export const planStateLabel: Record<PlanStateKind, string> = {
  'not-started': 'Chưa khởi chạy',
  'not-dispatched': 'Chưa gửi kế hoạch',
  waiting: 'Chờ kỳ báo cáo tiếp theo',
  collecting: 'Đang thu báo cáo',
  overdue: 'Có đơn vị quá hạn',
  'awaiting-approval': 'Chờ duyệt báo cáo tổng hợp',
  sent: 'Đã gửi báo cáo tổng hợp',
  ended: 'Đã kết thúc',
};

export interface PlanSummary {
  state: PlanStateKind;
  /** The periodic period under way (or the last one, once all are closed); null before the first. */
  live: { period: string; label: string; phase: CycleState['phase'] | 'not-open'; received: number; expected: number; overdue: number } | null;
  /** The next effective last day still open: an agency's or the standing agency's; null when none. */
  nextDeadline: { lastDay: IsoDate; who: 'agencies' | 'standing'; period: string; assumed: boolean } | null;
  /** Ad-hoc requests still open beside the live period. */
  openAdhoc: number;
}

const isAdhoc = (c: PlanRun['cycles'][number]) => c.cycle.kind === 'adhoc';
const open = (s: AgencyStatus) => s.state === 'pending' || s.state === 'overdue';

export function planSummary(plan: Plan, run: PlanRun | null, nowMs: number): PlanSummary {
  const now = new Date(nowMs).toISOString();
  const periodic = (run?.cycles ?? []).filter((c) => !isAdhoc(c)).sort((a, b) => a.cycle.dueAt.localeCompare(b.cycle.dueAt) || a.period.localeCompare(b.period));
  const openAdhoc = (run?.cycles ?? []).filter((c) => isAdhoc(c) && c.phase !== 'closed').length;
  // Under way: the earliest periodic cycle not closed; else the newest closed one.
  const current = periodic.find((c) => c.phase !== 'closed') ?? periodic.at(-1) ?? null;
  // The calendar's next periodic cycle (the workflow's own when it runs: it knows the cursor).
  const upcoming = run ? run.nextCycle : nextCycleFromCalendar(plan, now);
  const upcomingSpec = upcoming ? specOf(plan, upcoming) : null;

  const deadlines = periodic
    .filter((c) => c.phase !== 'closed')
    .flatMap((c) => [
      ...c.agencies.filter(open).map((a) => ({ lastDay: a.lastDay, who: 'agencies' as const, period: c.period, assumed: assumedOf(c, a.agencyId) })),
      ...(c.standing && open(c.standing) ? [{ lastDay: c.standing.lastDay, who: 'standing' as const, period: c.period, assumed: c.cycle.standing?.assumed ?? false }] : []),
    ])
    .sort((a, b) => a.lastDay.localeCompare(b.lastDay));
  const fromCalendar = upcomingSpec ? firstDeadline(upcomingSpec) : null;
  const nextDeadline = deadlines[0] ?? fromCalendar;

  const live: PlanSummary['live'] = current
    ? {
        period: current.period,
        label: current.cycle.periodLabel,
        phase: current.phase,
        received: current.agencies.filter((a) => a.state === 'submitted' || a.state === 'submitted-late').length,
        expected: current.agencies.filter((a) => a.state !== 'exempted').length,
        overdue: current.agencies.filter((a) => a.state === 'overdue').length,
      }
    : upcomingSpec
      ? { period: upcomingSpec.period, label: upcomingSpec.periodLabel, phase: 'not-open', received: 0, expected: upcomingSpec.agencies.length, overdue: 0 }
      : null;

  const horizonOver = Number(dayOf(nowMs).slice(0, 4)) > plan.document.horizon.to;
  const nothingOpen = !periodic.some((c) => c.phase !== 'closed') && upcoming === null;
  const state: PlanStateKind =
    horizonOver && nothingOpen
      ? 'ended'
      : !run
        ? 'not-started'
        : !run.dispatched
          ? 'not-dispatched'
          : !current || current.phase === 'closed'
            ? 'waiting'
            : current.phase === 'draft-sent'
              ? 'awaiting-approval'
              : current.agencies.some((a) => a.state === 'overdue') || current.standing?.state === 'overdue'
                ? 'overdue'
                : current.phase === 'sent'
                  ? 'sent'
                  : 'collecting';
  return { state, live: state === 'ended' && !current ? null : live, nextDeadline: state === 'ended' ? null : nextDeadline, openAdhoc };
}

function nextCycleFromCalendar(plan: Plan, nowIso: string): PlanRun['nextCycle'] {
  const c = nextCycleAfter(plan, null, nowIso);
  return c ? { period: c.period, opensAt: c.opensAt, dueAt: c.dueAt } : null;
}

/** The calendar's spec of the cycle the workflow names (its period, in the year it falls due or the one before). */
function specOf(plan: Plan, next: { period: string; dueAt: string }): CycleSpec | null {
  const year = Number(next.dueAt.slice(0, 4));
  return [...cyclesOfYear(plan, year - 1), ...cyclesOfYear(plan, year)].find((c) => c.period === next.period) ?? null;
}

function assumedOf(c: PlanRun['cycles'][number], agencyId: string): boolean {
  return c.cycle.agencies.find((a) => a.agencyId === agencyId)?.assumed ?? false;
}

function firstDeadline(spec: CycleSpec): PlanSummary['nextDeadline'] {
  const agencies = [...spec.agencies].sort((a, b) => a.lastDay.localeCompare(b.lastDay))[0];
  if (agencies) return { lastDay: agencies.lastDay, who: 'agencies', period: spec.period, assumed: agencies.assumed };
  return spec.standing ? { lastDay: spec.standing.lastDay, who: 'standing', period: spec.period, assumed: spec.standing.assumed } : null;
}
