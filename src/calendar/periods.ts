/**
 * Reporting periods: every period type of Decree 09/2019/NĐ-CP plus reviews and ad-hoc requests.
 *
 * Period ids (one grammar, parsed back by `parsePeriodId`):
 *   monthly `YYYY-Mmm` (2026-M03) · quarterly `YYYY-Qn` (2026-Q1) · 6-month `YYYY-H1` · 9-month `YYYY-9M` ·
 *   annual `YYYY` · reviews `YYYY-SK` / `YYYY-TK` (sơ kết / tổng kết due in YYYY) · ad-hoc `DX-YYYYMMDD-n`.
 *
 * Data cut-off (thời gian chốt số liệu) when the plan gives none, Decree 09 Art. 12: monthly from the 15th of
 * the previous month to the 14th; quarterly from the 15th of the month before the quarter to the 14th of its
 * last month; 6-month from 15/12 of the previous year to 14/6; 9-month from 15/12 to 14/9; annual from 15/12 of
 * the previous year to 14/12. A plan may state another cut-off day D (`dataCutOffDay`): the data then run
 * from the day after D of the month before the period to D of its last month; D = 31 gives calendar months
 * ("từ ngày 01 … đến hết ngày cuối tháng"). A D the month lacks is its last day (Civil Code Art. 148(3)).
 */
import { addDays, daysInMonth, isoOf, type IsoDate } from './isoDate.js';

export type PeriodKind = 'monthly' | 'quarterly' | 'semiannual' | 'nine-month' | 'annual' | 'preliminary-review' | 'final-review' | 'adhoc';

export interface Period {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Vietnamese label for subjects and screens: "tháng 3 năm 2026", "quý I năm 2026", "năm 2026". */
  label: string;
  data: { from: IsoDate; to: IsoDate };
  /** The period's last calendar month; month and quarter deadlines count `monthsAfter` from it. */
  lastMonth: { year: number; month: number };
}

/** Decree 09/2019 Art. 12: data stop on the 14th of the period's last month. */
export const DECREE_09_CUT_OFF_DAY = 14;

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/** Month `m` of `year` shifted by `n` months (n may be negative). */
export function shiftMonth(year: number, month: number, n: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Day `day` of a month, or the month's last day when it has no such day. */
export function dayOrLast(year: number, month: number, day: number): IsoDate {
  return isoOf(year, month, Math.min(day, daysInMonth(year, month)));
}

/** Data from the day after `cutOff` of the month before `first` to `cutOff` of `last` (months of `year`). */
function dataRange(year: number, first: number, last: number, cutOff: number): { from: IsoDate; to: IsoDate } {
  const before = shiftMonth(year, first, -1);
  return { from: addDays(dayOrLast(before.year, before.month, cutOff), 1), to: dayOrLast(year, last, cutOff) };
}

export function monthlyPeriod(year: number, month: number, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  return {
    id: `${year}-M${String(month).padStart(2, '0')}`,
    kind: 'monthly',
    year,
    label: `tháng ${month} năm ${year}`,
    data: dataRange(year, month, month, cutOff),
    lastMonth: { year, month },
  };
}

export function quarterlyPeriod(year: number, quarter: number, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  const last = quarter * 3;
  return {
    id: `${year}-Q${quarter}`,
    kind: 'quarterly',
    year,
    label: `quý ${ROMAN[quarter - 1]} năm ${year}`,
    data: dataRange(year, last - 2, last, cutOff),
    lastMonth: { year, month: last },
  };
}

export function semiannualPeriod(year: number, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  return { id: `${year}-H1`, kind: 'semiannual', year, label: `6 tháng đầu năm ${year}`, data: dataRange(year, 1, 6, cutOff), lastMonth: { year, month: 6 } };
}

export function nineMonthPeriod(year: number, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  return { id: `${year}-9M`, kind: 'nine-month', year, label: `9 tháng năm ${year}`, data: dataRange(year, 1, 9, cutOff), lastMonth: { year, month: 9 } };
}

export function annualPeriod(year: number, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  return { id: String(year), kind: 'annual', year, label: `năm ${year}`, data: dataRange(year, 1, 12, cutOff), lastMonth: { year, month: 12 } };
}

export function reviewPeriod(year: number, kind: 'preliminary' | 'final', label: string | undefined, planStart: IsoDate, cutOff = DECREE_09_CUT_OFF_DAY): Period {
  const code = kind === 'preliminary' ? 'SK' : 'TK';
  const fallback = kind === 'preliminary' ? 'Sơ kết' : 'Tổng kết';
  return {
    id: `${year}-${code}`,
    kind: kind === 'preliminary' ? 'preliminary-review' : 'final-review',
    year,
    label: `${label ?? fallback} (${year})`,
    data: { from: planStart, to: dayOrLast(year, 12, cutOff) },
    lastMonth: { year, month: 12 },
  };
}

export interface ParsedPeriodId {
  kind: PeriodKind;
  year: number;
  /** Monthly: 1–12. */
  month?: number;
  /** Quarterly: 1–4. */
  quarter?: number;
}

/** Parses a period id back into its kind and year (and month or quarter); null for an id that is not one. */
export function parsePeriodId(id: string): ParsedPeriodId | null {
  const m = /^(\d{4})(?:-(M(0[1-9]|1[0-2])|Q([1-4])|H1|9M|SK|TK))?$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    const code = m[2];
    if (code === undefined) return { kind: 'annual', year };
    if (m[3]) return { kind: 'monthly', year, month: Number(m[3]) };
    if (m[4]) return { kind: 'quarterly', year, quarter: Number(m[4]) };
    const kinds: Record<string, PeriodKind> = { H1: 'semiannual', '9M': 'nine-month', SK: 'preliminary-review', TK: 'final-review' };
    return { kind: kinds[code]!, year };
  }
  const adhoc = /^DX-(\d{4})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-(\d+)$/.exec(id);
  return adhoc ? { kind: 'adhoc', year: Number(adhoc[1]) } : null;
}

/**
 * The label of a period id, for screens that only have the id ("tháng 3 năm 2026"); reviews and ad-hoc
 * periods carry their own label elsewhere, so they get a generic one here. The id itself when unknown.
 */
export function labelOfPeriodId(id: string): string {
  const p = parsePeriodId(id);
  if (!p) return id;
  switch (p.kind) {
    case 'monthly':
      return monthlyPeriod(p.year, p.month!).label;
    case 'quarterly':
      return quarterlyPeriod(p.year, p.quarter!).label;
    case 'semiannual':
      return semiannualPeriod(p.year).label;
    case 'nine-month':
      return nineMonthPeriod(p.year).label;
    case 'annual':
      return annualPeriod(p.year).label;
    case 'preliminary-review':
      return `sơ kết ${p.year}`;
    case 'final-review':
      return `tổng kết ${p.year}`;
    case 'adhoc':
      return `đột xuất ${id.slice(3)}`;
  }
}

/**
 * Orders period ids by the end of what they cover: within a year monthly and quarterly periods by their
 * last month, the 6-month period after June, the 9-month after September, the year and its reviews after
 * December; ad-hoc periods by their date. Ids that are not periods sort last, by text.
 */
export function comparePeriodIds(a: string, b: string): number {
  const key = (id: string): [number, number, number] => {
    const p = parsePeriodId(id);
    if (!p) return [9999, 99, 99];
    const rank: Record<PeriodKind, number> = { monthly: 0, quarterly: 1, semiannual: 2, 'nine-month': 2, annual: 3, 'preliminary-review': 4, 'final-review': 5, adhoc: 6 };
    const month =
      p.kind === 'monthly'
        ? p.month!
        : p.kind === 'quarterly'
          ? p.quarter! * 3
          : p.kind === 'semiannual'
            ? 6
            : p.kind === 'nine-month'
              ? 9
              : p.kind === 'adhoc'
                ? Number(id.slice(7, 9))
                : 12;
    return [p.year, month, rank[p.kind]];
  };
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2] || a.localeCompare(b);
}
