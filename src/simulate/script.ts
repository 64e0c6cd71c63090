/**
 * Who submits when in a simulation (`--submit agencyId=ontime|late:<n>|never`). Agencies not named
 * submit on time: at 10:00 on the working day after their first reminder.
 */
import { instantAt } from '../calendar/isoDate.js';
import { shiftWorkingDays } from '../calendar/workingDays.js';
import type { CycleSpec } from '../reporting/types.js';

/** `empty`: "Gửi báo cáo" with nothing filled in, on time; the workflow must refuse it. */
export type SubmitBehaviour = { kind: 'ontime' } | { kind: 'late'; workingDays: number } | { kind: 'never' } | { kind: 'empty' };

export function parseSubmitOption(spec: string): [string, SubmitBehaviour] {
  const m = /^([a-z0-9.-]+)=(ontime|never|empty|late:(\d+))$/.exec(spec.trim());
  if (!m) throw new Error(`--submit "${spec}": expected <agencyId>=ontime|late:<n>|never|empty`);
  const behaviour: SubmitBehaviour =
    m[2] === 'ontime' ? { kind: 'ontime' } : m[2] === 'never' ? { kind: 'never' } : m[2] === 'empty' ? { kind: 'empty' } : { kind: 'late', workingDays: Number(m[3]) };
  if (behaviour.kind === 'late' && behaviour.workingDays < 1) throw new Error(`--submit "${spec}": late by at least 1 working day`);
  return [m[1]!, behaviour];
}

/** The instant an agency submits in a cycle under its behaviour; null for never. */
export function submissionInstant(cycle: CycleSpec, agencyId: string, behaviour: SubmitBehaviour): string | null {
  const a = cycle.agencies.find((x) => x.agencyId === agencyId);
  if (!a || behaviour.kind === 'never') return null;
  if (behaviour.kind === 'late') return instantAt(shiftWorkingDays(a.lastDay, behaviour.workingDays), '10:00');
  const first = a.reminders[0];
  const day = first ? shiftWorkingDays(first.at.slice(0, 10), 1) : a.lastDay;
  return instantAt(day <= a.lastDay ? day : a.lastDay, '10:00');
}
