import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '../../src/mail/catcher.js';
import type { Plan } from '../../src/plan/schema.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { runScript, waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

/** The SMTP server is down when the 04/06 reminders fall due; they go out, once each, when it is back. */
describe('an SMTP outage', () => {
  let rig: Rig;
  let plan: Plan;
  let mail: MailCatcher | undefined;

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
  });
  afterAll(async () => {
    await mail?.close();
    await rig?.close();
  });

  it('loses no reminder and sends none twice; each keeps the instant of its step', async () => {
    // A port with nothing listening: take one, then let it go.
    const probe = await startMailCatcher();
    const port = probe.port;
    await probe.close();

    const taskQueue = uniqueTaskQueue('smtp-outage');
    const { worker, deps } = await createDondocWorker({
      connection: rig.env.nativeConnection,
      client: rig.env.client,
      taskQueue,
      dataDir: await mkdtemp(join(tmpdir(), 'dondoc-outage-')),
      smtpUrl: `smtp://127.0.0.1:${port}`,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'outage-secret-outage-secret-outage-secret',
      workflowBundle: rig.bundle,
    });
    const planRef = await deps.plans.put(plan);
    const clockOffsetMs = Date.parse('2026-06-03T09:00:00+07:00') - (await rig.env.currentTimeMs());

    await worker.runUntil(async () => {
      // Dispatch itself retries while the server is down; the script moves on without it.
      await rig.env.client.workflow.start('planWorkflow', { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
      await runScript(rig.env.client, taskQueue, clockOffsetMs, '2026-06-04T09:00:00+07:00');
      await waitForWorkflow(rig.env.client, reportWorkflowId(plan.id, '2026-H1', 'tinh-doan'));
      mail = await startMailCatcher({ port });
      await runScript(rig.env.client, taskQueue, clockOffsetMs, '2026-06-04T12:00:00+07:00');
    });

    const reminders = mail!.messages().filter((m) => m.headers['x-dondoc-kind'] === 'reminder');
    const agencies = reminders.map((m) => m.headers['x-dondoc-agency']);
    expect(agencies.length).toBeGreaterThan(5);
    expect(new Set(agencies).size).toBe(agencies.length);
    expect(new Set(reminders.map((m) => m.date))).toEqual(new Set(['2026-06-04T01:00:00.000Z']));
    // The dispatch of 03/06 also went out once per agency when the server came back.
    const dispatches = mail!
      .messages()
      .filter((m) => m.headers['x-dondoc-kind'] === 'dispatch')
      .map((m) => m.headers['x-dondoc-agency']);
    expect(dispatches.length).toBeGreaterThan(5);
    expect(new Set(dispatches).size).toBe(dispatches.length);
  });
});
