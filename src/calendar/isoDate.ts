/**
 * Calendar days as ISO strings (YYYY-MM-DD) in Vietnam's time zone. Plain strings cross workflow and
 * JSON boundaries unchanged and compare correctly with `<`.
 */
import { DateTime } from 'luxon';

export type IsoDate = string;
export const ZONE = 'Asia/Ho_Chi_Minh';

export function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function parseIso(date: IsoDate): DateTime {
  const dt = DateTime.fromISO(date, { zone: ZONE });
  if (!dt.isValid) throw new Error(`invalid date "${date}"`);
  return dt;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return parseIso(date).plus({ days }).toISODate()!;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const utc = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

export function isWeekend(date: IsoDate): boolean {
  return parseIso(date).weekday >= 6;
}

/** dd/mm/yyyy, the Vietnamese way of writing a date. */
export function viDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** An instant (ISO date-time with +07:00) at a clock time of a day in Vietnam. */
export function instantAt(date: IsoDate, hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return parseIso(date).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** The last instant of a day: a term ends at 24:00 of its last day. */
export function endOfDay(date: IsoDate): string {
  return parseIso(date).endOf('day').set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

/** The calendar day in Vietnam of an instant. */
export function dayOf(instant: string | number | Date): IsoDate {
  const dt =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { zone: ZONE })
      : DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime(), { zone: ZONE });
  return dt.setZone(ZONE).toISODate()!;
}
