/** `dondoc report`: a period's consolidated report as DOCX, XLSX or HTML, written to a file. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { REPORT_FORMATS, type ReportFormat } from '../../consolidation/documents.js';
import { withOps } from '../../runtime/connect.js';
import { reportFile, type ReportSource } from '../../service/reports.js';
import { CliError, printJson, printLines } from '../output.js';

const SOURCES: readonly ReportSource[] = ['sent', 'draft', 'live'];

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .argument('<planId>')
    .requiredOption('--period <P>', 'period (YYYY-H1, YYYY, YYYY-SK, YYYY-TK, DX-...)')
    .option('--format <docx|xlsx|html>', 'file format (default: from the -o extension, else docx)')
    .option('--source <sent|draft|live>', 'sent or draft: the report as emailed; live: rebuilt from the submissions now (default: sent, else draft)')
    .option('-o, --output <FILE>', 'where to write (default: the report file name in the current directory)')
    .option('--json', 'machine-readable output')
    .description('write a period’s consolidated report (Decree 30 DOCX, XLSX annex or HTML preview)')
    .action(async (planId: string, opts: { period: string; format?: string; source?: string; output?: string; json?: boolean }) => {
      const format = (opts.format ?? (opts.output ? extname(opts.output).slice(1).toLowerCase() : '') ?? '') || 'docx';
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format: "${format}" is not one of ${REPORT_FORMATS.join(', ')}`);
      if (opts.source && !SOURCES.includes(opts.source as ReportSource)) throw new CliError(`--source: "${opts.source}" is not one of ${SOURCES.join(', ')}`);
      const file = await withOps(loadConfig(), (ops) => reportFile(ops, planId, opts.period, format as ReportFormat, { source: opts.source as ReportSource | undefined }));
      const path = opts.output ?? file.filename;
      await writeFile(path, file.bytes);
      const out = { path, format, source: file.source, at: file.at, bytes: file.bytes.length };
      if (opts.json) return printJson(out);
      const what = { sent: 'báo cáo đã gửi', draft: 'dự thảo', live: 'tổng hợp đến thời điểm này' }[file.source];
      printLines([`${path}: ${what} kỳ ${opts.period} (${file.at}), ${(file.bytes.length / 1024).toFixed(1)} KiB`]);
    });
}
