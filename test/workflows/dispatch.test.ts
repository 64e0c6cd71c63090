import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchedAgencies, tasksOf } from '../../src/plan/normalise.js';
import { dutyHolder } from '../../src/reporting/obligations.js';
import { planWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

describe('dispatch on the real time-skipping server and a real SMTP catcher', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  it('dispatching the Thái Bình letter sends each addressed agency one email listing its own tasks', async () => {
    const plan = await loadSeedPlan('thai-binh-4263-ubnd-kgvx-2021');
    const taskQueue = uniqueTaskQueue('dispatch');
    const { worker, deps } = await rig.worker(taskQueue);
    const planRef = await deps.plans.put(plan);
    const agencies = dispatchedAgencies(plan);

    await worker.runUntil(async () => {
      await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef }] });
      await rig.catcher.waitFor(agencies.length);
    });

    const dispatches = rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'dispatch');
    expect(dispatches.map((m) => m.headers['x-dondoc-agency']).sort()).toEqual([...agencies].sort());
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    for (const agencyId of agencies) {
      const mail = dispatches.find((m) => m.headers['x-dondoc-agency'] === agencyId)!;
      const holder = dutyHolder(plan, agencyId, today);
      const focal = plan.agencies.find((a) => a.id === holder)!.contacts.find((c) => c.role === 'focal')!.email;
      expect(mail.to).toEqual([focal]);
      expect(mail.subject).toContain('[Triển khai] CV 4263/UBND-KGVX');
      const own = tasksOf(plan, agencyId);
      expect(own.length).toBeGreaterThan(0);
      for (const { task } of own) expect(mail.text.replace(/\s+/g, ' ')).toContain(task.text.replace(/\s+/g, ' ').slice(0, 80));
      const others = plan.tasks.filter((t) => !own.some((o) => o.task.id === t.id) && !tasksOf(plan, holder).some((o) => o.task.id === t.id));
      for (const task of others) expect(mail.text).not.toContain(task.text.slice(0, 80));
    }
  });
});
