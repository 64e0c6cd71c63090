import type { Command } from 'commander';
import { installRuntimeLogging } from '../../runtime/logging.js';
import { isoDate } from '../../plan/schema.js';
import { loadPlanOrThrow } from '../../plan/load.js';
import { simulate } from '../../simulate/simulate.js';
import { parseSubmitOption, type SubmitBehaviour } from '../../simulate/script.js';
import { CliError, printJson, printLines } from '../output.js';

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .argument('<file>', 'plan file')
    .requiredOption('--from <YYYY-MM-DD>')
    .requiredOption('--to <YYYY-MM-DD>')
    .option('--submit <agencyId=ontime|late:n|never...>', 'how agencies behave (default: on time)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--no-approve', 'do not approve drafts (the consolidated report is then not sent)')
    .option('--data-dir <DIR>', 'where the simulation stores its files (report DOCX/XLSX/HTML…); default: a new temporary directory')
    .option('--json', 'machine-readable output')
    .description('run the real workflows on the time-skipping server with a real SMTP catcher; print the email timeline')
    .action(async (file: string, opts: { from: string; to: string; submit?: string[]; approve: boolean; dataDir?: string; json?: boolean }) => {
      for (const [k, v] of [['--from', opts.from], ['--to', opts.to]] as const) {
        if (!isoDate.safeParse(v).success) throw new CliError(`${k}: "${v}" is not a date YYYY-MM-DD`);
      }
      if (opts.to < opts.from) throw new CliError('--to is before --from');
      installRuntimeLogging();
      const plan = await loadPlanOrThrow(file);
      const submit: Record<string, SubmitBehaviour> = {};
      for (const spec of opts.submit ?? []) {
        let parsed: [string, SubmitBehaviour];
        try {
          parsed = parseSubmitOption(spec);
        } catch (err) {
          throw new CliError((err as Error).message);
        }
        if (!plan.agencies.some((a) => a.id === parsed[0])) throw new CliError(`--submit: unknown agency "${parsed[0]}" in ${file}`);
        submit[parsed[0]] = parsed[1];
      }
      const result = await simulate({ plan, from: opts.from, to: opts.to, submit, approve: opts.approve, dataDir: opts.dataDir, onProgress: opts.json ? undefined : (m) => process.stderr.write(`\r${m}   `) });
      if (opts.json) {
        const { messages: _m, cycles: _c, ...rest } = result;
        return printJson(rest);
      }
      process.stderr.write('\n');
      printLines(result.emails.map((e) => `${e.at.slice(0, 16).replace('T', ' ')}  ${e.kind.padEnd(12)} ${(e.agencyId ?? '').padEnd(36)} ${e.subject}`));
      printLines(['', ...result.reports.map((r) => `Kỳ ${r.period}: dự thảo ${r.draftAt ?? '—'} · gửi ${r.sentAt ?? 'chưa gửi'}${r.docx ? `\n  ${r.docx}\n  ${r.xlsx}\n  ${r.html}` : ''}`)]);
    });
}
