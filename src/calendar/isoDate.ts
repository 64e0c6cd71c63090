/**
 * Calendar days as ISO strings (YYYY-MM-DD) in Vietnam's time zone. Plain strings cross workflow and
 * JSON boundaries unchanged and compare correctly with `<`.
 *
 * Asia/Ho_Chi_Minh has been UTC+07:00, without daylight saving, since 13/06/1975 (tzdata: +08 until
 * 1975-06-13 00:00 local). From that day on every function here works with plain arithmetic on that fixed
 * offset, or luxon's FixedOffsetZone, never the IANA zone: each IANA offset lookup goes through
 * Intl.DateTimeFormat (luxon's `partsOffset`), which was 18 % of a worker's CPU in a deadline wave
 * (docs/performance.md). Earlier days, and strings the fast paths do not recognise, go to luxon with the
 * IANA zone, so the results are the same for every input (test/domain/iso-date.test.ts compares both).
 */
import { DateTime, FixedOffsetZone } from 'luxon';

export type IsoDate = string;
export const ZONE = 'Asia/Ho_Chi_Minh';

/** Vietnam's offset from UTC since 13/06/1975: minutes, and as ISO writes it. */
export const VN_OFFSET_MINUTES = 420;
const VN_OFFSET_MS = VN_OFFSET_MINUTES * 60_000;
const OFFSET = '+07:00';
/** The first day wholly at +07:00, and the instant the offset began (1975-06-13 00:00 at +08:00). */
const FIXED_SINCE_DAY = '1975-06-13';
const FIXED_SINCE_MS = Date.UTC(1975, 5, 12, 16);
const FIXED_ZONE = FixedOffsetZone.instance(VN_OFFSET_MINUTES);
const DAY_MS = 86_400_000;

/** An ISO instant with an explicit offset or Z, the shape Date.parse and luxon read alike (its day checked apart: Date.parse rolls 30/02 over). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** UTC midnight of a real day in the fixed-offset era (1975-06-13 to 9999-12-31), else null. */
function fastDayMs(date: IsoDate): number | null {
  if (date.length !== 10 || date < FIXED_SINCE_DAY || date[4] !== '-' || date[7] !== '-') return null;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return Date.UTC(y, m - 1, d);
}

/** YYYY-MM-DD of a UTC midnight (years 1975–9999). */
const dayOfUtcMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export function parseIso(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: fastDayMs(date) === null ? ZONE : FIXED_ZONE });
  if (!dt.isValid) throw new Error(`invalid date "${date}"`);
  return dt;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const ms = fastDayMs(date);
  if (ms !== null && Number.isInteger(days)) {
    const to = ms + days * DAY_MS;
    if (to >= Date.UTC(1975, 5, 13) && to < Date.UTC(10_000, 0, 1)) return dayOfUtcMs(to);
  }
  return parseIso(date).plus({ days }).toISODate()!;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function isWeekend(date: IsoDate): boolean {
  const ms = fastDayMs(date);
  if (ms === null) return parseIso(date).weekday >= 6;
  const weekday = new Date(ms).getUTCDay(); // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/** dd/mm/yyyy, the Vietnamese way of writing a date. */
export function viDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** An instant (ISO date-time with +07:00) at a clock time of a day in Vietnam. */
export function instantAt(date: IsoDate, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  if (fastDayMs(date) !== null && Number.isInteger(h) && Number.isInteger(m) && h >= 0 && h <= 23 && m >= 0 && m <= 59)
    return `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00${OFFSET}`;
  return parseIso(date).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** The last instant of a day: a term ends at 24:00 of its last day. */
export function endOfDay(date: IsoDate): string {
  if (fastDayMs(date) !== null) return `${date}T23:59:59${OFFSET}`;
  return parseIso(date).endOf('day').set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** Milliseconds of an instant the fast paths can place, else null (then luxon decides). */
function fastInstantMs(instant: string | number | Date): number | null {
  const ms =
    typeof instant === 'number'
      ? instant
      : instant instanceof Date
        ? instant.getTime()
        : ISO_INSTANT.test(instant) && fastDayMs(instant.slice(0, 10)) !== null
          ? Date.parse(instant)
          : NaN;
  return Number.isFinite(ms) && ms >= FIXED_SINCE_MS && ms < Date.UTC(9999, 11, 31) ? ms : null;
}

/** The calendar day in Vietnam of an instant. */
export function dayOf(instant: string | number | Date): IsoDate {
  const ms = fastInstantMs(instant);
  if (ms !== null) return dayOfUtcMs(ms + VN_OFFSET_MS);
  const dt =
    typeof instant === 'string' ? DateTime.fromISO(instant, { zone: ZONE }) : DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime(), { zone: ZONE });
  return dt.setZone(ZONE).toISODate()!;
}

/** An instant written in Vietnam's time: `2026-06-15T08:00:00+07:00` (milliseconds only when not zero). */
export function vnInstant(instant: string | number | Date): string {
  const ms = fastInstantMs(instant);
  if (ms !== null) return `${new Date(ms + VN_OFFSET_MS).toISOString().slice(0, ms % 1000 === 0 ? 19 : 23)}${OFFSET}`;
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime());
  return dt.setZone(ZONE).toISO({ suppressMilliseconds: true })!;
}
