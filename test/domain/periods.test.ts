import { describe, expect, it } from 'vitest';
import {
  annualPeriod,
  comparePeriodIds,
  labelOfPeriodId,
  monthlyPeriod,
  nineMonthPeriod,
  parsePeriodId,
  quarterlyPeriod,
  reviewPeriod,
  semiannualPeriod,
} from '../../src/calendar/periods.js';
import { planSchema, type PlanInput } from '../../src/plan/schema.js';
import { nextCycleAfter } from '../../src/reporting/cycles.js';
import { obligationsOfYear } from '../../src/reporting/obligations.js';

describe('Decree 09/2019 Art. 12: data cut-off of every period type', () => {
  it('monthly: from the 15th of the previous month to the 14th', () => {
    expect(monthlyPeriod(2026, 3)).toMatchObject({ id: '2026-M03', kind: 'monthly', label: 'tháng 3 năm 2026', data: { from: '2026-02-15', to: '2026-03-14' } });
    expect(monthlyPeriod(2026, 1).data).toEqual({ from: '2025-12-15', to: '2026-01-14' });
    expect(monthlyPeriod(2026, 12)).toMatchObject({ id: '2026-M12', data: { from: '2026-11-15', to: '2026-12-14' } });
  });

  it('quarterly: from the 15th of the month before the quarter to the 14th of its last month', () => {
    expect(quarterlyPeriod(2026, 1)).toMatchObject({ id: '2026-Q1', kind: 'quarterly', label: 'quý I năm 2026', data: { from: '2025-12-15', to: '2026-03-14' } });
    expect(quarterlyPeriod(2026, 2)).toMatchObject({ label: 'quý II năm 2026', data: { from: '2026-03-15', to: '2026-06-14' } });
    expect(quarterlyPeriod(2026, 3)).toMatchObject({ label: 'quý III năm 2026', data: { from: '2026-06-15', to: '2026-09-14' } });
    expect(quarterlyPeriod(2026, 4)).toMatchObject({ id: '2026-Q4', label: 'quý IV năm 2026', data: { from: '2026-09-15', to: '2026-12-14' } });
  });

  it('6 months 15/12 → 14/6, 9 months 15/12 → 14/9, a year 15/12 → 14/12', () => {
    expect(semiannualPeriod(2026)).toMatchObject({ id: '2026-H1', kind: 'semiannual', label: '6 tháng đầu năm 2026', data: { from: '2025-12-15', to: '2026-06-14' } });
    expect(nineMonthPeriod(2026)).toMatchObject({ id: '2026-9M', kind: 'nine-month', label: '9 tháng năm 2026', data: { from: '2025-12-15', to: '2026-09-14' } });
    expect(annualPeriod(2026)).toMatchObject({ id: '2026', kind: 'annual', label: 'năm 2026', data: { from: '2025-12-15', to: '2026-12-14' } });
  });

  it('a stated cut-off day replaces the 14th; 31 gives calendar months, short months end on their last day', () => {
    expect(monthlyPeriod(2026, 3, 31).data).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(monthlyPeriod(2026, 2, 31).data).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(quarterlyPeriod(2026, 2, 31).data).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(annualPeriod(2026, 31).data).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(monthlyPeriod(2026, 3, 30).data).toEqual({ from: '2026-03-01', to: '2026-03-30' });
    expect(monthlyPeriod(2026, 4, 20).data).toEqual({ from: '2026-03-21', to: '2026-04-20' });
  });

  it('reviews run from the plan start to 14/12 of the review year', () => {
    expect(reviewPeriod(2029, 'preliminary', 'Sơ kết 05 năm', '2024-09-20')).toMatchObject({
      id: '2029-SK',
      kind: 'preliminary-review',
      label: 'Sơ kết 05 năm (2029)',
      data: { from: '2024-09-20', to: '2029-12-14' },
    });
    expect(reviewPeriod(2034, 'final', undefined, '2024-09-20')).toMatchObject({ id: '2034-TK', kind: 'final-review', label: 'Tổng kết (2034)' });
  });
});

describe('period ids: one grammar, every id parses back', () => {
  it.each([
    ['2026-M03', { kind: 'monthly', year: 2026, month: 3 }],
    ['2026-M12', { kind: 'monthly', year: 2026, month: 12 }],
    ['2026-Q1', { kind: 'quarterly', year: 2026, quarter: 1 }],
    ['2026-Q4', { kind: 'quarterly', year: 2026, quarter: 4 }],
    ['2026-H1', { kind: 'semiannual', year: 2026 }],
    ['2026-9M', { kind: 'nine-month', year: 2026 }],
    ['2026', { kind: 'annual', year: 2026 }],
    ['2029-SK', { kind: 'preliminary-review', year: 2029 }],
    ['2034-TK', { kind: 'final-review', year: 2034 }],
    ['DX-20261201-1', { kind: 'adhoc', year: 2026 }],
  ])('%s', (id, parsed) => {
    expect(parsePeriodId(id)).toEqual(parsed);
  });

  it('ids built by the period functions parse to their own kind', () => {
    for (let m = 1; m <= 12; m++) expect(parsePeriodId(monthlyPeriod(2027, m).id)).toEqual({ kind: 'monthly', year: 2027, month: m });
    for (let q = 1; q <= 4; q++) expect(parsePeriodId(quarterlyPeriod(2027, q).id)).toEqual({ kind: 'quarterly', year: 2027, quarter: q });
    for (const p of [semiannualPeriod(2027), nineMonthPeriod(2027), annualPeriod(2027)]) expect(parsePeriodId(p.id)?.kind).toBe(p.kind);
  });

  it.each(['nonsense', '2026-M13', '2026-M3', '2026-Q5', '2026-H2', '26', 'DX-2026', 'DX-20261301-1'])('"%s" is not a period id', (id) => {
    expect(parsePeriodId(id)).toBeNull();
  });

  it('labels from ids', () => {
    expect(labelOfPeriodId('2026-M03')).toBe('tháng 3 năm 2026');
    expect(labelOfPeriodId('2026-Q3')).toBe('quý III năm 2026');
    expect(labelOfPeriodId('2026-9M')).toBe('9 tháng năm 2026');
    expect(labelOfPeriodId('2026-H1')).toBe('6 tháng đầu năm 2026');
    expect(labelOfPeriodId('2026')).toBe('năm 2026');
  });

  it('sorting follows what a period covers', () => {
    const ids = ['2027-M01', '2026', '2026-9M', '2026-Q3', '2026-M09', '2026-H1', '2026-Q2', '2026-M06', '2026-M12', '2026-Q4', '2026-M01'];
    expect([...ids].sort(comparePeriodIds)).toEqual(['2026-M01', '2026-M06', '2026-Q2', '2026-H1', '2026-M09', '2026-Q3', '2026-9M', '2026-M12', '2026-Q4', '2026', '2027-M01']);
  });
});

/** A small plan: two agencies report to the standing agency under the given deadlines. */
function planWith(deadlines: NonNullable<NonNullable<PlanInput['reporting']['obligations']>[number]['deadlines']>, issuedOn: string | null = '2026-03-01') {
  const contact = (id: string) => [{ role: 'focal' as const, email: `${id}@example.gov.vn` }];
  return planSchema.parse({
    id: 'thu-nghiem',
    document: {
      type: 'ke-hoach',
      title: 'Kế hoạch thử nghiệm',
      number: '1/KH-UBND',
      issuedOn,
      issuer: 'UBND tỉnh',
      province: 'Sơn La',
      horizon: { from: 2026, to: 2027 },
      source: 'test',
    },
    standingAgency: 'so-noi-vu',
    agencies: [
      { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', contacts: contact('snv') },
      { id: 'so-tai-chinh', name: 'Sở Tài chính', kind: 'department', contacts: contact('stc') },
    ],
    leadership: [{ id: 'pct', role: 'Phó Chủ tịch UBND tỉnh', email: 'pct@example.gov.vn' }],
    reporting: {
      obligations: [{ id: 'bao-cao', kind: 'agency-report', reporters: ['so-tai-chinh'], to: ['so-noi-vu'], frequency: 'periodic', deadlines, statedText: 'định kỳ báo cáo' }],
    },
  });
}

describe('obligations expanded into periods', () => {
  it('"trước ngày 1/1" of an annual report ends the reporting year: issued 01/03/2026, the 2026 report is owed on 31/12/2026', () => {
    const plan = planWith([{ period: 'year', rule: 'before', day: 1, month: 1 }]);
    expect(obligationsOfYear(plan, 2026).map((o) => [o.period, o.statedLastDay, o.lastDay])).toEqual([['2026', '2026-12-31', '2026-12-31']]);
  });

  it('a monthly report "trước ngày 16 hằng tháng" gives one period per month from the plan start (+30 days)', () => {
    const plan = planWith([{ period: 'month', rule: 'before', day: 16 }]);
    const list = obligationsOfYear(plan, 2026);
    // Issued 01/03: March's 15/03 is within 30 days of issue and not owed; April to December are.
    expect(list.map((o) => o.period)).toEqual(['2026-M04', '2026-M05', '2026-M06', '2026-M07', '2026-M08', '2026-M09', '2026-M10', '2026-M11', '2026-M12']);
    expect(list[0]).toMatchObject({
      kind: 'monthly',
      periodLabel: 'tháng 4 năm 2026',
      statedLastDay: '2026-04-15',
      lastDay: '2026-04-15',
      dataPeriod: { from: '2026-03-15', to: '2026-04-14' },
    });
  });

  it('a quarterly report "chậm nhất ngày 5 tháng đầu quý sau": Q4 2026 is due 05/01/2027, listed under 2026', () => {
    const plan = planWith([{ period: 'quarter', rule: 'by', day: 5, monthsAfter: 1 }]);
    expect(obligationsOfYear(plan, 2026).map((o) => [o.period, o.lastDay])).toEqual([
      ['2026-Q1', '2026-04-06'],
      ['2026-Q2', '2026-07-06'],
      ['2026-Q3', '2026-10-05'],
      ['2026-Q4', '2027-01-05'],
    ]);
  });

  it('a stated data cut-off (dataCutOffDay 31: calendar months) is carried to the period', () => {
    const plan = planWith([{ period: '9M', rule: 'before', day: 10, month: 10, dataCutOffDay: 31 }]);
    expect(obligationsOfYear(plan, 2026)[0]).toMatchObject({ period: '2026-9M', kind: 'nine-month', dataPeriod: { from: '2026-01-01', to: '2026-09-30' }, lastDay: '2026-10-09' });
  });

  it('the next cycle across a year boundary: Q4 2026 (due 05/01/2027) comes before the 2027 periods', () => {
    const plan = planWith([
      { period: 'quarter', rule: 'by', day: 5, monthsAfter: 1 },
      { period: 'month', rule: 'by', day: 20 },
    ]);
    const afterDec = nextCycleAfter(plan, { dueAt: '2026-12-21T23:59:59+07:00', period: '2026-M12' }, '2026-12-22T00:00:00+07:00');
    expect(afterDec).toMatchObject({ period: '2026-Q4', dueAt: '2027-01-05T23:59:59+07:00' });
    const next = nextCycleAfter(plan, { dueAt: afterDec!.dueAt, period: afterDec!.period }, '2027-01-06T00:00:00+07:00');
    expect(next).toMatchObject({ period: '2027-M01', dueAt: '2027-01-20T23:59:59+07:00' });
  });
});
