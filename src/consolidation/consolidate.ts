/**
 * The consolidated report's data: one well-typed model that every renderer (email HTML/text now,
 * DOCX/XLSX later) reads. Pure: plan, cycle, latest submissions and statuses in; the report out.
 */
import { workingDaysBetween } from '../calendar/workingDays.js';
import { dayOf } from '../calendar/isoDate.js';
import { EVER, holderTasks, predecessorsOf, standingOn } from '../directory/resolve.js';
import type { Plan, Target } from '../plan/schema.js';
import { dutyHolder } from '../reporting/obligations.js';
import type { AgencyStatus, CycleSpec, SubmissionRecord, TaskStatus } from '../reporting/types.js';

export type Timeliness = 'on-time' | 'late' | 'missing' | 'exempted';
export type TargetStatus = 'met' | 'in-progress' | 'behind' | 'no-data';

export interface ConsolidatedReport {
  planId: string;
  documentRef: { number: string | null; title: string; issuer: string; issuedOn: string | null };
  period: string;
  periodLabel: string;
  mode: 'draft' | 'final';
  generatedAt: string;
  standingAgency: { id: string; name: string };
  dispatch: { agencies: number; tasks: number; targets: number };
  /** Absent in reports stored before ad-hoc reports were told apart; the period id says it then (DX-…). */
  kind?: 'periodic' | 'adhoc';
  tasks: {
    id: string;
    /** "V.5", or the id when the plan numbers no sections. */
    section: string;
    /** How the report names the task: its heading, or the opening words of its text. */
    caption: string;
    text: string;
    /** Lead agencies as of the report's day: a successor named with the agency it replaces. */
    lead: string[];
    cooperating: string[];
    reports: { agencyId: string; agencyName: string; role: 'lead' | 'cooperating'; status: TaskStatus; progress: number | null; result: string }[];
  }[];
  targets: {
    id: string;
    label: string;
    comparison: Target['comparison'];
    value: number;
    unit: string;
    year: number;
    reported: { agencyId: string; agencyName: string; value: number; note: string | null }[];
    /** The value taken for the province: from the first reporting agency in plan order. */
    value_reported: number | null;
    status: TargetStatus;
  }[];
  difficulties: { agencyId: string; agencyName: string; text: string }[];
  recommendations: { agencyId: string; agencyName: string; text: string }[];
  narratives: { agencyId: string; agencyName: string; text: string }[];
  completeness: {
    rows: {
      agencyId: string;
      agencyName: string;
      formerNames: string[];
      timeliness: Timeliness;
      lastDay: string;
      submittedAt: string | null;
      workingDaysLate: number;
      revisions: number;
      exemptionReason: string | null;
    }[];
    totals: { obliged: number; onTime: number; late: number; missing: number; exempted: number; completenessRate: number; timelinessRate: number };
  };
  assumptions: string[];
}

export function satisfies(value: number, comparison: Target['comparison'], target: number): boolean {
  switch (comparison) {
    case '>=':
      return value >= target;
    case '<=':
      return value <= target;
    case '>':
      return value > target;
    case '<':
      return value < target;
    case '=':
      return value === target;
  }
}

export function targetStatus(value: number | null, target: Target, periodYear: number): TargetStatus {
  if (value === null) return 'no-data';
  if (satisfies(value, target.comparison, target.value)) return 'met';
  return periodYear < target.year ? 'in-progress' : 'behind';
}

const pct = (n: number, d: number) => (d === 0 ? 0 : Math.round((1000 * n) / d) / 10);

export function consolidate(input: {
  plan: Plan;
  cycle: CycleSpec;
  submissions: Record<string, SubmissionRecord>;
  statuses: Record<string, AgencyStatus>;
  mode: 'draft' | 'final';
  at: string;
}): ConsolidatedReport {
  const { plan, cycle, submissions, statuses, mode, at } = input;
  const name = (id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  const day = dayOf(at);
  // "Sở Khoa học và Công nghệ (thay cho Sở Thông tin và Truyền thông)": who answers for it now.
  // One name per agency answering now, however many of the listed agencies it stands for.
  const current = (ids: string[]) => {
    const byHolder = new Map<string, string[]>();
    for (const id of ids) {
      const holder = dutyHolder(plan, id, day);
      byHolder.set(holder, [...(byHolder.get(holder) ?? []), ...(holder === id ? [] : [name(id)])]);
    }
    return [...byHolder].map(([holder, former]) => (former.length ? `${name(holder)} (thay cho ${former.join(', ')})` : name(holder)));
  };
  const order = cycle.agencies.map((a) => a.agencyId);
  const periodYear = Number(cycle.period.slice(0, 4)) || Number(dayOf(at).slice(0, 4));

  const rows = cycle.agencies.map((a) => {
    const st = statuses[a.agencyId];
    const sub = submissions[a.agencyId];
    const lastDay = st?.lastDay ?? a.lastDay;
    const timeliness: Timeliness = st?.state === 'exempted' ? 'exempted' : !sub ? 'missing' : sub.late ? 'late' : 'on-time';
    const firstAt = st?.submittedAt ?? sub?.submittedAt ?? null;
    return {
      agencyId: a.agencyId,
      agencyName: name(a.agencyId),
      formerNames: predecessorsOf(plan, a.agencyId, lastDay).map((x) => x.name),
      timeliness,
      lastDay,
      submittedAt: firstAt,
      workingDaysLate: firstAt && timeliness === 'late' ? workingDaysBetween(lastDay, dayOf(firstAt)) : 0,
      revisions: st?.revisions ?? (sub ? sub.revision : 0),
      exemptionReason: st?.exemption?.reason ?? null,
    };
  });
  const count = (t: Timeliness) => rows.filter((r) => r.timeliness === t).length;
  const obliged = rows.length - count('exempted');

  const taskIdsInCycle = new Set(order.flatMap((id) => holderTasks(plan, id, EVER).map((t) => t.task.id)));
  const tasks = plan.tasks
    .filter((t) => taskIdsInCycle.has(t.id) || cycle.kind !== 'adhoc')
    .map((t) => ({
      id: t.id,
      section: t.section ?? t.id,
      caption: taskCaption(t),
      text: t.text,
      lead: current(t.lead),
      cooperating: current(t.cooperating),
      reports: order.flatMap((agencyId) => {
        const r = submissions[agencyId]?.payload.tasks.find((x) => x.taskId === t.id);
        if (!r) return [];
        // A successor reports on its predecessors' tasks in their role.
        const role = holderTasks(plan, agencyId, EVER).find((h) => h.task.id === t.id)?.role ?? ('cooperating' as const);
        return [{ agencyId, agencyName: name(agencyId), role, status: r.status, progress: r.progress ?? null, result: r.result }];
      }),
    }));

  const targets = plan.targets.map((t) => {
    const reported = order.flatMap((agencyId) => {
      const v = submissions[agencyId]?.payload.targets.find((x) => x.targetId === t.id);
      return v ? [{ agencyId, agencyName: name(agencyId), value: v.value, note: v.note ?? null }] : [];
    });
    const preferred = reported.find((r) => t.reportedBy.includes(r.agencyId)) ?? reported[0];
    const value = preferred?.value ?? null;
    return {
      id: t.id,
      label: t.label,
      comparison: t.comparison,
      value: t.value,
      unit: t.unit,
      year: t.year,
      reported,
      value_reported: value,
      status: targetStatus(value, t, periodYear),
    };
  });

  const quoted = (field: 'difficulties' | 'recommendations' | 'narrative') =>
    order.flatMap((agencyId) => {
      const text = submissions[agencyId]?.payload[field]?.trim();
      return text ? [{ agencyId, agencyName: name(agencyId), text }] : [];
    });

  const standing = cycle.standing?.agencyId ?? standingOn(plan, day);
  return {
    planId: plan.id,
    documentRef: { number: plan.document.number, title: plan.document.title, issuer: plan.document.issuer, issuedOn: plan.document.issuedOn },
    period: cycle.period,
    periodLabel: cycle.periodLabel,
    mode,
    generatedAt: at,
    kind: cycle.kind === 'adhoc' ? 'adhoc' : 'periodic',
    // An ad-hoc cycle has no standing obligation: the report is issued by whoever holds the role that day
    // (Sở Nội vụ, not the Sở LĐTBXH the plan names, after 01/03/2025).
    standingAgency: { id: standing, name: name(standing) },
    dispatch: { agencies: cycle.agencies.length, tasks: plan.tasks.length, targets: plan.targets.length },
    tasks,
    targets,
    difficulties: quoted('difficulties'),
    recommendations: quoted('recommendations'),
    narratives: quoted('narrative'),
    completeness: {
      rows,
      totals: {
        obliged,
        onTime: count('on-time'),
        late: count('late'),
        missing: count('missing'),
        exempted: count('exempted'),
        completenessRate: pct(count('on-time') + count('late'), obliged),
        timelinessRate: pct(count('on-time'), obliged),
      },
    },
    assumptions: plan.reporting.obligations.filter((o) => o.assumed && o.assumptionNote).map((o) => o.assumptionNote!),
  };
}

const CAPTION_WORDS = 18;

/**
 * The task's heading when the plan has one; else its text up to the first full stop or semicolon, cut at
 * CAPTION_WORDS words. The report quotes what was done, not the whole assignment again.
 */
export function taskCaption(t: Pick<Plan['tasks'][number], 'title' | 'text'>): string {
  if (t.title?.trim()) return t.title.trim();
  const first = t.text
    .replace(/^[-–•+]\s*/u, '')
    .split(/\n|[.;:](?=\s|$)/u)[0]!
    .trim();
  const words = first.split(/\s+/u);
  if (words.length <= CAPTION_WORDS) return first;
  // Cut after the last comma of the kept words when it is in their last third: a whole phrase, not a stub.
  const kept = words.slice(0, CAPTION_WORDS);
  const comma = kept.findLastIndex((w, i) => i >= (2 * CAPTION_WORDS) / 3 && w.endsWith(','));
  return `${(comma >= 0 ? kept.slice(0, comma + 1) : kept).join(' ').replace(/,$/u, '')}…`;
}
