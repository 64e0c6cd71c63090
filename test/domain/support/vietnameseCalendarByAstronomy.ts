/**
 * An independent implementation of the Vietnamese lunar calendar, for tests only: the same calendar rules
 * applied at UTC+7 to new moons and solar terms from astronomy-engine (Don Cross, VSOP87 and a truncated
 * ELP/MPP02 lunar theory, accurate to well under a minute of time for 1900–2100), not to the low-precision
 * series of Hồ Ngọc Đức's algorithm that src/calendar/lunar.ts uses. Rules:
 * - a month starts on the local (UTC+7) day of a new moon;
 * - month 11 is the month containing the local day of the winter solstice (Sun at 270°);
 * - when 13 months start from one month 11 to the next, the first month after month 11 whose days contain no
 *   principal solar term (Sun at a multiple of 30°) is the leap month, numbered like the month before it.
 */
import { SearchMoonPhase, SearchSunLongitude, type AstroTime } from 'astronomy-engine';

const DAY_MS = 86_400_000;
/** The zone the calendar is computed in, hours east of UTC: 7 for Vietnam (8 gives the Chinese calendar). */
let zoneMs = 7 * 3_600_000;

/** Local day number of an instant: days since 1970-01-01 in the calendar's zone. */
const localDay = (t: AstroTime): number => Math.floor((t.date.getTime() + zoneMs) / DAY_MS);

const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

function must<T>(v: T | null, what: string): T {
  if (v === null) throw new Error(`astronomy-engine found no ${what}`);
  return v;
}

/** The local day of the winter solstice of Gregorian `year`. */
function solsticeDay(year: number): { day: number; time: AstroTime } {
  const time = must(SearchSunLongitude(270, new Date(Date.UTC(year, 11, 1)), 40), `solstice ${year}`);
  return { day: localDay(time), time };
}

/** Local start days of the new-moon months from the one containing `fromDay` on, `count` of them. */
function monthStarts(fromDay: number, count: number): number[] {
  // Start the search 35 days before: the first new moon on or before `fromDay` is among those found.
  let t = new Date((fromDay - 35) * DAY_MS - zoneMs);
  const starts: number[] = [];
  while (starts.length < count + 2) {
    const nm = must(SearchMoonPhase(0, t, 40), 'new moon');
    starts.push(localDay(nm));
    t = new Date(nm.date.getTime() + DAY_MS);
  }
  const first = starts.findLastIndex((d) => d <= fromDay);
  return starts.slice(first, first + count);
}

/** Local days of the principal solar terms (Sun at multiples of 30°) from the solstice of `year - 1` on, a year and more. */
function principalTermDays(year: number): number[] {
  const days: number[] = [];
  let t: Date = solsticeDay(year - 1).time.date;
  for (let i = 0; i <= 13; i++) {
    const lon = (270 + 30 * i) % 360;
    const found = must(SearchSunLongitude(lon, new Date(t.getTime() - DAY_MS), 40), `solar term ${lon}°`);
    days.push(localDay(found));
    t = found.date;
  }
  return days;
}

export interface LunarYearStarts {
  /** mùng 1 Tết of the lunar year that starts in Gregorian `year`. */
  tet: string;
  /** 10/3 of that lunar year (Giỗ Tổ Hùng Vương). */
  hungKings: string;
}

/** Tết and 10/3 of the lunar year that starts in Gregorian `year`, computed at UTC+`zoneHours` (default 7). */
export function lunarYearStarts(year: number, zoneHours = 7): LunarYearStarts {
  zoneMs = zoneHours * 3_600_000;
  const a11 = solsticeDay(year - 1).day;
  const b11 = solsticeDay(year).day;
  // 15 month starts from the month of the first solstice cover the lunar year to past the second one.
  const starts = monthStarts(a11, 16);
  const nextMonth11 = starts.findLast((d) => d <= b11)!;
  const monthsInYear = starts.indexOf(nextMonth11);
  let leapIndex = -1; // index into `starts` of the leap month, if any
  if (monthsInYear === 13) {
    const terms = principalTermDays(year);
    for (let i = 1; i < 13; i++) {
      const [from, to] = [starts[i]!, starts[i + 1]!];
      if (!terms.some((d) => d >= from && d < to)) {
        leapIndex = i;
        break;
      }
    }
  }
  // Month 1 is the 2nd month after month 11, month 3 the 4th; one later each if the leap month comes first.
  const index = (n: number) => n + (leapIndex !== -1 && leapIndex <= n ? 1 : 0);
  return { tet: isoOfDay(starts[index(2)]!), hungKings: isoOfDay(starts[index(4)]! + 9) };
}
