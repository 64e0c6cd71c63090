/**
 * Activities: thin adapters between the workflows and the outside world (plan store, calendar, mail,
 * report storage). Built once per worker from validated configuration by `createActivities`.
 * Every mail-sending activity is idempotent per `key` (see Mailer) and stops waiting for the relay when
 * it is cancelled.
 */
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { dayOf } from '../src/calendar/isoDate.js';
import { shiftWorkingDays, workingDaysBetween } from '../src/calendar/workingDays.js';
import { consolidate } from '../src/consolidation/consolidate.js';
import { CONTENT_TYPES, renderReport, reportFileName } from '../src/consolidation/documents.js';
import type { Mailer } from '../src/mail/mailer.js';
import {
  directorMail,
  dispatchMail,
  documentRef,
  exemptionMail,
  extensionMail,
  extensionRequestMail,
  leaderDigestMail,
  overdueMail,
  receiptMail,
  reminderMail,
  type AgencyMailContext,
  type RenderedMail,
} from '../src/mail/templates.js';
import { dispatchedAgencies, tasksOf } from '../src/plan/normalise.js';
import type { Plan } from '../src/plan/schema.js';
import { adhocCycleSpec, nextCycleAfter, scheduleFor } from '../src/reporting/cycles.js';
import { dutyHolder, obligationsOfYear } from '../src/reporting/obligations.js';
import type { AgencySchedule, AgencyStatus, CycleSpec, EmailKind, PlanRef, SubmissionRecord } from '../src/reporting/types.js';
import type { ContentStore } from '../src/storage/contentStore.js';
import type { PlanStore } from '../src/storage/planStore.js';
import { signLink } from '../src/web/links.js';
import { cycleWorkflowId } from '../workflows/ids.js';

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

export function createActivities(deps: ActivityDeps) {
  const { plans, mailer } = deps;

  const contactsOf = (plan: Plan, agencyId: string, role: 'focal' | 'head') =>
    plan.agencies.find((a) => a.id === agencyId)?.contacts.filter((c) => c.role === role).map((c) => c.email) ?? [];
  const nameOf = (plan: Plan, id: string) => plan.agencies.find((a) => a.id === id)?.name ?? id;
  const leader = (plan: Plan) => plan.leadership.find((l) => l.id === plan.escalation.leaderId) ?? plan.leadership[0]!;

  const submitLink = (planId: string, period: string, agencyId: string, lastDay: string) => {
    const exp = Math.floor(Date.parse(`${lastDay}T23:59:59+07:00`) / 1000) + deps.linkValidityDays * 86_400;
    return `${deps.publicUrl.replace(/\/$/, '')}/nop/${signLink({ planId, period, agencyId, exp }, deps.linkSecret)}`;
  };

  /** The mail context for an agency on a day: a succeeded agency's duties go to its successor. */
  const agencyContext = (plan: Plan, input: Pick<NotifyInput, 'agencyId' | 'period' | 'periodLabel' | 'lastDay' | 'role' | 'at'>) => {
    const holder = dutyHolder(plan, input.agencyId, dayOf(input.at));
    const formerNames = [
      ...(holder !== input.agencyId ? [nameOf(plan, input.agencyId)] : []),
      ...plan.agencies.filter((a) => a.successor?.agencyIds[0] === holder && a.successor.from <= dayOf(input.at) && a.id !== input.agencyId).map((a) => a.name),
    ];
    const obligation = plan.reporting.obligations.find((o) => o.assumed && (input.role === 'standing' ? o.kind === 'consolidated-report' : o.kind === 'agency-report'));
    const ctx: AgencyMailContext = {
      plan,
      agencyName: nameOf(plan, holder),
      formerNames,
      periodLabel: input.periodLabel,
      lastDay: input.lastDay,
      tasks: input.role === 'standing' ? [] : [...tasksOf(plan, input.agencyId), ...(holder !== input.agencyId ? tasksOf(plan, holder) : [])],
      submitLink: input.role === 'standing' ? null : submitLink(plan.id, input.period, input.agencyId, input.lastDay),
      assumptionNote: obligation?.assumptionNote ?? null,
      role: input.role,
    };
    return { ctx, holder };
  };

  // Temporal tells an activity of its cancellation in the answer to a heartbeat: beat while the relay is awaited.
  const send = async (mail: RenderedMail, meta: { key: string; at: string; kind: EmailKind; planId: string; period?: string; agencyId?: string; to: string[]; cc?: string[]; attachments?: { filename: string; content: Buffer; contentType: string }[] }) => {
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
          headers: { 'X-Dondoc-Kind': meta.kind, 'X-Dondoc-Plan': meta.planId, 'X-Dondoc-Period': meta.period ?? '', 'X-Dondoc-Agency': meta.agencyId ?? '' },
          attachments: meta.attachments,
        },
        { signal: ctx.cancellationSignal },
      );
    } finally {
      clearInterval(beat);
    }
  };

  return {
    /** Sends every agency the plan with its own tasks and upcoming deadlines. Idempotent per agency. */
    async dispatchPlan(input: { planRef: PlanRef; key: string; at: string }): Promise<{ sent: number }> {
      const plan = await plans.get(input.planRef);
      const today = dayOf(input.at);
      const year = Number(today.slice(0, 4));
      const upcoming = [...obligationsOfYear(plan, year), ...obligationsOfYear(plan, year + 1)].filter((o) => o.lastDay >= today);
      let sent = 0;
      for (const original of dispatchedAgencies(plan)) {
        const holder = dutyHolder(plan, original, today);
        Context.current().heartbeat(original);
        const ctx = agencyContext(plan, { agencyId: original, period: '', periodLabel: '', lastDay: today, role: 'agency', at: input.at }).ctx;
        const mail = dispatchMail({
          ...ctx,
          upcoming: upcoming.filter((o) => o.agencyId === holder && o.role === 'agency').slice(0, 3).map((o) => ({ periodLabel: o.periodLabel, lastDay: o.lastDay })),
        });
        await send(mail, { key: `${input.key}/${original}`, at: input.at, kind: 'dispatch', planId: plan.id, agencyId: original, to: contactsOf(plan, holder, 'focal'), cc: contactsOf(plan, holder, 'head') });
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
          args: [{ planRef: input.planRef, cycle: input.cycle, clockOffsetMs: input.clockOffsetMs }],
        });
        return { workflowId, started: true };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        throw err;
      }
    },

    async nextCycle(input: { planRef: PlanRef; after: { dueAt: string; period: string } | null; notBefore: string }): Promise<CycleSpec | null> {
      return nextCycleAfter(await plans.get(input.planRef), input.after, input.notBefore);
    },

    async adhocCycle(input: { planRef: PlanRef; agencyIds: string[]; lastDay: string; subject: string; seq: number; at: string }): Promise<CycleSpec> {
      const plan = await plans.get(input.planRef);
      for (const id of input.agencyIds) if (!plan.agencies.some((a) => a.id === id)) throw new Error(`unknown agency "${id}"`);
      return adhocCycleSpec(plan, input);
    },

    async scheduleForLastDay(input: { planRef: PlanRef; lastDay: string }): Promise<AgencySchedule> {
      return scheduleFor(await plans.get(input.planRef), input.lastDay);
    },

    async taskAndTargetIds(input: { planRef: PlanRef; agencyIds: string[] }): Promise<{ tasks: Record<string, string[]>; targets: string[] }> {
      const plan = await plans.get(input.planRef);
      const tasks: Record<string, string[]> = {};
      for (const id of input.agencyIds) {
        // A successor reports on its own tasks and on those of the agencies it took over.
        const own = plan.agencies.filter((a) => a.id === id || a.successor?.agencyIds[0] === id).map((a) => a.id);
        tasks[id] = [...new Set(own.flatMap((a) => tasksOf(plan, a).map((t) => t.task.id)))];
      }
      return { tasks, targets: plan.targets.map((t) => t.id) };
    },

    /** Reminder, overdue notice, director's escalation, receipt, extension or exemption for one agency. */
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
            const l = leader(plan);
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
          mail = extensionRequestMail(ctx, nameOf(plan, standing), String(x.lastDay ?? ''), String(x.reason ?? ''));
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
    async sendDigest(input: { planRef: PlanRef; period: string; periodLabel: string; agencyIds: string[]; key: string; at: string; obligedCount?: number; lastDays?: Record<string, string> }): Promise<{ messageId: string }> {
      const plan = await plans.get(input.planRef);
      const l = leader(plan);
      const today = dayOf(input.at);
      const late = input.agencyIds.map((id) => {
        const lastDay = input.lastDays?.[id] ?? shiftWorkingDays(today, -5);
        return { name: nameOf(plan, id), lastDay, workingDaysLate: workingDaysBetween(lastDay, today) };
      });
      const mail = leaderDigestMail(plan, l.role, input.periodLabel, late, input.obligedCount ?? input.agencyIds.length);
      const standing = dutyHolder(plan, plan.standingAgency, today);
      const sent = await send(mail, { key: input.key, at: input.at, kind: 'escalation', planId: plan.id, period: input.period, to: [l.email], cc: contactsOf(plan, standing, 'head') });
      return { messageId: sent.messageId };
    },

    /** Builds the consolidated report, stores it, and sends it: the draft to the standing agency, the final to the recipients. */
    async consolidateAndSend(input: {
      planRef: PlanRef;
      cycle: CycleSpec;
      mode: 'draft' | 'final';
      submissions: Record<string, SubmissionRecord>;
      statuses: Record<string, AgencyStatus>;
      key: string;
      at: string;
    }): Promise<{ reportId: string; htmlId: string; docxId: string; xlsxId: string; messageId: string }> {
      const plan = await plans.get(input.planRef);
      const report = consolidate({ plan, cycle: input.cycle, submissions: input.submissions, statuses: input.statuses, mode: input.mode, at: input.at });
      const files = await renderReport(plan, report);
      const html = files.html;
      const stored = await deps.storage.put(JSON.stringify(report), '.report.json');
      const htmlFile = await deps.storage.put(html, '.html');
      const docxFile = await deps.storage.put(files.docx, '.docx');
      const xlsxFile = await deps.storage.put(files.xlsx, '.xlsx');
      const today = dayOf(input.at);
      const standing = dutyHolder(plan, plan.standingAgency, today);
      const ref = documentRef(plan);
      const t = report.completeness.totals;
      const subject =
        input.mode === 'draft'
          ? `[Dự thảo] Báo cáo tổng hợp ${input.cycle.periodLabel} – ${ref} – đã nhận ${t.onTime + t.late}/${t.obliged}`
          : `[Báo cáo tổng hợp] Kết quả thực hiện ${ref} – ${input.cycle.periodLabel}`;
      const recipients = plan.recipients.map((r) => (r.successor && r.successor.from <= today ? (r.successor.email ?? r.email) : r.email));
      const to = input.mode === 'draft' || input.cycle.kind === 'adhoc' ? [...contactsOf(plan, standing, 'focal'), ...contactsOf(plan, standing, 'head')] : recipients;
      const text = `${input.mode === 'draft' ? `Dự thảo để cơ quan thường trực rà soát và phê duyệt (dondoc approve ${plan.id} --period ${input.cycle.period}).\n\n` : ''}${files.text}`;
      const sent = await send(
        { subject, text, html },
        {
          key: input.key,
          at: input.at,
          kind: input.mode === 'draft' ? 'draft' : 'consolidated',
          planId: plan.id,
          period: input.cycle.period,
          to,
          cc: input.mode === 'final' ? contactsOf(plan, standing, 'head') : [],
          attachments: (['docx', 'xlsx', 'html'] as const).map((f) => ({
            filename: reportFileName(plan.id, input.cycle.period, f, input.mode === 'draft'),
            content: f === 'html' ? Buffer.from(html) : files[f],
            contentType: CONTENT_TYPES[f],
          })),
        },
      );
      return { reportId: stored.sha256, htmlId: htmlFile.sha256, docxId: docxFile.sha256, xlsxId: xlsxFile.sha256, messageId: sent.messageId };
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
