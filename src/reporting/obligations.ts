/**
 * What is owed, by whom and when: a plan's obligations expanded for a year into one instance per
 * agency and period, with the effective last day, reminders and escalation instants.
 * This is what `dondoc calendar` prints and what the workflows are scheduled from.
 */
import { resolvePeriodDeadline, type ResolvedDeadline } from '../calendar/deadlines.js';
import { addDays, instantAt, type IsoDate } from '../calendar/isoDate.js';
import { annualPeriod, monthlyPeriod, nineMonthPeriod, quarterlyPeriod, reviewPeriod, semiannualPeriod, type Period, type PeriodKind } from '../calendar/periods.js';
import { escalationInstants, reminderInstants, type EscalationInstant, type ReminderInstant } from '../calendar/schedule.js';
import { shiftWorkingDays } from '../calendar/workingDays.js';
import { holderOf } from '../directory/resolve.js';
import { reportersOf } from '../plan/normalise.js';
import type { Deadline, Obligation, Plan } from '../plan/schema.js';

export interface ObligationInstance {
  planId: string;
  obligationId: string;
  /** `agency`: reports to the standing agency; `standing`: the standing agency's consolidated report. */
  role: 'agency' | 'standing';
  agencyId: string;
  agencyName: string;
  /** Plan agencies this agency answers for after a merger or rename (empty when none). */
  answersFor: { id: string; name: string }[];
  period: string;
  periodLabel: string;
  kind: PeriodKind;
  statedText: string | null;
  statedLastDay: IsoDate;
  lastDay: IsoDate;
  dueAt: string;
  assumed: boolean;
  assumptionNote: string | null;
  to: string[];
  dataPeriod: { from: IsoDate; to: IsoDate };
  reminders: ReminderInstant[];
  escalations: EscalationInstant[];
}

/** Periods whose stated last day comes less than this many days after the plan is issued are not owed. */
export const MIN_DAYS_AFTER_ISSUE = 30;

export function planStart(plan: Plan): IsoDate {
  return plan.document.issuedOn ?? `${plan.document.horizon.from}-01-01`;
}

/** The agency that carries `agencyId`'s duties on `day`: the successor rule of src/directory/resolve.ts. */
export function dutyHolder(plan: Plan, agencyId: string, day: IsoDate): string {
  return holderOf(plan, agencyId, day);
}

/** The periods of `year` a deadline asks for: 12 months, 4 quarters, one 6-month, 9-month or annual period, or its review. */
function periodsOf(plan: Plan, d: Deadline, year: number): Period[] {
  const cutOff = d.dataCutOffDay;
  switch (d.period) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => monthlyPeriod(year, i + 1, cutOff));
    case 'quarter':
      return [1, 2, 3, 4].map((q) => quarterlyPeriod(year, q, cutOff));
    case 'H1':
      return [semiannualPeriod(year, cutOff)];
    case '9M':
      return [nineMonthPeriod(year, cutOff)];
    case 'year':
      return [annualPeriod(year, cutOff)];
    case 'review':
      return d.year === year ? [reviewPeriod(year, d.reviewKind ?? 'preliminary', d.label, planStart(plan), cutOff)] : [];
  }
}

function yearRange(plan: Plan, o: Obligation): [number, number] {
  const first = o.firstYear ?? Number(planStart(plan).slice(0, 4));
  const last = o.lastYear ?? plan.document.horizon.to;
  return [first, last];
}

/** One instance per agency bound by a deadline for one period. */
function instancesOf(plan: Plan, o: Obligation, d: Deadline, period: Period, resolved: ResolvedDeadline): ObligationInstance[] {
  const name = (id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  const standing = dutyHolder(plan, plan.standingAgency, resolved.statedLastDay);
  // One schedule per deadline, shared by every agency bound by it.
  const reminders = reminderInstants(resolved.lastDay, plan.reminders);
  const escalations = escalationInstants(resolved.lastDay, plan.escalation);
  const reporters = o.kind === 'consolidated-report' && o.reporters === 'assigned' ? [plan.standingAgency] : reportersOf(plan, o);
  // After mergers several plan agencies may answer through one successor: one report each holder.
  const holders = new Map<string, string[]>();
  for (const r of reporters) {
    const h = dutyHolder(plan, r, resolved.statedLastDay);
    if (o.kind === 'agency-report' && h === standing) continue;
    holders.set(h, [...(holders.get(h) ?? []), r]);
  }
  return [...holders].map(([agencyId, from]) => ({
    planId: plan.id,
    obligationId: o.id,
    role: o.kind === 'consolidated-report' ? 'standing' : 'agency',
    agencyId,
    agencyName: name(agencyId),
    answersFor: from.filter((f) => f !== agencyId).map((f) => ({ id: f, name: name(f) })),
    period: period.id,
    periodLabel: period.label,
    kind: period.kind,
    statedText: o.statedText,
    statedLastDay: resolved.statedLastDay,
    lastDay: resolved.lastDay,
    dueAt: resolved.dueAt,
    assumed: o.assumed || d.assumed,
    assumptionNote: o.assumptionNote ?? null,
    to: o.to.map((t) => dutyHolder(plan, t, resolved.statedLastDay)),
    dataPeriod: period.data,
    reminders,
    escalations,
  }));
}

/**
 * Obligation instances of the periods of `year` (a review: of the year it is due), ordered by last day, role,
 * then plan order. A period's deadline may fall in the next year (an annual report "trước ngày 15/1", a
 * December monthly report "ngày 5 tháng sau"): it is still listed under the period's year.
 * `firstYear` and `lastYear` of an obligation bound the periods' years.
 */
export function obligationsOfYear(plan: Plan, year: number): ObligationInstance[] {
  const out: ObligationInstance[] = [];
  const earliest = addDays(planStart(plan), MIN_DAYS_AFTER_ISSUE);

  for (const o of plan.reporting.obligations) {
    const [first, last] = yearRange(plan, o);
    for (const d of o.deadlines) {
      const due = d.period === 'review' ? d.year : year;
      if (due === undefined || year < first || (d.period !== 'review' && year > last)) continue;
      for (const period of periodsOf(plan, d, year)) {
        const resolved = resolvePeriodDeadline(d, period, plan.reporting.nonWorkingDayPolicy);
        if (resolved.statedLastDay >= earliest) out.push(...instancesOf(plan, o, d, period, resolved));
      }
    }
  }
  return out.sort((a, b) => a.lastDay.localeCompare(b.lastDay) || (a.role === b.role ? 0 : a.role === 'agency' ? -1 : 1));
}

/** When the draft consolidated report is built if not every agency has reported earlier. */
export function draftInstant(plan: Plan, standingLastDay: IsoDate): string {
  const day = shiftWorkingDays(standingLastDay, -plan.consolidation.draftWorkingDaysBeforeDue);
  return instantAt(day, plan.reminders.at);
}
