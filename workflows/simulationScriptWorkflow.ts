/**
 * The script of a simulation (`dondoc simulate`, tests): agencies' submissions, the standing agency's
 * approvals and ad-hoc requests, each performed by an activity at its exact instant on the skipped
 * clock. Driving them from a workflow, rather than from the test process, keeps the time-skipping
 * server from racing past an instant between two client calls.
 *
 * Steps of one kind at one instant for different agencies (the 40 submissions of a cycle's "on time"
 * day) run at once: one after the other, each waited for the agency workflow's Update, they were the
 * longest chain of round trips of a simulated year. Steps of different kinds at one instant keep their
 * order (requests, extensions, submissions, approvals), and two steps for the same agency never overlap.
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

/** Who a step acts on: steps for the same subject at one instant stay in order. */
const subject = (s: ScriptStep) => ('agencyId' in s ? `${s.planId}/${s.agencyId}` : `${s.action}:${s.planId}`);

/** Consecutive steps at one instant, of one action, for distinct subjects. */
export function concurrentGroups(steps: readonly ScriptStep[]): ScriptStep[][] {
  const groups: ScriptStep[][] = [];
  let current: ScriptStep[] = [];
  let subjects = new Set<string>();
  for (const step of steps) {
    const head = current[0];
    if (head && (head.at !== step.at || head.action !== step.action || subjects.has(subject(step)))) {
      groups.push(current);
      current = [];
      subjects = new Set();
    }
    current.push(step);
    subjects.add(subject(step));
  }
  if (current.length) groups.push(current);
  return groups;
}

export async function simulationScriptWorkflow(input: SimulationScriptInput): Promise<ScriptStepResult[]> {
  const clock = new BusinessClock(input.clockOffsetMs);
  const results: ScriptStepResult[] = [];
  for (const group of concurrentGroups(input.steps)) {
    await clock.sleepUntil(group[0]!.at);
    results.push(...(await Promise.all(group.map((step) => performScriptStep(step)))));
  }
  await clock.sleepUntil(input.endAt);
  return results;
}
