import { describe, expect, it } from 'vitest';
import { lastDayOfLunarYear, lunarNewYear, lunarToSolar, solarToLunar, type LunarDate } from '../../src/calendar/lunar.js';
import { lunarYearStarts } from './support/vietnameseCalendarByAstronomy.js';

type Ymd = { year: number; month: number; day: number };

const iso = (d: Ymd) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/** Every Gregorian date from 1/1/`from` to 31/12/`to`, without `Date` (no host time zone involved). */
function* everyDay(from: number, to: number): Generator<Ymd> {
  for (let year = from; year <= to; year++) {
    const leapYear = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const lengths = [31, leapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= lengths[month - 1]!; day++) yield { year, month, day };
    }
  }
}

describe('lunarNewYear (mùng 1 Tết, Vietnamese calendar at UTC+7)', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
  ])('Tết %i falls on %s', (year, expected) => {
    expect(iso(lunarNewYear(year))).toBe(expected);
  });

  // Years where UTC+7 and UTC+8 disagree; a Chinese-calendar implementation would return the second date.
  it.each([
    // Winter solstice 1984 at 16:23 UTC: 21/12 in Hà Nội, before the new-moon day 22/12, but 22/12 in Beijing.
    // Month 11 therefore starts on 23/11/1984 in Vietnam and 22/12/1984 in China: Tết is a month apart.
    [1985, '1985-01-21', '1985-02-20'],
    // New moon at 16:14 UTC on 17/02/2007: 23:14 in Hà Nội, 00:14 on 18/02 in Beijing.
    [2007, '2007-02-17', '2007-02-18'],
    // New moon at 16:07 UTC on 02/02/2030: 23:07 in Hà Nội, 00:07 on 03/02 in Beijing.
    [2030, '2030-02-02', '2030-02-03'],
    // Tết Mậu Thân: new moon at 16:29 UTC on 29/01/1968 (North Vietnam had just adopted UTC+7).
    [1968, '1968-01-29', '1968-01-30'],
  ])('Tết %i is %s in Vietnam (not %s as in the Chinese calendar)', (year, vietnam, china) => {
    expect(iso(lunarNewYear(year))).toBe(vietnam);
    expect(iso(lunarNewYear(year))).not.toBe(china);
  });

  it('mùng 1 Tết converts back to lunar 1/1 of that year, not a leap month', () => {
    for (let year = 1900; year <= 2100; year++) {
      const tet = lunarNewYear(year);
      expect(solarToLunar(tet.year, tet.month, tet.day)).toEqual({ day: 1, month: 1, year, leap: false });
    }
  });
});

describe('lastDayOfLunarYear (the day before Tết)', () => {
  it.each([
    [2024, '2024-02-09'],
    [2025, '2025-01-28'],
    [2026, '2026-02-16'],
    [2030, '2030-02-01'],
  ])('the last day of the lunar year before Tết %i is %s', (year, expected) => {
    expect(iso(lastDayOfLunarYear(year))).toBe(expected);
  });

  it('the last day of the lunar year is 29 or 30 of month 12 of the previous lunar year, 1900–2100', () => {
    for (let year = 1900; year <= 2100; year++) {
      const eve = lastDayOfLunarYear(year);
      const lunar = solarToLunar(eve.year, eve.month, eve.day);
      expect(lunar.month).toBe(12);
      expect(lunar.year).toBe(year - 1);
      expect([29, 30]).toContain(lunar.day);
    }
  });
});

describe("Hùng Kings' day (10/3 lunar)", () => {
  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('10/3 of lunar year %i is %s', (year, expected) => {
    expect(iso(lunarToSolar({ day: 10, month: 3, year, leap: false }))).toBe(expected);
  });
});

describe('leap months (tháng nhuận)', () => {
  it.each([
    // [lunar year, leap month, solar date of its first day]
    [2020, 4, '2020-05-23'],
    [2023, 2, '2023-03-22'],
    [2025, 6, '2025-07-25'],
  ])('lunar year %i has leap month %i, starting %s', (year, month, start) => {
    const first = lunarToSolar({ day: 1, month, year, leap: true });
    expect(iso(first)).toBe(start);
    expect(solarToLunar(first.year, first.month, first.day)).toEqual({ day: 1, month, year, leap: true });
    // The regular month of the same number comes right before it.
    const regular = lunarToSolar({ day: 1, month, year, leap: false });
    expect(iso(regular) < iso(first)).toBe(true);
  });

  it('2023: the day after the last day of regular month 2 is 1/2 nhuận', () => {
    expect(solarToLunar(2023, 3, 21)).toEqual({ day: 30, month: 2, year: 2023, leap: false });
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(2023, 4, 20)).toEqual({ day: 1, month: 3, year: 2023, leap: false });
  });

  it('each lunar year from 1900 to 2100 has at most one leap month, and 2020/2023/2025 have exactly the expected one', () => {
    const leaps = new Map<number, number[]>();
    for (const d of everyDay(1900, 2100)) {
      const lunar = solarToLunar(d.year, d.month, d.day);
      if (lunar.leap && lunar.day === 1) leaps.set(lunar.year, [...(leaps.get(lunar.year) ?? []), lunar.month]);
    }
    for (const months of leaps.values()) expect(months).toHaveLength(1);
    expect(leaps.get(2020)).toEqual([4]);
    expect(leaps.get(2023)).toEqual([2]);
    expect(leaps.get(2025)).toEqual([6]);
    expect(leaps.has(2024)).toBe(false);
    expect(leaps.has(2026)).toBe(false);
  });

  it('asking for a leap month in a lunar year without one throws', () => {
    expect(() => lunarToSolar({ day: 1, month: 6, year: 2024, leap: true })).toThrow(/no leap month 6/);
  });

  it('asking for the wrong leap month in a year that has another one throws', () => {
    expect(() => lunarToSolar({ day: 1, month: 3, year: 2023, leap: true })).toThrow(/no leap month 3.*leap month is 2/);
  });
});

describe('conversion in both directions', () => {
  it('solarToLunar(lunarToSolar(x)) and lunarToSolar(solarToLunar(d)) round-trip over every day of 1900–2100, days 1–30, months 1–12', () => {
    // Checked by hand and collected, then asserted once: 73 000 expect() calls would take seconds.
    let previous: LunarDate | undefined;
    let days = 0;
    const problems: string[] = [];
    for (const d of everyDay(1900, 2100)) {
      const lunar = solarToLunar(d.year, d.month, d.day);
      const at = `${iso(d)} → ${JSON.stringify(lunar)}`;
      if (lunar.day < 1 || lunar.day > 30 || lunar.month < 1 || lunar.month > 12) problems.push(`${at}: out of range`);
      const solar = lunarToSolar(lunar);
      if (iso(solar) !== iso(d)) problems.push(`${at}: back to ${iso(solar)}`);
      // Consecutive days: the lunar day goes up by one, or a new month starts after day 29 or 30.
      if (previous && !(lunar.day === 1 ? previous.day === 29 || previous.day === 30 : lunar.day === previous.day + 1)) {
        problems.push(`${at}: follows day ${previous.day}`);
      }
      previous = lunar;
      days++;
    }
    expect(problems).toEqual([]);
    // 201 years of 365 days plus 49 leap days (1900 and 2100 are not leap years, 2000 is).
    expect(days).toBe(201 * 365 + 49);
  });

  // The published algorithm's original code returned day 0 here: both new moons it tries fall after the date.
  // astronomy-engine: new moon at 17:01 UTC on 07/05/2054 (00:01 on 08/05 at UTC+7), 17:17 UTC on 09/04/2062.
  it.each([
    [2054, 5, 7, { day: 30, month: 3, year: 2054, leap: false }, { day: 1, month: 4, year: 2054, leap: false }],
    [2062, 4, 9, { day: 30, month: 2, year: 2062, leap: false }, { day: 1, month: 3, year: 2062, leap: false }],
  ])('%i-%i-%i is the last day of its lunar month, not "day 0" of the next', (y, m, d, expected, next) => {
    expect(solarToLunar(y, m, d)).toEqual(expected);
    expect(solarToLunar(y, m, d + 1)).toEqual(next);
  });

  it('a day that does not exist in a 29-day lunar month throws', () => {
    // Month 12 of lunar year 2025 has 29 days: 28 Chạp is 2026-02-15, and 2026-02-16 is 29 Chạp.
    expect(solarToLunar(2026, 2, 16)).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toThrow(/has 29 days/);
  });

  it('an invalid solar date throws', () => {
    expect(() => solarToLunar(2025, 2, 29)).toThrow(/invalid solar date/);
  });
});

describe('against an independent implementation (astronomy-engine new moons and solar terms, at UTC+7)', () => {
  const years = Array.from({ length: 201 }, (_, i) => 1900 + i);

  it('Tết and 10/3 lunar agree for every year 1900–2100', () => {
    const disagreements: string[] = [];
    for (const year of years) {
      const independent = lunarYearStarts(year);
      const tet = iso(lunarNewYear(year));
      const hung = iso(lunarToSolar({ day: 10, month: 3, year, leap: false }));
      if (independent.tet !== tet || independent.hungKings !== hung) disagreements.push(`${year}: Tết ${tet} / ${independent.tet}, 10/3 ${hung} / ${independent.hungKings}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('the independent implementation is sensitive to the zone: at UTC+8 it gives the Chinese dates', () => {
    expect(lunarYearStarts(1985, 8).tet).toBe('1985-02-20');
    expect(lunarYearStarts(2007, 8).tet).toBe('2007-02-18');
    expect(lunarYearStarts(2030, 8).tet).toBe('2030-02-03');
    expect(lunarYearStarts(1985).tet).toBe('1985-01-21');
  });
});
