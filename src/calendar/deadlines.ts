/**
 * From a deadline as a plan states it to the instant it ends.
 * - "trước ngày D" (rule `before`): the last day is D − 1; "chậm nhất ngày D" / "đến ngày D" (`by`): D.
 * - Civil Code 2015 Art. 148: a last day that is not a working day moves to the next working day
 *   (`extend`, the default); a plan may choose `advance` (previous working day) or `none`.
 * - A term ends at 24:00 of its effective last day.
 */
import { isWorkingDay } from './holidays.js';
import { addDays, endOfDay, isoOf, type IsoDate } from './isoDate.js';
import { nextWorkingDay, previousWorkingDay } from './workingDays.js';

export type DeadlineRule = 'before' | 'by';
export type NonWorkingDayPolicy = 'extend' | 'advance' | 'none';

export interface StatedDeadline {
  rule: DeadlineRule;
  day: number;
  month: number;
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

export function statedLastDay(deadline: StatedDeadline, year: number): IsoDate {
  // 29/2 in a common year: the day does not exist, so the term is the last day of February.
  const day = deadline.month === 2 && deadline.day === 29 && !isLeapYear(year) ? 28 : deadline.day;
  const d = isoOf(year, deadline.month, day);
  return deadline.rule === 'before' ? addDays(d, -1) : d;
}

export function effectiveLastDay(day: IsoDate, policy: NonWorkingDayPolicy): IsoDate {
  if (policy === 'none' || isWorkingDay(day)) return day;
  return policy === 'extend' ? nextWorkingDay(day) : previousWorkingDay(day);
}

export function resolveDeadline(deadline: StatedDeadline, year: number, policy: NonWorkingDayPolicy): ResolvedDeadline {
  return resolveLastDay(statedLastDay(deadline, year), policy);
}

export function resolveLastDay(stated: IsoDate, policy: NonWorkingDayPolicy): ResolvedDeadline {
  const lastDay = effectiveLastDay(stated, policy);
  return { statedLastDay: stated, lastDay, dueAt: endOfDay(lastDay), moved: lastDay !== stated };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
