import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { formatPlanError, loadPlanFile, loadPlanOrThrow } from '../../plan/load.js';
import { planSchema } from '../../plan/schema.js';
import { showPlan, reportersOf } from '../../plan/normalise.js';
import { printJson, printLines } from '../output.js';

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
        ...p.tasks.map((t) => `  ${t.id.padEnd(10)} chủ trì: ${t.lead.map(name).join(', ') || '—'}${t.cooperating.length ? `; phối hợp: ${t.cooperating.map(name).join(', ')}` : ''}`),
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

  program
    .command('schema')
    .description('write the JSON Schema of plan files (for editors)')
    .option('-o, --output <file>', 'output file (default: stdout)')
    .action(async (opts: { output?: string }) => {
      const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' });
      const text = `${JSON.stringify({ ...schema, title: 'dondoc plan file' }, null, 2)}\n`;
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
