/**
 * Registering a plan from the web: the same start as `dondoc plan start` (`startPlan`: stored by content
 * hash, its plan workflow started, or amended when it already runs), with one rule the plan workflow does
 * not know: a plan whose horizon has already passed is registered as ended. It is stored and listed, and
 * its workflow is never started, so nothing is dispatched (the plan workflow dispatches whatever it is
 * given on its first run). Every registration is recorded (`plan_registrations`) when there is a database.
 */
import type { IsoDate } from '../calendar/isoDate.js';
import type { RegistrationRepository, RegistrationState } from '../db/registrations.js';
import type { Plan } from '../plan/schema.js';
import { planStateQuery, type PlanState } from '../../workflows/planWorkflow.js';
import { planWorkflowId } from '../../workflows/ids.js';
import { startPlan, type Ops } from './operations.js';

/** The plan's horizon ("đến năm 2025") is over: no report of it is owed any more after that year. */
export function horizonPassed(plan: Plan, today: IsoDate): boolean {
  return plan.document.horizon.to < Number(today.slice(0, 4));
}

/** The plan workflow's state, or null when no plan workflow of this id is running. */
export async function runningPlanState(ops: Ops, planId: string): Promise<PlanState | null> {
  return ops.client.workflow
    .getHandle(planWorkflowId(planId))
    .query(planStateQuery)
    .catch(() => null);
}

export interface Registered {
  planId: string;
  hash: string;
  state: RegistrationState;
  /** The plan workflow, or null for a plan registered as ended. */
  workflowId: string | null;
  started: boolean;
  amended: boolean;
}

export async function registerPlan(
  ops: Ops,
  plan: Plan,
  opts: { today: IsoDate; actor: string; source?: { name: string; sha256: string }; registry?: RegistrationRepository },
): Promise<Registered> {
  const running = await runningPlanState(ops, plan.id);
  let result: Registered;
  if (horizonPassed(plan, opts.today) && !running) {
    // Ended: kept (the same store as every plan version), never started.
    const ref = await ops.plans.put(plan);
    result = { planId: plan.id, hash: ref.hash, state: 'ended', workflowId: null, started: false, amended: false };
  } else {
    // An amendment of a running plan goes through even when its horizon has passed: the workflow has
    // dispatched already and simply finds no cycle left.
    const r = await startPlan(ops, plan);
    result = { planId: plan.id, hash: r.hash, state: 'running', workflowId: r.workflowId, started: r.started, amended: r.amended };
  }
  await opts.registry?.record({
    planId: plan.id,
    planHash: result.hash,
    state: result.state,
    action: running ? 'amend' : 'register',
    sourceName: opts.source?.name ?? null,
    sourceSha256: opts.source?.sha256 ?? null,
    actor: opts.actor,
  });
  return result;
}
