/**
 * (d) History size per workflow for one reporting cycle of the 40-agency plan with full-length reports,
 * measured on the code of any checkout: `node --import tsx bench/history/measure.ts --root <checkout>
 * --out <file.json> [--agencies 40] [--chars 20000] [--revisions 5]`. Everything it runs comes from
 * `<root>` (its plan file, schema, calendar, worker, workflows, script activity), so the same script
 * measures the current code and an older commit (bench/history/compare.ts). Each agency submits a
 * full-length report on time; the first agency revises it until it has `--revisions` revisions; the
 * standing agency approves the draft. Runs on the time-skipping test server with a real SMTP catcher.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { fullReport } from '../fixtures/fullReport.js';
import { plan40Data } from '../fixtures/plan40.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string' },
    out: { type: 'string' },
    agencies: { type: 'string', default: '40' },
    chars: { type: 'string', default: '20000' },
    revisions: { type: 'string', default: '5' },
    'stall-seconds': { type: 'string', default: '150' },
  },
});
const root = resolve(values.root ?? process.cwd());
const agencies = Number(values.agencies);
const chars = Number(values.chars);
const revisions = Number(values.revisions);
const stallSeconds = Number(values['stall-seconds']);
let stalled: { afterSeconds: number; cycleWorkflowTaskFailure: string | null } | null = null;

/* eslint-disable @typescript-eslint/no-explicit-any -- the modules come from another checkout, typed by their own code */
const from = (path: string): Promise<any> => import(join(root, path));
const [{ planSchema }, cycles, script, sample, isoDate, workingDays, tools, catcherMod, workerMod, ids, planWf, scriptWf, scriptActs, logging] = await Promise.all([
  from('src/plan/schema.ts'),
  from('src/reporting/cycles.ts'),
  from('src/simulate/script.ts'),
  from('src/simulate/sample.ts'),
  from('src/calendar/isoDate.ts'),
  from('src/calendar/workingDays.ts'),
  from('src/runtime/tools.ts'),
  from('src/mail/catcher.ts'),
  from('worker/createWorker.ts'),
  from('workflows/ids.ts'),
  from('workflows/planWorkflow.ts'),
  from('workflows/simulationScriptWorkflow.ts'),
  from('src/simulate/scriptActivities.ts'),
  from('src/runtime/logging.ts'),
]);
logging.installRuntimeLogging();

const base = plan40Data(root, agencies);
const plan = planSchema.parse(base);
// One cycle: the first half of 2026, from before its first reminder to after the consolidated report.
const startAt: string = isoDate.instantAt('2026-05-04', '08:00');
const endAt: string = isoDate.endOfDay('2026-07-15');
const cycle = cycles.nextCycleAfter(plan, null, startAt);
if (cycle.period !== '2026-H1') throw new Error(`expected the 2026-H1 cycle first, got ${cycle.period}`);

const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: tools.testServerPath() } } });
const catcher = await catcherMod.startMailCatcher();
const dataDir = await mkdtemp(join(tmpdir(), 'dondoc-history-'));
const taskQueue = `history-${Date.now()}`;
try {
  const client: Client = env.client;
  // The checkout's own script activity; a submission's report is read from a file first, so the script's
  // input stays small, and then submitted the way that checkout submits (inline, or stored by reference).
  let store: unknown;
  try {
    const { ContentStore } = await from('src/storage/contentStore.ts');
    store = new ContentStore(dataDir);
  } catch {
    store = undefined;
  }
  const own = scriptActs.createScriptActivities(client, store);
  const performScriptStep = async (step: any) =>
    step.payloadFile ? own.performScriptStep({ ...step, payloadFile: undefined, payload: JSON.parse(await readFile(step.payloadFile, 'utf8')) }) : own.performScriptStep(step);
  const { worker, deps } = await workerMod.createDondocWorker({
    client,
    connection: env.nativeConnection,
    taskQueue,
    dataDir,
    smtpUrl: catcher.url,
    mailFrom: 'dondoc@example.gov.vn',
    publicUrl: 'http://localhost:3000',
    linkSecret: 'history-secret-history-secret-history-01',
    extraActivities: { performScriptStep },
  });
  const planRef = await deps.plans.put(plan);
  const clockOffsetMs = Date.parse(startAt) - (await env.currentTimeMs());

  const reporters: Set<string> = sample.targetReporters(
    plan,
    cycle.agencies.map((a: any) => a.agencyId),
  );
  const steps: any[] = [];
  for (const [i, a] of cycle.agencies.entries()) {
    const at: string = script.submissionInstant(cycle, a.agencyId, { kind: 'ontime' });
    const taskIds = plan.tasks
      .filter((t: any) => [...t.lead, ...t.cooperating].some((x: string) => x === a.agencyId || plan.agencies.find((p: any) => p.id === x)?.successor?.agencyIds[0] === a.agencyId))
      .map((t: any) => t.id);
    const targets = reporters.has(a.agencyId) ? plan.targets.map((t: any) => ({ id: t.id, value: t.value })) : [];
    for (let r = 1; r <= (i === 0 ? revisions : 1); r++) {
      const payloadFile = join(dataDir, `payload-${i}-${r}.json`);
      await writeFile(payloadFile, JSON.stringify(fullReport({ period: cycle.period, taskIds, targets, chars, revision: r })));
      // Revisions an hour apart on the day of the first submission.
      steps.push({ at: new Date(Date.parse(at) + (r - 1) * 3_600_000).toISOString(), action: 'submit', planId: plan.id, period: cycle.period, agencyId: a.agencyId, payloadFile });
    }
  }
  const days = [cycle.draftAt.slice(0, 10), ...cycle.agencies.map((a: any) => a.lastDay)];
  for (const at of new Set(days.map((d) => isoDate.instantAt(workingDays.shiftWorkingDays(d, 1), '09:00'))))
    steps.push({ at, action: 'approve', planId: plan.id, period: cycle.period });
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.action === 'approve' ? 1 : 0) - (b.action === 'approve' ? 1 : 0));

  const rows: { workflow: string; id: string; events: number; bytes: number; runs: number; overClientLimit?: boolean }[] = [];
  let results: any[] = [];
  // A stalled script leaves the worker busy: it is shut down with the measurement.
  await worker.runUntil(async () => {
    const planHandle = await client.workflow.start(planWf.planWorkflow, { workflowId: ids.planWorkflowId(plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
    // The old code cannot finish such a cycle (whole reports in one activity input exceed the 2 MB payload
    // limit, so the cycle's workflow task fails over and over and time stops): measure what it has then.
    const script = client.workflow.execute(scriptWf.simulationScriptWorkflow, { workflowId: `history-script:${plan.id}`, taskQueue, args: [{ steps, endAt, clockOffsetMs }] });
    script.catch(() => undefined);
    const stall = new Promise<'stalled'>((r) => setTimeout(() => r('stalled'), stallSeconds * 1000).unref());
    const done = await Promise.race([script, stall]);
    if (done === 'stalled') {
      const events =
        (
          await client.workflow
            .getHandle(ids.cycleWorkflowId(plan.id, cycle.period))
            .fetchHistory()
            .catch(() => ({ events: [] as any[] }))
        ).events ?? [];
      const failure = events
        .map((e: any) => e.workflowTaskFailedEventAttributes?.failure?.message)
        .filter(Boolean)
        .at(-1);
      stalled = { afterSeconds: stallSeconds, cycleWorkflowTaskFailure: failure ?? null };
    } else results = done as any[];
    const measureOne = async (workflow: string, id: string, runId?: string) => {
      // Every run of the chain (the plan workflow continues as new between cycles).
      let events = 0;
      let bytes = 0;
      let runs = 0;
      let tooLarge = false;
      for (let run: string | undefined = runId; ;) {
        const h = client.workflow.getHandle(id, run);
        let history: Awaited<ReturnType<typeof h.fetchHistory>>;
        try {
          history = await h.fetchHistory();
        } catch (err) {
          // A history over the client's 4 MB message limit (the old code's cycle): its size from the refusal.
          const over = /larger than max \((\d+) vs/.exec((err as Error).message);
          if (!over) throw err;
          events += (await h.describe()).historyLength;
          bytes += Number(over[1]);
          runs++;
          tooLarge = true;
          break;
        }
        events += history.events?.length ?? 0;
        bytes += proto.temporal.api.history.v1.History.encode(history as proto.temporal.api.history.v1.IHistory).finish().length;
        runs++;
        const last = history.events?.at(-1);
        const next = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        if (!next || !runId) break;
        run = next;
      }
      rows.push({ workflow, id, events, bytes, runs, ...(tooLarge ? { overClientLimit: true } : {}) });
    };
    await measureOne('plan', ids.planWorkflowId(plan.id), planHandle.firstExecutionRunId);
    await measureOne('cycle', ids.cycleWorkflowId(plan.id, cycle.period));
    for (const a of cycle.agencies) await measureOne('agency', ids.reportWorkflowId(plan.id, cycle.period, a.agencyId));
    if (cycle.standing) await measureOne('standing', ids.reportWorkflowId(plan.id, cycle.period, cycle.standing.agencyId, 'standing'));
  });
  const submitted = results.filter((r) => r.action === 'submit' && r.outcome === 'done').length;
  const out = {
    root,
    planId: plan.id,
    period: cycle.period,
    agencies: cycle.agencies.length,
    chars,
    revisionsOfFirst: revisions,
    submitted,
    stalled,
    payloadBytes: { first: (await readFile(join(dataDir, 'payload-0-1.json'))).length },
    mails: catcher.messages().length,
    rows,
  };
  deps.mailer.close();
  if (values.out) await writeFile(values.out, JSON.stringify(out, null, 2));
  else console.log(JSON.stringify(out, null, 2));
} finally {
  await catcher.close();
  await env.teardown();
  await rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
