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
    .option(
      '--submit <agencyId=ontime|late:n|never|empty...>',
      'how agencies behave (default: on time); empty: an empty report tried on time, which must be refused',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--outage <smtp:FROM/TO...>',
      'mail cannot be delivered in that interval (ISO instants, +07:00), e.g. smtp:2026-06-12T17:00+07:00/2026-06-16T09:00+07:00',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--extend <agencyId@INSTANT=YYYY-MM-DD...>', 'the standing agency grants an extension at that instant', (v: string, prev: string[] = []) => [...prev, v])
    .option(
      '--bounce <agencyId=focal|head...>',
      "that contact's address bounces (the catcher answers with a permanent 5.1.1 DSN to the bounce endpoint)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--open <agencyId@INSTANT...>',
      'the agency opens its personal link at that instant (proof of notice), e.g. so-tai-chinh@2026-06-23T10:00+07:00',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--no-approve', 'do not approve drafts (the consolidated report is then not sent)')
    .option('--data-dir <DIR>', 'where the simulation stores its files (report DOCX/XLSX/HTML…); default: a new temporary directory')
    .option('--json', 'machine-readable output')
    .description('run the real workflows on the time-skipping server with a real SMTP catcher; print the email timeline')
    .action(
      async (
        file: string,
        opts: {
          from: string;
          to: string;
          submit?: string[];
          outage?: string[];
          extend?: string[];
          bounce?: string[];
          open?: string[];
          approve: boolean;
          dataDir?: string;
          json?: boolean;
        },
      ) => {
        for (const [k, v] of [
          ['--from', opts.from],
          ['--to', opts.to],
        ] as const) {
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
        const outages = (opts.outage ?? []).map(parseOutage);
        const extensions = (opts.extend ?? []).map(parseExtend);
        for (const x of extensions)
          if (!plan.agencies.some((a) => a.id === x.agencyId)) throw new CliError(`--extend: unknown agency "${x.agencyId}" in ${file} / không có cơ quan này trong kế hoạch`);
        const bounces = (opts.bounce ?? []).map(parseBounce);
        const opens = (opts.open ?? []).map(parseOpen);
        for (const x of [...bounces, ...opens])
          if (!plan.agencies.some((a) => a.id === x.agencyId)) throw new CliError(`unknown agency "${x.agencyId}" in ${file} / không có cơ quan này trong kế hoạch`);
        const result = await simulate({
          plan,
          from: opts.from,
          to: opts.to,
          submit,
          outages,
          extensions,
          bounces,
          opens,
          approve: opts.approve,
          dataDir: opts.dataDir,
          onProgress: opts.json ? undefined : (m) => process.stderr.write(`\r${m}   `),
        });
        if (opts.json) {
          const { messages: _m, cycles: _c, ...rest } = result;
          return printJson(rest);
        }
        process.stderr.write('\n');
        printLines(result.emails.map((e) => `${e.at.slice(0, 16).replace('T', ' ')}  ${e.kind.padEnd(12)} ${(e.agencyId ?? '').padEnd(36)} ${e.subject}`));
        if (result.rejected.length) printLines(['', ...result.rejected.map((r) => `Bị từ chối / rejected: ${r.agencyId} ${r.period} ${r.at}: ${r.reasons.join('; ')}`)]);
        if (result.proof.length) {
          printLines([
            '',
            ...result.proof.map(
              (p) =>
                `Chứng cứ đã báo / proof of notice: ${p.agencyId} ${p.period}: ${p.proven ? `đã báo được (${p.provenAt})` : 'chưa có thư nào đến được'}` +
                `${p.unreachable.length ? ` · không liên lạc được: ${p.unreachable.join(', ')}` : ''}` +
                `${p.fallbacks.length ? ` · đã thử địa chỉ khác: ${p.fallbacks.map((f) => `${f.address} (${f.contactRole})`).join(', ')}` : ''}` +
                `${p.waitingSince ? ` · leo thang tạm dừng từ ${p.waitingSince}` : ''}`,
            ),
          ]);
        }
        printLines(['', `Workflows: ${result.workflows.completed} xong / completed, ${result.workflows.running} đang chạy / running, ${result.workflows.failed} lỗi / failed`]);
        printLines([
          '',
          ...result.reports.map((r) => `Kỳ ${r.period}: dự thảo ${r.draftAt ?? '—'} · gửi ${r.sentAt ?? 'chưa gửi'}${r.docx ? `\n  ${r.docx}\n  ${r.xlsx}\n  ${r.html}` : ''}`),
        ]);
      },
    );
}

/** An instant with an explicit offset: `2026-06-12T17:00+07:00` (seconds optional). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})$/;

function parseOutage(spec: string): { from: string; to: string } {
  const m = /^smtp:([^/]+)\/(.+)$/.exec(spec.trim());
  if (!m || !INSTANT.test(m[1]!) || !INSTANT.test(m[2]!) || Number.isNaN(Date.parse(m[1]!)) || Number.isNaN(Date.parse(m[2]!))) {
    throw new CliError(`--outage "${spec}": expected smtp:<from>/<to> with ISO instants, e.g. smtp:2026-06-12T17:00+07:00/2026-06-16T09:00+07:00 / cần dạng smtp:<từ>/<đến>`);
  }
  if (Date.parse(m[2]!) <= Date.parse(m[1]!)) throw new CliError(`--outage "${spec}": the end is not after the start / thời điểm kết thúc phải sau thời điểm bắt đầu`);
  return { from: m[1]!, to: m[2]! };
}

function parseExtend(spec: string): { agencyId: string; at: string; lastDay: string } {
  const m = /^([a-z0-9.-]+)@([^=]+)=(\d{4}-\d{2}-\d{2})$/.exec(spec.trim());
  if (!m || !INSTANT.test(m[2]!) || Number.isNaN(Date.parse(m[2]!)) || !isoDate.safeParse(m[3]).success) {
    throw new CliError(`--extend "${spec}": expected <agencyId>@<instant>=<YYYY-MM-DD>, e.g. so-y-te@2026-06-16T10:00+07:00=2026-06-19 / cần dạng <mã cơ quan>@<thời điểm>=<ngày>`);
  }
  return { agencyId: m[1]!, at: m[2]!, lastDay: m[3]! };
}

function parseBounce(spec: string): { agencyId: string; role: 'focal' | 'head' } {
  const m = /^([a-z0-9.-]+)=(focal|head)$/.exec(spec.trim());
  if (!m) throw new CliError(`--bounce "${spec}": expected <agencyId>=focal|head, e.g. so-tai-chinh=focal / cần dạng <mã cơ quan>=focal (đầu mối) hoặc head (thủ trưởng)`);
  return { agencyId: m[1]!, role: m[2] as 'focal' | 'head' };
}

function parseOpen(spec: string): { agencyId: string; at: string } {
  const m = /^([a-z0-9.-]+)@(.+)$/.exec(spec.trim());
  if (!m || !INSTANT.test(m[2]!) || Number.isNaN(Date.parse(m[2]!))) {
    throw new CliError(`--open "${spec}": expected <agencyId>@<instant>, e.g. so-tai-chinh@2026-06-23T10:00+07:00 / cần dạng <mã cơ quan>@<thời điểm>`);
  }
  return { agencyId: m[1]!, at: new Date(Date.parse(m[2]!)).toISOString() };
}
