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
import { batchDeliveredSignal, batchedReminderQuery } from '../workflows/agencyReportWorkflow.js';
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
        try {
          const handle = deps.client.workflow.getHandle(workflowId);
          const due = await handle.query(batchedReminderQuery, input.instant);
          if (!due) return void result.skipped.push(agencyId);
          const { messageId } = await deps.deliverNotice({
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
          });
          await handle.signal(batchDeliveredSignal, { instant: input.instant, key: due.notice.key, messageId, at: input.at });
          result.sent.push(agencyId);
        } catch (err) {
          result.leftToAgency.push({ agencyId, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) });
        }
        Context.current().heartbeat(result.sent.length);
      };
      const queue = [...input.agencies];
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) await one(next);
        }),
      );
      return result;
    },
  };
}
