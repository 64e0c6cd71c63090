import { describe, expect, it } from 'vitest';
import { resolveDeadline, statedLastDay } from '../../src/calendar/deadlines.js';
import { computedYear, isWorkingDay, statutoryHolidays } from '../../src/calendar/holidays.js';
import { lunarToSolar } from '../../src/calendar/lunar.js';
import { annualPeriod, parsePeriodId, semiannualPeriod } from '../../src/calendar/periods.js';
import { escalationInstants, reminderInstants } from '../../src/calendar/schedule.js';
import { shiftWorkingDays, workingDaysBetween } from '../../src/calendar/workingDays.js';
import { isoOf } from '../../src/calendar/isoDate.js';

const defaults = {
  reminders: { workingDaysBefore: [7, 3, 1, 0], at: '08:00' },
  escalation: {
    at: '08:00',
    steps: [
      { workingDaysAfter: 1, level: 'overdue' as const },
      { workingDaysAfter: 3, level: 'director' as const },
      { workingDaysAfter: 5, level: 'leader-digest' as const },
    ],
  },
};

describe('deadline phrasing', () => {
  it('"trước ngày D" ends on D − 1, "chậm nhất ngày D" on D', () => {
    expect(statedLastDay({ rule: 'before', day: 15, month: 12 }, 2026)).toBe('2026-12-14');
    expect(statedLastDay({ rule: 'by', day: 15, month: 12 }, 2026)).toBe('2026-12-15');
    expect(statedLastDay({ rule: 'before', day: 1, month: 1 }, 2027)).toBe('2026-12-31');
  });

  it('29/2 in a common year falls back to 28/2', () => {
    expect(statedLastDay({ rule: 'by', day: 29, month: 2 }, 2027)).toBe('2027-02-28');
    expect(statedLastDay({ rule: 'by', day: 29, month: 2 }, 2028)).toBe('2028-02-29');
  });

  it('a term ends at 24:00 of its last day, in +07:00', () => {
    expect(resolveDeadline({ rule: 'before', day: 15, month: 12 }, 2026, 'extend').dueAt).toBe('2026-12-14T23:59:59+07:00');
  });
});

describe('Civil Code Art. 148: a last day that is not worked', () => {
  it('seed 004, H1 2026: "trước ngày 15/6" → Sunday 14/6 → extended to Monday 15/6', () => {
    const r = resolveDeadline({ rule: 'before', day: 15, month: 6 }, 2026, 'extend');
    expect(r).toMatchObject({ statedLastDay: '2026-06-14', lastDay: '2026-06-15', moved: true, dueAt: '2026-06-15T23:59:59+07:00' });
  });

  it('policy advance moves it to the previous working day, none keeps it', () => {
    expect(resolveDeadline({ rule: 'before', day: 15, month: 6 }, 2026, 'advance').lastDay).toBe('2026-06-12');
    expect(resolveDeadline({ rule: 'before', day: 15, month: 6 }, 2026, 'none').lastDay).toBe('2026-06-14');
  });

  it('a working day stays put', () => {
    expect(resolveDeadline({ rule: 'before', day: 15, month: 12 }, 2026, 'extend')).toMatchObject({ lastDay: '2026-12-14', moved: false });
  });

  it('Tết 2026 (off 14–22/02): a term ending 17/02 runs to Monday 23/02', () => {
    expect(resolveDeadline({ rule: 'by', day: 17, month: 2 }, 2026, 'extend').lastDay).toBe('2026-02-23');
    expect(resolveDeadline({ rule: 'by', day: 17, month: 2 }, 2026, 'advance').lastDay).toBe('2026-02-13');
  });

  it('30/4 and 1/5 2026 (Thursday, Friday): a term ending 30/4 runs to Monday 4/5', () => {
    expect(resolveDeadline({ rule: 'by', day: 30, month: 4 }, 2026, 'extend').lastDay).toBe('2026-05-04');
  });

  it('National Day 2026: off 29/08–02/09, Saturday 22/08 is a make-up working day', () => {
    expect(resolveDeadline({ rule: 'by', day: 29, month: 8 }, 2026, 'extend').lastDay).toBe('2026-09-03');
    expect(isWorkingDay('2026-08-22')).toBe(true);
    expect(resolveDeadline({ rule: 'by', day: 22, month: 8 }, 2026, 'extend').lastDay).toBe('2026-08-22');
  });

  it("Hùng Kings' day 2026 on Sunday 26/04 gives Monday 27/04 off", () => {
    expect(isWorkingDay('2026-04-27')).toBe(false);
    expect(resolveDeadline({ rule: 'by', day: 26, month: 4 }, 2026, 'extend').lastDay).toBe('2026-04-28');
  });

  it('2025 (8726/VPCP-KGVX of 26/11/2024): Tết off Mon 27/01–Fri 31/01 with no make-up Saturday; 02/05 off, Saturday 26/04 worked', () => {
    for (const d of ['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-05-02', '2025-09-01']) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2025-02-15')).toBe(false);
    expect(isWorkingDay('2025-02-03')).toBe(true);
    expect(isWorkingDay('2025-04-26')).toBe(true);
  });
});

describe('statutory holidays computed for years without an announced calendar', () => {
  const offDays = (year: number) => computedYear(year).daysOff.map((d) => d.date);

  it.each([
    // [year, Tết eve, mùng 1]
    [2027, '2027-02-05', '2027-02-06'],
    [2028, '2028-01-25', '2028-01-26'],
    [2029, '2029-02-12', '2029-02-13'],
    // 2030: the new moon falls at 23:07 on 02/02 in Hà Nội but 00:07 on 03/02 in Beijing, so Tết
    // is a day earlier than the Chinese New Year.
    [2030, '2030-02-01', '2030-02-02'],
  ])('Tết %i: the last day of the lunar year and mùng 1–4 are holidays', (year, eve, first) => {
    const tet = statutoryHolidays(year)
      .filter((h) => h.reason.startsWith('Tết Âm lịch'))
      .map((h) => h.date);
    expect(tet[0]).toBe(eve);
    expect(tet[1]).toBe(first);
    expect(tet).toHaveLength(5);
  });

  it('Tết 2027 (mùng 1 on Saturday): the weekend holidays give Wednesday 10/02 and Thursday 11/02 off', () => {
    expect(offDays(2027).filter((d) => d.startsWith('2027-02'))).toEqual(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
    expect(resolveDeadline({ rule: 'by', day: 6, month: 2 }, 2027, 'extend').lastDay).toBe('2027-02-12');
  });

  it('Tết 2028 (mùng 4 on Saturday 29/01) gives Monday 31/01 off; 1/1/2028 on Saturday gives Monday 3/1 off', () => {
    expect(offDays(2028)).toContain('2028-01-31');
    expect(offDays(2028)).toContain('2028-01-03');
    expect(resolveDeadline({ rule: 'by', day: 29, month: 1 }, 2028, 'extend').lastDay).toBe('2028-02-01');
  });

  it("Hùng Kings' day is 10/3 of the Vietnamese lunar calendar", () => {
    for (const year of [2027, 2028, 2029, 2030]) {
      const h = lunarToSolar({ day: 10, month: 3, year, leap: false });
      expect(offDays(year).concat(statutoryHolidays(year).map((x) => x.date))).toContain(isoOf(h.year, h.month, h.day));
    }
  });

  it('30/4, 1/5 and 2/9 with its adjacent day', () => {
    expect(offDays(2027)).toEqual(expect.arrayContaining(['2027-01-01', '2027-04-30', '2027-09-02', '2027-09-03']));
    // 2/9/2027 is a Thursday: the adjacent day is Friday 3/9.
    expect(offDays(2027)).not.toContain('2027-09-01');
    // 2/9/2029 is a Sunday, 1/9 a Saturday: both are made up on Monday 3/9 and Tuesday 4/9.
    expect(offDays(2029)).toEqual(expect.arrayContaining(['2029-09-03', '2029-09-04']));
  });
});

describe('reminders and escalations', () => {
  it('seed 004, H1 2026: reminders 04/6, 10/6, 12/6, 15/6 and escalations 16/6, 18/6, 22/6, all at 08:00 +07:00', () => {
    expect(reminderInstants('2026-06-15', defaults.reminders).map((r) => r.at)).toEqual([
      '2026-06-04T08:00:00+07:00',
      '2026-06-10T08:00:00+07:00',
      '2026-06-12T08:00:00+07:00',
      '2026-06-15T08:00:00+07:00',
    ]);
    expect(escalationInstants('2026-06-15', defaults.escalation).map((e) => [e.level, e.at])).toEqual([
      ['overdue', '2026-06-16T08:00:00+07:00'],
      ['director', '2026-06-18T08:00:00+07:00'],
      ['leader-digest', '2026-06-22T08:00:00+07:00'],
    ]);
  });

  it('working days skip Tết: 7 working days before Tuesday 24/02/2026 is Friday 06/02', () => {
    expect(shiftWorkingDays('2026-02-24', -7)).toBe('2026-02-06');
    expect(shiftWorkingDays('2026-02-24', -1)).toBe('2026-02-23');
    expect(shiftWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
  });
});

describe('periods', () => {
  it('Decree 09/2019 data cut-off: 6 months 15/12 → 14/6, a year 15/12 → 14/12', () => {
    expect(semiannualPeriod(2026)).toMatchObject({ id: '2026-H1', data: { from: '2025-12-15', to: '2026-06-14' } });
    expect(annualPeriod(2026)).toMatchObject({ id: '2026', data: { from: '2025-12-15', to: '2026-12-14' } });
  });

  it('period ids parse back', () => {
    expect(parsePeriodId('2026-H1')).toEqual({ kind: 'semiannual', year: 2026 });
    expect(parsePeriodId('2026')).toEqual({ kind: 'annual', year: 2026 });
    expect(parsePeriodId('2029-SK')).toEqual({ kind: 'preliminary-review', year: 2029 });
    expect(parsePeriodId('nonsense')).toBeNull();
  });
});
