/**
 * When a plan is over: after the end of its horizon and after the last day of the last report it asks
 * for (a year's report may fall due early in the next year). An ended plan is not dispatched: telling
 * agencies in 12/2026 to carry out a plan for 2023–2025 is noise, and a registered old plan is history.
 */
import type { IsoDate } from '../calendar/isoDate.js';
import type { Plan } from '../plan/schema.js';
import { obligationsOfYear } from './obligations.js';

export function planEndDay(plan: Plan): IsoDate {
  const { to } = plan.document.horizon;
  // The last year anything is owed: the horizon's, an obligation's own last year, or a review's year.
  const last = Math.max(to, ...plan.reporting.obligations.flatMap((o) => [o.lastYear ?? to, ...o.deadlines.map((d) => (d.period === 'review' ? (d.year ?? to) : to))]));
  let end: IsoDate = `${to}-12-31`;
  // A year's report may fall due in the next year: both are expanded, nothing earlier can end later.
  for (const year of [last, last + 1]) for (const o of obligationsOfYear(plan, year)) if (o.lastDay > end) end = o.lastDay;
  return end;
}

export const planEnded = (plan: Plan, today: IsoDate): boolean => today > planEndDay(plan);
