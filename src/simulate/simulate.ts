/**
 * `dondoc simulate`: the real workflows on the real time-skipping test server, emails through a real
 * SMTP catcher, agencies scripted to submit on time, late or never. Returns the email timeline and the
 * reports produced.
 *
 * The test server's clock starts today; to simulate any date range the workflows get a fixed business
 * clock offset (see workflows/clock.ts), so every instant below is on the plan's real calendar.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { endOfDay, instantAt, ZONE } from '../calendar/isoDate.js';
import { shiftWorkingDays } from '../calendar/workingDays.js';
import { startMailCatcher, type CaughtMail } from '../mail/catcher.js';
import type { Plan } from '../plan/schema.js';
import { adhocCycleSpec, nextCycleAfter } from '../reporting/cycles.js';
import type { CycleSpec } from '../reporting/types.js';
import { testServerPath } from '../runtime/tools.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { cycleStateQuery, type CycleState } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { simulationScriptWorkflow } from '../../workflows/simulationScriptWorkflow.js';
import { createScriptActivities, type ScriptStep, type ScriptStepResult } from './scriptActivities.js';
import { sampleSubmission, targetReporters } from './sample.js';
import { submissionInstant, type SubmitBehaviour } from './script.js';

export interface SimulationOptions {
  plan: Plan;
  /** YYYY-MM-DD, first day (the plan is dispatched at 08:00). */
  from: string;
  /** YYYY-MM-DD, last day simulated (to 24:00). */
  to: string;
  submit?: Record<string, SubmitBehaviour>;
  approve?: boolean;
  dataDir?: string;
  /** Reuse a running time-skipping environment (tests); otherwise one is started and stopped. */
  env?: TestWorkflowEnvironment;
  onProgress?: (message: string) => void;
  /** Runs after the script, while the worker still runs (e.g. to fetch histories). */
  afterScript?: (ctx: { client: import('@temporalio/client').Client; planRunId: string; cycles: CycleSpec[] }) => Promise<void>;
  /** Ad-hoc report requests the standing agency makes during the simulation. */
  adhoc?: { at: string; agencyIds: string[]; lastDay: string; subject: string }[];
}

export interface SimulatedEmail {
  at: string;
  kind: string;
  to: string[];
  cc: string[];
  agencyId: string | null;
  period: string | null;
  subject: string;
}

export interface SimulatedReport {
  period: string;
  draftAt: string | null;
  sentAt: string | null;
  /** Paths of the report files (the sent report, else the draft) in the simulation's storage directory. */
  docx: string | null;
  xlsx: string | null;
  html: string | null;
  json: string | null;
}

export interface SimulationResult {
  planId: string;
  from: string;
  to: string;
  emails: SimulatedEmail[];
  reports: SimulatedReport[];
  submissions: { at: string; agencyId: string; period: string; late: boolean; revision: number }[];
  cycles: CycleState[];
  messages: CaughtMail[];
}

const toVn = (iso: string) => DateTime.fromISO(iso).setZone(ZONE).toISO({ suppressMilliseconds: true })!;

export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const log = opts.onProgress ?? (() => {});
  const ownEnv = !opts.env;
  const env = opts.env ?? (await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } }));
  const catcher = await startMailCatcher();
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'dondoc-sim-')));
  const taskQueue = `simulate-${opts.plan.id}-${Date.now()}`;
  try {
    const client = env.client;
    const { worker, deps } = await createDondocWorker({
      client,
      extraActivities: createScriptActivities(client),
      connection: env.nativeConnection,
      taskQueue,
      dataDir,
      smtpUrl: catcher.url,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'simulation-secret-simulation-secret-0123',
    });
    const planRef = await deps.plans.put(opts.plan);
    const startAt = instantAt(opts.from, '08:00');
    const endAt = endOfDay(opts.to);
    const clockOffsetMs = Date.parse(startAt) - (await env.currentTimeMs());

    // What the script will do, from the same calendar the workflows use.
    const cycles: CycleSpec[] = [];
    for (let c = nextCycleAfter(opts.plan, null, startAt); c && Date.parse(c.opensAt) <= Date.parse(endAt); c = nextCycleAfter(opts.plan, { dueAt: c.dueAt, period: c.period }, startAt)) cycles.push(c);
    (opts.adhoc ?? []).forEach((req, i) => cycles.push(adhocCycleSpec(opts.plan, { ...req, seq: i + 1 })));
    const steps: ScriptStep[] = (opts.adhoc ?? []).map((req) => ({ at: req.at, action: 'adhoc' as const, planId: opts.plan.id, request: { agencyIds: req.agencyIds, lastDay: req.lastDay, subject: req.subject } }));
    for (const cycle of cycles) {
      const reporters = targetReporters(opts.plan, cycle.agencies.map((a) => a.agencyId));
      for (const a of cycle.agencies) {
        const at = submissionInstant(cycle, a.agencyId, opts.submit?.[a.agencyId] ?? { kind: 'ontime' });
        if (!at || at > endAt) continue;
        const taskIds = opts.plan.tasks
          .filter((t) => [...t.lead, ...t.cooperating].some((x) => x === a.agencyId || opts.plan.agencies.find((p) => p.id === x)?.successor?.agencyIds[0] === a.agencyId))
          .map((t) => t.id);
        steps.push({ at, action: 'submit', planId: opts.plan.id, period: cycle.period, agencyId: a.agencyId, payload: sampleSubmission(opts.plan, cycle.period, a.agencyId, taskIds, reporters.has(a.agencyId)) });
      }
      if (opts.approve !== false) {
        // The standing agency reviews the draft at 09:00 on the working day after it may have arrived.
        const days = [cycle.draftAt.slice(0, 10), ...cycle.agencies.map((a) => a.lastDay)];
        for (const at of new Set(days.map((d) => instantAt(shiftWorkingDays(d, 1), '09:00')))) {
          if (at <= endAt) steps.push({ at, action: 'approve', planId: opts.plan.id, period: cycle.period });
        }
      }
    }
    steps.sort((a, b) => a.at.localeCompare(b.at) || order(a) - order(b));

    let results: ScriptStepResult[] = [];
    const states: CycleState[] = [];
    await worker.runUntil(async () => {
      const planHandle = await client.workflow.start(planWorkflow, { workflowId: planWorkflowId(opts.plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
      log(`${steps.length} scripted steps`);
      // Awaiting the script's result lets the server skip time to the end.
      results = await client.workflow.execute(simulationScriptWorkflow, { workflowId: `simulation-script:${opts.plan.id}`, taskQueue, args: [{ steps, endAt, clockOffsetMs }] });
      // Queries need a running worker: read the cycles' state before it stops.
      for (const cycle of cycles) {
        const s = await client.workflow.getHandle(cycleWorkflowId(opts.plan.id, cycle.period)).query(cycleStateQuery).catch(() => null);
        if (s) states.push(s);
      }
      await opts.afterScript?.({ client, planRunId: planHandle.firstExecutionRunId, cycles });
    });
    const submissions = results
      .filter((r) => r.action === 'submit' && r.submittedAt)
      .map((r) => ({ at: toVn(r.submittedAt!), agencyId: r.agencyId!, period: r.period!, late: r.late!, revision: r.revision! }));

    const messages = catcher.messages().filter((m) => Date.parse(m.date) <= Date.parse(endAt));
    const emails = messages
      .map((m) => ({
        at: toVn(m.date),
        kind: m.headers['x-dondoc-kind'] ?? 'other',
        to: m.to,
        cc: m.cc,
        agencyId: m.headers['x-dondoc-agency'] || null,
        period: m.headers['x-dondoc-period'] || null,
        subject: m.subject,
      }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind) || (a.agencyId ?? '').localeCompare(b.agencyId ?? ''));
    const reports = states.map((s) => {
      const latest = s.sent ?? s.draft;
      return {
        period: s.period,
        draftAt: s.draft ? toVn(s.draft.at) : null,
        sentAt: s.sent ? toVn(s.sent.at) : null,
        json: latest ? deps.storage.pathOf(latest.reportId, '.report.json') : null,
        html: latest ? deps.storage.pathOf(latest.htmlId, '.html') : null,
        docx: latest?.docxId ? deps.storage.pathOf(latest.docxId, '.docx') : null,
        xlsx: latest?.xlsxId ? deps.storage.pathOf(latest.xlsxId, '.xlsx') : null,
      };
    });
    deps.mailer.close();
    return { planId: opts.plan.id, from: opts.from, to: opts.to, emails, reports, submissions, cycles: states, messages };
  } finally {
    await catcher.close();
    if (ownEnv) await env.teardown();
  }
}


/** At the same instant: requests first, then submissions, then approvals. */
const order = (s: ScriptStep) => (s.action === 'adhoc' ? 0 : s.action === 'submit' ? 1 : 2);
