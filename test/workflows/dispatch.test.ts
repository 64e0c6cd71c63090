import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchList, holderTasks } from '../../src/directory/resolve.js';
import { planWorkflowId } from '../../workflows/ids.js';
import { planStateQuery, planWorkflow } from '../../workflows/planWorkflow.js';
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
    // The letter of 24/09/2021, dispatched a week later (before the 2025 reorganisation).
    const today = '2021-10-01';
    const agencies = dispatchList(plan, today).map((d) => d.agencyId);

    const clockOffsetMs = Date.parse(`${today}T09:00:00+07:00`) - (await rig.env.currentTimeMs());
    await worker.runUntil(async () => {
      await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
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

  it('a plan registered after its end (An Giang, to 2025, started on 01/12/2026) is dispatched to nobody', async () => {
    const plan = await loadSeedPlan('an-giang-06-nq-cp-2023');
    const taskQueue = uniqueTaskQueue('dispatch-ended');
    const { worker, deps } = await rig.worker(taskQueue);
    const planRef = await deps.plans.put(plan);
    const clockOffsetMs = Date.parse('2026-12-01T09:00:00+07:00') - (await rig.env.currentTimeMs());
    const before = rig.catcher.messages().length;
    const state = await worker.runUntil(async () => {
      const handle = await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
      // The dispatch activity has returned once the plan says it is dispatched (it sent what it had to).
      for (;;) {
        const s = await handle.query(planStateQuery);
        if (s.dispatched) return s;
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    expect(rig.catcher.messages().slice(before)).toEqual([]);
    expect(state).toMatchObject({ dispatched: true, nextCycle: null, periods: [] });
  });
});
