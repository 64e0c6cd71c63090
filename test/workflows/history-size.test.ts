/**
 * An agency-period's history does not grow with the report: submissions travel by reference (the stored
 * report's sha256, its size and a summary of counts and lengths), so a revision costs the same events and
 * nearly the same bytes whether its texts are 200 or 20,000 characters long. Temporal's limits (2 MB per
 * payload, 50 MB and 51,200 events per history) then hold by construction, whatever agencies write.
 *
 * Sơn La (seed 004), 6-month report 2026 of Báo Sơn La: the period opens before the 04/06 reminder; the
 * agency submits five revisions on 05/06 (10:00 to 14:00), each stored and sent by reference as the portal
 * does; the period is then closed.
 */
import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullReport } from '../../bench/fixtures/fullReport.js';
import type { Plan } from '../../src/plan/schema.js';
import { cyclesOfYear } from '../../src/reporting/cycles.js';
import type { PlanRef } from '../../src/reporting/types.js';
import { storeSubmission } from '../../src/service/submissions.js';
import { ContentStore } from '../../src/storage/contentStore.js';
import { agencyReportWorkflow, closePeriodSignal, submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { reportWorkflowId } from '../../workflows/ids.js';
import { loadSeedPlan, startRig, uniqueTaskQueue, type Rig } from '../support/temporal.js';

const AGENCY = 'bao-son-la';
const REVISIONS = 5;

describe('the history of one agency-period with full-length reports', () => {
  let rig: Rig;
  let plan: Plan;
  let planRef: PlanRef;
  let worker: Awaited<ReturnType<Rig['worker']>>['worker'];
  let running: Promise<void>;
  const taskQueue = uniqueTaskQueue('history-size');

  beforeAll(async () => {
    rig = await startRig();
    plan = await loadSeedPlan('son-la-37-ct-tw-2024');
    const built = await rig.worker(taskQueue);
    worker = built.worker;
    running = worker.run();
    planRef = await built.deps.plans.put(plan);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await rig?.close();
  });

  /** Runs the agency-period with five revisions of `chars`-character texts; its history's events and bytes. */
  async function agencyPeriod(chars: number) {
    const cycle = cyclesOfYear(plan, 2026).find((c) => c.period === '2026-H1')!;
    const obligation = cycle.agencies.find((a) => a.agencyId === AGENCY)!;
    const taskIds = plan.tasks.filter((t) => [...t.lead, ...t.cooperating].includes(AGENCY)).map((t) => t.id);
    const clockOffsetMs = Date.parse('2026-06-01T08:00:00+07:00') - (await rig.env.currentTimeMs());
    // A plan id of its own per run only names the workflow (report:<plan>:<period>:<agency>), so the two
    // runs do not collide; the workflow works on the seed plan's reference.
    const runPlanId = `${plan.id}-${chars}`;
    const workflowId = reportWorkflowId(runPlanId, cycle.period, AGENCY);
    const handle = await rig.env.client.workflow.start(agencyReportWorkflow, {
      workflowId,
      taskQueue,
      args: [{ planRef, period: cycle.period, periodLabel: cycle.periodLabel, agencyId: AGENCY, role: 'agency', schedule: obligation, taskIds, targetIds: [], clockOffsetMs }],
    });
    const store = new ContentStore(rig.dataDir);
    // Business time is 01/06 08:00; the 04/06 reminder goes out on the way to the first revision.
    await rig.env.sleep(Date.parse('2026-06-05T10:00:00+07:00') - Date.parse('2026-06-01T08:00:00+07:00'));
    for (let r = 1; r <= REVISIONS; r++) {
      // The report reaches the workflow as the portal hands it over: stored, then by reference.
      const stored = await storeSubmission(store, fullReport({ period: cycle.period, taskIds, targets: [], chars, revision: r }));
      const result = await handle.executeUpdate(submitReportUpdate, { args: [stored] });
      expect(result.revision).toBe(r);
      if (r < REVISIONS) await rig.env.sleep('1 hour');
    }
    // The cycle closes the period at its end.
    await handle.signal(closePeriodSignal);
    const status = await handle.result();
    const history = await handle.fetchHistory();
    return {
      status,
      events: history.events?.length ?? 0,
      bytes: proto.temporal.api.history.v1.History.encode(history as proto.temporal.api.history.v1.IHistory).finish().length,
      reportBytes: Buffer.byteLength(JSON.stringify(fullReport({ period: cycle.period, taskIds, targets: [], chars }))),
    };
  }

  it('five revisions of 20,000-character reports cost the same events as of 200-character ones, and at most a few KB more', async () => {
    const short = await agencyPeriod(200);
    const long = await agencyPeriod(20_000);
    expect(short.status.revisions).toBe(REVISIONS);
    expect(long.status.revisions).toBe(REVISIONS);
    // Each report is far larger than what its revision adds to the history.
    expect(long.reportBytes).toBeGreaterThan(REVISIONS * 20_000);
    expect(long.events).toBe(short.events);
    expect(Math.abs(long.bytes - short.bytes)).toBeLessThan(4 * 1024);
    // Issue 16's bound per agency-period, far below Temporal's 51,200 events and 50 MB.
    expect(long.events).toBeLessThanOrEqual(300);
    expect(long.bytes).toBeLessThanOrEqual(100 * 1024);
  });
});
