/**
 * Activity policies, named for what they protect. The outside world never fails a workflow: delivery
 * and lookups retry without a schedule-to-close limit; only bad input (ApplicationFailure.nonRetryable)
 * ends an activity for good, and the workflow records it as state.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** Mail to an agency, a leader or the standing agency. SMTP timeouts (src/mail) sit well below the minute. */
export const deliveryPolicy: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['BadInput', 'PermanentDeliveryFailure'] },
};

/** The delivery policy with another cap on the retry interval (a simulation of a long outage retries less often). */
export function deliveryPolicyWithCap(capMs: number | undefined): ActivityOptions {
  return capMs ? { ...deliveryPolicy, retry: { ...deliveryPolicy.retry, maximumInterval: capMs } } : deliveryPolicy;
}

/** Plan and calendar lookups (the plan store, the holiday calendar): a stored plan cannot go away, so wait for it. */
export const lookupPolicy: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: ['BadInput'] },
};

/** Building, storing and sending the consolidated report: documents take a while; mail may be down. */
export const reportPolicy: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', nonRetryableErrorTypes: ['BadInput'] },
};

export function reportPolicyWithCap(capMs: number | undefined): ActivityOptions {
  return capMs ? { ...reportPolicy, retry: { ...reportPolicy.retry, maximumInterval: capMs } } : reportPolicy;
}

/** Dispatch of a plan to every agency: long, heartbeating, retried without limit. */
export const dispatchPolicy: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: ['BadInput'] },
};

/** Starting a cycle workflow: idempotent by workflow id. */
export const startWorkflowPolicy: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};

/**
 * The cycle's batch of reminders at one instant: whatever it cannot send is left to the agencies (they send
 * their own after the grace), so a few quick attempts and no more; a crash mid-batch resends nothing twice.
 */
export const reminderBatchPolicy: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
};
