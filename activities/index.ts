/**
 * Activities: thin adapters between the workflows and the outside world (plan store, calendar, mail,
 * report storage). Built once per worker from validated configuration by `createActivities`.
 * Every mail-sending activity is idempotent per `key` (see Mailer) and stops waiting for the relay when
 * it is cancelled.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { dayOf, viDate } from '../src/calendar/isoDate.js';
import { shiftWorkingDays, workingDaysBetween } from '../src/calendar/workingDays.js';
import { consolidate } from '../src/consolidation/consolidate.js';
import { emailsOf, reportAddressees } from '../src/consolidation/addressees.js';
import { CONTENT_TYPES, renderReport, reportFileName } from '../src/consolidation/documents.js';
import type { Mailer } from '../src/mail/mailer.js';
import {
  directorMail,
  dispatchMail,
  documentRef,
  exemptionMail,
  extensionMail,
  draftMail,
  extensionRequestMail,
  fallbackMail,
  leaderDigestMail,
  proofMissingMail,
  overdueMail,
  periodOpenMail,
  receiptMail,
  reminderMail,
  undeliverableMail,
  withCatchUp,
  type AgencyMailContext,
  type RenderedMail,
} from '../src/mail/templates.js';
import { staffLinks } from '../src/mail/staffLinks.js';
import type { DeliveryLog } from '../src/db/deliveries.js';
import { proofLine } from '../src/mail/noticeState.js';
import { DEFAULT_PROOF_ACCEPTED_AFTER_MS, proofFact, type ProofFact } from '../src/mail/proofGate.js';
import { submissionCopy } from '../src/mail/submissionCopy.js';
import { submissionDocx, submissionFileName } from '../src/mail/submissionDocx.js';
import type { Notice, Step } from '../src/reporting/regime.js';
import { viDateTime } from '../src/reporting/dates.js';
import { dispatchList, EVER, holderTasks, predecessorsOf } from '../src/directory/resolve.js';
import type { Plan } from '../src/plan/schema.js';
import { planEnded } from '../src/reporting/planEnd.js';
import { adhocCycleSpec, cyclesOfYear, nextCycleAfter, scheduleFor } from '../src/reporting/cycles.js';
import { dutyHolder, obligationsOfYear } from '../src/reporting/obligations.js';
import type { AgencySchedule, AgencyStatus, CycleSpec, EmailKind, PlanRef, SubmissionRecord, SubmissionRecordRef } from '../src/reporting/types.js';
import { resolveSubmission } from '../src/service/submissions.js';
import type { ContentStore } from '../src/storage/contentStore.js';
import type { PlanStore } from '../src/storage/planStore.js';
import { personalLink } from '../src/service/personalLink.js';
import { isRealIsoDate } from '../src/edge/dates.js';

/**
 * Bad input is refused at once: no retry can make an unknown agency known or 2026-02-30 a day. The
 * workflow sees a non-retryable ApplicationFailure with the reason, not "Activity task failed" after
 * a series of retries.
 */
function badInput(reason: string): never {
  throw ApplicationFailure.nonRetryable(reason, 'BadInput');
}
const mustBeDay = (field: string, value: unknown) => {
  if (!isRealIsoDate(value)) badInput(`${field}: không phải ngày có thật (YYYY-MM-DD) / not a real calendar day: ${JSON.stringify(value)?.slice(0, 40)}`);
};
const mustBeInstant = (field: string, value: unknown) => {
  if (typeof value !== 'string' || !Number.isFinite(Date.parse(value))) badInput(`${field}: không phải thời điểm ISO / not an ISO instant: ${JSON.stringify(value)?.slice(0, 40)}`);
};
const mustBeAgencies = (plan: Plan, ids: unknown) => {
  if (!Array.isArray(ids)) badInput('agencyIds: phải là danh sách / must be a list');
  const unknown = (ids as unknown[]).filter((id) => !plan.agencies.some((a) => a.id === id));
  if (unknown.length) badInput(`agencyIds: không có trong kế hoạch / not in plan ${plan.id}: ${unknown.map(String).join(', ').slice(0, 200)}`);
};
import { createReminderBatchActivities } from './reminderBatch.js';
import { cycleWorkflowId, leaderWorkflowId, officerWorkflowId, reportWorkflowId } from '../workflows/ids.js';
import { leaderResolvedSignal, leaderStepSignal, type LeaderDigestInput } from '../workflows/leaderDigestWorkflow.js';
import {
  buildLeaderDigest,
  DEFAULT_DIGEST_TIMING,
  leaderInCharge,
  leaderKey,
  leadersEver,
  nextDigestSlot,
  type DigestPlanInfo,
  type DigestSlot,
  type DigestTiming,
  type Person,
} from '../src/reporting/leaderDigest.js';
import { digestWanted, itemKey, type ItemRef, type LeaderItem } from '../src/reporting/leaderItems.js';
import { leaderDayMail } from '../src/mail/leaderDayMail.js';
import { officerMorningMail } from '../src/mail/officerMorningMail.js';
import { buildOfficerSummary, type OfficerCycleView } from '../src/reporting/officerSummary.js';
import { officerCycleSignal, type OfficerCycleRef, type OfficerSummaryInput } from '../workflows/officerSummaryWorkflow.js';
import { cycleStateQuery } from '../workflows/cycleWorkflow.js';

export interface ActivityDeps {
  plans: PlanStore;
  storage: ContentStore;
  mailer: Mailer;
  /** Base URL of the web app, for personal submission links. */
  publicUrl: string;
  linkSecret: string;
  /** How long a submission link stays valid after the period's last day (days). */
  linkValidityDays: number;
  /** For starting cycle workflows: the client and the task queue they run on. */
  temporal: { client: Client; taskQueue: string };
  /** How long a notice may stay undelivered before the agency's status says so (ms); default in the workflow. */
  deliveryBudgetMs?: number;
  /** Longest wait between two delivery attempts (ms); default the workflow's delivery policy. */
  deliveryRetryCapMs?: number;
  /** The delivery log the mailer writes: the proof of notice is read from it. Absent: no proof is known, every agency counts as told. */
  deliveries?: DeliveryLog;
  /** An accepted notice counts as delivered after this long without a bounce (ms); null: only reported deliveries and opens (src/mail/proofGate.ts). */
  proofAcceptedAfterMs?: number | null;
  /** The leader's digest: hour, quiet hours, repeat (config DONDOC_DIGEST_*); default 08:00, 18:00–07:00, news. */
  digest?: DigestTiming;
}

export interface ProofInput {
  planRef: PlanRef;
  period: string;
  agencyId: string;
  /** Business time of the look-up. */
  at: string;
}

/** What the proof-of-notice look-up returns to the workflow: the regime's `proof-of-notice` fact. */
export interface ProofAnswer extends ProofFact {
  /** 08:00 of the next working day: when a held step is looked at again. */
  nextMorning: string;
}

export interface NotifyInput {
  planRef: PlanRef;
  kind: EmailKind;
  period: string;
  periodLabel: string;
  agencyId: string;
  role: 'agency' | 'standing';
  lastDay: string;
  dueAt: string;
  key: string;
  at: string;
  extra: Record<string, unknown>;
}

/** One notice of the regime to one agency (or, for `undeliverable`, about it to the standing agency). */
export interface DeliverInput {
  planRef: PlanRef;
  period: string;
  periodLabel: string;
  agencyId: string;
  role: 'agency' | 'standing';
  lastDay: string;
  dueAt: string;
  notice: Notice;
  /** The Message-ID derives from it: the same key never makes two distinct messages. */
  key: string;
  /** When the workflow issued this attempt (business time): relative wording is computed for that day. */
  at: string;
}

/** SMTP 5xx: the relay refused for good (unknown mailbox, policy); 4xx and network faults are retried. */
function classifySmtpError(err: unknown): never {
  const code = (err as { responseCode?: number }).responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) {
    throw ApplicationFailure.nonRetryable(`máy chủ thư từ chối (${code}): ${(err as Error).message}`.slice(0, 500), 'PermanentDeliveryFailure');
  }
  throw err;
}

const stepWhat = (s: Step) =>
  s.level === 'reminder' ? 'nhắc hạn' : s.level === 'overdue' ? 'thông báo quá hạn' : s.level === 'director' ? 'báo cáo Thủ trưởng' : 'báo cáo lãnh đạo';

export function createActivities(deps: ActivityDeps) {
  const { plans, mailer } = deps;

  const contactsOf = (plan: Plan, agencyId: string, role: 'focal' | 'head') =>
    plan.agencies
      .find((a) => a.id === agencyId)
      ?.contacts.filter((c) => c.role === role)
      .map((c) => c.email) ?? [];
  const nameOf = (plan: Plan, id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  /** The leader in charge on the day of `at` (a plan's leader can change from a date). */
  const leader = (plan: Plan, at?: string) => leaderInCharge(plan, at ? dayOf(at) : dayOf(Date.now()));
  const timing = deps.digest ?? DEFAULT_DIGEST_TIMING;

  /**
   * The items of a leader's workflow split by who is in charge on `day`: this leader's, and the others',
   * handed to their leader now (signal-with-start; new to that leader, so news there).
   */
  const route = async (input: { leaderEmail: string; items: LeaderItem[]; day: string; clockOffsetMs?: number }) => {
    const loaded = new Map<string, Plan>();
    for (const i of input.items) if (!loaded.has(i.planId)) loaded.set(i.planId, await plans.get({ planId: i.planId, hash: i.planHash }));
    const me = leaderKey(input.leaderEmail);
    const inCharge = (i: LeaderItem) => leaderInCharge(loaded.get(i.planId)!, input.day);
    const mine = input.items.filter((i) => leaderKey(inCharge(i).email) === me);
    const others = input.items.filter((i) => leaderKey(inCharge(i).email) !== me);
    for (const email of new Set(others.map((i) => leaderKey(inCharge(i).email)))) {
      const items = others.filter((i) => leaderKey(inCharge(i).email) === email);
      await toLeader(
        email,
        items.map((i) => ({ ...i, listed: false })),
        input.clockOffsetMs,
      );
    }
    return { loaded, inCharge, mine, handedOver: others.map(({ planId, period, agencyId }) => ({ planId, period, agencyId })) };
  };

  /** Signal-with-start of a leader's digest workflow: it exists as soon as there is something to tell. */
  const toLeader = (email: string, items: LeaderItem[], clockOffsetMs: number | undefined) =>
    deps.temporal.client.workflow.signalWithStart('leaderDigestWorkflow', {
      workflowId: leaderWorkflowId(leaderKey(email)),
      taskQueue: deps.temporal.taskQueue,
      args: [{ leaderEmail: leaderKey(email), clockOffsetMs } satisfies LeaderDigestInput],
      signal: leaderStepSignal,
      signalArgs: [{ items }],
    });

  const submitLink = (planId: string, period: string, agencyId: string, lastDay: string) => personalLink(deps, { planId, period, agencyId, lastDay }).url;
  const links = staffLinks(deps.publicUrl);
  /** The edited report's bytes; a file missing from the store is refused for good (shown to staff), not retried. */
  const editedReport = async (f: { sha256: string; name: string }) => {
    if (!(await deps.storage.has(f.sha256))) badInput(`không tìm thấy bản Word đã chỉnh sửa "${f.name}" (sha256 ${f.sha256}) trong kho tệp`);
    const bytes = await deps.storage.get(f.sha256);
    // Filed beside the rendered reports too, so `report.docx?source=sent` serves what was emailed.
    await deps.storage.put(bytes, '.docx');
    return bytes;
  };
  /** Where staff decide an extension: the agency's page; the command line as a secondary way. */
  const extensionDecision = (planId: string, period: string, agencyId: string, lastDay: string) => ({
    page: links.agency(planId, period, agencyId),
    cli: `dondoc extend ${planId} --period ${period} --agency ${agencyId} --until ${lastDay} --reason "…" (hoặc --refuse)`,
  });

  /** The mail context for an agency on a day: a succeeded agency's duties go to its successor. */
  const agencyContext = (plan: Plan, input: Pick<NotifyInput, 'agencyId' | 'period' | 'periodLabel' | 'lastDay' | 'role' | 'at'>) => {
    const day = dayOf(input.at);
    const holder = dutyHolder(plan, input.agencyId, day);
    // Every agency the holder answers for, named once (an agency that inherited two sees both names).
    const formerNames = predecessorsOf(plan, holder, day).map((a) => a.name);
    const obligation = plan.reporting.obligations.find((o) => o.assumed && (input.role === 'standing' ? o.kind === 'consolidated-report' : o.kind === 'agency-report'));
    const ctx: AgencyMailContext = {
      plan,
      agencyName: nameOf(plan, holder),
      formerNames,
      periodLabel: input.periodLabel,
      lastDay: input.lastDay,
      tasks: input.role === 'standing' ? [] : holderTasks(plan, holder, day),
      submitLink: input.role === 'standing' ? null : submitLink(plan.id, input.period, input.agencyId, input.lastDay),
      assumptionNote: obligation?.assumptionNote ?? null,
      role: input.role,
    };
    return { ctx, holder };
  };

  // Temporal tells an activity of its cancellation in the answer to a heartbeat: beat while the relay is awaited.
  const send = async (
    mail: RenderedMail,
    meta: {
      key: string;
      at: string;
      kind: EmailKind;
      planId: string;
      period?: string;
      agencyId?: string;
      to: string[];
      cc?: string[];
      attachments?: { filename: string; content: Buffer; contentType: string }[];
      headers?: Record<string, string>;
    },
  ) => {
    const ctx = Context.current();
    const beat = setInterval(() => ctx.heartbeat(), 5_000);
    try {
      return await mailer.send(
        {
          key: meta.key,
          at: meta.at,
          to: [...new Set(meta.to)],
          cc: [...new Set(meta.cc ?? [])].filter((c) => !meta.to.includes(c)),
          ...mail,
          headers: { 'X-Dondoc-Kind': meta.kind, 'X-Dondoc-Plan': meta.planId, 'X-Dondoc-Period': meta.period ?? '', 'X-Dondoc-Agency': meta.agencyId ?? '', ...meta.headers },
          attachments: meta.attachments,
        },
        { signal: ctx.cancellationSignal },
      );
    } finally {
      clearInterval(beat);
    }
  };

  /** The proof line an escalation states ("đã nhắc 4 lần: 04/06 (đã đến hộp thư), …"); null without a delivery log. */
  const proofOf = async (planId: string, period: string, agencyId: string): Promise<string | null> =>
    deps.deliveries ? proofLine(await deps.deliveries.proofOfNotice({ planId, period, agencyId })) : null;

  const activities = {
    /**
     * Proof of notice for one agency and period, read from the delivery log (src/mail/proofGate.ts says what
     * counts). Read-only, so safe to retry; without a delivery log every agency counts as told.
     */
    async noticeProof(input: ProofInput): Promise<ProofAnswer> {
      mustBeInstant('at', input.at);
      const nextMorning = `${shiftWorkingDays(dayOf(input.at), 1)}T08:00:00+07:00`;
      if (!deps.deliveries) return { proven: true, unreachable: [], nextContact: null, recheckAt: null, nextMorning };
      const plan = await plans.get(input.planRef);
      const holder = dutyHolder(plan, input.agencyId, dayOf(input.at));
      const contacts = (plan.agencies.find((a) => a.id === holder)?.contacts ?? []).map((c) => ({ role: c.role, email: c.email }));
      const proof = await deps.deliveries.proofOfNotice({ planId: plan.id, period: input.period, agencyId: input.agencyId });
      const fact = proofFact(proof, contacts, input.at, deps.proofAcceptedAfterMs === undefined ? DEFAULT_PROOF_ACCEPTED_AFTER_MS : deps.proofAcceptedAfterMs);
      return { ...fact, nextMorning };
    },

    /** Sends every agency the plan with its own tasks and upcoming deadlines. Idempotent per agency. */
    async dispatchPlan(input: { planRef: PlanRef; key: string; at: string }): Promise<{ sent: number; ended?: boolean }> {
      const plan = await plans.get(input.planRef);
      const today = dayOf(input.at);
      // A plan registered after its end is history: nothing to carry out, nobody to tell.
      if (planEnded(plan, today)) return { sent: 0, ended: true };
      const year = Number(today.slice(0, 4));
      const upcoming = [...obligationsOfYear(plan, year), ...obligationsOfYear(plan, year + 1)].filter((o) => o.lastDay >= today);
      // A period already open when the plan is dispatched: its link goes in the dispatch email, so the
      // agency can report from day one.
      const opensAt = new Map([...cyclesOfYear(plan, year), ...cyclesOfYear(plan, year + 1)].map((c) => [c.period, c.opensAt]));
      const isOpen = (period: string) => Date.parse(opensAt.get(period) ?? input.at) <= Date.parse(input.at);
      let sent = 0;
      // One dispatch per agency that answers today: a successor of several agencies gets one email,
      // listing each of its tasks once (src/directory/resolve.ts).
      for (const { agencyId: holder } of dispatchList(plan, today)) {
        Context.current().heartbeat(holder);
        const ctx = agencyContext(plan, { agencyId: holder, period: '', periodLabel: '', lastDay: today, role: 'agency', at: input.at }).ctx;
        const mail = dispatchMail({
          ...ctx,
          upcoming: upcoming
            .filter((o) => o.agencyId === holder && o.role === 'agency')
            .slice(0, 3)
            .map((o) => ({ periodLabel: o.periodLabel, lastDay: o.lastDay, link: isOpen(o.period) ? submitLink(plan.id, o.period, holder, o.lastDay) : null })),
        });
        await send(mail, {
          key: `${input.key}/${holder}`,
          at: input.at,
          kind: 'dispatch',
          planId: plan.id,
          agencyId: holder,
          to: contactsOf(plan, holder, 'focal'),
          cc: contactsOf(plan, holder, 'head'),
        });
        sent++;
      }
      return { sent };
    },

    /**
     * Starts a cycle workflow (`cycle:<planId>:<period>`). Idempotent: an id already started is left
     * alone. Cycles are independent workflows, not children, so the plan workflow can continue as new
     * freely and a cycle's life never depends on which run of the plan opened it.
     */
    async openCycle(input: { planRef: PlanRef; cycle: CycleSpec; clockOffsetMs?: number }): Promise<{ workflowId: string; started: boolean }> {
      const workflowId = cycleWorkflowId(input.planRef.planId, input.cycle.period);
      try {
        await deps.temporal.client.workflow.start('cycleWorkflow', {
          workflowId,
          taskQueue: deps.temporal.taskQueue,
          // A cycle that has run (even to its end) is never started again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ planRef: input.planRef, cycle: input.cycle, clockOffsetMs: input.clockOffsetMs }],
        });
        return { workflowId, started: true };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        throw err;
      }
    },

    async nextCycle(input: { planRef: PlanRef; after: { dueAt: string; period: string } | null; notBefore: string }): Promise<CycleSpec | null> {
      mustBeInstant('notBefore', input.notBefore);
      if (input.after) mustBeInstant('after.dueAt', input.after.dueAt);
      const next = nextCycleAfter(await plans.get(input.planRef), input.after, input.notBefore);
      return next ? { ...next, deliveryBudgetMs: deps.deliveryBudgetMs, deliveryRetryCapMs: deps.deliveryRetryCapMs } : null;
    },

    async adhocCycle(input: { planRef: PlanRef; agencyIds: string[]; lastDay: string; subject: string; seq: number; at: string; announce?: boolean }): Promise<CycleSpec> {
      mustBeDay('lastDay', input.lastDay);
      mustBeInstant('at', input.at);
      const plan = await plans.get(input.planRef);
      mustBeAgencies(plan, input.agencyIds);
      return { ...adhocCycleSpec(plan, input), deliveryBudgetMs: deps.deliveryBudgetMs, deliveryRetryCapMs: deps.deliveryRetryCapMs };
    },

    async scheduleForLastDay(input: { planRef: PlanRef; lastDay: string }): Promise<AgencySchedule> {
      mustBeDay('lastDay', input.lastDay);
      return scheduleFor(await plans.get(input.planRef), input.lastDay);
    },

    async taskAndTargetIds(input: { planRef: PlanRef; agencyIds: string[]; day?: string }): Promise<{ tasks: Record<string, string[]>; targets: string[] }> {
      const plan = await plans.get(input.planRef);
      mustBeAgencies(plan, input.agencyIds);
      const tasks: Record<string, string[]> = {};
      for (const id of input.agencyIds) {
        // A successor reports on its own tasks and on those it took over, each once.
        tasks[id] = holderTasks(plan, id, input.day ?? EVER).map((t) => t.task.id);
      }
      return { tasks, targets: plan.targets.map((t) => t.id) };
    },

    /**
     * Delivers one notice of the regime. Idempotent per key (the mailer's Message-ID). The wording that
     * depends on the day ("còn 3 ngày làm việc") is computed for the day the workflow issued it.
     */
    async deliverNotice(input: DeliverInput): Promise<{ messageId: string }> {
      const plan = await plans.get(input.planRef);
      if (!plan.agencies.some((a) => a.id === input.agencyId)) badInput(`unknown agency "${input.agencyId}"`);
      const { ctx, holder } = agencyContext(plan, input);
      const today = dayOf(input.at);
      const standing = dutyHolder(plan, plan.standingAgency, today);
      const focal = contactsOf(plan, holder, 'focal');
      const head = contactsOf(plan, holder, 'head');
      const n = input.notice;
      let mail: RenderedMail;
      let kind: EmailKind;
      let to = focal;
      let cc: string[] = [];
      let attachments: { filename: string; content: Buffer; contentType: string }[] | undefined;
      switch (n.type) {
        case 'step': {
          const s = n.step;
          const issued = dayOf(n.issuedAt);
          const catchUp = n.catchUp ? { replaced: n.catchUp.replaces.map((r) => ({ day: viDate(dayOf(r.at)), what: stepWhat(r) })) } : null;
          if (s.level === 'reminder') {
            kind = 'reminder';
            mail = reminderMail(ctx, workingDaysBetween(issued, input.lastDay));
          } else if (s.level === 'overdue') {
            kind = 'overdue';
            mail = overdueMail(ctx, Math.max(1, workingDaysBetween(input.lastDay, issued)));
            cc = head;
          } else if (s.level === 'director') {
            kind = 'escalation';
            const proof = input.role === 'standing' ? null : await proofOf(plan.id, input.period, input.agencyId);
            mail = directorMail(ctx, nameOf(plan, standing), Math.max(1, workingDaysBetween(input.lastDay, issued)), proof ?? undefined);
            to = contactsOf(plan, standing, 'head');
            cc = input.role === 'standing' ? [] : head;
          } else {
            kind = 'escalation';
            const l = leader(plan, input.at);
            const proof = input.role === 'standing' ? null : await proofOf(plan.id, input.period, input.agencyId);
            mail = leaderDigestMail(
              plan,
              l.role,
              ctx.periodLabel,
              [{ name: ctx.agencyName, lastDay: input.lastDay, workingDaysLate: workingDaysBetween(input.lastDay, issued), proof: proof ?? undefined }],
              1,
            );
            to = [l.email];
          }
          mail = withCatchUp(mail, catchUp);
          break;
        }
        case 'period-open':
          kind = 'period-open';
          mail = periodOpenMail(ctx, workingDaysBetween(dayOf(n.issuedAt), input.lastDay), input.period.startsWith('DX-'));
          break;
        case 'link':
          kind = 'link';
          mail = periodOpenMail(ctx, workingDaysBetween(dayOf(n.issuedAt), input.lastDay), input.period.startsWith('DX-'), true);
          break;
        case 'receipt': {
          kind = 'receipt';
          // The copy of what was sent, and the address the reporter typed in the form: both in the stored submission.
          const payload = n.sha256 ? (await resolveSubmission(deps.storage, { revision: n.revision, submittedAt: n.submittedAt, late: n.late, sha256: n.sha256 })).payload : null;
          const copy = payload
            ? submissionCopy(plan, { agencyName: ctx.agencyName, periodLabel: ctx.periodLabel, revision: n.revision, submittedAt: n.submittedAt, late: n.late, payload })
            : null;
          mail = receiptMail(ctx, n.revision, n.submittedAt, n.late, copy);
          if (copy?.submittedBy.email) to = [...focal, copy.submittedBy.email];
          if (copy)
            attachments = [
              {
                filename: submissionFileName(plan.id, input.period, input.agencyId, n.revision),
                content: await submissionDocx(copy, { documentRef: documentRef(plan) }),
                contentType: CONTENT_TYPES.docx,
              },
            ];
          break;
        }
        case 'extension-decision':
          kind = 'extension';
          mail = extensionMail({ ...ctx, lastDay: n.lastDay }, n.approved, n.reason);
          cc = contactsOf(plan, standing, 'focal');
          break;
        case 'extension-request':
          kind = 'extension-request';
          mail = extensionRequestMail(ctx, nameOf(plan, standing), n.lastDay, n.reason, extensionDecision(plan.id, input.period, input.agencyId, n.lastDay));
          to = contactsOf(plan, standing, 'focal');
          cc = [...contactsOf(plan, standing, 'head'), ...focal];
          break;
        case 'exemption':
          kind = 'exemption';
          mail = exemptionMail(ctx, n.reason);
          break;
        case 'fallback':
          kind = 'fallback';
          mail = fallbackMail(ctx, n.failedAddress, workingDaysBetween(dayOf(n.issuedAt), input.lastDay));
          to = [n.address];
          break;
        case 'proof-missing': {
          kind = 'proof-missing';
          const levels = n.levels.map((l) => stepWhat({ key: '', at: '', level: l, workingDays: 0 }));
          const proof = (await proofOf(plan.id, input.period, input.agencyId)) ?? 'chưa nhắc lần nào';
          mail = proofMissingMail(ctx, nameOf(plan, standing), levels, n.unreachable, proof, links.agency(plan.id, input.period, input.agencyId));
          to = contactsOf(plan, standing, 'focal');
          cc = [];
          break;
        }
        case 'undeliverable': {
          kind = 'undeliverable';
          const what = n.failedKey.split('/')[0] ?? n.failedKey;
          const page = links.agency(plan.id, input.period, input.agencyId);
          mail = undeliverableMail(ctx, nameOf(plan, standing), what, viDateTime(n.since), n.error, page);
          to = contactsOf(plan, standing, 'focal');
          cc = [];
          break;
        }
      }
      if (to.length === 0) badInput(`no address to send ${n.type} for "${input.agencyId}" to`);
      try {
        const headers: Record<string, string> = n.type === 'step' ? { 'X-Dondoc-Step': n.step.key, ...(n.catchUp ? { 'X-Dondoc-Catch-Up': 'true' } : {}) } : {};
        const sent = await send(mail, { key: input.key, at: input.at, kind, planId: plan.id, period: input.period, agencyId: input.agencyId, to, cc, headers, attachments });
        return { messageId: sent.messageId };
      } catch (err) {
        return classifySmtpError(err);
      }
    },

    /** Reminder, overdue notice, director's escalation, receipt, extension or exemption for one agency (workflows before the regime driver). */
    async notifyAgency(input: NotifyInput): Promise<{ messageId: string }> {
      const plan = await plans.get(input.planRef);
      const { ctx, holder } = agencyContext(plan, input);
      const standing = dutyHolder(plan, plan.standingAgency, dayOf(input.at));
      const focal = contactsOf(plan, holder, 'focal');
      const head = contactsOf(plan, holder, 'head');
      const x = input.extra;
      const meta = { key: input.key, at: input.at, planId: plan.id, period: input.period, agencyId: input.agencyId };
      let mail: RenderedMail;
      let to = focal;
      let cc: string[] = [];
      let kind: EmailKind = input.kind;
      switch (input.kind) {
        case 'reminder':
          mail = reminderMail(ctx, Number(x.workingDaysBefore ?? 0));
          break;
        case 'overdue':
          mail = overdueMail(ctx, Number(x.workingDaysAfter ?? 1));
          cc = head;
          break;
        case 'escalation':
          if (x.level === 'leader-digest') {
            const l = leader(plan, input.at);
            mail = leaderDigestMail(plan, l.role, ctx.periodLabel, [{ name: ctx.agencyName, lastDay: input.lastDay, workingDaysLate: Number(x.workingDaysAfter ?? 0) }], 1);
            to = [l.email];
          } else {
            mail = directorMail(ctx, nameOf(plan, standing), Number(x.workingDaysAfter ?? 3));
            to = contactsOf(plan, standing, 'head');
            cc = input.role === 'standing' ? [] : head;
          }
          break;
        case 'receipt':
          mail = receiptMail(ctx, Number(x.revision ?? 1), String(x.submittedAt ?? input.at), Boolean(x.late));
          break;
        case 'extension':
          mail = extensionMail(ctx, Boolean(x.approved), String(x.reason ?? ''));
          cc = contactsOf(plan, standing, 'focal');
          break;
        case 'exemption':
          mail = exemptionMail(ctx, String(x.reason ?? ''));
          break;
        case 'extension-request':
          mail = extensionRequestMail(
            ctx,
            nameOf(plan, standing),
            String(x.lastDay ?? ''),
            String(x.reason ?? ''),
            extensionDecision(plan.id, input.period, input.agencyId, String(x.lastDay ?? '')),
          );
          to = contactsOf(plan, standing, 'focal');
          cc = [...contactsOf(plan, standing, 'head'), ...focal];
          break;
        default:
          throw new Error(`notifyAgency: unexpected kind ${input.kind}`);
      }
      kind = input.kind;
      const sent = await send(mail, { ...meta, kind, to, cc });
      return { messageId: sent.messageId };
    },

    /** One email to the leader in charge listing every agency still late at this step. */
    async sendDigest(input: {
      planRef: PlanRef;
      period: string;
      periodLabel: string;
      agencyIds: string[];
      key: string;
      at: string;
      obligedCount?: number;
      lastDays?: Record<string, string>;
    }): Promise<{ messageId: string }> {
      const plan = await plans.get(input.planRef);
      const l = leader(plan, input.at);
      const today = dayOf(input.at);
      const late = await Promise.all(
        input.agencyIds.map(async (id) => {
          const lastDay = input.lastDays?.[id] ?? shiftWorkingDays(today, -5);
          const proof = await proofOf(plan.id, input.period, id);
          return { name: nameOf(plan, id), lastDay, workingDaysLate: workingDaysBetween(lastDay, today), proof: proof ?? undefined };
        }),
      );
      const mail = leaderDigestMail(plan, l.role, input.periodLabel, late, input.obligedCount ?? input.agencyIds.length);
      const standing = dutyHolder(plan, plan.standingAgency, today);
      const sent = await send(mail, {
        key: input.key,
        at: input.at,
        kind: 'escalation',
        planId: plan.id,
        period: input.period,
        to: [l.email],
        cc: contactsOf(plan, standing, 'head'),
      });
      return { messageId: sent.messageId };
    },

    /** The next digest slot after an instant: the digest hour of a working day (the calendar's). */
    async nextDigestSlot(input: { after: string }): Promise<DigestSlot> {
      mustBeInstant('after', input.after);
      return nextDigestSlot(input.after, timing);
    },

    /**
     * A cycle tells the leader in charge: agencies at their leader step (signal-with-start of the leader's
     * workflow, for the leader in charge on the day of `at`), or agencies resolved (told to every leader
     * the plan has had, since any of them may hold the item). Idempotent: the signals are set operations.
     */
    async tellLeader(input: {
      planRef: PlanRef;
      period: string;
      periodLabel: string;
      at: string;
      clockOffsetMs?: number;
      reached?: { agencyId: string; lastDay: string; since: string }[];
      resolved?: { agencyIds: string[]; reason: 'submitted' | 'exempted' | 'closed' };
    }): Promise<{ leaderEmail: string | null }> {
      mustBeInstant('at', input.at);
      const plan = await plans.get(input.planRef);
      const ref = { planId: plan.id, period: input.period };
      if (input.reached?.length) {
        mustBeAgencies(
          plan,
          input.reached.map((r) => r.agencyId),
        );
        const l = leader(plan, input.at);
        const items: LeaderItem[] = input.reached.map((r) => ({
          ...ref,
          planHash: input.planRef.hash,
          periodLabel: input.periodLabel,
          agencyId: r.agencyId,
          lastDay: r.lastDay,
          since: r.since,
        }));
        await toLeader(l.email, items, input.clockOffsetMs);
        return { leaderEmail: leaderKey(l.email) };
      }
      if (input.resolved?.agencyIds.length) {
        const items: ItemRef[] = input.resolved.agencyIds.map((agencyId) => ({ ...ref, agencyId }));
        for (const l of new Set(leadersEver(plan).map((p) => leaderKey(p.email)))) {
          try {
            await deps.temporal.client.workflow.getHandle(leaderWorkflowId(l)).signal(leaderResolvedSignal, { items, at: input.at, reason: input.resolved.reason });
          } catch (err) {
            // A leader whose workflow has ended holds nothing of this plan.
            if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
          }
        }
      }
      return { leaderEmail: null };
    },

    /**
     * The leader's digest of a day: the items still in this leader's charge that day (others are handed to
     * the leader now in charge), one email if there is news (DONDOC_DIGEST_REPEAT). Idempotent per key.
     */
    async routeLeaderItems(input: { leaderEmail: string; items: LeaderItem[]; day: string; clockOffsetMs?: number }): Promise<{ handedOver: ItemRef[] }> {
      mustBeDay('day', input.day);
      const { handedOver } = await route(input);
      return { handedOver };
    },

    async sendLeaderDigest(input: {
      leaderEmail: string;
      items: LeaderItem[];
      day: string;
      at: string;
      key: string;
      clockOffsetMs?: number;
    }): Promise<{ messageId: string | null; listed: string[]; handedOver: ItemRef[] }> {
      mustBeDay('day', input.day);
      const { loaded, inCharge, mine, handedOver } = await route(input);
      const me = leaderKey(input.leaderEmail);
      if (!digestWanted(mine, timing.repeat)) return { messageId: null, listed: [], handedOver };
      const infos = new Map<string, DigestPlanInfo>(
        [...loaded].map(([id, plan]) => [id, { plan, documentRef: documentRef(plan), nameOf: (agencyId: string) => nameOf(plan, dutyHolder(plan, agencyId, input.day)) }]),
      );
      const people: Person[] = [...new Map(mine.map((i) => [i.planId, inCharge(i)])).values()];
      // Every line states how the agency was told (issue 15.3): the proof the escalation rests on.
      const proofs = new Map<string, string>();
      for (const i of mine) {
        const line = await proofOf(i.planId, i.period, i.agencyId);
        if (line) proofs.set(`${i.planId}/${i.period}/${i.agencyId}`, line);
      }
      const digest = buildLeaderDigest({ day: input.day, leader: people, items: mine, plans: infos, links, proofs });
      const mail = leaderDayMail(digest);
      const planIds = [...new Set(mine.map((i) => i.planId))];
      const periods = [...new Set(mine.map((i) => i.period))];
      // The standing agencies' heads see what their leader sees, as with the per-plan digest.
      const cc = planIds.flatMap((id) => {
        const plan = loaded.get(id)!;
        return contactsOf(plan, dutyHolder(plan, plan.standingAgency, input.day), 'head');
      });
      try {
        const sent = await send(mail, {
          key: input.key,
          at: input.at,
          kind: 'escalation',
          // One plan (or period): say which, as the per-plan digest did; several: the digest is the leader's.
          planId: planIds.length === 1 ? planIds[0]! : '',
          period: planIds.length === 1 && periods.length === 1 ? periods[0] : '',
          to: [me],
          cc,
          headers: { 'X-Dondoc-Digest': 'leader' },
        });
        return { messageId: sent.messageId, listed: mine.map(itemKey), handedOver };
      } catch (err) {
        return classifySmtpError(err);
      }
    },

    /**
     * A cycle opens or closes: its standing agency's officer (the first focal contact of the agency that
     * consolidates on that day) is told, signal-with-start of the officer's morning summary workflow.
     */
    async tellOfficer(input: { planRef: PlanRef; cycleWorkflowId: string; open: boolean; at: string; clockOffsetMs?: number }): Promise<{ officerEmail: string | null }> {
      mustBeInstant('at', input.at);
      const plan = await plans.get(input.planRef);
      const officer = contactsOf(plan, dutyHolder(plan, plan.standingAgency, dayOf(input.at)), 'focal')[0];
      if (!officer) return { officerEmail: null };
      const cycle: OfficerCycleRef = { cycleWorkflowId: input.cycleWorkflowId, planId: plan.id };
      const email = officer.trim().toLowerCase();
      await deps.temporal.client.workflow.signalWithStart('officerSummaryWorkflow', {
        workflowId: officerWorkflowId(email),
        taskQueue: deps.temporal.taskQueue,
        args: [{ officerEmail: email, clockOffsetMs: input.clockOffsetMs } satisfies OfficerSummaryInput],
        signal: officerCycleSignal,
        signalArgs: [{ cycle, open: input.open }],
      });
      return { officerEmail: email };
    },

    /**
     * The officer's morning summary: each open cycle's state (a query), bounces from the delivery log,
     * one email when anything is due soon, late, unreachable or waiting. Idempotent per key.
     */
    async sendOfficerSummary(input: { officerEmail: string; cycles: OfficerCycleRef[]; day: string; at: string; key: string }): Promise<{ messageId: string | null }> {
      mustBeDay('day', input.day);
      const views: OfficerCycleView[] = [];
      let greeting = input.officerEmail;
      for (const ref of input.cycles) {
        Context.current().heartbeat(ref.cycleWorkflowId);
        const state = await deps.temporal.client.workflow
          .getHandle(ref.cycleWorkflowId)
          .query(cycleStateQuery)
          .catch(() => null);
        if (!state || state.phase === 'closed') continue;
        const plan = await plans.get(state.planRef);
        const standing = dutyHolder(plan, plan.standingAgency, input.day);
        greeting = nameOf(plan, standing);
        const agencies = [];
        for (const s of state.agencies) {
          const refused = s.delivery?.undeliverable.at(-1) ?? s.delivery?.failing ?? null;
          let unreachable = refused ? { what: refused.key.split('/')[0] ?? refused.key, error: refused.error } : null;
          if (!unreachable && deps.deliveries && (s.state === 'pending' || s.state === 'overdue')) {
            const bounced = (await deps.deliveries.forWorkflow(reportWorkflowId(plan.id, state.period, s.agencyId))).filter((r) => r.deliveryState === 'bounced').at(-1);
            if (bounced) unreachable = { what: bounced.bouncedAddresses.join(', ') || bounced.to.join(', '), error: bounced.noticeDetail ?? 'thư bị trả lại' };
          }
          agencies.push({
            agencyId: s.agencyId,
            name: nameOf(plan, dutyHolder(plan, s.agencyId, input.day)),
            state: s.state,
            lastDay: s.lastDay,
            extensionRequest: s.extensionRequest ? { lastDay: s.extensionRequest.lastDay, reason: s.extensionRequest.reason } : null,
            unreachable,
            link: links.agency(plan.id, state.period, s.agencyId),
          });
        }
        views.push({
          planId: plan.id,
          documentRef: documentRef(plan),
          period: state.period,
          periodLabel: state.cycle.periodLabel,
          draftToApprove: state.phase === 'draft-sent' && !state.approval && state.draft ? { since: dayOf(state.draft.at) } : null,
          gridLink: links.plan(plan.id),
          agencies,
        });
      }
      const summary = buildOfficerSummary(input.day, views);
      if (summary.total === 0) return { messageId: null };
      const sent = await send(officerMorningMail(summary, greeting), {
        key: input.key,
        at: input.at,
        kind: 'summary',
        planId: views.length === 1 ? views[0]!.planId : '',
        to: [input.officerEmail],
      }).catch(classifySmtpError);
      return { messageId: sent.messageId };
    },

    /** Builds the consolidated report, stores it, and sends it: the draft to the standing agency, the final to the recipients. */
    async consolidateAndSend(input: {
      planRef: PlanRef;
      cycle: CycleSpec;
      mode: 'draft' | 'final';
      /** Latest revision per agency: by hash (payload in the store), inline in older cycles. */
      submissions: Record<string, SubmissionRecordRef>;
      statuses: Record<string, AgencyStatus>;
      key: string;
      at: string;
      /** A Word file staff edited over the draft and approved (content store): sent in place of the rendered one. */
      editedDocx?: { sha256: string; name: string };
    }): Promise<{ reportId: string; htmlId: string; docxId: string; xlsxId: string; messageId: string; renderedDocxId?: string }> {
      const plan = await plans.get(input.planRef);
      const edited = input.mode === 'final' && input.editedDocx ? await editedReport(input.editedDocx) : null;
      const submissions: Record<string, SubmissionRecord> = {};
      for (const [agencyId, record] of Object.entries(input.submissions)) {
        Context.current().heartbeat(agencyId);
        submissions[agencyId] = await resolveSubmission(deps.storage, record);
      }
      const report = consolidate({ plan, cycle: input.cycle, submissions, statuses: input.statuses, mode: input.mode, at: input.at });
      const files = await renderReport(plan, report);
      const html = files.html;
      const stored = await deps.storage.put(JSON.stringify(report), '.report.json');
      const htmlFile = await deps.storage.put(html, '.html');
      const docxFile = await deps.storage.put(files.docx, '.docx');
      const xlsxFile = await deps.storage.put(files.xlsx, '.xlsx');
      const today = dayOf(input.at);
      const ref = documentRef(plan);
      const t = report.completeness.totals;
      const subject =
        input.mode === 'draft'
          ? `[Dự thảo] Báo cáo tổng hợp ${input.cycle.periodLabel} – ${ref} – đã nhận ${t.onTime + t.late}/${t.obliged}`
          : `[Báo cáo tổng hợp] Kết quả thực hiện ${ref} – ${input.cycle.periodLabel}`;
      // The same addressees the document's "Nơi nhận" prints (src/consolidation/addressees.ts).
      const addressees = reportAddressees(plan, {
        kind: input.cycle.kind === 'adhoc' ? 'adhoc' : 'periodic',
        mode: input.mode,
        standingAgencyId: report.standingAgency.id,
        day: today,
      });
      const body =
        input.mode === 'draft'
          ? draftMail({ text: files.text, html }, { page: links.plan(plan.id), cli: `dondoc approve ${plan.id} --period ${input.cycle.period}` })
          : { text: files.text, html };
      const sent = await send(
        { subject, ...body },
        {
          key: input.key,
          at: input.at,
          kind: input.mode === 'draft' ? 'draft' : 'consolidated',
          planId: plan.id,
          period: input.cycle.period,
          to: emailsOf(addressees.to),
          cc: emailsOf(addressees.cc),
          attachments: (['docx', 'xlsx', 'html'] as const).map((f) => ({
            filename: reportFileName(plan.id, input.cycle.period, f, input.mode === 'draft'),
            content: f === 'html' ? Buffer.from(html) : f === 'docx' && edited ? edited : files[f],
            contentType: CONTENT_TYPES[f],
          })),
        },
      );
      return {
        reportId: stored.sha256,
        htmlId: htmlFile.sha256,
        xlsxId: xlsxFile.sha256,
        messageId: sent.messageId,
        ...(edited ? { docxId: input.editedDocx!.sha256, renderedDocxId: docxFile.sha256 } : { docxId: docxFile.sha256 }),
      };
    },
  };
  return { ...activities, ...createReminderBatchActivities({ client: () => deps.temporal.client, deliverNotice: activities.deliverNotice }) };
}

export type Activities = ReturnType<typeof createActivities>;
