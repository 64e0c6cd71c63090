/**
 * Reporting cycles: a plan's obligation instances grouped by period, in the order the plan workflow
 * opens them. Pure: the activity that the workflow calls is a thin wrapper.
 */
import { resolveLastDay } from '../calendar/deadlines.js';
import { addDays, dayOf, instantAt, viDate, type IsoDate } from '../calendar/isoDate.js';
import { escalationInstants, reminderInstants } from '../calendar/schedule.js';
import { shiftWorkingDays } from '../calendar/workingDays.js';
import type { Plan } from '../plan/schema.js';
import { draftInstant, dutyHolder, obligationsOfYear, planStart, type ObligationInstance } from './obligations.js';
import type { AgencyObligation, AgencySchedule, CycleSpec } from './types.js';

/** How far past the horizon reviews (tổng kết) may fall. */
const YEARS_PAST_HORIZON = 10;

const toObligation = (i: ObligationInstance): AgencyObligation => ({
  agencyId: i.agencyId,
  role: i.role,
  assumed: i.assumed,
  lastDay: i.lastDay,
  dueAt: i.dueAt,
  reminders: i.reminders,
  escalations: i.escalations,
});

export function cyclesOfYear(plan: Plan, year: number): CycleSpec[] {
  const byPeriod = new Map<string, ObligationInstance[]>();
  for (const i of obligationsOfYear(plan, year)) byPeriod.set(i.period, [...(byPeriod.get(i.period) ?? []), i]);
  return [...byPeriod.values()].map((instances) => {
    const first = instances[0]!;
    // Several obligations of one period for the same agency: the earliest deadline binds.
    const agencies = new Map<string, ObligationInstance>();
    for (const i of instances.filter((x) => x.role === 'agency')) {
      const seen = agencies.get(i.agencyId);
      if (!seen || i.lastDay < seen.lastDay) agencies.set(i.agencyId, i);
    }
    const standing = instances.find((x) => x.role === 'standing') ?? null;
    const agencyList = [...agencies.values()];
    const dueAt = (agencyList.map((a) => a.dueAt).sort()[0] ?? standing?.dueAt)!;
    const firstReminder = [...agencyList, ...(standing ? [standing] : [])].flatMap((a) => a.reminders.map((r) => r.at)).sort()[0] ?? dueAt;
    const draftAt = standing
      ? draftInstant(plan, standing.lastDay)
      : instantAt(
          shiftWorkingDays(
            agencyList
              .map((a) => a.lastDay)
              .sort()
              .pop()!,
            1,
          ),
          plan.reminders.at,
        );
    return {
      period: first.period,
      periodLabel: first.periodLabel,
      kind: first.kind,
      dueAt,
      agencies: agencyList.map(toObligation),
      standing: standing ? toObligation(standing) : null,
      draftAt,
      autoApprove: plan.consolidation.autoApprove,
      opensAt: instantAt(addDays(firstReminder.slice(0, 10), -1), '00:00'),
    };
  });
}

const after = (c: CycleSpec, cursor: { dueAt: string; period: string } | null) => !cursor || c.dueAt > cursor.dueAt || (c.dueAt === cursor.dueAt && c.period > cursor.period);

/**
 * The first cycle after `cursor` that is not already due by `notBefore`; null when none is left.
 * A period of year Y is due in Y or later (an annual report "trước ngày 15/1" in Y + 1), never earlier, so the
 * search starts with the year before and stops once a year begins after the best due date found.
 */
export function nextCycleAfter(plan: Plan, cursor: { dueAt: string; period: string } | null, notBefore: string): CycleSpec | null {
  const fromYear = Math.max(Number((cursor?.dueAt ?? notBefore).slice(0, 4)) - 1, Number(planStart(plan).slice(0, 4)));
  const lastYear = plan.document.horizon.to + YEARS_PAST_HORIZON;
  let best: CycleSpec | null = null;
  for (let year = fromYear; year <= lastYear; year++) {
    if (best && year > Number(best.dueAt.slice(0, 4))) break;
    for (const c of cyclesOfYear(plan, year)) {
      if (!after(c, cursor) || Date.parse(c.dueAt) < Date.parse(notBefore)) continue;
      if (!best || c.dueAt < best.dueAt || (c.dueAt === best.dueAt && c.period < best.period)) best = c;
    }
  }
  return best;
}

export function scheduleFor(plan: Plan, statedLastDay: IsoDate): AgencySchedule {
  const r = resolveLastDay(statedLastDay, plan.reporting.nonWorkingDayPolicy);
  return { lastDay: r.lastDay, dueAt: r.dueAt, reminders: reminderInstants(r.lastDay, plan.reminders), escalations: escalationInstants(r.lastDay, plan.escalation) };
}

/** An ad-hoc request (báo cáo đột xuất): chosen agencies, the request's own last day, draft-only consolidation. */
export function adhocCycleSpec(plan: Plan, req: { agencyIds: string[]; lastDay: IsoDate; subject: string; seq: number; at: string; announce?: boolean }): CycleSpec {
  const day = dayOf(req.at);
  const s = scheduleFor(plan, req.lastDay);
  const period = `DX-${day.replace(/-/g, '')}-${req.seq}`;
  const agencies = [...new Set(req.agencyIds.map((id) => dutyHolder(plan, id, day)))];
  return {
    period,
    periodLabel: `đột xuất: ${req.subject} (hạn ${viDate(s.lastDay)})`,
    kind: 'adhoc',
    dueAt: s.dueAt,
    agencies: agencies.map((agencyId) => ({ agencyId, role: 'agency', assumed: false, ...s, reminders: s.reminders.filter((r) => Date.parse(r.at) > Date.parse(req.at)) })),
    standing: null,
    draftAt: instantAt(shiftWorkingDays(s.lastDay, 1), plan.reminders.at),
    autoApprove: false,
    opensAt: req.at,
    subject: req.subject,
    ...(req.announce === false ? { announce: false } : {}),
  };
}
