/**
 * Days off for civil servants in Việt Nam. Two sources:
 * - the government's announced calendar for a year (announced/YYYY.json), authoritative when present:
 *   it lists every weekday off (holidays, bridges, compensations) and the Saturdays worked in exchange;
 * - otherwise the statutory days of the Labour Code 2019, computed: Art. 112 (1/1; Tết, 5 days; Hùng
 *   Kings' day 10/3 lunar; 30/4; 1/5; 2/9 plus one adjacent day) and Art. 111(3) (a holiday falling on the
 *   weekly rest day gives the next working day off).
 */
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar } from './lunar.js';
import { addDays, isoOf, isWeekend, parseIso, type IsoDate } from './isoDate.js';
import announced2025 from './announced/2025.json' with { type: 'json' };
import announced2026 from './announced/2026.json' with { type: 'json' };

export interface DayNote {
  date: IsoDate;
  reason: string;
}

export interface YearCalendar {
  year: number;
  /** Weekdays that are not worked. */
  daysOff: DayNote[];
  /** Weekend days that are worked (make-up days). */
  workingDays: DayNote[];
  source: string;
  announced: boolean;
}

interface AnnouncedFile {
  year: number;
  source: string;
  daysOff: DayNote[];
  workingDays: DayNote[];
}

/** One file per year; add the new year's file when the government announces it (usually in the autumn before). */
const announcedYears: Record<number, AnnouncedFile> = {
  2025: announced2025,
  2026: announced2026,
};

/** The statutory holidays of a year, before weekend compensation. */
export function statutoryHolidays(year: number): DayNote[] {
  const iso = (m: number, d: number) => isoOf(year, m, d);
  const tetEve = lastDayOfLunarYear(year);
  const tet = lunarNewYear(year);
  const tetStart = isoOf(tetEve.year, tetEve.month, tetEve.day);
  const newYear = isoOf(tet.year, tet.month, tet.day);
  const hung = lunarToSolar({ day: 10, month: 3, year, leap: false });
  const notes: DayNote[] = [
    { date: iso(1, 1), reason: 'Tết Dương lịch' },
    // The Labour Code gives Tết 5 days and leaves which ones to the Prime Minister; the usual choice,
    // used when no calendar is announced: the last day of the lunar year and the first four of the new one.
    { date: tetStart, reason: 'Tết Âm lịch (ngày cuối năm)' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(newYear, i), reason: `Tết Âm lịch (mùng ${i + 1})` })),
    { date: isoOf(hung.year, hung.month, hung.day), reason: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: iso(4, 30), reason: 'Ngày Chiến thắng' },
    { date: iso(5, 1), reason: 'Ngày Quốc tế lao động' },
    { date: iso(9, 2), reason: 'Quốc khánh' },
    { date: nationalDayAdjacent(year), reason: 'Quốc khánh (ngày liền kề)' },
  ];
  return notes.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Decree 145/2020 leaves the adjacent day (1/9 or 3/9) to the Prime Minister. Default, matching recent
 * years: the one that joins a weekend: 3/9 when 2/9 is a Monday or a Thursday, otherwise 1/9.
 */
function nationalDayAdjacent(year: number): IsoDate {
  const weekday = parseIso(isoOf(year, 9, 2)).weekday; // 1 = Monday
  return weekday === 1 || weekday === 4 ? isoOf(year, 9, 3) : isoOf(year, 9, 1);
}

/** Statutory holidays with Art. 111(3) compensation: each one on a weekend moves to the next free weekday. */
export function computedYear(year: number): YearCalendar {
  const holidays = statutoryHolidays(year);
  const off = new Map<IsoDate, string>();
  for (const h of holidays) if (!isWeekend(h.date)) off.set(h.date, h.reason);
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    off.set(d, `Nghỉ bù ${h.reason}`);
  }
  return {
    year,
    daysOff: [...off].map(([date, reason]) => ({ date, reason })).sort((a, b) => a.date.localeCompare(b.date)),
    workingDays: [],
    source: 'Bộ luật Lao động 2019, Điều 111(3), Điều 112 (tính toán, chưa có lịch công bố)',
    announced: false,
  };
}

const cache = new Map<number, YearCalendar>();

export function yearCalendar(year: number): YearCalendar {
  let cal = cache.get(year);
  if (!cal) {
    const file = announcedYears[year];
    cal = file ? { ...file, announced: true } : computedYear(year);
    cache.set(year, cal);
  }
  return cal;
}

const workingDayCache = new Map<IsoDate, boolean>();

export function isWorkingDay(date: IsoDate): boolean {
  let answer = workingDayCache.get(date);
  if (answer === undefined) {
    const cal = yearCalendar(Number(date.slice(0, 4)));
    answer = cal.workingDays.some((d) => d.date === date) || (!isWeekend(date) && !cal.daysOff.some((d) => d.date === date));
    workingDayCache.set(date, answer);
  }
  return answer;
}

/** Why a day is not worked, for messages and the calendar output; null for a working day. */
export function nonWorkingReason(date: IsoDate): string | null {
  if (isWorkingDay(date)) return null;
  const cal = yearCalendar(Number(date.slice(0, 4)));
  return cal.daysOff.find((d) => d.date === date)?.reason ?? (parseIso(date).weekday === 6 ? 'Thứ Bảy' : 'Chủ nhật');
}
