/**
 * `dondoc simulate`: the real workflows on the real time-skipping test server, emails through a real
 * SMTP catcher, agencies scripted to submit on time, late or never. Returns the email timeline and the
 * reports produced.
 *
 * The test server's clock starts today; to simulate any date range the workflows get a fixed business
 * clock offset (see workflows/clock.ts), so every instant below is on the plan's real calendar.
 */
import { executeSkippingTime } from './executeSkippingTime.js';
import { EVER, holderTasks } from '../directory/resolve.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkerOptions } from '@temporalio/worker';
import { endOfDay, instantAt, vnInstant } from '../calendar/isoDate.js';
import { shiftWorkingDays } from '../calendar/workingDays.js';
import { catcherAnswers, startMailCatcher, type CaughtMail } from '../mail/catcher.js';
import { startBounceEndpoint } from '../mail/bounces/inbound.js';
import { memoryDeliveries } from '../db/deliveries.js';
import type { Plan } from '../plan/schema.js';
import { adhocCycleSpec, nextCycleAfter } from '../reporting/cycles.js';
import type { CycleSpec } from '../reporting/types.js';
import { testServerPath } from '../runtime/tools.js';
import { createDondocWorker } from '../../worker/createWorker.js';
import { cycleStateQuery, type CycleState } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, leaderWorkflowId, officerWorkflowId, planWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { leadersEver } from '../reporting/leaderDigest.js';
import { ContentStore } from '../storage/contentStore.js';
import type { SubmissionPayload } from '../reporting/types.js';
import type { Client } from '@temporalio/client';
import { planWorkflow } from '../../workflows/planWorkflow.js';
import { simulationScriptWorkflow } from '../../workflows/simulationScriptWorkflow.js';
import { storeSubmission } from '../service/submissions.js';
import { chunkScript } from './chunks.js';
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
  /** What-if: mail cannot be delivered in these intervals (the catcher answers 421, as a relay that is down). */
  outages?: { from: string; to: string }[];
  /** What-if: the standing agency grants an extension to this last day at this instant. */
  extensions?: { agencyId: string; at: string; lastDay: string }[];
  /** How long a notice may stay undelivered before the status says so (ms); default the workflow's. */
  deliveryBudgetMs?: number;
  /**
   * What-if (issue 15): these contacts' addresses bounce. The catcher, as the remote mail system, answers
   * each message to them with a permanent 5.1.1 DSN sent to dondoc's bounce endpoint.
   */
  bounces?: { agencyId: string; role: 'focal' | 'head' }[];
  /** What-if: the agency opens its personal link at this instant (proof of notice). */
  opens?: { agencyId: string; at: string }[];
  /** Options of the simulation's worker (e.g. `maxCachedWorkflows`), for the bench. */
  workerOptions?: Partial<WorkerOptions>;
  /** Limits of one script execution (default CHUNK_LIMITS: a year, 250 steps); tests lower them. */
  chunk?: { maxDays: number; maxSteps: number };
}

export interface SimulatedEmail {
  /** The Date header: the instant of the step it stands for (or of its catch-up). */
  at: string;
  /** When the catcher received it (differs from `at` after an outage). */
  deliveredAt: string;
  kind: string;
  to: string[];
  cc: string[];
  agencyId: string | null;
  period: string | null;
  subject: string;
  /** The regime step it stands for (`reminder/<lastDay>/<n>`, `escalation/<lastDay>/<level>`), if any. */
  step: string | null;
  /** True when it replaces notices that piled up during an outage. */
  catchUp?: true;
  /** True when every recipient's address bounced (`--bounce`). */
  bounced?: true;
}

/** Proof of notice per agency and period at the end (issue 15), from the agency workflows' status. */
export interface SimulatedProof {
  agencyId: string;
  period: string;
  proven: boolean;
  provenAt: string | null;
  /** Since when an escalation step has waited for proof (null: none waits). */
  waitingSince: string | null;
  /** The addresses that bounced: "không liên lạc được". */
  unreachable: string[];
  /** The other contacts tried, in order. */
  fallbacks: { address: string; contactRole: 'focal' | 'head' }[];
  /** Every contact bounced, none left to try. */
  exhausted: boolean;
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
  /** Submissions the workflows refused (e.g. `--submit x=empty`), with their reasons. */
  rejected: { at: string; agencyId: string; period: string; reasons: string[] }[];
  /** The state of every workflow of the plan at the end: nothing may have failed. */
  workflows: { completed: number; failed: number; running: number; failedIds: string[] };
  cycles: CycleState[];
  messages: CaughtMail[];
  /** Agencies whose proof of notice is not plain (something bounced, or a step waits); all of them with `--bounce`. */
  proof: SimulatedProof[];
}

const toVn = (iso: string) => vnInstant(iso);

export async function simulate(opts: SimulationOptions): Promise<SimulationResult> {
  const log = opts.onProgress ?? (() => {});
  const ownEnv = !opts.env;
  const env = opts.env ?? (await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } }));
  // Business time, for the outage windows and the catcher's receipt stamps (set once the offset is known).
  let businessNow = async () => Date.now();
  const outages = (opts.outages ?? []).map((o) => ({ from: Date.parse(o.from), to: Date.parse(o.to) }));
  // Bounces: one delivery log for the mailer, the bounce endpoint and the proof look-ups.
  const deliveries = memoryDeliveries();
  const bouncing = new Set(
    (opts.bounces ?? []).flatMap((b) => {
      const agency = opts.plan.agencies.find((a) => a.id === b.agencyId);
      if (!agency) throw new Error(`--bounce: unknown agency "${b.agencyId}" in plan ${opts.plan.id} / không có cơ quan này trong kế hoạch`);
      const emails = agency.contacts.filter((c) => c.role === b.role).map((c) => c.email.toLowerCase());
      if (!emails.length)
        throw new Error(`--bounce ${b.agencyId}=${b.role}: the agency has no ${b.role} contact / cơ quan không có địa chỉ ${b.role === 'focal' ? 'đầu mối' : 'thủ trưởng'}`);
      return emails;
    }),
  );
  const endpoint = bouncing.size ? await startBounceEndpoint({ deliveries, bounceDomain: SIM_BOUNCE_DOMAIN, clock: () => businessNow(), log: () => {} }) : null;
  const answer = bouncing.size ? catcherAnswers([...bouncing].map((a) => `${a}=5.1.1`).join(',')) : null;
  const catcher = await startMailCatcher({
    ...(endpoint && answer ? { bounce: { via: endpoint.url, reportingMta: 'mx.simulation.invalid', answer, beforeAccept: true } } : {}),
    clock: () => businessNow(),
    refuse: outages.length
      ? async () => {
          const now = await businessNow();
          return outages.some((o) => now >= o.from && now < o.to) ? { code: 421, message: '4.3.2 Service not available (simulated outage)' } : null;
        }
      : undefined,
  });
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'dondoc-sim-')));
  const taskQueue = `simulate-${opts.plan.id}-${Date.now()}`;
  try {
    const client = env.client;
    const store = new ContentStore(dataDir);
    const { worker, deps } = await createDondocWorker({
      client,
      extraActivities: createScriptActivities(client, store, deliveries),
      deliveries,
      ...(endpoint ? { smtp: { bounceDomain: SIM_BOUNCE_DOMAIN } } : {}),
      deliveryBudgetMs: opts.deliveryBudgetMs,
      // Simulated outages last days: retrying every 2 hours keeps the run short, and a delivery still
      // lands within 2 hours of the relay's return.
      deliveryRetryCapMs: opts.outages?.length ? 2 * 3_600_000 : undefined,
      connection: env.nativeConnection,
      taskQueue,
      dataDir,
      smtpUrl: catcher.url,
      mailFrom: 'dondoc@example.gov.vn',
      publicUrl: 'http://localhost:3000',
      linkSecret: 'simulation-secret-simulation-secret-0123',
      options: opts.workerOptions,
    });
    const planRef = await deps.plans.put(opts.plan);
    const startAt = instantAt(opts.from, '08:00');
    const endAt = endOfDay(opts.to);
    const clockOffsetMs = Date.parse(startAt) - (await env.currentTimeMs());
    businessNow = async () => (await env.currentTimeMs()) + clockOffsetMs;

    // What the script will do, from the same calendar the workflows use.
    const cycles: CycleSpec[] = [];
    for (
      let c = nextCycleAfter(opts.plan, null, startAt);
      c && Date.parse(c.opensAt) <= Date.parse(endAt);
      c = nextCycleAfter(opts.plan, { dueAt: c.dueAt, period: c.period }, startAt)
    )
      cycles.push(c);
    (opts.adhoc ?? []).forEach((req, i) => cycles.push(adhocCycleSpec(opts.plan, { ...req, seq: i + 1 })));
    const steps: ScriptStep[] = (opts.adhoc ?? []).map((req) => ({
      at: req.at,
      action: 'adhoc' as const,
      planId: opts.plan.id,
      request: { agencyIds: req.agencyIds, lastDay: req.lastDay, subject: req.subject },
    }));
    for (const cycle of cycles) {
      const reporters = targetReporters(
        opts.plan,
        cycle.agencies.map((a) => a.agencyId),
      );
      for (const a of cycle.agencies) {
        const planned = submissionInstant(cycle, a.agencyId, opts.submit?.[a.agencyId] ?? { kind: 'ontime' });
        // A simulation that starts mid-period: an agency due to report before the start reports on the
        // first day instead, two hours after the dispatch (its period is open by then).
        const at = planned && Date.parse(planned) < Date.parse(startAt) ? new Date(Date.parse(startAt) + 2 * 3_600_000).toISOString() : planned;
        if (!at || Date.parse(at) > Date.parse(endAt)) continue;
        const taskIds = holderTasks(opts.plan, a.agencyId, EVER).map((t) => t.task.id);
        const behaviour = opts.submit?.[a.agencyId];
        const payload = behaviour?.kind === 'empty' ? emptySubmission(cycle.period) : sampleSubmission(opts.plan, cycle.period, a.agencyId, taskIds, reporters.has(a.agencyId));
        // Stored now, as the portal stores a report before the Update: the script carries its reference.
        steps.push({ at, action: 'submit', planId: opts.plan.id, period: cycle.period, agencyId: a.agencyId, stored: await storeSubmission(store, payload) });
      }
      if (opts.approve !== false) {
        // The standing agency reviews the draft at 09:00 on the working day after it may have arrived.
        const days = [cycle.draftAt.slice(0, 10), ...cycle.agencies.map((a) => a.lastDay)];
        for (const at of new Set(days.map((d) => instantAt(shiftWorkingDays(d, 1), '09:00')))) {
          if (at <= endAt) steps.push({ at, action: 'approve', planId: opts.plan.id, period: cycle.period });
        }
      }
    }
    for (const x of opts.extensions ?? []) {
      // The period the extension is for: the agency's open one whose last day comes before the new one.
      const cycle = cycles
        .filter((c) => c.agencies.some((a) => a.agencyId === x.agencyId && a.lastDay < x.lastDay) && Date.parse(c.opensAt) <= Date.parse(x.at))
        .sort((a, b) => b.dueAt.localeCompare(a.dueAt))[0];
      if (!cycle) throw new Error(`--extend ${x.agencyId}@${x.at}: no open period of that agency ends before ${x.lastDay}`);
      steps.push({ at: x.at, action: 'extend', planId: opts.plan.id, period: cycle.period, agencyId: x.agencyId, lastDay: x.lastDay, reason: 'Gia hạn theo kịch bản mô phỏng' });
    }
    for (const o of opts.opens ?? []) {
      const cycle = cycles
        .filter((c) => c.agencies.some((a) => a.agencyId === o.agencyId) && Date.parse(c.opensAt) <= Date.parse(o.at))
        .sort((a, b) => b.opensAt.localeCompare(a.opensAt))[0];
      if (!cycle) throw new Error(`--open ${o.agencyId}@${o.at}: no period of that agency is open then / chưa có kỳ báo cáo nào của cơ quan này mở vào lúc đó`);
      steps.push({ at: o.at, action: 'open', planId: opts.plan.id, period: cycle.period, agencyId: o.agencyId });
    }
    steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || order(a) - order(b));

    const results: ScriptStepResult[] = [];
    let workflows: SimulationResult['workflows'] = { completed: 0, failed: 0, running: 0, failedIds: [] };
    const states: CycleState[] = [];
    await worker.runUntil(async () => {
      const planHandle = await client.workflow.start(planWorkflow, { workflowId: planWorkflowId(opts.plan.id), taskQueue, args: [{ planRef, clockOffsetMs }] });
      log(`${steps.length} scripted steps`);
      // The server skips time to each chunk's end and stops there. One execution per chunk: the
      // test server times out any execution longer than 3,650 days (see chunks.ts).
      const chunks = chunkScript(steps, startAt, endAt, opts.chunk);
      for (const [i, chunk] of chunks.entries()) {
        const workflowId = chunks.length === 1 ? `simulation-script:${opts.plan.id}` : `simulation-script:${opts.plan.id}:${i + 1}`;
        results.push(
          ...(await executeSkippingTime(
            client,
            simulationScriptWorkflow,
            { workflowId, taskQueue, args: [{ steps: chunk.steps, endAt: chunk.endAt, clockOffsetMs }] },
            Date.parse(chunk.endAt) - clockOffsetMs,
          )),
        );
        if (chunks.length > 1) log(`script ${i + 1}/${chunks.length} done (${chunk.endAt.slice(0, 10)})`);
      }
      // Queries need a running worker: read the cycles' state before it stops.
      for (const cycle of cycles) {
        const s = await client.workflow
          .getHandle(cycleWorkflowId(opts.plan.id, cycle.period))
          .query(cycleStateQuery)
          .catch(() => null);
        if (s) states.push(s);
      }
      await opts.afterScript?.({ client, planRunId: planHandle.firstExecutionRunId, cycles });
      workflows = await workflowCounts(client, opts.plan.id, cycles);
      // A leader's digest (an officer's summary) workflow is long-lived and shared by plans: the simulation's ends with it, so a
      // second simulation on the same server (tests) starts its own on its own task queue.
      const officers = opts.plan.agencies.flatMap((a) => a.contacts.filter((c) => c.role === 'focal').map((c) => officerWorkflowId(c.email)));
      for (const id of new Set([...leadersEver(opts.plan).map((p) => leaderWorkflowId(p.email)), ...officers])) {
        await client.workflow
          .getHandle(id)
          .terminate('simulation ended')
          .catch(() => undefined);
      }
    });
    const submissions = results
      .filter((r) => r.action === 'submit' && r.submittedAt)
      .map((r) => ({ at: toVn(r.submittedAt!), agencyId: r.agencyId!, period: r.period!, late: r.late!, revision: r.revision! }));
    const rejected = results
      .filter((r) => r.action === 'submit' && r.outcome === 'rejected')
      .map((r) => ({ at: toVn(r.at), agencyId: r.agencyId!, period: r.period!, reasons: r.reasons ?? [] }));

    const messages = catcher.messages().filter((m) => Date.parse(m.date) <= Date.parse(endAt));
    const emails = messages
      .map((m) => ({
        at: toVn(m.date),
        deliveredAt: toVn(m.receivedAt),
        kind: m.headers['x-dondoc-kind'] ?? 'other',
        to: m.to,
        cc: m.cc,
        agencyId: m.headers['x-dondoc-agency'] || null,
        period: m.headers['x-dondoc-period'] || null,
        subject: m.subject,
        step: m.headers['x-dondoc-step'] || null,
        ...(m.headers['x-dondoc-catch-up'] === 'true' ? { catchUp: true as const } : {}),
        ...(bouncing.size && [...m.to, ...m.cc].length > 0 && [...m.to, ...m.cc].every((a) => bouncing.has(a.toLowerCase())) ? { bounced: true as const } : {}),
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
    const bouncedAgencies = new Set((opts.bounces ?? []).map((b) => b.agencyId));
    const proof: SimulatedProof[] = states.flatMap((c) =>
      c.agencies
        .filter((a) => a.proof && (bouncedAgencies.has(a.agencyId) || a.proof.unreachable.length > 0 || a.proof.waitingSince !== null || a.proof.fallbacks.length > 0))
        .map((a) => ({
          agencyId: a.agencyId,
          period: c.period,
          proven: a.proof!.proven,
          provenAt: a.proof!.provenAt ? toVn(a.proof!.provenAt) : null,
          waitingSince: a.proof!.waitingSince ? toVn(a.proof!.waitingSince) : null,
          unreachable: a.proof!.unreachable.map((u) => u.address),
          fallbacks: a.proof!.fallbacks.map((f) => ({ address: f.address, contactRole: f.contactRole })),
          exhausted: a.proof!.exhausted,
        })),
    );
    deps.mailer.close();
    return { planId: opts.plan.id, from: opts.from, to: opts.to, emails, reports, submissions, rejected, workflows, cycles: states, messages, proof };
  } finally {
    await catcher.close();
    await endpoint?.close();
    if (ownEnv) await env.teardown();
  }
}

/** At the same instant: requests first, then extensions, opens, submissions, approvals. */
const order = (s: ScriptStep) => ({ adhoc: 0, extend: 1, open: 2, submit: 3, approve: 4 })[s.action];

/** The return-path domain of a simulation with bounces (never resolved: the catcher reports to the endpoint directly). */
const SIM_BOUNCE_DOMAIN = 'bounces.simulation.invalid';

/** "Gửi báo cáo" with nothing filled in. */
const emptySubmission = (period: string): SubmissionPayload => ({ period, tasks: [], targets: [], narrative: '', difficulties: '', recommendations: '', attachments: [] });

/** Describes every workflow the simulation started: how many completed, failed (or were terminated), are still running. */
async function workflowCounts(client: Client, planId: string, cycles: CycleSpec[]): Promise<SimulationResult['workflows']> {
  const ids = [planWorkflowId(planId)];
  for (const c of cycles) {
    ids.push(cycleWorkflowId(planId, c.period));
    for (const a of c.agencies) ids.push(reportWorkflowId(planId, c.period, a.agencyId, a.role));
    if (c.standing) ids.push(reportWorkflowId(planId, c.period, c.standing.agencyId, 'standing'));
  }
  const out = { completed: 0, failed: 0, running: 0, failedIds: [] as string[] };
  for (const id of ids) {
    const d = await client.workflow
      .getHandle(id)
      .describe()
      .catch(() => null);
    const status = d?.status.name;
    if (!status) continue;
    if (status === 'RUNNING') out.running++;
    else if (status === 'COMPLETED' || status === 'CONTINUED_AS_NEW') out.completed++;
    else {
      out.failed++;
      out.failedIds.push(`${id}: ${status}`);
    }
  }
  return out;
}
