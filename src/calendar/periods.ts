/**
 * Reporting periods. Ids: `YYYY-H1` (6-month), `YYYY` (annual), `YYYY-SK` / `YYYY-TK` (sơ kết /
 * tổng kết review due in YYYY), `DX-...` for ad-hoc requests (đột xuất).
 * Data cut-off when the plan gives none (Decree 09/2019/NĐ-CP, Art. 12): 6-month data from 15/12 of the
 * previous year to 14/6; annual data from 15/12 of the previous year to 14/12.
 */
import { isoOf, type IsoDate } from './isoDate.js';

export type PeriodKind = 'semiannual' | 'annual' | 'preliminary-review' | 'final-review' | 'adhoc';

export interface Period {
  id: string;
  kind: PeriodKind;
  year: number;
  /** Vietnamese label for subjects and screens: "6 tháng đầu năm 2026", "năm 2026". */
  label: string;
  data: { from: IsoDate; to: IsoDate };
}

export function semiannualPeriod(year: number): Period {
  return { id: `${year}-H1`, kind: 'semiannual', year, label: `6 tháng đầu năm ${year}`, data: { from: isoOf(year - 1, 12, 15), to: isoOf(year, 6, 14) } };
}

export function annualPeriod(year: number): Period {
  return { id: String(year), kind: 'annual', year, label: `năm ${year}`, data: { from: isoOf(year - 1, 12, 15), to: isoOf(year, 12, 14) } };
}

export function reviewPeriod(year: number, kind: 'preliminary' | 'final', label: string | undefined, planStart: IsoDate): Period {
  const code = kind === 'preliminary' ? 'SK' : 'TK';
  const fallback = kind === 'preliminary' ? 'Sơ kết' : 'Tổng kết';
  return {
    id: `${year}-${code}`,
    kind: kind === 'preliminary' ? 'preliminary-review' : 'final-review',
    year,
    label: `${label ?? fallback} (${year})`,
    data: { from: planStart, to: isoOf(year, 12, 14) },
  };
}

/** Parses a period id back into its kind and year; null for an id that is not one. */
export function parsePeriodId(id: string): { kind: PeriodKind; year: number } | null {
  const m = /^(\d{4})(?:-(H1|SK|TK))?$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    const kind: PeriodKind = m[2] === 'H1' ? 'semiannual' : m[2] === 'SK' ? 'preliminary-review' : m[2] === 'TK' ? 'final-review' : 'annual';
    return { kind, year };
  }
  const adhoc = /^DX-(\d{4})/.exec(id);
  return adhoc ? { kind: 'adhoc', year: Number(adhoc[1]) } : null;
}
