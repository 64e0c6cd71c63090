import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/schema.js';
import { startPlan, type Ops } from '../../src/service/operations.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planStateQuery } from '../../workflows/planWorkflow.js';
import { runScript, waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

/** A running plan takes a new version of its file: the next cycle follows it, the running one does not change. */
describe('amending a running plan', () => {
  let rig: Rig;
  let plan: Plan;
  let ops: Ops;
  let worker: Awaited<ReturnType<Rig['worker']>>['worker'];
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('amend');

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
    const built = await rig.worker(taskQueue);
    worker = built.worker;
    running = worker.run();
    ops = { client: rig.env.client, plans: built.deps.plans, taskQueue };
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await rig?.close();
  });

  it('starting the same file twice changes nothing; a changed file amends the plan from its next cycle', async () => {
    const clockOffsetMs = Date.parse('2026-06-03T09:00:00+07:00') - (await rig.env.currentTimeMs());
    const planRef = await ops.plans.put(plan);
    await rig.env.client.workflow.start('planWorkflow', { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, '2026-H1', 'tinh-doan'));

    expect(await startPlan(ops, plan)).toMatchObject({ started: false, amended: false, hash: planRef.hash });
    const amendedPlan: Plan = { ...plan, reminders: { workingDaysBefore: [5, 0], at: '08:30' } };
    const amended = await startPlan(ops, amendedPlan);
    expect(amended).toMatchObject({ started: false, amended: true });
    expect((await rig.env.client.workflow.getHandle(planWorkflowId(plan.id)).query(planStateQuery)).planRef.hash).toBe(amended.hash);

    await runScript(rig.env.client, taskQueue, clockOffsetMs, '2026-12-10T12:00:00+07:00');
    const reminders = rig.catcher
      .messages()
      .filter((m) => m.headers['x-dondoc-kind'] === 'reminder' && m.headers['x-dondoc-agency'] === 'tinh-doan')
      .map((m) => `${m.headers['x-dondoc-period']} ${new Date(m.date).toISOString().slice(0, 16)}`);
    expect(reminders).toEqual([
      // H1 was running when the plan changed: the old schedule, 08:00 +07:00.
      '2026-H1 2026-06-04T01:00',
      '2026-H1 2026-06-10T01:00',
      '2026-H1 2026-06-12T01:00',
      '2026-H1 2026-06-15T01:00',
      // The annual cycle opened after: 5 working days before 09/12 and on the day, at 08:30 +07:00.
      '2026 2026-12-02T01:30',
      '2026 2026-12-09T01:30',
    ]);
  });
});
