/**
 * Reminder and escalation instants, counted in working days from the effective last day.
 * Defaults (the brief): reminders at 08:00 on the 7th, 3rd and 1st working day before and on the day
 * itself; escalation at 08:00 on the 1st (overdue notice), 3rd (director) and 5th (leader's digest)
 * working day after.
 */
import { instantAt, type IsoDate } from './isoDate.js';
import { shiftWorkingDays } from './workingDays.js';

export type EscalationLevel = 'overdue' | 'director' | 'leader-digest';

export interface ReminderPolicy {
  workingDaysBefore: readonly number[];
  at: string;
}

export interface EscalationPolicy {
  at: string;
  steps: readonly { workingDaysAfter: number; level: EscalationLevel }[];
}

export interface ReminderInstant {
  workingDaysBefore: number;
  at: string;
}

export interface EscalationInstant {
  level: EscalationLevel;
  workingDaysAfter: number;
  at: string;
}

/** Reminder instants in time order (the earliest first), duplicates removed. */
export function reminderInstants(lastDay: IsoDate, policy: ReminderPolicy): ReminderInstant[] {
  const steps = [...new Set(policy.workingDaysBefore)].sort((a, b) => b - a);
  return steps.map((n) => ({ workingDaysBefore: n, at: instantAt(shiftWorkingDays(lastDay, -n), policy.at) }));
}

export function escalationInstants(lastDay: IsoDate, policy: EscalationPolicy): EscalationInstant[] {
  return [...policy.steps]
    .sort((a, b) => a.workingDaysAfter - b.workingDaysAfter)
    .map((s) => ({ level: s.level, workingDaysAfter: s.workingDaysAfter, at: instantAt(shiftWorkingDays(lastDay, s.workingDaysAfter), policy.at) }));
}
