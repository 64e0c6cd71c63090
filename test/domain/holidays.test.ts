import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announcementSchema, parseAnnouncement } from '../../src/calendar/announcement.js';
import { directoryProvider } from '../../src/calendar/announcementDir.js';
import { estimatedCalendarNotices } from '../../src/calendar/estimatedNotice.js';
import { computedYear, isWorkingDay, setAnnouncementProvider, statutoryHolidays, yearCalendar } from '../../src/calendar/holidays.js';
import { STATUTORY_HOLIDAYS } from '../../src/calendar/statutory.js';
import { shiftWorkingDays } from '../../src/calendar/workingDays.js';
import announced2025 from '../../src/calendar/announced/2025.json' with { type: 'json' };
import announced2026 from '../../src/calendar/announced/2026.json' with { type: 'json' };

const dates = (list: { date: string }[]) => list.map((d) => d.date);

describe('announced calendars, day for day against the Government Office documents', () => {
  it('2025 (8726/VPCP-KGVX of 26/11/2024): Tết Mon 27/01–Fri 31/01 with no make-up day; 02/05 swapped with Saturday 26/04; 01/09–02/09', () => {
    const cal = yearCalendar(2025);
    expect(cal).toMatchObject({ announced: true, origin: 'built-in' });
    expect(dates(cal.daysOff)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-09-01',
      '2025-09-02',
    ]);
    expect(dates(cal.workingDays)).toEqual(['2025-04-26']);
    expect(cal.daysOff.find((d) => d.date === '2025-01-27')?.sources).toEqual(['8726/VPCP-KGVX ngày 26/11/2024']);
  });

  it('2026 (12729/VPCP-KGVX of 25/12/2025; 9441/TB-BNV of 16/10/2025): New Year swap 02/01 ↔ Saturday 10/01; Tết 16–20/02; 27/04; 30/04–01/05; 31/08 ↔ Saturday 22/08, 01–02/09', () => {
    const cal = yearCalendar(2026);
    expect(dates(cal.daysOff)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(dates(cal.workingDays)).toEqual(['2026-01-10', '2026-08-22']);
    expect(cal.daysOff.find((d) => d.date === '2026-01-02')?.sources).toEqual(['12729/VPCP-KGVX ngày 25/12/2025']);
    expect(isWorkingDay('2026-01-10')).toBe(true);
    expect(isWorkingDay('2026-01-02')).toBe(false);
  });

  it('every statutory holiday on a weekday of 2025 and 2026, other than Tết (whose days the Prime Minister picks), is in the file', () => {
    for (const year of [2025, 2026]) {
      const off = new Set(dates(yearCalendar(year).daysOff));
      const fixed = statutoryHolidays(year).filter((h) => !h.reason.startsWith('Tết Âm lịch') && !h.reason.includes('liền kề'));
      for (const h of fixed) if (!['6', '7'].includes(String(new Date(`${h.date}T00:00:00Z`).getUTCDay() || 7))) expect(off).toContain(h.date);
    }
  });

  it('the shipped files pass the schema', () => {
    expect(() => parseAnnouncement(announced2025, '2025.json')).not.toThrow();
    expect(() => parseAnnouncement(announced2026, '2026.json')).not.toThrow();
  });
});

describe('the announcement schema', () => {
  const valid = {
    year: 2027,
    documents: [{ ref: '1/VPCP-KGVX', date: '2026-10-15', issuer: 'Văn phòng Chính phủ', title: 'Nghỉ Tết 2027' }],
    daysOff: [{ date: '2027-02-05', reason: 'Tết Âm lịch', sources: ['1/VPCP-KGVX'] }],
    workingDays: [{ date: '2027-02-20', reason: 'Làm bù', sources: ['1/VPCP-KGVX'] }],
  };

  it('accepts a well-formed file', () => {
    expect(announcementSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['a day off on a Saturday', { daysOff: [{ date: '2027-02-06', reason: 'Tết', sources: ['1/VPCP-KGVX'] }] }, 'daysOff.0.date', 'thứ Bảy/Chủ nhật'],
    ['a make-up day on a weekday', { workingDays: [{ date: '2027-02-19', reason: 'Làm bù', sources: ['1/VPCP-KGVX'] }] }, 'workingDays.0.date', 'không phải thứ Bảy/Chủ nhật'],
    ['a day of another year', { daysOff: [{ date: '2026-12-31', reason: 'x', sources: ['1/VPCP-KGVX'] }] }, 'daysOff.0.date', 'không thuộc năm 2027'],
    ['a source not in documents', { daysOff: [{ date: '2027-02-05', reason: 'Tết', sources: ['9/VPCP'] }] }, 'daysOff.0.sources.0', 'không có trong "documents"'],
    ['an entry without a source', { daysOff: [{ date: '2027-02-05', reason: 'Tết', sources: [] }] }, 'daysOff.0.sources', 'văn bản căn cứ'],
    ['a date that does not exist', { daysOff: [{ date: '2027-02-30', reason: 'x', sources: ['1/VPCP-KGVX'] }] }, 'daysOff.0.date', 'không phải ngày có thật'],
  ])('rejects %s, naming the field in Vietnamese', (_what, change, path, message) => {
    expect(() => parseAnnouncement({ ...valid, ...change }, 'lich/2027.json')).toThrow(
      new RegExp(`lich/2027\\.json: ${path.replace(/\./g, '\\.')}: .*${message.replace(/[/"]/g, '.')}`),
    );
  });
});

describe('statutory holidays as data with effective dates (Labour Code 2019 Art. 112)', () => {
  it('24/11 (Ngày Văn hóa Việt Nam) is not a holiday until the law says so', () => {
    expect(STATUTORY_HOLIDAYS.some((h) => h.rule.kind === 'solar' && h.rule.month === 11 && h.rule.day === 24)).toBe(false);
    expect(isWorkingDay('2027-11-24')).toBe(true);
  });

  it('a holiday added from a date applies from that date only (one line of data)', () => {
    const withCultureDay = [
      ...STATUTORY_HOLIDAYS,
      { id: 'van-hoa', name: 'Ngày Văn hóa Việt Nam', rule: { kind: 'solar' as const, month: 11, day: 24 }, from: '2027-01-01', basis: 'luật sửa đổi (giả định)' },
    ];
    expect(dates(computedYear(2026, withCultureDay).daysOff)).not.toContain('2026-11-24');
    // 24/11/2027 is a Wednesday; 24/11/2029 a Saturday, made up on Monday 26/11.
    expect(dates(computedYear(2027, withCultureDay).daysOff)).toContain('2027-11-24');
    expect(dates(computedYear(2029, withCultureDay).daysOff)).toContain('2029-11-26');
  });

  it('the adjacent day of 2/9 exists from 2021 (Labour Code 2019), not under the 2012 code', () => {
    expect(
      statutoryHolidays(2020)
        .filter((h) => h.date.slice(5, 7) === '09')
        .map((h) => h.date),
    ).toEqual(['2020-09-02']);
    expect(
      statutoryHolidays(2021)
        .filter((h) => h.date.slice(5, 7) === '09')
        .map((h) => h.date),
    ).toEqual(['2021-09-02', '2021-09-03']);
  });

  it('each computed day says what it rests on', () => {
    const cal = computedYear(2027);
    expect(cal).toMatchObject({ announced: false, origin: 'statute' });
    expect(cal.daysOff.find((d) => d.date === '2027-01-01')?.sources).toEqual(['Bộ luật Lao động 2019, Điều 112 khoản 1 điểm a']);
    expect(cal.daysOff.find((d) => d.date === '2027-02-10')?.sources).toEqual(['Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù)']);
  });
});

describe('next year’s announcement as a file read at run time', () => {
  let dir: string | null = null;
  afterEach(() => {
    setAnnouncementProvider(null);
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  const file2027 = {
    year: 2027,
    documents: [{ ref: '1234/VPCP-KGVX', date: '2026-10-20', issuer: 'Văn phòng Chính phủ', title: 'Nghỉ Tết Âm lịch 2027 (ví dụ)' }],
    daysOff: [
      { date: '2027-01-01', reason: 'Tết Dương lịch', sources: ['1234/VPCP-KGVX'] },
      ...['2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map((date) => ({ date, reason: 'Tết Âm lịch', sources: ['1234/VPCP-KGVX'] })),
    ],
    workingDays: [{ date: '2027-02-20', reason: 'Làm bù cho thứ Năm 04/02', sources: ['1234/VPCP-KGVX'] }],
  };

  it('a file placed in the directory replaces the statute for its year after the recheck interval; removing it restores the statute', () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-calendar-'));
    let now = 0;
    setAnnouncementProvider(directoryProvider(dir, { recheckMs: 60_000, now: () => now }));
    expect(yearCalendar(2027).origin).toBe('statute');
    expect(isWorkingDay('2027-02-04')).toBe(true);

    writeFileSync(join(dir, '2027.json'), JSON.stringify(file2027));
    now = 59_000; // not yet looked at again
    expect(isWorkingDay('2027-02-04')).toBe(true);
    now = 60_000;
    expect(yearCalendar(2027)).toMatchObject({ origin: 'directory', announced: true });
    expect(isWorkingDay('2027-02-04')).toBe(false);
    expect(isWorkingDay('2027-02-20')).toBe(true);
    expect(isWorkingDay('2027-02-11')).toBe(true); // the statute's compensation day is not in the announcement
    // 3 working days before Friday 12/02/2027 under the announcement: 11/02, 03/02, 02/02.
    expect(shiftWorkingDays('2027-02-12', -3)).toBe('2027-02-02');

    rmSync(join(dir, '2027.json'));
    now = 120_000;
    expect(yearCalendar(2027).origin).toBe('statute');
  });

  it('a file in the directory takes precedence over the shipped one; an invalid file is reported and ignored', () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-calendar-'));
    const errors: string[] = [];
    let now = 0;
    const provider = directoryProvider(dir, { now: () => now, onError: (m) => errors.push(m) });
    setAnnouncementProvider(provider);
    writeFileSync(
      join(dir, '2026.json'),
      JSON.stringify({ ...announced2026, daysOff: [...announced2026.daysOff, { date: '2026-12-24', reason: 'thử', sources: ['9441/TB-BNV'] }] }),
    );
    expect(yearCalendar(2026).origin).toBe('directory');
    expect(isWorkingDay('2026-12-24')).toBe(false);

    writeFileSync(join(dir, '2026.json'), JSON.stringify({ ...announced2026, workingDays: [{ date: '2026-12-23', reason: 'x', sources: ['9441/TB-BNV'] }] }));
    utimesSync(join(dir, '2026.json'), new Date(), new Date(Date.now() + 5000));
    now = 60_000;
    expect(yearCalendar(2026).origin).toBe('built-in');
    expect(isWorkingDay('2026-12-24')).toBe(true);
    expect(errors.join('\n')).toMatch(/2026\.json: workingDays\.0\.date: .*không phải thứ Bảy\/Chủ nhật/);
    expect(provider.problem(2026)).toMatch(/workingDays\.0\.date/);
  });

  it('a file named for one year holding another is refused', () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-calendar-'));
    const errors: string[] = [];
    setAnnouncementProvider(directoryProvider(dir, { onError: (m) => errors.push(m) }));
    writeFileSync(join(dir, '2028.json'), JSON.stringify(file2027));
    expect(yearCalendar(2028).origin).toBe('statute');
    expect(errors[0]).toMatch(/2028\.json: year: tệp 2028\.json ghi năm 2027/);
  });
});

describe('"days off estimated from the statute" notice', () => {
  it('names each year with steps and no announcement, and says when it is usually announced', () => {
    const notices = estimatedCalendarNotices(['2026-12-09T23:59:59+07:00', '2027-01-05', null, '2027-06-15T08:00:00+07:00']);
    expect(notices.map((n) => n.year)).toEqual([2027]);
    expect(notices[0]!.message).toContain('Ngày nghỉ năm 2027 đang được ước tính theo Bộ luật Lao động 2019');
    expect(notices[0]!.message).toContain('tháng 10–12 năm 2026');
    expect(estimatedCalendarNotices(['2025-06-01', '2026-01-01'])).toEqual([]);
  });
});
