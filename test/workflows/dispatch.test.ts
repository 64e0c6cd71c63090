import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchList, holderTasks } from '../../src/directory/resolve.js';
import { planWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

describe('dispatch on the real time-skipping server and a real SMTP catcher', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => rig?.close());

  // After the 2025 reorganisation an agency that took over others' duties gets one email with each task once.
  it('dispatching the Thái Bình letter sends each agency that answers today one email listing its own tasks once', async () => {
    const plan = await loadSeedPlan('thai-binh-4263-ubnd-kgvx-2021');
    const taskQueue = uniqueTaskQueue('dispatch');
    const { worker, deps } = await rig.worker(taskQueue);
    const planRef = await deps.plans.put(plan);
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
    const agencies = dispatchList(plan, today).map((d) => d.agencyId);

    await worker.runUntil(async () => {
      await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef }] });
      await rig.catcher.waitFor(agencies.length);
    });

    const dispatches = rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'dispatch');
    expect(dispatches.map((m) => m.headers['x-dondoc-agency']).sort()).toEqual([...agencies].sort());
    expect(dispatches.length).toBe(agencies.length);
    for (const agencyId of agencies) {
      const mail = dispatches.find((m) => m.headers['x-dondoc-agency'] === agencyId)!;
      const focal = plan.agencies.find((a) => a.id === agencyId)!.contacts.find((c) => c.role === 'focal')!.email;
      expect(mail.to).toEqual([focal]);
      expect(mail.subject).toContain('[Triển khai] CV 4263/UBND-KGVX');
      const own = holderTasks(plan, agencyId, today);
      expect(own.length).toBeGreaterThan(0);
      const body = mail.text.replace(/\s+/g, ' ');
      for (const { task } of own) expect(body.split(task.text.replace(/\s+/g, ' ').slice(0, 80)).length - 1).toBe(1);
      const others = plan.tasks.filter((t) => !own.some((o) => o.task.id === t.id));
      for (const task of others) expect(mail.text).not.toContain(task.text.slice(0, 80));
    }
  });
});
