/** Advancing a time-skipping test server to a business instant (see simulationScriptWorkflow). */
import type { Client } from '@temporalio/client';
import type { ScriptStep } from '../../src/simulate/scriptActivities.js';
import { executeSkippingTime } from '../../src/simulate/executeSkippingTime.js';
import { simulationScriptWorkflow } from '../../workflows/simulationScriptWorkflow.js';

let n = 0;
export function runScript(client: Client, taskQueue: string, clockOffsetMs: number, endAt: string, steps: ScriptStep[] = []) {
  return executeSkippingTime(
    client,
    simulationScriptWorkflow,
    { workflowId: `test-script-${process.pid}-${++n}`, taskQueue, args: [{ steps, endAt, clockOffsetMs }] },
    Date.parse(endAt) - clockOffsetMs,
  );
}

/** Waits (in real time, briefly) until a workflow exists: starts are asynchronous. Not a timing assertion. */
export async function waitForWorkflow(client: Client, workflowId: string, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    try {
      await client.workflow.getHandle(workflowId).describe();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`workflow ${workflowId} did not start`);
}
