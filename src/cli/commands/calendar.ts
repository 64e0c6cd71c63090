import type { Command } from 'commander';
import { calendarDirectory, useCalendarDirectory } from '../../calendar/announcementDir.js';
import { viDate } from '../../calendar/isoDate.js';
import { loadPlanOrThrow } from '../../plan/load.js';
import { obligationsOfYear } from '../../reporting/obligations.js';
import { CliError, printJson, printLines } from '../output.js';
import { registerHolidaysCommand } from './holidays.js';

const hhmm = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)} ${iso.slice(11, 16)}`;

export function registerCalendarCommand(program: Command): void {
  // `calendar holidays --year`: the subcommand's own --year, not `calendar`'s. Commander hands options after a
  // subcommand to it only with positional options on every ancestor (the program has no options of its own).
  program.enablePositionalOptions();
  const calendar = program
    .command('calendar')
    .enablePositionalOptions()
    .argument('<file>', 'plan file')
    // Not `requiredOption`: Commander checks an ancestor's mandatory options in its subcommands too.
    .option('--year <YYYY>', 'the year (required)')
    .option('--json', 'machine-readable output')
    .description('every obligation of a year: last day, due instant, reminders and escalations (+07:00)')
    .action(async (file: string, opts: { year?: string; json?: boolean }) => {
      if (opts.year === undefined) throw new CliError("required option '--year <YYYY>' not specified");
      useCalendarDirectory(calendarDirectory());
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CliError(`--year: "${opts.year}" is not a year (YYYY)`);
      const plan = await loadPlanOrThrow(file);
      const entries = obligationsOfYear(plan, year);
      if (opts.json) {
        return printJson(
          entries.map((e) => ({
            agencyId: e.agencyId,
            agencyName: e.agencyName,
            answersFor: e.answersFor,
            role: e.role,
            obligationId: e.obligationId,
            period: e.period,
            periodLabel: e.periodLabel,
            kind: e.kind,
            statedText: e.statedText,
            statedLastDay: e.statedLastDay,
            lastDay: e.lastDay,
            dueAt: e.dueAt,
            assumed: e.assumed,
            assumptionNote: e.assumptionNote,
            dataPeriod: e.dataPeriod,
            reminders: e.reminders,
            escalations: e.escalations,
          })),
        );
      }
      if (entries.length === 0) return printLines([`Năm ${year}: không có nghĩa vụ báo cáo nào / no obligations.`]);
      let last = '';
      for (const e of entries) {
        const head = `${e.period} · hạn ${viDate(e.lastDay)}${e.lastDay !== e.statedLastDay ? ` (văn bản: ${viDate(e.statedLastDay)}, lùi theo Điều 148 BLDS)` : ''}${e.assumed ? ' · NGÀY GIẢ ĐỊNH (văn bản không nêu)' : ''}`;
        if (head !== last) printLines(['', head]);
        last = head;
        printLines([
          `  ${e.role === 'standing' ? '★ ' : ''}${e.agencyName}${e.answersFor.length ? ` (thay cho ${e.answersFor.map((a) => a.name).join(', ')})` : ''}`,
          `    nhắc: ${e.reminders.map((r) => hhmm(r.at)).join(', ')} · quá hạn/báo cáo lãnh đạo: ${e.escalations.map((x) => hhmm(x.at)).join(', ')}`,
        ]);
      }
    });
  registerHolidaysCommand(calendar);
}
