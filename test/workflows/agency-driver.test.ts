/**
 * The fast workflow tier: the real agency workflow on the time-skipping server, its activities faked
 * (a unit test may fake an activity), so the driver's own behaviour is seen in isolation: it sleeps to
 * the regime's steps, delivers one notice per lane, flags a notice late beyond the budget, lets a newer
 * step supersede a stuck one, and never fails.
 *
 * Schedule (counted by hand, June 2026 has no holiday): last day Mon 15/06/2026; reminders 08:00 on
 * 04/06, 10/06, 12/06, 15/06; overdue 16/06, director 18/06.
 */
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { DeliverInput } from '../../activities/index.js';
import type { AgencySchedule, AgencyStatus } from '../../src/reporting/types.js';
import { workflowBundle } from '../../worker/createWorker.js';
import { provenNotice, testAgencyInput, timeSkippingEnv } from '../support/agencyRig.js';
import { agencyReportWorkflow, statusQuery } from '../../workflows/agencyReportWorkflow.js';

const schedule: AgencySchedule = {
  lastDay: '2026-06-15',
  dueAt: '2026-06-15T23:59:59+07:00',
  reminders: [
    { workingDaysBefore: 7, at: '2026-06-04T08:00:00+07:00' },
    { workingDaysBefore: 3, at: '2026-06-10T08:00:00+07:00' },
    { workingDaysBefore: 1, at: '2026-06-12T08:00:00+07:00' },
    { workingDaysBefore: 0, at: '2026-06-15T08:00:00+07:00' },
  ],
  escalations: [
    { level: 'overdue', workingDaysAfter: 1, at: '2026-06-16T08:00:00+07:00' },
    { level: 'director', workingDaysAfter: 3, at: '2026-06-18T08:00:00+07:00' },
  ],
};

describe('the agency workflow drives the regime (activities faked)', () => {
  const testEnv = timeSkippingEnv();

  /** Runs one agency workflow from `start` to `until` (business time) with mail down in `outage`. */
  async function run(start: string, until: string, outage: { from: string; to: string } | null) {
    const offset = Date.parse(start) - (await testEnv().currentTimeMs());
    const now = async () => (await testEnv().currentTimeMs()) + offset;
    const delivered: { key: string; at: string; deliveredAt: number; catchUp: string[] }[] = [];
    const taskQueue = `driver-${Math.random().toString(36).slice(2)}`;
    const worker = await Worker.create({
      connection: testEnv().nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {
        async deliverNotice(input: DeliverInput) {
          const t = await now();
          if (outage && t >= Date.parse(outage.from) && t < Date.parse(outage.to)) throw new Error('421 relay down');
          const n = input.notice;
          delivered.push({ key: n.key, at: input.at, deliveredAt: t, catchUp: n.type === 'step' ? (n.catchUp?.replaces.map((r) => r.key) ?? []) : [] });
          return { messageId: `<${n.key}@test>` };
        },
        async scheduleForLastDay() {
          throw new Error('not used');
        },
        noticeProof: provenNotice,
      },
    });
    let status: AgencyStatus | null = null;
    await worker.runUntil(async () => {
      const handle = await testEnv().client.workflow.start(agencyReportWorkflow, {
        workflowId: `report:test:${taskQueue}`,
        taskQueue,
        args: [testAgencyInput(schedule, offset, { deliveryRetryCapMs: 3_600_000 })],
      });
      await testEnv().sleep(Date.parse(until) - (await now()));
      status = await handle.query(statusQuery);
      const d = await handle.describe();
      expect(d.status.name).toBe('RUNNING');
    });
    return { delivered, status: status! };
  }

  it('delivers every step at its instant when mail works', async () => {
    const { delivered, status } = await run('2026-06-01T09:00:00+07:00', '2026-06-19T09:00:00+07:00', null);
    expect(delivered.filter((d) => !d.key.startsWith('undeliverable/')).map((d) => `${d.key}@${new Date(d.deliveredAt + 7 * 3_600_000).toISOString().slice(0, 16)}`)).toEqual([
      'reminder/2026-06-15/7@2026-06-04T08:00',
      'reminder/2026-06-15/3@2026-06-10T08:00',
      'reminder/2026-06-15/1@2026-06-12T08:00',
      'reminder/2026-06-15/0@2026-06-15T08:00',
      'escalation/2026-06-15/overdue@2026-06-16T08:00',
      'escalation/2026-06-15/director@2026-06-18T08:00',
    ]);
    expect(status).toMatchObject({ state: 'overdue', escalationLevel: 'director', delivery: { failing: null, undeliverable: [] } });
  });

  it('mail down 09/06 → 12/06 20:00: the 10/06 reminder is flagged after the budget, superseded by the 12/06 one, which goes once mail is back', async () => {
    const { delivered: all, status } = await run('2026-06-01T09:00:00+07:00', '2026-06-14T09:00:00+07:00', { from: '2026-06-09T00:00:00+07:00', to: '2026-06-12T20:00:00+07:00' });
    const delivered = all.filter((d) => d.key.startsWith('reminder/') || d.key.startsWith('escalation/'));
    // The 12/06 step is issued for the first time: its own key (and Message-ID), standing for the 10/06 one.
    expect(delivered.map((d) => d.key)).toEqual(['reminder/2026-06-15/7', 'reminder/2026-06-15/1']);
    // The standing agency was alerted once about the stuck notice, after mail came back.
    expect(all.filter((d) => d.key.startsWith('undeliverable/')).map((d) => d.key)).toEqual(['undeliverable/reminder/2026-06-15/3']);
    // It stands for the 10/06 reminder (reissued on 11/06, then replaced by the 12/06 step).
    expect(delivered[1]!.catchUp).toEqual(['reminder/2026-06-15/3']);
    // Delivered after the relay came back at 20:00 on 12/06, within the retry cap (1 hour here).
    expect(delivered[1]!.deliveredAt).toBeGreaterThanOrEqual(Date.parse('2026-06-12T20:00:00+07:00'));
    expect(delivered[1]!.deliveredAt).toBeLessThanOrEqual(Date.parse('2026-06-12T21:05:00+07:00'));
    expect(status.delivery?.undeliverable.map((u) => u.key)).toContain('reminder/2026-06-15/3');
    expect(status.steps?.map((s) => `${s.key}:${s.outcome}`)).toEqual(['reminder/2026-06-15/7:delivered', 'reminder/2026-06-15/3:superseded', 'reminder/2026-06-15/1:delivered']);
  });
});
