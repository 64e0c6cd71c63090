/**
 * The leader's day (issue 15.4): who is in charge of a plan on a day, when the digest goes out, and what
 * it says. Pure functions over the plan, the working-day calendar and the items the leader's workflow
 * keeps; the activity reads the plans, these decide.
 */
import { addDays, dayOf, instantAt, type IsoDate } from '../calendar/isoDate.js';
import { isWorkingDay } from '../calendar/holidays.js';
import { workingDaysBetween } from '../calendar/workingDays.js';
import type { Plan } from '../plan/schema.js';
import type { DigestRepeat, LeaderItem } from './leaderItems.js';

export type Person = Plan['leadership'][number];

/**
 * The leadership person in charge of a plan's escalations on `day`: the latest `leaderChanges` entry
 * from that day or before, else `escalation.leaderId`, else the first person listed.
 */
export function leaderInCharge(plan: Plan, day: IsoDate): Person {
  const change = (plan.escalation.leaderChanges ?? [])
    .filter((c) => c.from <= day)
    .sort((a, b) => a.from.localeCompare(b.from))
    .at(-1);
  const id = change?.leaderId ?? plan.escalation.leaderId;
  return plan.leadership.find((l) => l.id === id) ?? plan.leadership[0]!;
}

/** Everyone who is or was in charge of the plan: where a resolution must be told, whoever holds the item. */
export function leadersEver(plan: Plan): Person[] {
  const ids = [plan.escalation.leaderId ?? plan.leadership[0]!.id, ...(plan.escalation.leaderChanges ?? []).map((c) => c.leaderId)];
  return [...new Set(ids)].map((id) => plan.leadership.find((l) => l.id === id)!).filter(Boolean);
}

/** A leader is one mailbox: two plans naming the same address reach the same person, in one digest. */
export const leaderKey = (email: string) => email.trim().toLowerCase();

export interface DigestTiming {
  /** Clock time of the digest on working days, HH:MM (default 08:00). */
  hour: string;
  /** No digest between `from` and `to` (HH:MM, may wrap midnight; default 18:00–07:00). */
  quiet: { from: string; to: string } | null;
  repeat: DigestRepeat;
}

export const DEFAULT_DIGEST_TIMING: DigestTiming = { hour: '08:00', quiet: { from: '18:00', to: '07:00' }, repeat: 'news' };

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether a clock time (HH:MM) falls in the quiet hours (from inclusive, to exclusive; wraps midnight). */
export function inQuietHours(hhmm: string, quiet: DigestTiming['quiet']): boolean {
  if (!quiet) return false;
  const t = minutes(hhmm);
  const [f, u] = [minutes(quiet.from), minutes(quiet.to)];
  return f <= u ? t >= f && t < u : t >= f || t < u;
}

/** A timing that cannot send anything (the digest hour inside the quiet hours): the reason, in Vietnamese. */
export function timingProblem(t: DigestTiming): string | null {
  return inQuietHours(t.hour, t.quiet) ? `giờ gửi ${t.hour} nằm trong giờ yên lặng ${t.quiet!.from}–${t.quiet!.to} / the digest hour falls in the quiet hours` : null;
}

export interface DigestSlot {
  /** The working day of the digest. */
  day: IsoDate;
  /** When it goes out. */
  at: string;
  /**
   * The last moment it may still go out that day: the start of the quiet hours after the digest hour
   * (or the end of the day). A workflow that wakes later (a worker down all day) skips to the next slot;
   * what it would have listed stays for it.
   */
  notAfter: string;
}

/** The first digest strictly after `after`: the digest hour of a working day. */
export function nextDigestSlot(after: string, t: DigestTiming = DEFAULT_DIGEST_TIMING): DigestSlot {
  for (let day = dayOf(after); ; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    const at = instantAt(day, t.hour);
    if (Date.parse(at) <= Date.parse(after)) continue;
    const quietFrom = t.quiet && minutes(t.quiet.from) > minutes(t.hour) ? instantAt(day, t.quiet.from) : `${day}T23:59:59+07:00`;
    return { day, at, notAfter: quietFrom };
  }
}

export interface DigestRow {
  agencyId: string;
  agencyName: string;
  period: string;
  periodLabel: string;
  lastDay: IsoDate;
  workingDaysLate: number;
  /** The day it reached the leader step. */
  since: IsoDate;
  /** First time in this leader's digest. */
  isNew: boolean;
  /** The agency's page in the period. */
  link: string;
  /** How the agency was told ("đã nhắc 3 lần: 04/06 (đã nhận), …"), from the delivery log; absent when none is kept. */
  proof?: string;
}

export interface DigestSection {
  planId: string;
  documentRef: string;
  title: string;
  /** The plan's period × agency grid. */
  gridLink: string;
  rows: DigestRow[];
}

export interface LeaderDigest {
  day: IsoDate;
  greeting: string;
  sections: DigestSection[];
  total: number;
  newCount: number;
}

export interface DigestPlanInfo {
  plan: Plan;
  documentRef: string;
  /** The agency's name on the day (after successions), from the activity's directory-aware resolution. */
  nameOf(agencyId: string): string;
}

/**
 * One digest across plans and periods: grouped by plan, the most overdue agency first in each group and
 * the group with the most overdue agency first; ties by last day, then name. The greeting names the
 * person (or their roles) in charge of those plans that day.
 */
export function buildLeaderDigest(input: {
  day: IsoDate;
  leader: Person[];
  items: readonly LeaderItem[];
  plans: ReadonlyMap<string, DigestPlanInfo>;
  links: { plan(planId: string): string; agency(planId: string, period: string, agencyId: string): string };
  /** The proof of notice of an agency in a period (`proofLine`), keyed `planId/period/agencyId`. */
  proofs?: ReadonlyMap<string, string>;
}): LeaderDigest {
  const byPlan = new Map<string, DigestRow[]>();
  for (const i of input.items) {
    const info = input.plans.get(i.planId);
    if (!info) throw new Error(`digest: plan ${i.planId} not loaded`);
    const rows = byPlan.get(i.planId) ?? [];
    rows.push({
      agencyId: i.agencyId,
      agencyName: info.nameOf(i.agencyId),
      period: i.period,
      periodLabel: i.periodLabel,
      lastDay: i.lastDay,
      workingDaysLate: workingDaysBetween(i.lastDay, input.day),
      since: dayOf(i.since),
      isNew: !i.listed,
      link: input.links.agency(i.planId, i.period, i.agencyId),
      ...(input.proofs?.has(`${i.planId}/${i.period}/${i.agencyId}`) ? { proof: input.proofs.get(`${i.planId}/${i.period}/${i.agencyId}`)! } : {}),
    });
    byPlan.set(i.planId, rows);
  }
  const order = (a: DigestRow, b: DigestRow) => b.workingDaysLate - a.workingDaysLate || a.lastDay.localeCompare(b.lastDay) || a.agencyName.localeCompare(b.agencyName, 'vi');
  const sections = [...byPlan].map(([planId, rows]) => {
    const info = input.plans.get(planId)!;
    return { planId, documentRef: info.documentRef, title: info.plan.document.title, gridLink: input.links.plan(planId), rows: rows.sort(order) };
  });
  sections.sort((a, b) => order(a.rows[0]!, b.rows[0]!) || a.documentRef.localeCompare(b.documentRef, 'vi'));
  const names = [...new Set(input.leader.map((l) => l.name ?? l.role))];
  return {
    day: input.day,
    greeting: names.join('; '),
    sections,
    total: input.items.length,
    newCount: input.items.filter((i) => !i.listed).length,
  };
}
