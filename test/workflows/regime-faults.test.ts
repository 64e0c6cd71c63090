/**
 * The regime off the happy path, end to end on real parts: the time-skipping Temporal server, the real
 * workflows and activities, and a real SMTP catcher that answers 421 while the relay is "down".
 *
 * Sơn La (seed 004), 6-month report 2026: "trước ngày 15/6" → last day Monday 15/06/2026 (no holiday in
 * June 2026). Reminders at 08:00 on 04/06 (7 working days before), 10/06 (3), 12/06 (1), 15/06 (0);
 * overdue notice 16/06, director 18/06, leader's digest 22/06 (1st, 3rd, 5th working day after).
 * These dates are counted by hand on the calendar, not taken from the code.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/plan/schema.js';
import { installRuntimeLogging } from '../../src/runtime/logging.js';
import { testServerPath } from '../../src/runtime/tools.js';
import { simulate, type SimulatedEmail } from '../../src/simulate/simulate.js';
import { loadSeedPlan } from '../support/temporal.js';

const PLAN = 'son-la-37-ct-tw-2024';
const H1 = '2026-H1';
const NEVER = 'tinh-doan';
const LATE = 'bao-son-la';

describe('the regime under mail outages, extensions and a late start', () => {
  let env: TestWorkflowEnvironment;
  let plan: Plan;
  beforeAll(async () => {
    installRuntimeLogging();
    plan = await loadSeedPlan(PLAN);
  });
  // A server of its own per scenario: the workflow ids derive from the plan, so two runs would collide.
  beforeEach(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
  });
  afterEach(async () => {
    await env?.teardown();
  });

  const toAgency = (emails: SimulatedEmail[], agencyId: string) => emails.filter((e) => e.agencyId === agencyId && e.period === H1);
  const hhmm = (iso: string) => iso.slice(0, 16);
  /** No step is told twice: each step key is delivered once, directly or as a catch-up. */
  const expectEachStepOnce = (emails: SimulatedEmail[]) => {
    const perAgencyStep = emails.filter((e) => e.step).map((e) => `${e.agencyId}|${e.kind}|${e.step}`);
    expect(new Set(perAgencyStep).size).toBe(perAgencyStep.length);
  };

  it('SMTP down for 3 days across the last day: nothing fails, nothing twice, the overdue notice stands for the lost reminder', async () => {
    const r = await simulate({
      plan,
      env,
      from: '2026-06-01',
      to: '2026-06-25',
      submit: { [NEVER]: { kind: 'never' } },
      outages: [{ from: '2026-06-12T17:00:00+07:00', to: '2026-06-16T09:00:00+07:00' }],
    });
    expect(r.workflows.failed).toBe(0);
    expectEachStepOnce(r.emails);
    const mine = toAgency(r.emails, NEVER).filter((e) => e.kind === 'reminder' || e.kind === 'overdue');
    expect(mine.map((e) => `${e.kind}@${hhmm(e.at)}`)).toEqual([
      'reminder@2026-06-04T08:00',
      'reminder@2026-06-10T08:00',
      'reminder@2026-06-12T08:00',
      // 15/06: the relay is down all day; "hôm nay là ngày cuối cùng" means nothing after it, so it is not sent.
      'overdue@2026-06-16T08:00',
    ]);
    const overdue = mine.at(-1)!;
    expect(overdue.catchUp).toBe(true);
    expect(overdue.subject).toMatch(/^\[Quá hạn – gửi bù\]/);
    // Delivered once the relay answered again, after 09:00.
    expect(Date.parse(overdue.deliveredAt)).toBeGreaterThanOrEqual(Date.parse('2026-06-16T09:00:00+07:00'));
    const text = r.messages.find((m) => m.headers['x-dondoc-step'] === overdue.step && m.headers['x-dondoc-agency'] === NEVER)!.text;
    expect(text).toContain('Thư này thay cho thư nhắc hạn ngày 15/06/2026 chưa gửi được do sự cố hệ thống thư điện tử.');
    // The director was told on 18/06 (the relay works again).
    const director = r.emails.filter((e) => e.kind === 'escalation' && e.agencyId === NEVER && e.period === H1);
    expect(director.map((e) => hhmm(e.at))).toEqual(['2026-06-18T08:00']);
    // The undelivered reminder is recorded in the agency's status, and the standing agency was alerted.
    const status = r.cycles.find((c) => c.period === H1)!.agencies.find((a) => a.agencyId === NEVER)!;
    expect(status.delivery?.undeliverable.map((u) => u.key)).toContain('reminder/2026-06-15/0');
    expect(status.steps?.find((s) => s.key === 'reminder/2026-06-15/0')?.outcome).toBe('superseded');
    expect(r.emails.some((e) => e.kind === 'undeliverable' && e.agencyId === NEVER)).toBe(true);
  });

  it('SMTP down for 10 days: every agency is told once, with today’s wording, and nothing failed', async () => {
    const r = await simulate({
      plan,
      env,
      from: '2026-06-01',
      to: '2026-06-26',
      submit: { [NEVER]: { kind: 'never' }, [LATE]: { kind: 'late', workingDays: 2 } },
      outages: [{ from: '2026-06-12T17:00:00+07:00', to: '2026-06-22T17:00:00+07:00' }],
    });
    expect(r.workflows.failed).toBe(0);
    expectEachStepOnce(r.emails);
    const overdue = toAgency(r.emails, NEVER).filter((e) => e.kind === 'overdue');
    // Issued 16/06 08:00, reissued each day of the outage with that day's count, delivered once: the
    // issue of 22/06 (the day the relay came back).
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.at.slice(0, 10)).toBe('2026-06-22');
    expect(Date.parse(overdue[0]!.deliveredAt)).toBeGreaterThanOrEqual(Date.parse('2026-06-22T17:00:00+07:00'));
    // bao-son-la reported late on 17/06 (2 working days after), inside the outage: its receipt is kept
    // and delivered after it, and no overdue notice reaches it after its report.
    const late = toAgency(r.emails, LATE);
    expect(late.filter((e) => e.kind === 'receipt')).toHaveLength(1);
    expect(late.filter((e) => e.kind === 'overdue' && Date.parse(e.deliveredAt) > Date.parse('2026-06-17T10:00:00+07:00'))).toEqual([]);
    expect(r.submissions.find((s) => s.agencyId === LATE && s.period === H1)).toMatchObject({ late: true });
    // The leader's digest of 22/06 went out once the relay was back.
    const digests = r.emails.filter((e) => e.kind === 'escalation' && e.agencyId === null && e.period === H1);
    expect(digests.map((e) => hhmm(e.at))).toEqual(['2026-06-22T08:00']);
    // Ten days of retries against a refusing relay take a while to replay, even with time skipped.
  }, 400_000);

  it('an extension granted after the overdue notice sends only the steps after it: no burst of stale reminders', async () => {
    const r = await simulate({
      plan,
      env,
      from: '2026-06-01',
      to: '2026-06-30',
      submit: { [NEVER]: { kind: 'never' } },
      extensions: [{ agencyId: NEVER, at: '2026-06-16T10:00:00+07:00', lastDay: '2026-06-19' }],
    });
    expect(r.workflows.failed).toBe(0);
    const mine = toAgency(r.emails, NEVER).filter((e) => ['reminder', 'overdue', 'extension'].includes(e.kind));
    // New last day Friday 19/06: reminders would be 10/06 (7), 16/06 08:00 (3), 18/06 (1), 19/06 (0);
    // the first two are at or before the decision (16/06 10:00) and are never sent. Overdue: 22/06.
    expect(mine.map((e) => `${e.kind}@${hhmm(e.at)}`)).toEqual([
      'reminder@2026-06-04T08:00',
      'reminder@2026-06-10T08:00',
      'reminder@2026-06-12T08:00',
      'reminder@2026-06-15T08:00',
      'overdue@2026-06-16T08:00',
      'extension@2026-06-16T10:00',
      'reminder@2026-06-18T08:00',
      'reminder@2026-06-19T08:00',
      'overdue@2026-06-22T08:00',
    ]);
    // The director hears of it on the 3rd working day after the new last day, not after the old one.
    expect(
      toAgency(r.emails, NEVER)
        .filter((e) => e.kind === 'escalation')
        .map((e) => hhmm(e.at)),
    ).toEqual(['2026-06-24T08:00']);
  });

  it('a plan started after the first reminder: the dispatch carries the link and each agency is told the period is open', async () => {
    const r = await simulate({ plan, env, from: '2026-06-11', to: '2026-06-20', submit: { [NEVER]: { kind: 'never' } } });
    expect(r.workflows.failed).toBe(0);
    const mine = r.emails.filter((e) => e.agencyId === NEVER);
    expect(mine.map((e) => `${e.kind}@${e.at.slice(0, 10)}`)).toEqual([
      'dispatch@2026-06-11',
      'period-open@2026-06-11',
      'reminder@2026-06-12',
      'reminder@2026-06-15',
      'overdue@2026-06-16',
      'escalation@2026-06-18',
    ]);
    const dispatch = r.messages.find((m) => m.headers['x-dondoc-kind'] === 'dispatch' && m.headers['x-dondoc-agency'] === NEVER)!;
    expect(dispatch.text).toMatch(/Báo cáo 6 tháng đầu năm 2026: hạn 15\/06\/2026 \(kỳ đã mở, gửi báo cáo tại: http:\/\/localhost:3000\/nop\/\S+\)/);
    const open = r.messages.find((m) => m.headers['x-dondoc-kind'] === 'period-open' && m.headers['x-dondoc-agency'] === NEVER)!;
    expect(open.subject).toMatch(/^\[Mở kỳ báo cáo\] Báo cáo 6 tháng đầu năm 2026 – KH .+ – hạn 15\/06\/2026$/);
    // 11/06 → 15/06: working days 12/06 and 15/06.
    expect(open.text).toContain('còn 2 ngày làm việc');
  });

  it('an empty report is refused with a Vietnamese reason, recorded nowhere, and reminders go on', async () => {
    const r = await simulate({ plan, env, from: '2026-06-01', to: '2026-06-17', submit: { [NEVER]: { kind: 'empty' } } });
    expect(r.workflows.failed).toBe(0);
    expect(r.rejected).toEqual([
      expect.objectContaining({ agencyId: NEVER, period: H1, reasons: [expect.stringMatching(/^tasks: báo cáo chưa đủ: cần cho biết tình trạng của \d+ nhiệm vụ/)] }),
    ]);
    expect(r.submissions.filter((s) => s.agencyId === NEVER)).toEqual([]);
    expect(toAgency(r.emails, NEVER).map((e) => e.kind)).toEqual(['reminder', 'reminder', 'reminder', 'reminder', 'overdue']);
  });
});
