/**
 * `dondoc` command line. Each command prints readable Vietnamese/English text, or JSON with `--json`.
 * User mistakes exit 1 with a message and no stack trace.
 */
import { Command } from 'commander';
import { calendarDirectory, useCalendarDirectory } from '../calendar/announcementDir.js';
import { registerCalendarCommand } from './commands/calendar.js';
import { registerOperateCommands } from './commands/operate.js';
import { registerPlanCommands } from './commands/plan.js';
import { registerReportCommand } from './commands/report.js';
import { registerRoleCommands } from './commands/roles.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerStartCommand } from './commands/start.js';
import { registerUserCommands } from './commands/user.js';
import { CliError } from './output.js';
import { RejectedError } from '../service/operations.js';

// Next year's announced days off, read at run time (README, "Ngày nghỉ"): every command sees the same calendar.
useCalendarDirectory(calendarDirectory());

const program = new Command('dondoc').description('Đôn đốc báo cáo: dispatch, reminders, escalation and consolidation of provincial plans on Temporal').showHelpAfterError();

registerPlanCommands(program);
registerCalendarCommand(program);
registerOperateCommands(program);
registerReportCommand(program);
registerSimulateCommand(program);
registerStartCommand(program);
registerRoleCommands(program);
registerUserCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const e = err as Error;
  if (e instanceof RejectedError) {
    // A refusal: what was refused, then each reason on its own line (Vietnamese, as on the web).
    process.stderr.write(`dondoc: ${e.message.split(': ')[0]} / refused:\n${(e.reasons.length ? e.reasons : [e.message]).map((r) => `  - ${r}`).join('\n')}\n`);
  } else process.stderr.write(`dondoc: ${e instanceof CliError ? e.message : e.message || String(e)}\n`);
  process.exitCode = e instanceof CliError ? e.exitCode : 1;
}
