/**
 * `dondoc calendar holidays --year YYYY [--json]`: the non-working weekdays and the make-up working days dondoc
 * uses that year, each with what it rests on (an announcement file and its documents, or the statute).
 */
import type { Command } from 'commander';
import { useCalendarDirectory, calendarDirectory } from '../../calendar/announcementDir.js';
import { yearCalendar, type DayNote } from '../../calendar/holidays.js';
import { parseIso, viDate } from '../../calendar/isoDate.js';
import { CliError, printJson, printLines } from '../output.js';

const WEEKDAY_VI = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];

export const weekdayVi = (date: string) => WEEKDAY_VI[parseIso(date).weekday]!;

export const ESTIMATED_NOTE =
  'Chưa có lịch nghỉ công bố cho năm này: ngày nghỉ được ước tính theo Bộ luật Lao động 2019 (Điều 111, 112). Lịch nghỉ Tết và Quốc khánh thường được công bố vào tháng 10–12 năm trước; khi có, đặt tệp YYYY.json vào thư mục lịch.';

export function holidaysOfYear(year: number, dir: string) {
  const provider = useCalendarDirectory(dir);
  const cal = yearCalendar(year);
  const day = (d: DayNote) => ({ date: d.date, weekday: weekdayVi(d.date), reason: d.reason, sources: d.sources });
  return {
    year,
    origin: cal.origin,
    announced: cal.announced,
    estimated: !cal.announced,
    file: cal.file,
    calendarDir: dir,
    problem: provider.problem(year),
    source: cal.source,
    daysOff: cal.daysOff.map(day),
    workingDays: cal.workingDays.map(day),
  };
}

export function registerHolidaysCommand(calendar: Command): void {
  calendar
    .command('holidays')
    .requiredOption('--year <YYYY>', 'the year')
    .option('--json', 'machine-readable output')
    .description('the non-working weekdays and make-up working days of a year, with their source (announcement file or statute)')
    .action((opts: { year: string; json?: boolean }) => {
      const year = Number(opts.year);
      if (!/^\d{4}$/.test(opts.year) || year < 2000 || year > 2100) throw new CliError(`--year: "${opts.year}" không phải năm (YYYY, 2000–2100) / not a year`);
      const h = holidaysOfYear(year, calendarDirectory());
      if (opts.json) return printJson(h);
      const origin =
        h.origin === 'directory' ? `lịch công bố, tệp ${h.file}` : h.origin === 'built-in' ? `lịch công bố có sẵn, tệp ${h.file}` : 'tính theo Bộ luật Lao động 2019 / statute';
      const line = (d: (typeof h.daysOff)[number]) => `  ${d.weekday.padEnd(8)} ${viDate(d.date)}  ${d.reason}  [${d.sources.join('; ')}]`;
      printLines([
        `Năm ${year}: ngày nghỉ và ngày làm bù / non-working and make-up working days (${origin})`,
        ...(h.problem ? [`CẢNH BÁO: tệp lịch trong ${h.calendarDir} không hợp lệ, đã bỏ qua:`, h.problem] : []),
        ...(h.estimated ? [ESTIMATED_NOTE] : []),
        '',
        `Ngày nghỉ trong tuần làm việc / weekdays off (${h.daysOff.length}):`,
        ...h.daysOff.map(line),
        '',
        `Ngày làm bù (thứ Bảy, Chủ nhật làm việc) / weekend days worked (${h.workingDays.length}):`,
        ...(h.workingDays.length ? h.workingDays.map(line) : ['  (không có / none)']),
      ]);
    });
}
