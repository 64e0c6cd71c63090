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
import { nextCycleAfter } from '../reporting/cycles.js';
import type { CycleSpec } from '../reporting/types.js';
import { testServerPath } from '../runtime/tools.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { submitReportUpdate } from '../../workflows/agencyReportWorkflow.js';
import { approveReportUpdate, cycleStateQuery, type CycleState } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { planWorkflow } from '../../workflows/planWorkflow.js';
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
    const { worker, deps } = await createDondocWorker({
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
    const businessNow = async () => (await env.currentTimeMs()) + clockOffsetMs;
    const client = env.client;

    // What the script will do, from the same calendar the workflows use.
    const cycles: CycleSpec[] = [];
    for (let c = nextCycleAfter(opts.plan, null, startAt); c && Date.parse(c.opensAt) <= Date.parse(endAt); c = nextCycleAfter(opts.plan, { dueAt: c.dueAt, period: c.period }, startAt)) cycles.push(c);
    type Event = { at: string; run: () => Promise<void> };
    const events: Event[] = [];
    const submissions: SimulationResult['submissions'] = [];
    for (const cycle of cycles) {
      const reporters = targetReporters(opts.plan, cycle.agencies.map((a) => a.agencyId));
      for (const a of cycle.agencies) {
        const at = submissionInstant(cycle, a.agencyId, opts.submit?.[a.agencyId] ?? { kind: 'ontime' });
        if (!at || at > endAt) continue;
        events.push({
          at,
          run: async () => {
            const handle = client.workflow.getHandle(reportWorkflowId(opts.plan.id, cycle.period, a.agencyId));
            const taskIds = opts.plan.tasks.filter((t) => [...t.lead, ...t.cooperating].some((x) => x === a.agencyId || opts.plan.agencies.find((p) => p.id === x)?.successor?.agencyIds[0] === a.agencyId)).map((t) => t.id);
            const payload = sampleSubmission(opts.plan, cycle.period, a.agencyId, taskIds, reporters.has(a.agencyId));
            const result = await handle.executeUpdate(submitReportUpdate, { args: [payload] });
            submissions.push({ at: toVn(result.submittedAt), agencyId: a.agencyId, period: cycle.period, late: result.late, revision: result.revision });
          },
        });
      }
      if (opts.approve !== false) {
        // The standing agency reviews the draft the morning after it arrives (or after the draft point).
        const checks = [cycle.draftAt, ...cycle.agencies.map((a) => a.lastDay)].map((x) => (x.length === 10 ? instantAt(shiftWorkingDays(x, 1), '09:00') : instantAt(shiftWorkingDays(x.slice(0, 10), 1), '09:00')));
        for (const at of [...new Set(checks)]) if (at <= endAt) events.push({ at, run: () => approveIfDrafted(cycle) });
      }
    }
    const approveIfDrafted = async (cycle: CycleSpec) => {
      const handle = client.workflow.getHandle(cycleWorkflowId(opts.plan.id, cycle.period));
      const state = await handle.query(cycleStateQuery).catch(() => null);
      if (state?.phase === 'draft-sent') await handle.executeUpdate(approveReportUpdate, { args: [{ approvedBy: 'simulation' }] });
    };
    events.sort((a, b) => a.at.localeCompare(b.at));

    await worker.runUntil(async () => {
      await client.workflow.start(planWorkflow, { workflowId: planWorkflowId(opts.plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
      for (const ev of [...events, { at: endAt, run: async () => {} }]) {
        const wait = Date.parse(ev.at) - (await businessNow());
        if (wait > 0) await env.sleep(wait);
        log(`${toVn(ev.at)}`);
        await retry(ev.run);
      }
      // Let in-flight mail land.
      await env.sleep(1);
    });

    const states: CycleState[] = [];
    for (const cycle of cycles) {
      const s = await client.workflow.getHandle(cycleWorkflowId(opts.plan.id, cycle.period)).query(cycleStateQuery).catch(() => null);
      if (s) states.push(s);
    }
    const messages = catcher.messages();
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
    const reports = states.map((s) => ({
      period: s.period,
      draftAt: s.draft ? toVn(s.draft.at) : null,
      sentAt: s.sent ? toVn(s.sent.at) : null,
      json: s.sent ? deps.storage.pathOf(s.sent.reportId, '.report.json') : s.draft ? deps.storage.pathOf(s.draft.reportId, '.report.json') : null,
      html: null,
    }));
    deps.mailer.close();
    return { planId: opts.plan.id, from: opts.from, to: opts.to, emails, reports, submissions: submissions.sort((a, b) => a.at.localeCompare(b.at)), cycles: states, messages };
  } finally {
    await catcher.close();
    if (ownEnv) await env.teardown();
  }
}

/** A workflow the script talks to may still be starting: retry briefly on "not found". */
async function retry<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as Error;
      if (i >= attempts || !/not found|NotFound/i.test(`${e.name} ${e.message}`)) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
