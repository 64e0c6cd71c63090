/**
 * The consolidated report's data: one well-typed model that every renderer (email HTML/text now,
 * DOCX/XLSX later) reads. Pure: plan, cycle, latest submissions and statuses in; the report out.
 */
import { workingDaysBetween } from '../calendar/workingDays.js';
import { dayOf } from '../calendar/isoDate.js';
import { EVER, holderTasks, predecessorsOf, standingOn } from '../directory/resolve.js';
import type { Plan, Target } from '../plan/schema.js';
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
  tasks: {
    id: string;
    text: string;
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
    rows: { agencyId: string; agencyName: string; formerNames: string[]; timeliness: Timeliness; lastDay: string; submittedAt: string | null; workingDaysLate: number; revisions: number; exemptionReason: string | null }[];
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
  const order = cycle.agencies.map((a) => a.agencyId);
  const periodYear = Number(cycle.period.slice(0, 4)) || Number(dayOf(at).slice(0, 4));

  const rows = cycle.agencies.map((a) => {
    const st = statuses[a.agencyId];
    const sub = submissions[a.agencyId];
    const lastDay = st?.lastDay ?? a.lastDay;
    const timeliness: Timeliness =
      st?.state === 'exempted' ? 'exempted' : !sub ? 'missing' : sub.late ? 'late' : 'on-time';
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
      text: t.text,
      lead: t.lead.map(name),
      cooperating: t.cooperating.map(name),
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
    return { id: t.id, label: t.label, comparison: t.comparison, value: t.value, unit: t.unit, year: t.year, reported, value_reported: value, status: targetStatus(value, t, periodYear) };
  });

  const quoted = (field: 'difficulties' | 'recommendations' | 'narrative') =>
    order.flatMap((agencyId) => {
      const text = submissions[agencyId]?.payload[field]?.trim();
      return text ? [{ agencyId, agencyName: name(agencyId), text }] : [];
    });

  return {
    planId: plan.id,
    documentRef: { number: plan.document.number, title: plan.document.title, issuer: plan.document.issuer, issuedOn: plan.document.issuedOn },
    period: cycle.period,
    periodLabel: cycle.periodLabel,
    mode,
    generatedAt: at,
    // An ad-hoc cycle has no standing row: its report is issued by whoever stands for the plan that day.
    standingAgency: { id: cycle.standing?.agencyId ?? standingOn(plan, dayOf(at)), name: name(cycle.standing?.agencyId ?? standingOn(plan, dayOf(at))) },
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
