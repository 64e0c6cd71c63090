/**
 * A monthly and a quarterly regime for a year, on the real workflows (time-skipping server, real SMTP
 * catcher). The Sơn La plan (seed 004) with its periodic obligation replaced by:
 *   "định kỳ hằng tháng, trước ngày 20"            → monthly, rule before, day 20 (last day the 19th)
 *   "báo cáo quý chậm nhất ngày 25 tháng cuối quý"  → quarterly, rule by, day 25
 * Effective last days in 2026, counted by hand (weekend or holiday → next working day, Civil Code
 * Art. 148; Tết 2026 off 16–20/02): 19/01, 23/02 (19/02 is in Tết), 19/03, 20/04 (19/04 a Sunday), 19/05,
 * 19/06, 20/07 (Sunday 19/07), 19/08, 21/09 (Saturday 19/09), 19/10, 19/11, 21/12 (Saturday 19/12);
 * quarters 25/03, 25/06, 25/09, 25/12.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSchema, type Plan } from '../../src/plan/schema.js';
import { installRuntimeLogging } from '../../src/runtime/logging.js';
import { testServerPath } from '../../src/runtime/tools.js';
import { simulate, type SimulationResult } from '../../src/simulate/simulate.js';
import { loadSeedPlan } from '../support/temporal.js';

const REPORTERS = ['tinh-doan', 'bao-son-la'];

describe('a monthly and a quarterly plan for a year', () => {
  let env: TestWorkflowEnvironment;
  let result: SimulationResult;
  let plan: Plan;

  beforeAll(async () => {
    installRuntimeLogging();
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: testServerPath() } } });
    const seed = await loadSeedPlan('son-la-37-ct-tw-2024');
    plan = planSchema.parse({
      ...seed,
      id: 'son-la-hang-thang-hang-quy',
      reporting: {
        ...seed.reporting,
        obligations: [
          {
            id: 'bao-cao-thang',
            kind: 'agency-report',
            reporters: REPORTERS,
            to: ['so-lao-dong-thuong-binh-va-xa-hoi'],
            frequency: 'monthly',
            deadlines: [{ period: 'month', rule: 'before', day: 20 }],
            statedText: 'Định kỳ hằng tháng, trước ngày 20, các cơ quan báo cáo kết quả thực hiện.',
            firstYear: 2026,
          },
          {
            id: 'bao-cao-quy',
            kind: 'agency-report',
            reporters: REPORTERS,
            to: ['so-lao-dong-thuong-binh-va-xa-hoi'],
            frequency: 'quarterly',
            deadlines: [{ period: 'quarter', rule: 'by', day: 25 }],
            statedText: 'Báo cáo quý chậm nhất ngày 25 tháng cuối quý.',
            firstYear: 2026,
          },
        ],
      },
    });
    result = await simulate({ plan, env, from: '2026-01-01', to: '2026-12-31', submit: { 'bao-son-la': { kind: 'never' } } });
  }, 600_000);
  afterAll(async () => {
    await env?.teardown();
  });

  it('opens the 12 monthly and 4 quarterly periods with the last days of the calendar, and nothing fails', () => {
    expect(result.workflows.failed).toBe(0);
    const lastDays = Object.fromEntries(result.cycles.map((c) => [c.period, c.cycle.agencies[0]!.lastDay]));
    expect(lastDays).toEqual({
      '2026-M01': '2026-01-19',
      '2026-M02': '2026-02-23',
      '2026-M03': '2026-03-19',
      '2026-Q1': '2026-03-25',
      '2026-M04': '2026-04-20',
      '2026-M05': '2026-05-19',
      '2026-M06': '2026-06-19',
      '2026-Q2': '2026-06-25',
      '2026-M07': '2026-07-20',
      '2026-M08': '2026-08-19',
      '2026-M09': '2026-09-21',
      '2026-Q3': '2026-09-25',
      '2026-M10': '2026-10-19',
      '2026-M11': '2026-11-19',
      '2026-M12': '2026-12-21',
      '2026-Q4': '2026-12-25',
    });
    expect(result.cycles.find((c) => c.period === '2026-Q1')!.cycle.periodLabel).toBe('quý I năm 2026');
    expect(result.cycles.find((c) => c.period === '2026-M02')!.cycle.periodLabel).toBe('tháng 2 năm 2026');
  });

  it('each period: the agency that reports gets a receipt and no overdue notice; the one that never reports is told once per step', () => {
    for (const c of result.cycles) {
      const of = (agencyId: string, kind: string) => result.emails.filter((e) => e.period === c.period && e.agencyId === agencyId && e.kind === kind);
      expect(of('tinh-doan', 'receipt'), c.period).toHaveLength(1);
      expect(of('tinh-doan', 'overdue'), c.period).toHaveLength(0);
      const steps = result.emails.filter((e) => e.period === c.period && e.agencyId === 'bao-son-la' && e.step).map((e) => e.step);
      expect(new Set(steps).size, c.period).toBe(steps.length);
      expect(of('bao-son-la', 'overdue'), c.period).toHaveLength(1);
    }
  });

  it('the consolidated report of a quarter names the quarter', () => {
    const q1 = result.emails.find((e) => e.period === '2026-Q1' && e.kind === 'draft');
    expect(q1?.subject).toMatch(/quý I năm 2026/);
  });
});
