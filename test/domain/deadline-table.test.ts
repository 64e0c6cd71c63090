/**
 * Deadline cases computed by hand: each row's last day, reminders (08:00 on the 7th, 3rd, 1st working day before
 * the effective last day and on it) and escalations (08:00 on the 1st, 3rd, 5th working day after) were counted
 * on a printed calendar with the government's days off marked, not taken from the code:
 * - 2025 (8726/VPCP-KGVX, 26/11/2024): off 01/01; Tết Mon 27/01–Fri 31/01, no make-up day; Mon 07/04 (Giỗ Tổ);
 *   30/04, 01/05 and Fri 02/05, worked Sat 26/04; Mon 01/09 and Tue 02/09.
 * - 2026 (12729/VPCP-KGVX, 25/12/2025; 9441/TB-BNV, 16/10/2025): off 01/01 and Fri 02/01, worked Sat 10/01;
 *   Tết Mon 16/02–Fri 20/02; Mon 27/04 (Giỗ Tổ on Sunday 26/04); 30/04, 01/05; Mon 31/08, 01/09, 02/09,
 *   worked Sat 22/08.
 * - 2027, 2028, 2029, 2030 (no announcement: Labour Code 2019 Art. 112 and 111(3)): 1/1/2027 Friday off;
 *   Tết 2030 mùng 1 is Saturday 02/02 at UTC+7 (03/02 in the Chinese calendar): off Fri 01/02 (the last day
 *   of the year), Mon 04/02, Tue 05/02 (mùng 3, 4), and Wed 06/02, Thu 07/02 in compensation for mùng 1 and 2;
 *   1/1/2030 Tuesday off.
 */
import { describe, expect, it } from 'vitest';
import { resolvePeriodDeadline, type NonWorkingDayPolicy, type PeriodDeadline } from '../../src/calendar/deadlines.js';
import { annualPeriod, monthlyPeriod, nineMonthPeriod, quarterlyPeriod, reviewPeriod, semiannualPeriod, type Period } from '../../src/calendar/periods.js';
import { escalationInstants, reminderInstants } from '../../src/calendar/schedule.js';

const reminders = { workingDaysBefore: [7, 3, 1, 0], at: '08:00' };
const escalation = {
  at: '08:00',
  steps: [
    { workingDaysAfter: 1, level: 'overdue' as const },
    { workingDaysAfter: 3, level: 'director' as const },
    { workingDaysAfter: 5, level: 'leader-digest' as const },
  ],
};

const M = (year: number, month: number) => monthlyPeriod(year, month);
const Q = (year: number, quarter: number) => quarterlyPeriod(year, quarter);
const before = (day: number, extra: Partial<PeriodDeadline> = {}): Omit<PeriodDeadline, 'period'> => ({ rule: 'before', day, ...extra });
const by = (day: number, extra: Partial<PeriodDeadline> = {}): Omit<PeriodDeadline, 'period'> => ({ rule: 'by', day, ...extra });

interface Case {
  name: string;
  period: Period;
  deadline: PeriodDeadline;
  policy: NonWorkingDayPolicy;
  stated: string;
  last: string;
  /** Dates of the reminders: 7th, 3rd, 1st working day before, and the last day itself. */
  remind: [string, string, string, string];
  /** Dates of the escalations: 1st, 3rd, 5th working day after. */
  escalate: [string, string, string];
}

const DEADLINE_PERIOD: Record<Period['kind'], PeriodDeadline['period']> = {
  monthly: 'month',
  quarterly: 'quarter',
  semiannual: 'H1',
  'nine-month': '9M',
  annual: 'year',
  'preliminary-review': 'review',
  'final-review': 'review',
  adhoc: 'review',
};
const kindOf = (p: Period): PeriodDeadline['period'] => DEADLINE_PERIOD[p.kind];

const row = (
  name: string,
  period: Period,
  d: Omit<PeriodDeadline, 'period'>,
  policy: NonWorkingDayPolicy,
  stated: string,
  last: string,
  remind: Case['remind'],
  escalate: Case['escalate'],
): Case => ({
  name,
  period,
  deadline: { period: kindOf(period), ...d },
  policy,
  stated,
  last,
  remind,
  escalate,
});

const cases: Case[] = [
  // Tết 2025: off Mon 27/01–Fri 31/01, and no make-up Saturday in February.
  row(
    'Tết 2025, annual 2024 "trước ngày 28/1", extend',
    annualPeriod(2024),
    before(28, { month: 1 }),
    'extend',
    '2025-01-27',
    '2025-02-03',
    ['2025-01-16', '2025-01-22', '2025-01-24', '2025-02-03'],
    ['2025-02-04', '2025-02-06', '2025-02-10'],
  ),
  row(
    'Tết 2025, annual 2024 "trước ngày 28/1", advance',
    annualPeriod(2024),
    before(28, { month: 1 }),
    'advance',
    '2025-01-27',
    '2025-01-24',
    ['2025-01-15', '2025-01-21', '2025-01-23', '2025-01-24'],
    ['2025-02-03', '2025-02-05', '2025-02-07'],
  ),
  row(
    'Tết 2025, annual 2024 "trước ngày 28/1", none',
    annualPeriod(2024),
    before(28, { month: 1 }),
    'none',
    '2025-01-27',
    '2025-01-27',
    ['2025-01-16', '2025-01-22', '2025-01-24', '2025-01-27'],
    ['2025-02-03', '2025-02-05', '2025-02-07'],
  ),
  row(
    'Tết 2025, annual 2024 "chậm nhất ngày 31/1"',
    annualPeriod(2024),
    by(31, { month: 1 }),
    'extend',
    '2025-01-31',
    '2025-02-03',
    ['2025-01-16', '2025-01-22', '2025-01-24', '2025-02-03'],
    ['2025-02-04', '2025-02-06', '2025-02-10'],
  ),
  row(
    '2025: Saturday 15/02 is not a make-up day',
    annualPeriod(2024),
    by(15, { month: 2 }),
    'extend',
    '2025-02-15',
    '2025-02-17',
    ['2025-02-06', '2025-02-12', '2025-02-14', '2025-02-17'],
    ['2025-02-18', '2025-02-20', '2025-02-24'],
  ),
  // 30/4–1/5 2025: Fri 02/05 off, Saturday 26/04 worked.
  row(
    '2025: a last day on make-up Saturday 26/04 stays',
    M(2025, 4),
    by(26),
    'extend',
    '2025-04-26',
    '2025-04-26',
    ['2025-04-17', '2025-04-23', '2025-04-25', '2025-04-26'],
    ['2025-04-28', '2025-05-05', '2025-05-07'],
  ),
  row(
    'April 2025 "trước ngày 30": Saturday 26/04 counts as a working day',
    M(2025, 4),
    before(30),
    'extend',
    '2025-04-29',
    '2025-04-29',
    ['2025-04-21', '2025-04-25', '2025-04-28', '2025-04-29'],
    ['2025-05-05', '2025-05-07', '2025-05-09'],
  ),
  row(
    'April 2025 "chậm nhất ngày 30", extend over 30/04–04/05',
    M(2025, 4),
    by(30),
    'extend',
    '2025-04-30',
    '2025-05-05',
    ['2025-04-22', '2025-04-26', '2025-04-29', '2025-05-05'],
    ['2025-05-06', '2025-05-08', '2025-05-12'],
  ),
  row(
    'April 2025 "chậm nhất ngày 30", advance',
    M(2025, 4),
    by(30),
    'advance',
    '2025-04-30',
    '2025-04-29',
    ['2025-04-21', '2025-04-25', '2025-04-28', '2025-04-29'],
    ['2025-05-05', '2025-05-07', '2025-05-09'],
  ),
  row(
    'Giỗ Tổ 2025 (Monday 07/04): March "chậm nhất ngày 7 tháng sau"',
    M(2025, 3),
    by(7, { monthsAfter: 1 }),
    'extend',
    '2025-04-07',
    '2025-04-08',
    ['2025-03-27', '2025-04-02', '2025-04-04', '2025-04-08'],
    ['2025-04-09', '2025-04-11', '2025-04-15'],
  ),
  // 2/9 2025: Mon 01/09 and Tue 02/09.
  row(
    '2/9 2025: August "ngày 1 tháng sau"',
    M(2025, 8),
    by(1, { monthsAfter: 1 }),
    'extend',
    '2025-09-01',
    '2025-09-03',
    ['2025-08-21', '2025-08-27', '2025-08-29', '2025-09-03'],
    ['2025-09-04', '2025-09-08', '2025-09-10'],
  ),
  // Year boundaries.
  row(
    'annual 2025 "trước ngày 15/12" (seeds 001, 002): Sunday 14/12 → Monday 15/12',
    annualPeriod(2025),
    before(15, { month: 12 }),
    'extend',
    '2025-12-14',
    '2025-12-15',
    ['2025-12-04', '2025-12-10', '2025-12-12', '2025-12-15'],
    ['2025-12-16', '2025-12-18', '2025-12-22'],
  ),
  row(
    'annual 2025 "trước ngày 1/1" ends the reporting year, escalations after the 2026 New Year break',
    annualPeriod(2025),
    before(1, { month: 1 }),
    'extend',
    '2025-12-31',
    '2025-12-31',
    ['2025-12-22', '2025-12-26', '2025-12-30', '2025-12-31'],
    ['2026-01-05', '2026-01-07', '2026-01-09'],
  ),
  row(
    'annual 2026 "trước ngày 1/1" is 31/12/2026; 1/1/2027 is off',
    annualPeriod(2026),
    before(1, { month: 1 }),
    'extend',
    '2026-12-31',
    '2026-12-31',
    ['2026-12-22', '2026-12-28', '2026-12-30', '2026-12-31'],
    ['2027-01-04', '2027-01-06', '2027-01-08'],
  ),
  row(
    'annual 2026 "chậm nhất ngày 1/1" is 1/1/2027, a holiday',
    annualPeriod(2026),
    by(1, { month: 1 }),
    'extend',
    '2027-01-01',
    '2027-01-04',
    ['2026-12-23', '2026-12-29', '2026-12-31', '2027-01-04'],
    ['2027-01-05', '2027-01-07', '2027-01-11'],
  ),
  row(
    'annual 2025 "trước ngày 15/1" is due in January 2026; Saturday 10/01 worked',
    annualPeriod(2025),
    before(15, { month: 1 }),
    'extend',
    '2026-01-14',
    '2026-01-14',
    ['2026-01-06', '2026-01-10', '2026-01-13', '2026-01-14'],
    ['2026-01-15', '2026-01-19', '2026-01-21'],
  ),
  row(
    '2026 New Year swap: annual 2025 "chậm nhất ngày 2/1", Friday 02/01 off',
    annualPeriod(2025),
    by(2, { month: 1 }),
    'extend',
    '2026-01-02',
    '2026-01-05',
    ['2025-12-23', '2025-12-29', '2025-12-31', '2026-01-05'],
    ['2026-01-06', '2026-01-08', '2026-01-10'],
  ),
  row(
    '2026 New Year: "chậm nhất ngày 3/1" (Saturday), advance over 02/01 and 01/01',
    annualPeriod(2025),
    by(3, { month: 1 }),
    'advance',
    '2026-01-03',
    '2025-12-31',
    ['2025-12-22', '2025-12-26', '2025-12-30', '2025-12-31'],
    ['2026-01-05', '2026-01-07', '2026-01-09'],
  ),
  row(
    'December 2025 "ngày 5 tháng sau" is 05/01/2026',
    M(2025, 12),
    by(5, { monthsAfter: 1 }),
    'extend',
    '2026-01-05',
    '2026-01-05',
    ['2025-12-23', '2025-12-29', '2025-12-31', '2026-01-05'],
    ['2026-01-06', '2026-01-08', '2026-01-10'],
  ),
  row(
    'review due 2030 "trước ngày 1/1" keeps its stated year',
    reviewPeriod(2030, 'preliminary', 'Sơ kết 05 năm', '2025-01-01'),
    before(1, { month: 1, year: 2030 }),
    'extend',
    '2029-12-31',
    '2029-12-31',
    ['2029-12-20', '2029-12-26', '2029-12-28', '2029-12-31'],
    ['2030-01-02', '2030-01-04', '2030-01-08'],
  ),
  // Tết 2026: off Mon 16/02–Fri 20/02.
  row(
    'Tết 2026: Q4 2025 "trước ngày 20 tháng thứ hai sau quý", extend',
    Q(2025, 4),
    before(20, { monthsAfter: 2 }),
    'extend',
    '2026-02-19',
    '2026-02-23',
    ['2026-02-05', '2026-02-11', '2026-02-13', '2026-02-23'],
    ['2026-02-24', '2026-02-26', '2026-03-02'],
  ),
  row(
    'Tết 2026: the same, advance',
    Q(2025, 4),
    before(20, { monthsAfter: 2 }),
    'advance',
    '2026-02-19',
    '2026-02-13',
    ['2026-02-04', '2026-02-10', '2026-02-12', '2026-02-13'],
    ['2026-02-23', '2026-02-25', '2026-02-27'],
  ),
  row(
    'Tết 2026: the same, none',
    Q(2025, 4),
    before(20, { monthsAfter: 2 }),
    'none',
    '2026-02-19',
    '2026-02-19',
    ['2026-02-05', '2026-02-11', '2026-02-13', '2026-02-19'],
    ['2026-02-23', '2026-02-25', '2026-02-27'],
  ),
  row(
    'Tết 2026: February "trước ngày 16 hằng tháng"',
    M(2026, 2),
    before(16),
    'extend',
    '2026-02-15',
    '2026-02-23',
    ['2026-02-05', '2026-02-11', '2026-02-13', '2026-02-23'],
    ['2026-02-24', '2026-02-26', '2026-03-02'],
  ),
  // 29/2 and other days that do not exist.
  row(
    '29/2 in 2026: January "trước ngày 29 tháng sau" ends 28/02, not 27/02',
    M(2026, 1),
    before(29, { monthsAfter: 1 }),
    'extend',
    '2026-02-28',
    '2026-03-02',
    ['2026-02-12', '2026-02-25', '2026-02-27', '2026-03-02'],
    ['2026-03-03', '2026-03-05', '2026-03-09'],
  ),
  row(
    '29/2 in 2026: "chậm nhất ngày 29" also ends 28/02',
    M(2026, 1),
    by(29, { monthsAfter: 1 }),
    'extend',
    '2026-02-28',
    '2026-03-02',
    ['2026-02-12', '2026-02-25', '2026-02-27', '2026-03-02'],
    ['2026-03-03', '2026-03-05', '2026-03-09'],
  ),
  row(
    '29/2 in 2028 (leap): "trước ngày 29" is 28/02',
    M(2028, 1),
    before(29, { monthsAfter: 1 }),
    'extend',
    '2028-02-28',
    '2028-02-28',
    ['2028-02-17', '2028-02-23', '2028-02-25', '2028-02-28'],
    ['2028-02-29', '2028-03-02', '2028-03-06'],
  ),
  row(
    '29/2 in 2028 (leap): "chậm nhất ngày 29" is 29/02',
    M(2028, 1),
    by(29, { monthsAfter: 1 }),
    'extend',
    '2028-02-29',
    '2028-02-29',
    ['2028-02-18', '2028-02-24', '2028-02-28', '2028-02-29'],
    ['2028-03-01', '2028-03-03', '2028-03-07'],
  ),
  row(
    'annual 2026 "trước ngày 29/2" falls in 2027: 28/02/2027 (Sunday)',
    annualPeriod(2026),
    before(29, { month: 2 }),
    'extend',
    '2027-02-28',
    '2027-03-01',
    ['2027-02-18', '2027-02-24', '2027-02-26', '2027-03-01'],
    ['2027-03-02', '2027-03-04', '2027-03-08'],
  ),
  row(
    'April 2026 "chậm nhất ngày 31" is 30/04, a holiday',
    M(2026, 4),
    by(31),
    'extend',
    '2026-04-30',
    '2026-05-04',
    ['2026-04-20', '2026-04-24', '2026-04-29', '2026-05-04'],
    ['2026-05-05', '2026-05-07', '2026-05-11'],
  ),
  row(
    'April 2026 "trước ngày 31" is also 30/04',
    M(2026, 4),
    before(31),
    'extend',
    '2026-04-30',
    '2026-05-04',
    ['2026-04-20', '2026-04-24', '2026-04-29', '2026-05-04'],
    ['2026-05-05', '2026-05-07', '2026-05-11'],
  ),
  // 30/4–1/5 2026 (Thursday, Friday) and Giỗ Tổ on Sunday 26/04 with Monday 27/04 off.
  row(
    '30/4 2026, advance: Wednesday 29/04; reminders skip Monday 27/04',
    M(2026, 4),
    by(30),
    'advance',
    '2026-04-30',
    '2026-04-29',
    ['2026-04-17', '2026-04-23', '2026-04-28', '2026-04-29'],
    ['2026-05-04', '2026-05-06', '2026-05-08'],
  ),
  row(
    'Giỗ Tổ 2026: April "chậm nhất ngày 26" → Tuesday 28/04',
    M(2026, 4),
    by(26),
    'extend',
    '2026-04-26',
    '2026-04-28',
    ['2026-04-16', '2026-04-22', '2026-04-24', '2026-04-28'],
    ['2026-04-29', '2026-05-05', '2026-05-07'],
  ),
  // 2/9 2026: off Sat 29/08–Wed 02/09 with Saturday 22/08 worked.
  row(
    '2/9 2026: July "chậm nhất ngày 29 tháng sau" → Thursday 03/09; Saturday 22/08 counts',
    M(2026, 7),
    by(29, { monthsAfter: 1 }),
    'extend',
    '2026-08-29',
    '2026-09-03',
    ['2026-08-21', '2026-08-26', '2026-08-28', '2026-09-03'],
    ['2026-09-04', '2026-09-08', '2026-09-10'],
  ),
  row(
    'make-up Saturday 22/08/2026 as the last day',
    M(2026, 7),
    by(22, { monthsAfter: 1 }),
    'extend',
    '2026-08-22',
    '2026-08-22',
    ['2026-08-13', '2026-08-19', '2026-08-21', '2026-08-22'],
    ['2026-08-24', '2026-08-26', '2026-08-28'],
  ),
  // "trước" against "chậm nhất", and seed 004.
  row(
    'seed 004 H1 2026 "trước ngày 15/6": Sunday 14/06 → Monday 15/06',
    semiannualPeriod(2026),
    before(15, { month: 6 }),
    'extend',
    '2026-06-14',
    '2026-06-15',
    ['2026-06-04', '2026-06-10', '2026-06-12', '2026-06-15'],
    ['2026-06-16', '2026-06-18', '2026-06-22'],
  ),
  row(
    'H1 2026 "chậm nhất ngày 15/6": the same last day, not moved',
    semiannualPeriod(2026),
    by(15, { month: 6 }),
    'extend',
    '2026-06-15',
    '2026-06-15',
    ['2026-06-04', '2026-06-10', '2026-06-12', '2026-06-15'],
    ['2026-06-16', '2026-06-18', '2026-06-22'],
  ),
  row(
    'H1 2026 "trước ngày 15/6", advance → Friday 12/06',
    semiannualPeriod(2026),
    before(15, { month: 6 }),
    'advance',
    '2026-06-14',
    '2026-06-12',
    ['2026-06-03', '2026-06-09', '2026-06-11', '2026-06-12'],
    ['2026-06-15', '2026-06-17', '2026-06-19'],
  ),
  row(
    'H1 2026 "trước ngày 15/6", none → Sunday 14/06',
    semiannualPeriod(2026),
    before(15, { month: 6 }),
    'none',
    '2026-06-14',
    '2026-06-14',
    ['2026-06-04', '2026-06-10', '2026-06-12', '2026-06-14'],
    ['2026-06-15', '2026-06-17', '2026-06-19'],
  ),
  row(
    'seed 004 annual 2026 "trước ngày 10/12" stays in 2026 (before the 14/12 cut-off)',
    annualPeriod(2026),
    before(10, { month: 12 }),
    'extend',
    '2026-12-09',
    '2026-12-09',
    ['2026-11-30', '2026-12-04', '2026-12-08', '2026-12-09'],
    ['2026-12-10', '2026-12-14', '2026-12-16'],
  ),
  // Monthly, quarterly and 9-month periods.
  row(
    'March 2026 "trước ngày 16 hằng tháng"',
    M(2026, 3),
    before(16),
    'extend',
    '2026-03-15',
    '2026-03-16',
    ['2026-03-05', '2026-03-11', '2026-03-13', '2026-03-16'],
    ['2026-03-17', '2026-03-19', '2026-03-23'],
  ),
  row(
    'March 2026 "ngày 5 hằng tháng" is 05/04 (05/03 would precede the data end 14/03)',
    M(2026, 3),
    by(5),
    'extend',
    '2026-04-05',
    '2026-04-06',
    ['2026-03-26', '2026-04-01', '2026-04-03', '2026-04-06'],
    ['2026-04-07', '2026-04-09', '2026-04-13'],
  ),
  row(
    'Q1 2026 "trước ngày 20 tháng cuối quý"',
    Q(2026, 1),
    before(20),
    'extend',
    '2026-03-19',
    '2026-03-19',
    ['2026-03-10', '2026-03-16', '2026-03-18', '2026-03-19'],
    ['2026-03-20', '2026-03-24', '2026-03-26'],
  ),
  row(
    'Q2 2026 "chậm nhất ngày 5 tháng đầu quý sau"',
    Q(2026, 2),
    by(5, { monthsAfter: 1 }),
    'extend',
    '2026-07-05',
    '2026-07-06',
    ['2026-06-25', '2026-07-01', '2026-07-03', '2026-07-06'],
    ['2026-07-07', '2026-07-09', '2026-07-13'],
  ),
  row(
    'Q4 2026 "trước ngày 15 tháng sau" is in January 2027',
    Q(2026, 4),
    before(15, { monthsAfter: 1 }),
    'extend',
    '2027-01-14',
    '2027-01-14',
    ['2027-01-05', '2027-01-11', '2027-01-13', '2027-01-14'],
    ['2027-01-15', '2027-01-19', '2027-01-21'],
  ),
  row(
    '9 months 2026 "trước ngày 20/9": Saturday 19/09 → Monday 21/09',
    nineMonthPeriod(2026),
    before(20, { month: 9 }),
    'extend',
    '2026-09-19',
    '2026-09-21',
    ['2026-09-10', '2026-09-16', '2026-09-18', '2026-09-21'],
    ['2026-09-22', '2026-09-24', '2026-09-28'],
  ),
  row(
    '9 months 2026 "chậm nhất ngày 5/10"',
    nineMonthPeriod(2026),
    by(5, { month: 10 }),
    'extend',
    '2026-10-05',
    '2026-10-05',
    ['2026-09-24', '2026-09-30', '2026-10-02', '2026-10-05'],
    ['2026-10-06', '2026-10-08', '2026-10-12'],
  ),
  // Tết 2030 from the statute, at UTC+7.
  row(
    'Tết 2030: January "chậm nhất ngày 5 tháng sau" → Friday 08/02',
    M(2030, 1),
    by(5, { monthsAfter: 1 }),
    'extend',
    '2030-02-05',
    '2030-02-08',
    ['2030-01-23', '2030-01-29', '2030-01-31', '2030-02-08'],
    ['2030-02-11', '2030-02-13', '2030-02-15'],
  ),
  row(
    'Tết 2030: the same, advance → Thursday 31/01',
    M(2030, 1),
    by(5, { monthsAfter: 1 }),
    'advance',
    '2030-02-05',
    '2030-01-31',
    ['2030-01-22', '2030-01-28', '2030-01-30', '2030-01-31'],
    ['2030-02-08', '2030-02-12', '2030-02-14'],
  ),
  row(
    'Tết 2030: "chậm nhất ngày 1 tháng thứ hai sau" (Friday 01/02, the last day of the lunar year)',
    M(2029, 12),
    by(1, { monthsAfter: 2 }),
    'extend',
    '2030-02-01',
    '2030-02-08',
    ['2030-01-23', '2030-01-29', '2030-01-31', '2030-02-08'],
    ['2030-02-11', '2030-02-13', '2030-02-15'],
  ),
];

describe('deadline table: last day, reminders and escalations computed by hand', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = resolvePeriodDeadline(c.deadline, c.period, c.policy);
    expect(r.statedLastDay).toBe(c.stated);
    expect(r.lastDay).toBe(c.last);
    expect(r.dueAt).toBe(`${c.last}T23:59:59+07:00`);
    expect(r.moved).toBe(c.stated !== c.last);
    expect(reminderInstants(r.lastDay, reminders).map((x) => x.at)).toEqual(c.remind.map((d) => `${d}T08:00:00+07:00`));
    expect(escalationInstants(r.lastDay, escalation).map((x) => [x.level, x.at])).toEqual([
      ['overdue', `${c.escalate[0]}T08:00:00+07:00`],
      ['director', `${c.escalate[1]}T08:00:00+07:00`],
      ['leader-digest', `${c.escalate[2]}T08:00:00+07:00`],
    ]);
  });
});
