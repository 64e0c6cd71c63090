/**
 * Days off for civil servants in Việt Nam, from one of three sources, the first that has the year:
 * 1. an announcement file in the calendar directory read at run time (`<calendar dir>/YYYY.json`, see
 *    announcementDir.ts), so next year's announcement takes effect without a redeploy;
 * 2. the announcement files shipped with dondoc (announced/YYYY.json);
 * 3. otherwise the statutory days (statutory.ts), computed: Labour Code 2019 Art. 112, with Art. 111(3)
 *    (a holiday falling on the weekly rest day gives the next working day off).
 * An announcement lists every weekday off that year (holidays, compensation and swapped days) and every
 * Saturday or Sunday worked in exchange; it replaces the computation for its year.
 *
 * Pure: the run-time directory comes in through `setAnnouncementProvider`, installed by the entry points.
 */
import { citeSources, parseAnnouncement, type Announcement } from './announcement.js';
import { addDays, isoOf, isWeekend, parseIso, type IsoDate } from './isoDate.js';
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar } from './lunar.js';
import { COMPENSATION_BASIS, STATUTORY_HOLIDAYS, type StatutoryHoliday } from './statutory.js';
import announced2025 from './announced/2025.json' with { type: 'json' };
import announced2026 from './announced/2026.json' with { type: 'json' };

export interface DayNote {
  date: IsoDate;
  reason: string;
  /** What the day rests on: "8726/VPCP-KGVX ngày 26/11/2024", or the article of the Labour Code. */
  sources: string[];
}

export type CalendarOrigin = 'directory' | 'built-in' | 'statute';

export interface YearCalendar {
  year: number;
  /** Weekdays that are not worked. */
  daysOff: DayNote[];
  /** Weekend days that are worked (make-up days). */
  workingDays: DayNote[];
  /** Where the year comes from, in words: the file and its documents, or the statute. */
  source: string;
  announced: boolean;
  origin: CalendarOrigin;
  /** The announcement file, when announced (a path for the run-time directory). */
  file: string | null;
}

/** A run-time source of announcements: the year's file, or null. Must return the same object while unchanged. */
export type AnnouncementProvider = (year: number) => { announcement: Announcement; file: string } | null;

/** Shipped with dondoc; a file in the calendar directory for the same year takes precedence. */
const builtIn: Record<number, Announcement> = {
  2025: parseAnnouncement(announced2025, 'src/calendar/announced/2025.json'),
  2026: parseAnnouncement(announced2026, 'src/calendar/announced/2026.json'),
};

let provider: AnnouncementProvider | null = null;

/** Installs (or with null removes) the run-time announcement source. */
export function setAnnouncementProvider(p: AnnouncementProvider | null): void {
  provider = p;
}

/** The Gregorian date of a lunar rule in Gregorian `year`. */
function lunarIso(year: number, month: number, day: number): IsoDate {
  const s = lunarToSolar({ day, month, year, leap: false });
  return isoOf(s.year, s.month, s.day);
}

/**
 * Labour Code Art. 112(3) leaves the adjacent day (1/9 or 3/9) to the Prime Minister. Default, matching recent
 * years: the one that joins a weekend: 3/9 when 2/9 is a Monday or a Thursday, otherwise 1/9.
 */
function nationalDayAdjacent(year: number): IsoDate {
  const weekday = parseIso(isoOf(year, 9, 2)).weekday; // 1 = Monday
  return weekday === 1 || weekday === 4 ? isoOf(year, 9, 3) : isoOf(year, 9, 1);
}

function datesOf(rule: StatutoryHoliday['rule'], year: number): { date: IsoDate; reason?: string }[] {
  switch (rule.kind) {
    case 'solar':
      return [{ date: isoOf(year, rule.month, rule.day) }];
    case 'lunar':
      return [{ date: lunarIso(year, rule.month, rule.day) }];
    case 'tet': {
      // The Labour Code gives Tết 5 days and leaves which ones to the Prime Minister; the usual choice,
      // used when no calendar is announced: the last day of the lunar year and the first four of the new one.
      const eve = lastDayOfLunarYear(year);
      const first = lunarNewYear(year);
      const firstIso = isoOf(first.year, first.month, first.day);
      return [
        { date: isoOf(eve.year, eve.month, eve.day), reason: 'Tết Âm lịch (ngày cuối năm)' },
        ...Array.from({ length: rule.days - 1 }, (_, i) => ({ date: addDays(firstIso, i), reason: `Tết Âm lịch (mùng ${i + 1})` })),
      ];
    }
    case 'national-day-adjacent':
      return [{ date: nationalDayAdjacent(year) }];
  }
}

/** The statutory holidays of a year, before weekend compensation, from the rules in force on each day. */
export function statutoryHolidays(year: number, rules: readonly StatutoryHoliday[] = STATUTORY_HOLIDAYS): DayNote[] {
  const notes = rules.flatMap((r) =>
    datesOf(r.rule, year)
      .filter((d) => r.from <= d.date && (r.until === undefined || d.date <= r.until))
      .map((d) => ({ date: d.date, reason: d.reason ?? r.name, sources: [r.basis] })),
  );
  return notes.sort((a, b) => a.date.localeCompare(b.date));
}

/** Statutory holidays with Art. 111(3) compensation: each one on a weekend moves to the next free weekday. */
export function computedYear(year: number, rules: readonly StatutoryHoliday[] = STATUTORY_HOLIDAYS): YearCalendar {
  const holidays = statutoryHolidays(year, rules);
  const off = new Map<IsoDate, DayNote>();
  for (const h of holidays) if (!isWeekend(h.date)) off.set(h.date, h);
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let d = addDays(h.date, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    off.set(d, { date: d, reason: `Nghỉ bù ${h.reason}`, sources: [COMPENSATION_BASIS] });
  }
  return {
    year,
    daysOff: [...off.values()].sort((a, b) => a.date.localeCompare(b.date)),
    workingDays: [],
    source: 'Bộ luật Lao động 2019, Điều 111 khoản 3, Điều 112 (tính theo luật, chưa có lịch công bố)',
    announced: false,
    origin: 'statute',
    file: null,
  };
}

function fromAnnouncement(a: Announcement, origin: CalendarOrigin, file: string): YearCalendar {
  const note = (d: Announcement['daysOff'][number]): DayNote => ({ date: d.date, reason: d.reason, sources: citeSources(a, d.sources) });
  return {
    year: a.year,
    daysOff: a.daysOff.map(note).sort((x, y) => x.date.localeCompare(y.date)),
    workingDays: a.workingDays.map(note).sort((x, y) => x.date.localeCompare(y.date)),
    source: `${file}: ${a.documents.map((d) => citeSources(a, [d.ref])[0]).join('; ')}`,
    announced: true,
    origin,
    file,
  };
}

interface Lookup {
  calendar: YearCalendar;
  off: Set<IsoDate>;
  worked: Set<IsoDate>;
}

const lookup = (calendar: YearCalendar): Lookup => ({
  calendar,
  off: new Set(calendar.daysOff.map((d) => d.date)),
  worked: new Set(calendar.workingDays.map((d) => d.date)),
});

const fixed = new Map<number, Lookup>();
const fromProvider = new WeakMap<Announcement, Lookup>();

function yearLookup(year: number): Lookup {
  const external = provider?.(year) ?? null;
  if (external && external.announcement.year === year) {
    let l = fromProvider.get(external.announcement);
    if (!l) {
      l = lookup(fromAnnouncement(external.announcement, 'directory', external.file));
      fromProvider.set(external.announcement, l);
    }
    return l;
  }
  let l = fixed.get(year);
  if (!l) {
    const file = builtIn[year];
    l = lookup(file ? fromAnnouncement(file, 'built-in', `src/calendar/announced/${year}.json`) : computedYear(year));
    fixed.set(year, l);
  }
  return l;
}

export function yearCalendar(year: number): YearCalendar {
  return yearLookup(year).calendar;
}

export function isWorkingDay(date: IsoDate): boolean {
  const l = yearLookup(Number(date.slice(0, 4)));
  return l.worked.has(date) || (!isWeekend(date) && !l.off.has(date));
}

/** Why a day is not worked, for messages and the calendar output; null for a working day. */
export function nonWorkingReason(date: IsoDate): string | null {
  if (isWorkingDay(date)) return null;
  const cal = yearCalendar(Number(date.slice(0, 4)));
  return cal.daysOff.find((d) => d.date === date)?.reason ?? (parseIso(date).weekday === 6 ? 'Thứ Bảy' : 'Chủ nhật');
}

/**
 * Years among `years` whose days off are still estimated from the statute (no announcement yet). The
 * government usually announces a year's Tết and National Day in October to December of the year before.
 */
export function estimatedYears(years: Iterable<number>): number[] {
  return [...new Set(years)].filter((y) => !yearCalendar(y).announced).sort((a, b) => a - b);
}
