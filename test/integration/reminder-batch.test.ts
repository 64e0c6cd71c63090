/**
 * Batched reminders (issue 16.1) on real parts: seed 004 (Sơn La) in June 2026 on the time-skipping server,
 * real activities, the real SMTP catcher. Tỉnh Đoàn never reports, Báo Sơn La reports 2 working days late,
 * every other agency reports on time (the working day after the first reminder, Fri 05/06 10:00). The relay
 * is down on Wed 10/06 from 07:00 to 08:15.
 *
 * Expected, counted by hand on the 2026 calendar (June has no holiday): "trước ngày 15/6" → Sunday 14/06 →
 * last day Monday 15/06. Reminders at 08:00 on the 7th, 3rd, 1st working day before and on the day: Thu 04/06,
 * Wed 10/06, Fri 12/06, Mon 15/06. At each the cycle sends one batch; only agencies still pending are told.
 * On 10/06 the batch finds the relay down and hands the reminders back to the agencies, which issue them for
 * 08:00 and deliver them with their own retries once the relay is back, once each.
 */
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import type { AgencyStatus } from '../../src/reporting/types.js';
import { cycleWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { statusQuery } from '../../workflows/agencyReportWorkflow.js';
import { loadSeedPlan, startRig, type Rig } from '../support/temporal.js';

const PLAN = 'son-la-37-ct-tw-2024';
const LATE = ['bao-son-la', 'tinh-doan'];

interface Scheduled {
  type: string;
  input: { instant?: string; agencies?: { agencyId: string }[]; notice?: { key: string; type: string } };
}

async function scheduledActivities(client: Client, workflowId: string): Promise<Scheduled[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => !!a)
    .map((a) => ({ type: a!.activityType!.name!, input: JSON.parse(Buffer.from(a!.input!.payloads![0]!.data!).toString('utf8')) as Scheduled['input'] }));
}

describe('reminders in one batch per cycle and instant (Sơn La, H1 2026, relay down 10/06 07:00–08:15)', () => {
  let rig: Rig;
  let sim: SimulationResult;
  const seen: { cycle: Scheduled[]; agencies: Record<string, Scheduled[]>; status: Record<string, AgencyStatus> } = { cycle: [], agencies: {}, status: {} };
  const minute = (iso: string) => iso.slice(0, 16);
  const reminders = () => sim.emails.filter((e) => e.kind === 'reminder' && e.period === '2026-H1');

  beforeAll(async () => {
    rig = await startRig();
    sim = await simulate({
      plan: await loadSeedPlan(PLAN),
      from: '2026-06-01',
      to: '2026-06-30',
      submit: { 'tinh-doan': { kind: 'never' }, 'bao-son-la': { kind: 'late', workingDays: 2 } },
      outages: [{ from: '2026-06-10T07:00:00+07:00', to: '2026-06-10T08:15:00+07:00' }],
      env: rig.env,
      afterScript: async ({ client, cycles }) => {
        const h1 = cycles.find((c) => c.period === '2026-H1')!;
        seen.cycle = await scheduledActivities(client, cycleWorkflowId(PLAN, '2026-H1'));
        for (const a of h1.agencies) {
          const id = reportWorkflowId(PLAN, '2026-H1', a.agencyId);
          seen.agencies[a.agencyId] = await scheduledActivities(client, id);
          seen.status[a.agencyId] = await client.workflow.getHandle(id).query(statusQuery);
        }
      },
    });
  }, 600_000);
  afterAll(async () => {
    await rig?.close();
  });

  it('on 04/06 every obliged agency gets its reminder at 08:00, each its own message', () => {
    const obliged = Object.keys(seen.status).sort();
    expect(obliged.length).toBeGreaterThan(LATE.length);
    const first = reminders().filter((e) => e.step === 'reminder/2026-06-15/7');
    expect(first.map((e) => e.agencyId).sort()).toEqual(obliged);
    expect(new Set(first.map((e) => minute(e.deliveredAt)))).toEqual(new Set(['2026-06-04T08:00']));
    const ids = sim.messages.filter((m) => m.headers['x-dondoc-step'] === 'reminder/2026-06-15/7').map((m) => m.messageId);
    expect(new Set(ids).size).toBe(obliged.length);
  });

  it('on 12/06 and 15/06 only the two agencies still pending are told, at 08:00', () => {
    for (const [step, day] of [
      ['reminder/2026-06-15/1', '2026-06-12'],
      ['reminder/2026-06-15/0', '2026-06-15'],
    ] as const) {
      const sent = reminders().filter((e) => e.step === step);
      expect(sent.map((e) => [e.agencyId, minute(e.deliveredAt)]).sort(), step).toEqual(LATE.map((id) => [id, `${day}T08:00`]));
    }
  });

  it('on 10/06 the relay is down at 08:00: each pending agency sends its own reminder once the relay is back, dated 08:00, once', () => {
    const sent = reminders().filter((e) => e.step === 'reminder/2026-06-15/3');
    expect(sent.map((e) => [e.agencyId, minute(e.at)]).sort()).toEqual(LATE.map((id) => [id, '2026-06-10T08:00']));
    for (const e of sent) {
      expect(Date.parse(e.deliveredAt)).toBeGreaterThanOrEqual(Date.parse('2026-06-10T08:15:00+07:00'));
      // The agency's own retries (10 s doubling), not the 30-minute grace: the batch handed the reminder back at once.
      expect(Date.parse(e.deliveredAt)).toBeLessThan(Date.parse('2026-06-10T08:30:00+07:00'));
    }
  });

  it('the cycle ran one batch per reminder instant, asking only for agencies it did not know to have reported', () => {
    const batches = seen.cycle.filter((a) => a.type === 'sendReminderBatch');
    expect(batches.map((b) => minute(b.input.instant!))).toEqual(['2026-06-04T08:00', '2026-06-10T08:00', '2026-06-12T08:00', '2026-06-15T08:00']);
    expect(batches[0]!.input.agencies!.length).toBe(Object.keys(seen.status).length);
    for (const b of batches.slice(1)) expect(b.input.agencies!.map((a) => a.agencyId).sort()).toEqual(LATE);
  });

  it('no agency workflow delivered a reminder itself except on the day the batch could not', () => {
    for (const [agencyId, acts] of Object.entries(seen.agencies)) {
      const own = acts.filter((a) => a.type === 'deliverNotice' && a.input.notice?.type === 'step' && a.input.notice.key.startsWith('reminder/')).map((a) => a.input.notice!.key);
      expect(own, agencyId).toEqual(LATE.includes(agencyId) ? ['reminder/2026-06-15/3'] : []);
    }
  });

  it("each agency's own status records every reminder it was sent, as if it had sent them itself", () => {
    expect(seen.status['tinh-doan']!.remindersSent.length).toBe(4);
    for (const [agencyId, s] of Object.entries(seen.status)) if (!LATE.includes(agencyId)) expect(s.remindersSent.length, agencyId).toBe(1);
  });
});
