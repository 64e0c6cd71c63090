/**
 * The cycle's batched reminders (issue 16, src/reporting/reminderBatch.ts): one activity per cycle and
 * reminder instant sends every pending agency's reminder over the worker's pooled SMTP connections
 * (`SMTP_POOL_SIZE`, `SMTP_RATE_LIMIT`), then tells each agency's workflow what became of it.
 *
 * Each notice goes through `deliverNotice` with the agency's own key, so its Message-ID and delivery-log row
 * are the ones the agency would have made: a retry of this activity, or the agency's own attempt after the
 * grace, finds the message in the sent log and sends nothing twice. What the relay refuses is handed back at
 * once (a signal without a Message-ID): the agency issues the reminder for its instant and delivers it with
 * its own retries and failure state. A signal that cannot be sent is covered by the agency's grace. So the
 * activity never fails for the outside world.
 */
import { setMaxListeners } from 'node:events';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { ReminderNotice } from '../src/reporting/reminderBatch.js';
import type { PlanRef } from '../src/reporting/types.js';
import { batchDeliveredSignal } from '../workflows/agencyReportWorkflow.js';
import { inPool } from '../src/runtime/inPool.js';
import type { DeliverInput } from './index.js';

export interface BatchedAgency {
  agencyId: string;
  workflowId: string;
  notice: ReminderNotice;
  lastDay: string;
  dueAt: string;
}

export interface ReminderBatchInput {
  planRef: PlanRef;
  period: string;
  periodLabel: string;
  /** The reminder instant (as the schedules write it). */
  instant: string;
  /** Business time of the batch (the cycle's clock). */
  at: string;
  agencies: BatchedAgency[];
}

export interface ReminderBatchResult {
  /** Reminders the relay accepted (or had accepted before: a retry), told to their agency. */
  sent: string[];
  /** Handed back to the agency (relay refused or down; or sent but the agency could not be told), with the reason. */
  leftToAgency: { agencyId: string; error: string }[];
}

/** Sends in flight at once; the SMTP pool's size and rate limit pace the relay. */
const CONCURRENCY = 16;

/** `client` is asked for when a batch runs: a worker's deps may be built before its Temporal connection (and tests build activities without one). */
export function createReminderBatchActivities(deps: { client: () => Client; deliverNotice: (input: DeliverInput) => Promise<{ messageId: string }> }) {
  return {
    async sendReminderBatch(input: ReminderBatchInput): Promise<ReminderBatchResult> {
      // Every send of the batch listens to the activity's one cancellation signal.
      setMaxListeners(CONCURRENCY + 10, Context.current().cancellationSignal);
      const outcomes = new Map<string, { messageId: string } | { error: string }>();
      // All the mail first, so that the last reminder waits for no bookkeeping; then the news to each agency.
      await inPool(input.agencies, CONCURRENCY, async (a) => {
        try {
          outcomes.set(
            a.agencyId,
            await deps.deliverNotice({
              planRef: input.planRef,
              period: input.period,
              periodLabel: input.periodLabel,
              agencyId: a.agencyId,
              role: 'agency',
              lastDay: a.lastDay,
              dueAt: a.dueAt,
              notice: a.notice,
              key: `${a.workflowId}/${a.notice.key}`,
              at: input.at,
            }),
          );
        } catch (err) {
          outcomes.set(a.agencyId, { error: messageOf(err) });
        }
        Context.current().heartbeat(outcomes.size);
      });
      const result: ReminderBatchResult = { sent: [], leftToAgency: [] };
      await inPool(input.agencies, CONCURRENCY, async (a) => {
        const outcome = outcomes.get(a.agencyId)!;
        const messageId = 'messageId' in outcome ? outcome.messageId : null;
        try {
          await deps.client().workflow.getHandle(a.workflowId).signal(batchDeliveredSignal, { instant: input.instant, key: a.notice.key, messageId, at: input.at });
          if (messageId) result.sent.push(a.agencyId);
          else result.leftToAgency.push({ agencyId: a.agencyId, error: (outcome as { error: string }).error });
        } catch (err) {
          // Not told: after the grace the agency issues the reminder itself (the sent log has it if it went out).
          result.leftToAgency.push({ agencyId: a.agencyId, error: messageOf(err) });
        }
      });
      return result;
    },
  };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 300);
