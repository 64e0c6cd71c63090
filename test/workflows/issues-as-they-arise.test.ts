import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/schema.js';
import { planStatus, RejectedError, reportAsItArises, type Ops } from '../../src/service/operations.js';
import { planWorkflowId } from '../../workflows/ids.js';
import { planStateQuery } from '../../workflows/planWorkflow.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

/**
 * Thái Bình's letter asks agencies to report difficulties to the Department "as they arise": an agency
 * reports of its own accord, without a request or a deadline.
 */
describe('reports of difficulties as they arise (seed 000)', () => {
  let rig: Rig;
  let plan: Plan;
  let ops: Ops;
  let worker: Awaited<ReturnType<Rig['worker']>>['worker'];
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('issues');
  const report = {
    narrative: '',
    difficulties: 'Doanh nghiệp chưa nắm rõ hồ sơ đề nghị hỗ trợ đào tạo theo Quyết định 23/2021/QĐ-TTg.',
    recommendations: 'Đề nghị Sở tổ chức hướng dẫn.',
    tasks: [],
    targets: [],
    attachments: [],
  };

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('thai-binh-4263-ubnd-kgvx-2021');
    const built = await rig.worker(taskQueue);
    worker = built.worker;
    running = worker.run();
    ops = { client: rig.env.client, plans: built.deps.plans, taskQueue };
    const planRef = await ops.plans.put(plan);
    const clockOffsetMs = Date.parse('2021-11-02T09:00:00+07:00') - (await rig.env.currentTimeMs());
    await rig.env.client.workflow.start('planWorkflow', { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    // Wait for the dispatch so that the run is settled before the test talks to it.
    await rig.catcher.waitFor(1);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await rig?.close();
  });

  it('a bad report is rejected before any period is opened', async () => {
    const err = await reportAsItArises(ops, plan.id, 'so-cong-thuong', { ...report, targets: [{ targetId: 'x', value: 1 }] }, '2021-11-02', 'Phản ánh').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RejectedError);
    expect((await rig.env.client.workflow.getHandle(planWorkflowId(plan.id)).query(planStateQuery)).periods).toEqual([]);
  });

  it('a good one is recorded in a period of its own, acknowledged, and reaches the standing agency quoted', async () => {
    const r = await reportAsItArises(ops, plan.id, 'so-cong-thuong', report, '2021-11-02', 'Phản ánh khó khăn');
    expect(r).toMatchObject({ period: 'DX-20211102-1', revision: 1, late: false });
    const status = await planStatus(ops, plan.id, r.period);
    expect(status.cycles[0]!.agencies).toEqual([expect.objectContaining({ agencyId: 'so-cong-thuong', state: 'submitted' })]);

    const find = (kind: string) => rig.catcher.messages().find((m) => m.headers['x-dondoc-kind'] === kind && m.headers['x-dondoc-period'] === r.period);
    while (!find('receipt') || !find('draft')) await rig.catcher.waitFor(rig.catcher.messages().length + 1);
    const draft = find('draft')!;
    // In 11/2021 the standing agency is still Sở LĐTBXH (Sở Nội vụ takes its duties over on 01/03/2025).
    const standing = plan.agencies.find((a) => a.id === 'so-lao-dong-thuong-binh-va-xa-hoi')!;
    expect(draft.to.sort()).toEqual(standing.contacts.map((c) => c.email).sort());
    expect(draft.text).toContain(`“${report.difficulties}”`);
  });
});
