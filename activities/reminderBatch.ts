/**
 * The cycle's batched reminders (issue 16, src/reporting/reminderBatch.ts): one activity per cycle and
 * reminder instant sends every agency's reminder over the worker's pooled SMTP connection.
 *
 * For each agency it asks the agency's workflow for the notice it would issue at that instant (a query:
 * no history, and the agency's own state decides, so only agencies still pending are told), sends exactly
 * that through `deliverNotice` (same key, so same Message-ID and sent-log entry: a retry, or the agency's
 * own catch-up after the grace, sends nothing twice), and tells the agency it was delivered. Whatever fails
 * here (the query, the relay) is left to the agency: it sends its reminder itself after the grace, with its
 * own retries and delivery-failure state. So the activity never fails for the outside world.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { PlanRef } from '../src/reporting/types.js';
import { batchDeliveredSignal, batchedReminderQuery, type BatchedReminder } from '../workflows/agencyReportWorkflow.js';
import type { DeliverInput } from './index.js';

export interface ReminderBatchInput {
  planRef: PlanRef;
  period: string;
  periodLabel: string;
  /** The reminder instant (as the schedules write it). */
  instant: string;
  /** Business time of the batch (the cycle's clock). */
  at: string;
  agencies: { agencyId: string; workflowId: string }[];
}

export interface ReminderBatchResult {
  /** Reminders the relay accepted (or had accepted before: a retry). */
  sent: string[];
  /** Agencies with nothing to send at this instant (reported, exempted, extended, already reminded). */
  skipped: string[];
  /** Left to the agency's own delivery (query or relay failed), with the reason. */
  leftToAgency: { agencyId: string; error: string }[];
}

/** How many agencies are asked and sent to at once; the SMTP pool's size and rate limit pace the relay. */
const CONCURRENCY = 16;

export function createReminderBatchActivities(deps: { client: Client; deliverNotice: (input: DeliverInput) => Promise<{ messageId: string }> }) {
  return {
    async sendReminderBatch(input: ReminderBatchInput): Promise<ReminderBatchResult> {
      const result: ReminderBatchResult = { sent: [], skipped: [], leftToAgency: [] };
      const one = async ({ agencyId, workflowId }: ReminderBatchInput['agencies'][number]) => {
        const handle = deps.client.workflow.getHandle(workflowId);
        let due: BatchedReminder | null;
        try {
          due = await handle.query(batchedReminderQuery, input.instant);
        } catch (err) {
          // Unanswered: the agency sends its own after the grace.
          return void result.leftToAgency.push({ agencyId, error: messageOf(err) });
        }
        if (!due) return void result.skipped.push(agencyId);
        const tell = (messageId: string | null) => handle.signal(batchDeliveredSignal, { instant: input.instant, key: due.notice.key, messageId, at: input.at });
        let messageId: string;
        try {
          ({ messageId } = await deps.deliverNotice({
            planRef: input.planRef,
            period: input.period,
            periodLabel: input.periodLabel,
            agencyId,
            role: 'agency',
            lastDay: due.lastDay,
            dueAt: due.dueAt,
            notice: due.notice,
            key: due.key,
            at: input.at,
          }));
        } catch (err) {
          // The relay refused or is down: the agency issues the reminder for its instant now and delivers it
          // with its own retries (and, if the signal is lost too, after the grace).
          result.leftToAgency.push({ agencyId, error: messageOf(err) });
          return void (await tell(null).catch(() => undefined));
        }
        try {
          await tell(messageId);
          result.sent.push(agencyId);
        } catch (err) {
          // Sent but not recorded: after the grace the agency's own attempt finds it in the sent log.
          result.leftToAgency.push({ agencyId, error: messageOf(err) });
        }
      };
      const queue = [...input.agencies];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await one(next);
            Context.current().heartbeat(result.sent.length);
          }
        }),
      );
      return result;
    },
  };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);
