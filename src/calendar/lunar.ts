/**
 * The Vietnamese lunar calendar (âm lịch), converted to and from the Gregorian calendar.
 *
 * Algorithm: Hồ Ngọc Đức, "Thuật toán tính âm lịch" (https://www.informatik.uni-leipzig.de/~duc/amlich/),
 * with the new-moon and solar-longitude series from Jean Meeus, "Astronomical Algorithms" (1998):
 *   - a lunar month starts on the local day of a new moon;
 *   - month 11 is the month containing the winter solstice;
 *   - a lunar year (from one month 11 to the next) with 13 months has a leap month: the first month
 *     after month 11 that contains no major solar term (trung khí), which takes the number of the month before it.
 *
 * Everything is computed at UTC+7, the legal time of Vietnam. The Chinese calendar applies the same rules
 * at UTC+8; when a new moon or a solar term falls between 16:00 and 17:00 UTC the local day differs, so the
 * two calendars disagree in some years (e.g. Tết 1985: 21/01 in Vietnam, 20/02 in China; Tết 2007:
 * 17/02 in Vietnam, 18/02 in China). Using a Chinese calendar library would get those years wrong.
 *
 * Pure functions over Julian day numbers (integers): no `Date`, no host time zone. `INT` is `floor`, as in the
 * original algorithm. Dates before 15/10/1582 are read as Julian-calendar dates, as in the original.
 */

/** A date of the Vietnamese lunar calendar. `year` is the Gregorian year in which that lunar year starts. */
export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** true for the intercalary month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** A Gregorian date. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** Vietnam's time zone, UTC+7, in hours. */
const TIME_ZONE = 7;

const INT = Math.floor;

/** Julian day number of a calendar date (Gregorian from 15/10/1582, Julian before). */
function jdFromDate(day: number, month: number, year: number): number {
  const a = INT((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  let jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) {
    jd = day + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  }
  return jd;
}

/** Calendar date of a Julian day number. */
function jdToDate(jd: number): SolarDate {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    // From 15/10/1582: Gregorian calendar.
    const a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461);
  const e = c - INT((1461 * d) / 4);
  const m = INT((5 * e + 2) / 153);
  return {
    day: e - INT((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * INT(m / 10),
    year: b * 100 + d - 4800 + INT(m / 10),
  };
}

/**
 * Julian date (fractional, UT) of the k-th new moon after the one of 1/1/1900 13:52 UT (Meeus, ch. 49,
 * low-precision series as used by Hồ Ngọc Đức).
 */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 = jd1 + 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // Sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // Moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // Moon's argument of latitude
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + C1 - deltaT;
}

/** The Sun's apparent ecliptic longitude, in radians in [0, 2π), at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 UT
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly, degrees
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude, degrees
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr; // true longitude, radians
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2));
  return L;
}

/**
 * Which 30° sector (0–11) the Sun is in at local midnight starting day `dayNumber`. Sector 9 (270°–300°)
 * starts at the winter solstice; a month with no change of sector contains no major solar term.
 */
function sunSector(dayNumber: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - TIME_ZONE / 24) / Math.PI) * 6);
}

/** Julian day number of the local (UTC+7) day of the k-th new moon. */
function newMoonDay(k: number): number {
  return INT(newMoon(k) + 0.5 + TIME_ZONE / 24);
}

/** Julian day number of the first day of lunar month 11 (the month of the winter solstice) in Gregorian `year`. */
function lunarMonth11(year: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = INT(off / 29.530588853);
  const nm = newMoonDay(k);
  // If the Sun has already passed 270° at that new moon, the solstice lies in the previous month.
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/**
 * In a 13-month lunar year starting at month 11 `a11`, the offset (in months from `a11`) of the leap month:
 * the first month with no major solar term.
 */
function leapMonthOffset(a11: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let i = 1; // start with the month after month 11
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

function assertInteger(name: string, value: number): void {
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${value}`);
}

/** The Vietnamese lunar date of a Gregorian date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  assertInteger('year', year);
  assertInteger('month', month);
  assertInteger('day', day);
  const dayNumber = jdFromDate(day, month, year);
  const back = jdToDate(dayNumber);
  if (back.year !== year || back.month !== month || back.day !== day) {
    throw new Error(`invalid solar date ${day}/${month}/${year}`);
  }

  // The month containing the date starts on the last new-moon day on or before it. The published code tries
  // only k + 1 and k, and on some dates (07/05/2054, 09/04/2062) both new moons fall after the date, which
  // gives "day 0": step back until the new moon is on or before the date, and forward while the next one is.
  let k = INT((dayNumber - 2415021.076998695) / 29.530588853) + 1;
  while (newMoonDay(k) > dayNumber) k--;
  while (newMoonDay(k + 1) <= dayNumber) k++;
  const monthStart = newMoonDay(k);

  // [a11, b11): the lunar months from month 11 to the next month 11 that contain the date.
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }

  const lunarDay = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let lunarMonth = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: lunarDay, month: lunarMonth, year: lunarYear, leap };
}

/**
 * The Gregorian date of a Vietnamese lunar date. Throws if the month is marked leap but that lunar year has
 * no such leap month, or if the day does not exist in that month (day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): SolarDate {
  const { day, month, year, leap } = lunar;
  assertInteger('lunar year', year);
  assertInteger('lunar month', month);
  assertInteger('lunar day', day);
  if (month < 1 || month > 12) throw new Error(`lunar month must be 1–12, got ${month}`);
  if (day < 1 || day > 30) throw new Error(`lunar day must be 1–30, got ${day}`);

  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1);
    b11 = lunarMonth11(year);
  } else {
    a11 = lunarMonth11(year);
    b11 = lunarMonth11(year + 1);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;

  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new Error(`lunar year ${year} has no leap month ${month} (its leap month is ${leapMonth})`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new Error(`lunar year ${year} has no leap month ${month} (it has no leap month at all)`);
  }

  const monthStart = newMoonDay(k + off);
  const monthLength = newMoonDay(k + off + 1) - monthStart;
  if (day > monthLength) {
    throw new Error(`lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${monthLength} days, no day ${day}`);
  }
  return jdToDate(monthStart + day - 1);
}

/** The Gregorian date of mùng 1 Tết: the first day of the lunar year that starts in Gregorian `solarYear`. */
export function lunarNewYear(solarYear: number): SolarDate {
  return lunarToSolar({ day: 1, month: 1, year: solarYear, leap: false });
}

/** The Gregorian date of the last day (29 or 30 tháng Chạp) before the Tết of Gregorian `solarYear`. */
export function lastDayOfLunarYear(solarYear: number): SolarDate {
  const tet = lunarNewYear(solarYear);
  return jdToDate(jdFromDate(tet.day, tet.month, tet.year) - 1);
}
