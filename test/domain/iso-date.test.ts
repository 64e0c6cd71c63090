/**
 * The calendar's date functions on the fixed +07:00 offset give what the IANA zone Asia/Ho_Chi_Minh gives.
 * First the dates the seeds state (expected values written by hand from the brief and the documents), then
 * every day and many instants against luxon with the IANA zone (the code this replaced), as the oracle.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, endOfDay, instantAt, isWeekend, parseIso, vnInstant } from '../../src/calendar/isoDate.js';
import { shiftWorkingDays } from '../../src/calendar/workingDays.js';
import { viDateTime } from '../../src/reporting/dates.js';

const ZONE = 'Asia/Ho_Chi_Minh';
/** The functions as they were, on the IANA zone. */
const reference = {
  addDays: (d: string, n: number) => DateTime.fromISO(d, { zone: ZONE }).plus({ days: n }).toISODate(),
  isWeekend: (d: string) => DateTime.fromISO(d, { zone: ZONE }).weekday >= 6,
  instantAt: (d: string, h: number, m: number) => DateTime.fromISO(d, { zone: ZONE }).set({ hour: h, minute: m, second: 0, millisecond: 0 }).toISO({ suppressMilliseconds: true }),
  endOfDay: (d: string) => DateTime.fromISO(d, { zone: ZONE }).endOf('day').set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }),
  dayOf: (i: string | number) => (typeof i === 'string' ? DateTime.fromISO(i, { zone: ZONE }) : DateTime.fromMillis(i, { zone: ZONE })).setZone(ZONE).toISODate(),
  vnInstant: (i: string) => DateTime.fromISO(i).setZone(ZONE).toISO({ suppressMilliseconds: true }),
  stamp: (i: string) => {
    const at = new Date(i);
    const [y, m, d] = at.toLocaleDateString('sv-SE', { timeZone: ZONE }).split('-');
    return `${d}/${m}/${y} ${at.toLocaleTimeString('vi-VN', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' })}`;
  },
};

describe('dates of the seeds on the fixed +07:00 offset', () => {
  it('seed 004, H1 2026: "trước ngày 15/6" falls on Sunday 14/6, the term ends at 24:00 on Monday 15/6; reminders 04/6, 10/6, 12/6, 15/6 at 08:00; ladder 16/6, 18/6, 22/6', () => {
    expect(isWeekend('2026-06-14')).toBe(true);
    expect(isWeekend('2026-06-15')).toBe(false);
    expect(endOfDay('2026-06-15')).toBe('2026-06-15T23:59:59+07:00');
    expect([7, 3, 1].map((n) => shiftWorkingDays('2026-06-15', -n))).toEqual(['2026-06-04', '2026-06-10', '2026-06-12']);
    expect(instantAt('2026-06-04', '08:00')).toBe('2026-06-04T08:00:00+07:00');
    expect([1, 3, 5].map((n) => shiftWorkingDays('2026-06-15', n))).toEqual(['2026-06-16', '2026-06-18', '2026-06-22']);
  });

  it('seeds 001 and 002: "trước ngày 15/12" 2026 is Monday 14/12; the Department\'s "trước ngày 25/12" is Thursday 24/12, "trước ngày 20/12" Saturday 19/12', () => {
    expect(addDays('2026-12-15', -1)).toBe('2026-12-14');
    expect(isWeekend('2026-12-14')).toBe(false);
    expect(isWeekend('2026-12-24')).toBe(false);
    expect(isWeekend('2026-12-19')).toBe(true);
    expect(parseIso('2026-12-14').weekday).toBe(1);
  });

  it("Vietnam's day starts at 17:00 UTC of the day before; a receipt stamp is written dd/mm/yyyy HH:MM in Vietnam", () => {
    expect(dayOf('2026-06-14T16:59:59Z')).toBe('2026-06-14');
    expect(dayOf('2026-06-14T17:00:00Z')).toBe('2026-06-15');
    expect(dayOf(Date.parse('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vnInstant('2026-06-05T03:05:00Z')).toBe('2026-06-05T10:05:00+07:00');
    expect(vnInstant('2026-06-05T03:05:00.250Z')).toBe('2026-06-05T10:05:00.250+07:00');
    expect(viDateTime('2026-06-05T03:05:00Z')).toBe('05/06/2026 10:05');
  });

  it('leap days and year ends: 28/02 + 1 is 01/03 in 2026 and 29/02 in 2028; 31/12/2026 + 1 is 01/01/2027', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });

  it('a day that does not exist is still refused', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(/invalid date "2026-02-30"/);
    expect(() => isWeekend('2026-13-01')).toThrow(/invalid date/);
  });
});

describe('the fixed offset against the IANA zone', () => {
  /** What the fast functions give for a day, and what the IANA zone gives. */
  const both = (d: string) => [
    [addDays(d, 1), addDays(d, -1), addDays(d, 400), addDays(d, -400), isWeekend(d), instantAt(d, '08:00'), instantAt(d, '23:59'), endOfDay(d)],
    [
      reference.addDays(d, 1),
      reference.addDays(d, -1),
      reference.addDays(d, 400),
      reference.addDays(d, -400),
      reference.isWeekend(d),
      reference.instantAt(d, 8, 0),
      reference.instantAt(d, 23, 59),
      reference.endOfDay(d),
    ],
  ];

  it('every day around 13/06/1975, when the offset became +07:00: the next and previous day, ±400 days, weekend, 08:00 and the end of the day agree', () => {
    for (let d = '1975-05-01'; d < '1975-08-01'; d = reference.addDays(d, 1)!) {
      const [fast, iana] = both(d);
      expect(fast, d).toEqual(iana);
    }
  });

  it('any day from 1976 to 2100 agrees too', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1976, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }), (date) => {
        const [fast, iana] = both(date.toISOString().slice(0, 10));
        expect(fast).toEqual(iana);
      }),
      { numRuns: 300 },
    );
  });

  it('instants from 1970 to 2100, as milliseconds and as ISO strings in UTC, at +07:00 and at other offsets: the same day in Vietnam and the same +07:00 writing', () => {
    const offsets = ['Z', '+07:00', '-05:00', '+14:00'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...offsets), (ms, offset) => {
        const iso = DateTime.fromMillis(ms, { zone: offset === 'Z' ? 'utc' : `UTC${offset}` })
          .toISO({ suppressMilliseconds: true, includeOffset: true })!
          .replace('+00:00', 'Z');
        expect(dayOf(ms)).toBe(reference.dayOf(ms));
        expect(dayOf(iso)).toBe(reference.dayOf(iso));
        expect(vnInstant(iso)).toBe(reference.vnInstant(iso));
        if (ms >= Date.UTC(1976, 0, 1)) expect(viDateTime(iso)).toBe(reference.stamp(iso));
      }),
      { numRuns: 300 },
    );
  });

  it('strings the fast path does not read go to luxon as before: a date-time without an offset is a time in Vietnam', () => {
    expect(dayOf('2026-06-14T23:30:00')).toBe(reference.dayOf('2026-06-14T23:30:00'));
    expect(dayOf('2026-06-14')).toBe('2026-06-14');
    expect(dayOf('2026-02-30T08:00:00+07:00')).toBe(reference.dayOf('2026-02-30T08:00:00+07:00'));
  });
});
