import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Plan } from '../../src/plan/schema.js';
import type { PlanRef, SubmissionPayload } from '../../src/reporting/types.js';
import { agencyStatus, approveReport, decideExtension, exempt, planStatus, RejectedError, submitReport, type Ops } from '../../src/service/operations.js';
import { storeSubmission } from '../../src/service/submissions.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { runScript, waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

/** Sơn La, H1 2026, with business time at 03/06/2026 09:00 when the plan starts (the cycle is open). */
describe('submissions, extensions and exemptions through the same operations as the CLI and API', () => {
  let rig: Rig;
  let plan: Plan;
  let ops: Ops;
  let planRef: PlanRef;
  let clockOffsetMs: number;
  let worker: Awaited<ReturnType<Rig['worker']>>['worker'];
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('submissions');
  const period = '2026-H1';
  const payloadFor = (agencyId: string): SubmissionPayload => {
    const taskIds = plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(agencyId)).map((t) => t.id);
    return sampleSubmission(plan, period, agencyId, taskIds, false);
  };

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
    const built = await rig.worker(taskQueue);
    worker = built.worker;
    running = worker.run();
    planRef = await built.deps.plans.put(plan);
    ops = { client: rig.env.client, plans: built.deps.plans, taskQueue };
    clockOffsetMs = Date.parse('2026-06-03T09:00:00+07:00') - (await rig.env.currentTimeMs());
    await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, period, 'ubnd-cac-xa-phuong'));
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await rig?.close();
  });

  it('an invalid report is rejected with reasons at the edge and nothing changes', async () => {
    const before = await agencyStatus(ops, plan.id, period, 'bao-son-la');
    const bad = { ...payloadFor('bao-son-la'), targets: [{ targetId: 't1', value: 'nhiều' }], tasks: [{ taskId: 'khong-co', status: 'xong', result: '' }] };
    const err = await submitReport(ops, plan.id, period, 'bao-son-la', bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RejectedError);
    expect((err as RejectedError).reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^tasks\[0\]\.status:/), expect.stringMatching(/^targets\[0\]\.value:/)]));
    const after = await agencyStatus(ops, plan.id, period, 'bao-son-la');
    expect(after).toEqual(before);
    expect(after.submissions).toEqual([]);
  });

  it('the workflow validator refuses a report for tasks that are not the agency’s own, before it is recorded', async () => {
    const handle = rig.env.client.workflow.getHandle(reportWorkflowId(plan.id, period, 'bao-son-la'));
    const accepted = async () => ((await handle.fetchHistory()).events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
    const acceptedBefore = await accepted();
    // Straight to the workflow, past the edge: a stored report for another period and someone else's task.
    const wrong = await storeSubmission(ops.plans.store, { ...payloadFor('bao-son-la'), tasks: [{ taskId: 'iii.1', status: 'hoan-thanh' as const, result: 'x' }], period: '2026' });
    const err = await handle.executeUpdate(submitReportUpdate, { args: [wrong] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((err as Error).cause)).toMatch(/period: báo cáo cho kỳ "2026", không phải kỳ "2026-H1"/);
    expect(String((err as Error).cause)).toMatch(/tasks\[0\]\.taskId: "iii\.1" không phải nhiệm vụ của cơ quan/);
    // A whole report inline (as clients before payloads-by-reference sent it) is refused too.
    const inline = await handle.executeUpdate(submitReportUpdate, { args: [payloadFor('bao-son-la')] }).catch((e: unknown) => e);
    expect(String((inline as Error).cause)).toMatch(/phải được lưu trước/);
    // A rejected update is never accepted into history.
    expect(await accepted()).toBe(acceptedBefore);
    expect((await agencyStatus(ops, plan.id, period, 'bao-son-la')).submissions).toEqual([]);
  });

  it('a valid report is recorded on time; a second one is a new revision and both are kept', async () => {
    const first = await submitReport(ops, plan.id, period, 'bao-son-la', payloadFor('bao-son-la'));
    const second = await submitReport(ops, plan.id, period, 'bao-son-la', { ...payloadFor('bao-son-la'), narrative: 'Bản cập nhật.' });
    expect([first.revision, first.late, second.revision, second.late]).toEqual([1, false, 2, false]);
    const { status, submissions } = await agencyStatus(ops, plan.id, period, 'bao-son-la');
    expect(status).toMatchObject({ state: 'submitted', revisions: 2, submittedAt: first.submittedAt });
    expect(submissions.map((s) => s.payload.narrative)).toEqual([payloadFor('bao-son-la').narrative, 'Bản cập nhật.']);
    const cycle = await planStatus(ops, plan.id, period);
    // The standing agency's own deadlines are assumed in this plan: the status says so.
    expect(cycle.assumptions.map((a) => a.obligationId)).toContain('tong-hop-bao-cao-dinh-ky');
    expect(cycle.cycles[0]!.agencies.find((a) => a.agencyId === 'bao-son-la')).toMatchObject({ state: 'submitted', revisions: 2 });
  });

  it('an exempted agency gets no more reminders; an extension moves the schedule; approval before a draft is refused', async () => {
    await exempt(ops, plan.id, period, 'tinh-doan', 'Đơn vị đang sáp nhập');
    const extended = await decideExtension(ops, plan.id, period, 'dai-phat-thanh-truyen-hinh-tinh', { approved: true, lastDay: '2026-06-19', reason: 'Chờ số liệu điều tra' });
    expect(extended).toMatchObject({ lastDay: '2026-06-19', dueAt: '2026-06-19T23:59:59+07:00' });
    await expect(approveReport(ops, plan.id, period)).rejects.toThrow(/chưa có dự thảo báo cáo kỳ 2026-H1/);
    await expect(exempt(ops, plan.id, period, 'bao-son-la', 'x')).rejects.toThrow(/cơ quan đã nộp báo cáo kỳ này/);

    await runScript(rig.env.client, taskQueue, clockOffsetMs, '2026-06-17T12:00:00+07:00');
    const mails = rig.catcher.messages();
    const kinds = (agencyId: string) =>
      mails.filter((m) => m.headers['x-dondoc-agency'] === agencyId && m.headers['x-dondoc-period'] === period).map((m) => `${m.headers['x-dondoc-kind']}@${m.date.slice(0, 10)}`);
    expect(kinds('tinh-doan')).toEqual(['exemption@2026-06-03']);
    // Extended to Friday 19/06: reminders 7, 3, 1 working days before (10/06, 16/06, 18/06), none overdue yet.
    expect(kinds('dai-phat-thanh-truyen-hinh-tinh')).toEqual(['extension@2026-06-03', 'reminder@2026-06-10', 'reminder@2026-06-16']);
    expect(kinds('bao-son-la')).toEqual(['receipt@2026-06-03', 'receipt@2026-06-03']);
    expect(kinds('so-tai-chinh')).toEqual(['reminder@2026-06-04', 'reminder@2026-06-10', 'reminder@2026-06-12', 'reminder@2026-06-15', 'overdue@2026-06-16']);
    const state = await rig.env.client.workflow.getHandle(cycleWorkflowId(plan.id, period)).query('cycleState');
    expect(state).toMatchObject({ phase: 'draft-sent' });
  });
});
