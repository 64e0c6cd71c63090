/**
 * dondoc's agency workflows as the benchmarks start them: the 40-agency plan stored in the rig's content
 * store, and N agencyReportWorkflows (real workflow, real activities) whose one reminder falls due at the
 * same instant, as on 15/12 when every province's agencies are due at once. Agencies repeat every 40
 * workflows (34 provinces × 5 plans × 40 agencies in the national case); each workflow has its own id.
 */
import type { Client } from '@temporalio/client';
import { planSchema, type Plan } from '../src/plan/schema.js';
import { cyclesOfYear } from '../src/reporting/cycles.js';
import type { PlanRef } from '../src/reporting/types.js';
import { projectRoot } from '../src/runtime/tools.js';
import { ContentStore } from '../src/storage/contentStore.js';
import { PlanStore } from '../src/storage/planStore.js';
import { agencyReportWorkflow, type AgencyReportInput } from '../workflows/agencyReportWorkflow.js';
import { cycleWorkflow } from '../workflows/cycleWorkflow.js';
import { reportWorkflowId } from '../workflows/ids.js';
import { inPool } from './devRig.js';
import { plan40Data } from './fixtures/plan40.js';
import { benchTimerActivityWorkflow } from './workflows/index.js';

export const plan40 = (): Plan => planSchema.parse(plan40Data(projectRoot));

export interface Launch {
  /** Epoch ms when the first start was sent and when the last start returned. */
  firstStartMs: number;
  lastStartMs: number;
}

/** Starts n agency workflows of the 40-agency plan whose one reminder (7 working days before) is at `atMs`. */
export async function startAgencyWave(client: Client, dataDir: string, taskQueue: string, n: number, atMs: number, prefix: string): Promise<Launch> {
  const plan = plan40();
  const planRef: PlanRef = await new PlanStore(new ContentStore(dataDir)).put(plan);
  const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026')!;
  const inputs: AgencyReportInput[] = Array.from({ length: n }, (_, i) => {
    const a = cycle.agencies[i % cycle.agencies.length]!;
    return {
      planRef,
      period: cycle.period,
      periodLabel: cycle.periodLabel,
      agencyId: a.agencyId,
      role: 'agency',
      // The instant is what matters; the last day stays far enough that no other step falls due during the run.
      schedule: { lastDay: '2027-12-15', dueAt: '2027-12-15T23:59:59+07:00', reminders: [{ workingDaysBefore: 7, at: new Date(atMs).toISOString() }], escalations: [] },
      taskIds: plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(a.agencyId)).map((t) => t.id),
      targetIds: plan.targets.map((t) => t.id),
      announce: false,
    };
  });
  const firstStartMs = Date.now();
  await inPool(inputs, 64, (input, i) => client.workflow.start(agencyReportWorkflow, { workflowId: `${prefix}-${i}`, taskQueue, args: [input] }));
  return { firstStartMs, lastStartMs: Date.now() };
}

/** The baseline: n workflows that each sleep until `atMs` and send one message from one activity. */
export async function startTimerWave(client: Client, taskQueue: string, n: number, atMs: number, prefix: string): Promise<Launch> {
  const firstStartMs = Date.now();
  await inPool(
    Array.from({ length: n }, (_, i) => i),
    64,
    (i) => client.workflow.start(benchTimerActivityWorkflow, { workflowId: `${prefix}-${i}`, taskQueue, args: [{ at: atMs, key: `${prefix}-${i}` }] }),
  );
  return { firstStartMs, lastStartMs: Date.now() };
}

/**
 * dondoc as it runs: cycles of the 40-agency plan (one per province's plan, each its own plan id), whose
 * agencies' one reminder falls at `atMs`, so the cycle sends it in one batch (issue 16.1). n agencies in
 * ceil(n / 40) cycles. Returns the launch and the workflow id of the first agency's workflow.
 */
export async function startCycleWave(
  client: Client,
  dataDir: string,
  taskQueue: string,
  n: number,
  atMs: number,
  prefix: string,
): Promise<Launch & { firstAgencyWorkflowId: string; cycles: number }> {
  const base = plan40();
  const store = new PlanStore(new ContentStore(dataDir));
  const spec = cyclesOfYear(base, 2026).find((c) => c.period === '2026')!;
  const size = spec.agencies.length;
  const cycles = Math.ceil(n / size);
  const at = new Date(atMs).toISOString();
  const refs: PlanRef[] = [];
  for (let k = 0; k < cycles; k++) refs.push(await store.put({ ...base, id: `${prefix}-${k}` }));
  const firstStartMs = Date.now();
  await inPool(refs, 16, (planRef, k) =>
    client.workflow.start(cycleWorkflow, {
      workflowId: `${prefix}-cycle-${k}`,
      taskQueue,
      args: [
        {
          planRef,
          cycle: {
            ...spec,
            // The instant is what matters; the last day and the draft stay far enough that nothing else falls due.
            agencies: spec.agencies.slice(0, Math.min(size, n - k * size)).map((a) => ({
              ...a,
              lastDay: '2027-12-15',
              dueAt: '2027-12-15T23:59:59+07:00',
              reminders: [{ workingDaysBefore: 7, at }],
              escalations: [],
            })),
            standing: null,
            draftAt: '2027-12-31T08:00:00+07:00',
            announce: false,
          },
        },
      ],
    }),
  );
  return { firstStartMs, lastStartMs: Date.now(), firstAgencyWorkflowId: reportWorkflowId(refs[0]!.planId, spec.period, spec.agencies[0]!.agencyId), cycles };
}
