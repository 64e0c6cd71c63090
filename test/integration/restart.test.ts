import { spawn, type ChildProcess } from 'node:child_process';
import proto from '@temporalio/proto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/schema.js';
import { projectRoot } from '../../src/runtime/tools.js';
import { storeSubmission } from '../../src/service/submissions.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { PlanStore } from '../../src/storage/planStore.js';
import { sampleSubmission } from '../../src/simulate/sample.js';
import { submissionsQuery, submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { waitForWorkflow } from '../support/script.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';
import { dayOf } from '../../src/calendar/isoDate.js';
import { embeddedDatabaseDir, openDatabase, type Database } from '../../src/db/index.js';
import { createDondocWorker } from '../../worker/createWorker.js';

/**
 * The worker is a separate process (worker/main.ts, its delivery log in the embedded database under the
 * data directory) killed with SIGKILL in the middle of a cycle,
 * after a submission and before the first reminder; another worker takes over.
 *
 * This runs on the real dev server, not the time-skipping one: a worker killed while it holds a task
 * leaves that task to time out, and the time-skipping server's clock stands still while a task is
 * outstanding. Business time starts seconds before the 04/06 reminders, so the wait is short; no
 * assertion depends on how long anything took.
 */
describe('killing the worker mid-cycle', () => {
  let rig: Rig;
  let plan: Plan;
  let child: ChildProcess | undefined;
  let db: Database | undefined;
  const taskQueue = uniqueTaskQueue('restart');
  const period = '2026-H1';

  beforeAll(async () => {
    rig = await startRig('dev-server');
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.close();
    await rig?.close();
  });

  it('loses no submission and no scheduled reminder, and sends none twice', { timeout: 300_000 }, async () => {
    const planRef = await new PlanStore(new ContentStore(rig.dataDir)).put(plan);
    child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'worker', 'main.ts')], {
      cwd: projectRoot,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: rig.env.address,
        SMTP_URL: rig.catcher.url,
        DONDOC_DATA_DIR: rig.dataDir,
        DONDOC_TASK_QUEUE: taskQueue,
        LINK_SECRET: 'restart-test-secret-restart-test-secret',
        // Without a workflow cache the dead worker holds no sticky tasks; the time-skipping server, whose
        // clock stands still while a task is outstanding, would otherwise wait for them forever.
        DONDOC_WORKFLOW_CACHE_SIZE: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // The worker process polls before business time starts, 20 seconds before the first reminders (a step
    // before its workflow starts is not sent, so a slow start would leave no reminder to test).
    const service = rig.env.client.connection.workflowService;
    const polling = async () =>
      ((
        await service.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW })
      ).pollers?.length ?? 0) > 0;
    for (let i = 0; i < 600 && !(await polling()); i++) await new Promise((r) => setTimeout(r, 100));
    const clockOffsetMs = Date.parse('2026-06-04T07:59:40+07:00') - Date.now();
    await rig.env.client.workflow.start(planWorkflow, { workflowId: planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    const reportId = reportWorkflowId(plan.id, period, 'bao-son-la');
    await waitForWorkflow(rig.env.client, reportId, 600);
    const payload = sampleSubmission(
      plan,
      period,
      'bao-son-la',
      plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes('bao-son-la')).map((t) => t.id),
      false,
    );
    // As the portal does: the report is stored, the workflow gets its hash and summary.
    const ref = await storeSubmission(new ContentStore(rig.dataDir), payload);
    const receipt = await rig.env.client.workflow.getHandle(reportId).executeUpdate(submitReportUpdate, { args: [ref] });
    expect(receipt.revision).toBe(1);
    // Kill at a quiet moment (the receipt is out, the next step is the 04/06 reminder): an activity killed
    // in flight would only add its start-to-close timeout to the test's duration.
    await rig.catcher.waitFor(rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'dispatch').length + 1);
    // The receipt is sent by an activity after the Update returns: wait for it, or a kill during it would
    // leave it to the retry after the activity's start-to-close timeout, later than this test looks.
    const receiptOut = () => rig.catcher.messages().some((m) => m.headers['x-dondoc-agency'] === 'bao-son-la' && m.headers['x-dondoc-kind'] === 'receipt');
    while (!receiptOut()) await rig.catcher.waitFor(rig.catcher.messages().length + 1, 60_000);
    // …and its activity completed: a kill between the relay's answer and its record in the delivery log
    // would (by design) send the receipt once more with the same Message-ID.
    const quiet = async () => ((await rig.env.client.workflow.getHandle(reportId).describe()).raw.pendingActivities?.length ?? 0) === 0;
    while (!(await quiet())) await new Promise((r) => setTimeout(r, 100));

    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    const others = [
      'so-tai-chinh',
      'so-giao-duc-va-dao-tao',
      'so-nong-nghiep-va-moi-truong',
      'so-khoa-hoc-va-cong-nghe',
      'dai-phat-thanh-truyen-hinh-tinh',
      'cac-co-quan-bao-chi-tren-dia-ban-tinh',
      'tinh-doan',
      'ubnd-cac-xa-phuong',
    ];
    const reminders = () => rig.catcher.messages().filter((m) => m.headers['x-dondoc-kind'] === 'reminder' && m.headers['x-dondoc-period'] === period);
    // The next worker decides by the same delivery log: the embedded database the killed process left (PGlite
    // recovers it as PostgreSQL would after a crash).
    db = await openDatabase({ dir: embeddedDatabaseDir(rig.dataDir) });
    const { worker, deps } = await createDondocWorker({
      connection: rig.env.nativeConnection,
      client: rig.env.client,
      taskQueue,
      dataDir: rig.dataDir,
      smtpUrl: rig.catcher.url,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'restart-test-secret-restart-test-secret',
      workflowBundle: rig.bundle,
      deliveries: db.deliveries,
    });
    const submissions = await worker.runUntil(async () => {
      // The reminders fall due while the new worker runs; it also serves the query afterwards.
      while (reminders().length < others.length) await rig.catcher.waitFor(rig.catcher.messages().length + 1, 120_000);
      return rig.env.client.workflow.getHandle(reportId).query(submissionsQuery);
    });
    deps.mailer.close();
    expect(submissions.map((s) => s.revision)).toEqual([1]);

    const of = (agencyId: string, kind: string) =>
      rig.catcher.messages().filter((m) => m.headers['x-dondoc-agency'] === agencyId && m.headers['x-dondoc-kind'] === kind && m.headers['x-dondoc-period'] === period);
    expect(of('bao-son-la', 'receipt')).toHaveLength(1);
    expect(of('bao-son-la', 'reminder')).toEqual([]);
    for (const agencyId of others) {
      expect(of(agencyId, 'reminder').map((m) => dayOf(m.date))).toEqual(['2026-06-04']);
    }
    // The standing agency's own first reminder (10/06) is not due yet.
    expect(
      reminders()
        .map((m) => m.headers['x-dondoc-agency'])
        .sort(),
    ).toEqual([...others].sort());
    // Every message id is distinct: no step was sent twice; each is accepted in the delivery log.
    const ids = rig.catcher.messages().map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const accepted = new Set((await db.sql.query<{ message_id: string }>(`SELECT message_id FROM deliveries WHERE state = 'accepted'`)).map((r) => r.message_id));
    expect(ids.filter((id) => !accepted.has(id))).toEqual([]);
  });
});
