/**
 * An agency workflow asked to cancel (an operator terminated its cycle: the children are cancelled with
 * it, parentClosePolicy REQUEST_CANCEL) while a notice is in flight ends, and nothing is sent after. The
 * fast tier: the real workflow on the time-skipping server, its activities faked.
 *
 * Schedule: one reminder at 08:00 on Thu 04/06/2026; the fake relay refuses every attempt (retried).
 */
import { Worker } from '@temporalio/worker';
import { WorkflowFailedError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import type { AgencySchedule } from '../../src/reporting/types.js';
import { workflowBundle } from '../../worker/createWorker.js';
import { provenNotice, testAgencyInput, timeSkippingEnv } from '../support/agencyRig.js';
import { agencyReportWorkflow } from '../../workflows/agencyReportWorkflow.js';

const schedule: AgencySchedule = {
  lastDay: '2026-06-15',
  dueAt: '2026-06-15T23:59:59+07:00',
  reminders: [{ workingDaysBefore: 7, at: '2026-06-04T08:00:00+07:00' }],
  escalations: [],
};

describe('an agency workflow cancelled with a notice in flight', () => {
  const testEnv = timeSkippingEnv();

  it('ends as cancelled (no spin, no further attempt), its workflow task never fails', async () => {
    const start = '2026-06-01T09:00:00+07:00';
    const offset = Date.parse(start) - (await testEnv().currentTimeMs());
    const attempts: string[] = [];
    const taskQueue = `cancel-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: testEnv().nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {
        // The relay is down: the notice stays in flight (retried) until the cancellation.
        async deliverNotice(input: { notice: { key: string } }) {
          attempts.push(input.notice.key);
          throw new Error('421 relay down');
        },
        noticeProof: provenNotice,
      },
    });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(agencyReportWorkflow, {
        workflowId: `report:cancel:${taskQueue}`,
        taskQueue,
        args: [testAgencyInput(schedule, offset)],
      });
      // To 04/06 09:00: the reminder is in flight.
      await testEnv().sleep(Date.parse('2026-06-04T09:00:00+07:00') - Date.parse(start));
      expect(new Set(attempts)).toEqual(new Set(['reminder/2026-06-15/7']));
      const tried = attempts.length;
      await handle.cancel();
      const error = await handle.result().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowFailedError);
      expect((await handle.describe()).status.name).toBe('CANCELLED');
      const history = await handle.fetchHistory();
      const failedTasks = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
      expect(failedTasks).toEqual([]);
      expect(attempts.length).toBe(tried);
    });
  });
});
