/**
 * A step instant with a fraction of a second (the bench's reminders were `new Date(ms).toISOString()`)
 * is sent once, on time, and the workflow task never spins. The business clock writes "now" to the
 * second; a timer that fired inside the instant's second once gave a "now" before the instant, the tick
 * issued nothing, the same past wake came back, and the activation looped until the worker's isolate
 * timeout (the bench's worker crash, "async hook stack has become corrupted"). The fast tier: the real
 * workflow on the time-skipping server, its activities faked.
 */
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AgencySchedule } from '../../src/reporting/types.js';
import { workflowBundle } from '../../worker/createWorker.js';
import { provenNotice, testAgencyInput, timeSkippingEnv } from '../support/agencyRig.js';
import { agencyReportWorkflow, closePeriodSignal, statusQuery } from '../../workflows/agencyReportWorkflow.js';

// 08:00:00.500 on Thu 04/06/2026, Vietnam time.
const instant = '2026-06-04T01:00:00.500Z';
const schedule: AgencySchedule = {
  lastDay: '2026-06-15',
  dueAt: '2026-06-15T23:59:59+07:00',
  reminders: [{ workingDaysBefore: 7, at: instant }],
  escalations: [],
};

describe('a step instant with milliseconds', () => {
  const testEnv = timeSkippingEnv();

  it('is delivered once, in the second after the instant, and no workflow task fails', async () => {
    const start = '2026-06-01T09:00:00+07:00';
    const offset = Date.parse(start) - (await testEnv().currentTimeMs());
    const sent: { key: string; at: string }[] = [];
    const taskQueue = `subsecond-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: testEnv().nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {
        async deliverNotice(input: { notice: { key: string }; at: string }) {
          sent.push({ key: input.notice.key, at: input.at });
          return { messageId: `<${sent.length}@test>` };
        },
        noticeProof: provenNotice,
      },
    });
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(agencyReportWorkflow, {
        workflowId: `report:subsecond:${taskQueue}`,
        taskQueue,
        args: [testAgencyInput(schedule, offset, { announce: false })],
      });
      await testEnv().sleep(Date.parse('2026-06-04T09:00:00+07:00') - Date.parse(start));
      const status = await handle.query(statusQuery);
      expect(sent).toEqual([{ key: 'reminder/2026-06-15/7', at: '2026-06-04T08:00:01+07:00' }]);
      expect(status.remindersSent).toHaveLength(1);
      await handle.signal(closePeriodSignal);
      await handle.result();
      const history = await handle.fetchHistory();
      expect((history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes)).toEqual([]);
    });
  });
});
