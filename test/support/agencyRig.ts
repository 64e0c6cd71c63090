/**
 * The fast workflow tier's agency rig: one agency workflow's input (a test plan, one task) and the proof
 * of notice the fake activities answer (the agency was told: issue 15's gate is open, the ladder as before).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll } from 'vitest';
import { installRuntimeLogging } from '../../src/runtime/logging.js';
import { testServerPath } from '../../src/runtime/tools.js';
import type { AgencyReportInput } from '../../workflows/agencyReportWorkflow.js';
import type { AgencySchedule } from '../../src/reporting/types.js';

export const provenNotice = async () => ({ proven: true, unreachable: [], nextContact: null, recheckAt: null, nextMorning: '2026-12-31T08:00:00+07:00' });

export function testAgencyInput(schedule: AgencySchedule, clockOffsetMs: number, extra: Partial<AgencyReportInput> = {}): AgencyReportInput {
  return {
    planRef: { planId: 'test', hash: '0'.repeat(64) },
    period: '2026-H1',
    periodLabel: '6 tháng đầu năm 2026',
    agencyId: 'so-x',
    role: 'agency',
    schedule,
    taskIds: ['t1'],
    targetIds: [],
    clockOffsetMs,
    ...extra,
  };
}

/** A time-skipping test server for the describe block it is called in: started before its tests, torn down after. */
export function timeSkippingEnv(): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeAll(async () => {
    installRuntimeLogging();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  });
  afterAll(async () => {
    await env?.teardown();
  });
  return () => env!;
}
