/**
 * From a deadline as a plan states it to the instant it ends.
 * - "trước ngày D" (rule `before`): the last day is D − 1; "chậm nhất ngày D" / "đến ngày D" (`by`): D.
 * - A day the month lacks (29/2 in a common year, 31/4, "ngày 31 hằng tháng" in a 30-day month): the last
 *   day is the month's last day, for both rules. Civil Code 2015 Art. 148(3): a term whose month has no
 *   corresponding day ends on that month's last day; and for "trước", nothing lies between the month's last
 *   day and a day that does not exist, so D − 1 would cut a day the text does not cut.
 * - Which year (or month) a stated day belongs to: see `periodStatedLastDay`.
 * - Civil Code 2015 Art. 148(5): a last day that is a weekly rest day or a holiday moves to the next working day
 *   (`extend`, the default); a plan may choose `advance` (previous working day) or `none`.
 * - A term ends at 24:00 of its effective last day (Art. 148(1)).
 */
import { isWorkingDay } from './holidays.js';
import { addDays, daysBetween, daysInMonth, endOfDay, isoOf, type IsoDate } from './isoDate.js';
import { shiftMonth, type Period } from './periods.js';
import { nextWorkingDay, previousWorkingDay } from './workingDays.js';

export type DeadlineRule = 'before' | 'by';
export type NonWorkingDayPolicy = 'extend' | 'advance' | 'none';

export interface StatedDeadline {
  rule: DeadlineRule;
  day: number;
  month: number;
}

/** A deadline of a plan, as the plan schema states it. */
export interface PeriodDeadline {
  period: 'month' | 'quarter' | 'H1' | '9M' | 'year' | 'review';
  rule: DeadlineRule;
  day: number;
  /** H1, 9M, year, review: the month of the stated day. */
  month?: number;
  /** month, quarter: months after the period's (last) month in which the stated day falls (default 0). */
  monthsAfter?: number;
  /** review: the year it is due. */
  year?: number;
}

export interface ResolvedDeadline {
  /** The last day the text gives (D − 1 for "trước ngày D"). */
  statedLastDay: IsoDate;
  /** After the non-working-day rule: every reminder and escalation counts from this day. */
  lastDay: IsoDate;
  /** The instant the term ends: 23:59:59 of `lastDay`, +07:00. */
  dueAt: string;
  /** True when the non-working-day rule moved the last day. */
  moved: boolean;
}

/** The last day of "trước/chậm nhất ngày D/M" read literally in `year`. */
export function statedLastDay(deadline: StatedDeadline, year: number): IsoDate {
  const length = daysInMonth(year, deadline.month);
  if (deadline.day > length) return isoOf(year, deadline.month, length);
  const d = isoOf(year, deadline.month, deadline.day);
  return deadline.rule === 'before' ? addDays(d, -1) : d;
}

/**
 * The stated last day of a deadline for one period. A report on a period is due once most of it has happened;
 * a stated day that would come earlier is the same day of the next month (month and quarter deadlines) or of
 * the next year (6-month, 9-month, annual):
 * - month and quarter: the day falls in the period's last month plus `monthsAfter`; if the last day would
 *   then come before the period's data end (Decree 09 Art. 12: the 14th), it is that day of the following
 *   month. "Ngày 5 hằng tháng" (monthsAfter 0) for March is 05/04, not 05/03 (the data run to 14/03);
 *   December's "ngày 5 tháng sau" is 05/01 of the next year.
 * - 6-month, 9-month and annual: the day falls in the period's year, unless its last day would come before
 *   the middle of the period's data, when it falls in the next year. "Trước ngày 1/1" of an annual report
 *   ends the reporting year (31/12), not the year before it, when its data have not even started;
 *   "trước ngày 15/1" is 14/01 of the next year. A day in the second half of the period, even before the
 *   Decree 09 cut-off (Sơn La: "trước ngày 10/12", cut-off 14/12), is the plan's own, earlier deadline for that
 *   same period: Decree 09 Art. 12 sets the cut-off only where the regime itself says nothing.
 * - review: the stated day in its stated year, as written.
 */
export function periodStatedLastDay(d: PeriodDeadline, period: Period): IsoDate {
  if (d.period === 'month' || d.period === 'quarter') {
    let t = shiftMonth(period.lastMonth.year, period.lastMonth.month, d.monthsAfter ?? 0);
    for (;;) {
      const last = statedLastDay({ rule: d.rule, day: d.day, month: t.month }, t.year);
      if (last >= period.data.to) return last;
      t = shiftMonth(t.year, t.month, 1);
    }
  }
  const month = d.month;
  if (month === undefined) throw new Error(`a ${d.period} deadline needs the month of its day`);
  if (d.period === 'review') return statedLastDay({ rule: d.rule, day: d.day, month }, d.year ?? period.year);
  const middle = addDays(period.data.from, Math.floor(daysBetween(period.data.from, period.data.to) / 2));
  const inYear = statedLastDay({ rule: d.rule, day: d.day, month }, period.year);
  return inYear < middle ? statedLastDay({ rule: d.rule, day: d.day, month }, period.year + 1) : inYear;
}

export function effectiveLastDay(day: IsoDate, policy: NonWorkingDayPolicy): IsoDate {
  if (policy === 'none' || isWorkingDay(day)) return day;
  return policy === 'extend' ? nextWorkingDay(day) : previousWorkingDay(day);
}

/** "trước/chậm nhất ngày D/M" read literally in `year`, with the non-working-day rule. */
export function resolveDeadline(deadline: StatedDeadline, year: number, policy: NonWorkingDayPolicy): ResolvedDeadline {
  return resolveLastDay(statedLastDay(deadline, year), policy);
}

/** A plan's deadline for one period, with the non-working-day rule. */
export function resolvePeriodDeadline(deadline: PeriodDeadline, period: Period, policy: NonWorkingDayPolicy): ResolvedDeadline {
  return resolveLastDay(periodStatedLastDay(deadline, period), policy);
}

export function resolveLastDay(stated: IsoDate, policy: NonWorkingDayPolicy): ResolvedDeadline {
  const lastDay = effectiveLastDay(stated, policy);
  return { statedLastDay: stated, lastDay, dueAt: endOfDay(lastDay), moved: lastDay !== stated };
}
