import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/schema.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { signLink } from '../../src/web/links.js';
import { buildServer } from '../../src/web/server.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

/** The HTTP JSON API over a real worker and time-skipping server (Fastify's inject, no socket). */
describe('HTTP API', () => {
  let rig: Rig;
  let plan: Plan;
  let app: ReturnType<typeof buildServer>;
  let worker: Awaited<ReturnType<Rig['worker']>>['worker'];
  let running: Promise<void>;
  const secret = 'api-test-secret-api-test-secret-0123456';
  const apiToken = 'api-test-bearer-token-api-test-bearer-0123';
  const auth = { authorization: `Bearer ${apiToken}` };
  const taskQueue = uniqueTaskQueue('api');
  const period = '2026-H1';
  const payload = () =>
    sampleSubmission(
      plan,
      period,
      'bao-son-la',
      plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes('bao-son-la')).map((t) => t.id),
      false,
    );

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
    const built = await rig.worker(taskQueue);
    worker = built.worker;
    running = worker.run();
    const planRef = await built.deps.plans.put(plan);
    const clockOffsetMs = Date.parse('2026-06-03T09:00:00+07:00') - (await rig.env.currentTimeMs());
    await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, period, 'ubnd-cac-xa-phuong'));
    app = buildServer({ ops: { client: rig.env.client, plans: built.deps.plans, taskQueue }, plans: () => [plan], linkSecret: secret, apiToken });
  });
  afterAll(async () => {
    await app?.close();
    worker?.shutdown();
    await running;
    await rig?.close();
  });

  it('the API answers staff only: 401 without credentials or with a wrong token, 200 with the bearer token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/plans', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const post = await app.inject({ method: 'POST', url: `/api/plans/${plan.id}/periods/${period}/agencies/tinh-doan/exemption`, payload: { reason: 'x' } });
    expect(post.statusCode).toBe(401);
    const ok = await app.inject({ method: 'GET', url: '/api/plans', headers: auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()[0]).toMatchObject({ id: plan.id });
  });

  it('an invalid report answers 422 with its reasons; the status is unchanged', async () => {
    const res = await app.inject({
      headers: auth,
      method: 'POST',
      url: `/api/plans/${plan.id}/periods/${period}/agencies/bao-son-la/submissions`,
      payload: { ...payload(), targets: [{ targetId: 'khong-co', value: 1 }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().reasons).toEqual(['targets[0].targetId: "khong-co" không phải chỉ tiêu của kế hoạch']);
    const status = await app.inject({ headers: auth, method: 'GET', url: `/api/plans/${plan.id}/periods/${period}/agencies/bao-son-la` });
    expect(status.json().status).toMatchObject({ state: 'pending', revisions: 0 });
  });

  it('a report through a personal signed link is recorded; a tampered or expired link is refused', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = signLink({ planId: plan.id, period, agencyId: 'bao-son-la', exp }, secret);
    const ok = await app.inject({ method: 'POST', url: `/api/links/${token}/submissions`, payload: payload() });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ revision: 1, late: false });

    const other = signLink({ planId: plan.id, period, agencyId: 'tinh-doan', exp }, secret);
    const tampered = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect((await app.inject({ method: 'POST', url: `/api/links/${tampered}/submissions`, payload: payload() })).statusCode).toBe(403);
    const expired = signLink({ planId: plan.id, period, agencyId: 'bao-son-la', exp: 1000 }, secret);
    expect((await app.inject({ method: 'POST', url: `/api/links/${expired}/submissions`, payload: payload() })).statusCode).toBe(410);

    const status = await app.inject({ headers: auth, method: 'GET', url: `/api/plans/${plan.id}/status?period=${period}` });
    expect(status.json().cycles[0].agencies.find((a: { agencyId: string }) => a.agencyId === 'bao-son-la')).toMatchObject({ state: 'submitted', revisions: 1 });
  });

  it('an agency asks for more time through its link; the standing agency is told and approves', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const token = signLink({ planId: plan.id, period, agencyId: 'tinh-doan', exp }, secret);
    const tooEarly = await app.inject({ method: 'POST', url: `/api/links/${token}/extension-request`, payload: { lastDay: '2026-06-01', reason: 'x' } });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().reasons).toEqual(['lastDay: phải sau hạn hiện tại 15/06/2026']);

    const asked = await app.inject({ method: 'POST', url: `/api/links/${token}/extension-request`, payload: { lastDay: '2026-06-26', reason: 'Đang tổng hợp số liệu các xã' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.json().extensionRequest).toMatchObject({ lastDay: '2026-06-26' });
    const find = () => rig.catcher.messages().find((m) => m.headers['x-dondoc-kind'] === 'extension-request');
    while (!find()) await rig.catcher.waitFor(rig.catcher.messages().length + 1);
    const told = find();
    expect(told?.subject).toContain('[Đề nghị gia hạn]');
    expect(told?.to).toEqual([plan.agencies.find((a) => a.id === 'so-noi-vu')!.contacts.find((c) => c.role === 'focal')!.email]);

    const decided = await app.inject({
      headers: auth,
      method: 'POST',
      url: `/api/plans/${plan.id}/periods/${period}/agencies/tinh-doan/extension`,
      payload: { approved: true, lastDay: '2026-06-26', reason: 'Đồng ý' },
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ lastDay: '2026-06-26', extensionRequest: null });
  });
});
