/**
 * Baseline workflows of `npm run bench`, bundled apart from dondoc's: the engine's ceiling (a workflow that
 * does nothing) and the least a reminder can cost (one timer, then one activity that sends one message).
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

export interface BaselineActivities {
  sendOne(input: { key: string; at: string }): Promise<void>;
}

const { sendOne } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '1 minute', retry: { initialInterval: '1 second', maximumInterval: '10 seconds' } });

/** Completes at once: one workflow task. */
export async function benchEmptyWorkflow(): Promise<void> {}

/** Sleeps until `at` (epoch ms), then sends one message. */
export async function benchTimerActivityWorkflow(input: { at: number; key: string }): Promise<void> {
  const wait = input.at - Date.now();
  if (wait > 0) await sleep(wait);
  await sendOne({ key: input.key, at: new Date(input.at).toISOString() });
}
