/**
 * Derived views of a validated plan that every consumer needs the same way: who is obliged to report,
 * which tasks belong to which agency, who succeeds whom on a given day.
 */
import type { Agency, Obligation, Plan, Task } from './schema.js';

/** The agencies an obligation binds, in plan order. "assigned" = every agency with a task, but the standing agency. */
export function reportersOf(plan: Plan, obligation: Obligation): string[] {
  if (obligation.reporters !== 'assigned') return [...obligation.reporters];
  const assigned = new Set(plan.tasks.flatMap((t) => [...t.lead, ...t.cooperating]));
  return plan.agencies.filter((a) => a.id !== plan.standingAgency && assigned.has(a.id)).map((a) => a.id);
}

export function agencyById(plan: Plan, id: string): Agency {
  const agency = plan.agencies.find((a) => a.id === id);
  if (!agency) throw new Error(`plan ${plan.id}: unknown agency "${id}"`);
  return agency;
}

export interface AgencyTask {
  task: Task;
  role: 'lead' | 'cooperating';
}

/** The tasks an agency leads or cooperates on: what its dispatch and reminder emails list. */
export function tasksOf(plan: Plan, agencyId: string): AgencyTask[] {
  return plan.tasks.flatMap((task): AgencyTask[] =>
    task.lead.includes(agencyId) ? [{ task, role: 'lead' }] : task.cooperating.includes(agencyId) ? [{ task, role: 'cooperating' }] : [],
  );
}

/** Agencies that receive the plan at dispatch: everyone with a task or a reporting obligation. */
export function dispatchedAgencies(plan: Plan): string[] {
  const ids = new Set<string>();
  for (const t of plan.tasks) for (const a of [...t.lead, ...t.cooperating]) ids.add(a);
  for (const o of plan.reporting.obligations) for (const a of reportersOf(plan, o)) ids.add(a);
  return plan.agencies.filter((a) => ids.has(a.id)).map((a) => a.id);
}

/**
 * The agency that answers for `agencyId` on `isoDay`, following successions (a merger chain such as
 * Sở LĐTBXH → Sở Nội vụ). A split returns every successor. Cycles in the data stop the walk.
 */
export function actingAgencies(plan: Plan, agencyId: string, isoDay: string): string[] {
  const seen = new Set<string>();
  const walk = (id: string): string[] => {
    if (seen.has(id)) return [id];
    seen.add(id);
    const agency = plan.agencies.find((a) => a.id === id);
    if (!agency?.successor || agency.successor.from > isoDay) return [id];
    return agency.successor.agencyIds.flatMap(walk);
  };
  return walk(agencyId);
}

/** The normalised plan as `dondoc plan show --json` prints it. */
export function showPlan(plan: Plan) {
  return {
    id: plan.id,
    document: plan.document,
    standingAgency: plan.standingAgency,
    agencies: plan.agencies.map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.shortName ?? null,
      kind: a.kind,
      contacts: a.contacts,
      successor: a.successor ?? null,
      tasks: tasksOf(plan, a.id).map((t) => ({ id: t.task.id, role: t.role })),
    })),
    leadership: plan.leadership,
    recipients: plan.recipients,
    tasks: plan.tasks,
    targets: plan.targets,
    obligations: plan.reporting.obligations.map((o) => ({ ...o, reporters: reportersOf(plan, o) })),
    adHoc: plan.reporting.adHoc ?? null,
    nonWorkingDayPolicy: plan.reporting.nonWorkingDayPolicy,
    reminders: plan.reminders,
    escalation: plan.escalation,
    consolidation: plan.consolidation,
    notes: plan.notes,
  };
}
