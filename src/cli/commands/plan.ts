import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatPlanError, loadPlanFile, loadPlanOrThrow } from '../../plan/load.js';
import { announcementSchema } from '../../calendar/announcement.js';
import { planSchema } from '../../plan/schema.js';
import { showPlan, reportersOf } from '../../plan/normalise.js';
import { importPlan } from '../../import/importPlan.js';
import { renderDraftYaml } from '../../import/render.js';
import { readSource, SourceError, type SourceText } from '../../import/sources.js';
import { summarise } from '../../import/summary.js';
import { CliError, printJson, printLines } from '../output.js';

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('kiểm tra và xem tệp kế hoạch / validate and show plan files');

  plan
    .command('validate')
    .argument('<files...>', 'plan files (YAML)')
    .option('--json', 'machine-readable output')
    .description('validate plan files: exit 0 when all are valid, else every error with file, field and reason')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const results = await Promise.all(files.map((f) => loadPlanFile(f)));
      const failed = results.filter((r) => !r.ok);
      if (opts.json) {
        printJson({
          valid: failed.length === 0,
          files: results.map((r) => (r.ok ? { file: r.file, valid: true, planId: r.plan.id } : { file: r.file, valid: false, errors: r.errors })),
        });
      } else {
        for (const r of results) {
          if (r.ok) printLines([`✓ ${r.file}: hợp lệ / valid (${r.plan.id})`]);
          else printLines([`✗ ${r.file}: ${r.errors.length} lỗi / error(s)`, ...r.errors.map((e) => `  ${formatPlanError(e)}`)]);
        }
      }
      if (failed.length > 0) process.exitCode = 1;
    });

  plan
    .command('show')
    .argument('<file>', 'plan file')
    .option('--json', 'machine-readable output')
    .description('print the normalised plan: agencies with ids and names, tasks, targets, obligations')
    .action(async (file: string, opts: { json?: boolean }) => {
      const p = await loadPlanOrThrow(file);
      if (opts.json) return printJson(showPlan(p));
      const name = (id: string) => p.agencies.find((a) => a.id === id)?.name ?? id;
      printLines([
        `${p.document.title}`,
        `Số: ${p.document.number ?? '(chưa có số)'} · ${p.document.issuer} · ${p.document.issuedOn ?? '(chưa có ngày)'}`,
        `Cơ quan thường trực: ${name(p.standingAgency)}`,
        '',
        `Cơ quan (${p.agencies.length}):`,
        ...p.agencies.map((a) => `  ${a.id.padEnd(34)} ${a.name}`),
        '',
        `Nhiệm vụ (${p.tasks.length}):`,
        ...p.tasks.map(
          (t) => `  ${t.id.padEnd(10)} chủ trì: ${t.lead.map(name).join(', ') || '—'}${t.cooperating.length ? `; phối hợp: ${t.cooperating.map(name).join(', ')}` : ''}`,
        ),
        '',
        `Chỉ tiêu (${p.targets.length}):`,
        ...p.targets.map((t) => `  ${t.label} ${t.comparison} ${t.value}${t.unit === '%' ? '%' : ` ${t.unit}`} (${t.year})`),
        '',
        'Chế độ báo cáo:',
        ...p.reporting.obligations.map(
          (o) =>
            `  ${o.id}: ${o.frequency}, ${reportersOf(p, o).length} cơ quan → ${o.to.join(', ')}${o.assumed ? ' [NGÀY GIẢ ĐỊNH / assumed]' : ''}\n    “${o.statedText ?? '(văn bản không nêu)'}”`,
        ),
      ]);
    });

  plan
    .command('import')
    .argument('<file>', 'the plan or official letter: .docx, .pdf (with a text layer), .txt or .md (UTF-8)')
    .option('-o, --output <file>', 'write the draft plan (YAML) here instead of stdout')
    .option('--json', 'print { ok, plan, warnings, evidence, summary } (or { ok: false, reason, warnings, evidence })')
    .description('draft a plan file from the text of a plan: exit 0 with a draft, 1 if the file cannot be read (or is a scan without text), 3 if the text is not a plan')
    .action(async (file: string, opts: { output?: string; json?: boolean }) => {
      let source: SourceText;
      try {
        source = await readSource(file);
      } catch (err) {
        if (err instanceof SourceError) {
          if (opts.json) printJson({ ok: false, reason: err.reason, code: err.code, warnings: [], evidence: [] });
          throw new CliError(`${file}: ${err.reason}`, 1);
        }
        throw err;
      }
      const result = importPlan(source.text, { source: basename(file) });
      if (!result.ok) {
        if (opts.json) printJson(result);
        else printLines([`✗ ${file}: ${result.reason}`, ...result.warnings.map((w) => `  [${w.code}] ${w.message}`)]);
        process.exitCode = 3;
        return;
      }
      const summary = summarise(result.plan, result.warnings);
      if (opts.json) return printJson({ ...result, summary });
      const yaml = renderDraftYaml(result.plan, result.warnings, result.evidence, summary.line);
      if (opts.output) await writeFile(opts.output, yaml);
      else process.stdout.write(yaml);
      process.stderr.write(`✓ ${opts.output ?? file}: bản nháp ${result.plan.id} (${source.format}): ${summary.line}\n`);
    });

  program
    .command('schema')
    .description('write the JSON Schema of plan files, or with --calendar of announced-calendar files (for editors)')
    .option('-o, --output <file>', 'output file (default: stdout)')
    .option('--calendar', 'the schema of announced-calendar files (calendar/YYYY.json)')
    .action(async (opts: { output?: string; calendar?: boolean }) => {
      const [source, title] = opts.calendar ? [announcementSchema, 'dondoc announced calendar (YYYY.json)'] : [planSchema, 'dondoc plan file'];
      const schema = z.toJSONSchema(source, { io: 'input', unrepresentable: 'any' });
      const text = `${JSON.stringify({ ...schema, title }, null, 2)}\n`;
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
