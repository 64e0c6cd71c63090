/**
 * The script of a simulation (`dondoc simulate`, tests): agencies' submissions, the standing agency's
 * approvals and ad-hoc requests, each performed by an activity at its exact instant on the skipped
 * clock. Driving them from a workflow, rather than from the test process, keeps the time-skipping
 * server from racing past an instant between two client calls.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { ScriptActivities, ScriptStep, ScriptStepResult } from '../src/simulate/scriptActivities.js';
import { BusinessClock } from './clock.js';

const { performScriptStep } = proxyActivities<ScriptActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 1, maximumAttempts: 10 },
});

export interface SimulationScriptInput {
  steps: ScriptStep[];
  endAt: string;
  clockOffsetMs: number;
}

export async function simulationScriptWorkflow(input: SimulationScriptInput): Promise<ScriptStepResult[]> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const results: ScriptStepResult[] = [];
  for (const step of input.steps) {
    await clock.sleepUntil(step.at);
    results.push(await performScriptStep(step));
  }
  await clock.sleepUntil(input.endAt);
  return results;
}
