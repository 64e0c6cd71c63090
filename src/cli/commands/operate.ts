import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { viDate } from '../../calendar/isoDate.js';
import { loadPlanOrThrow } from '../../plan/load.js';
import { withOps } from '../../runtime/connect.js';
import { statusWithDeliveries } from '../../runtime/statusDeliveries.js';
import { MESSAGE_STATE_LABEL, type NoticeMessage } from '../../mail/noticeState.js';
import { agencyLink, approveReport, decideExtension, exempt, planStatus, reportAsItArises, requestAdhoc, startPlan, submitReport } from '../../service/operations.js';
import { CliError, printJson, printLines } from '../output.js';
import { checkFile, storeFiles } from '../../web/uploads.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../edge/limits.js';
import type { ContentStore } from '../../storage/contentStore.js';
import { parseViDate } from '../../edge/dates.js';
import { MAX_JSON_BODY_BYTES } from '../../edge/limits.js';
import { formatViNumber } from '../../edge/viNumber.js';

/**
 * A report file as JSON, refused before it is read when larger than an HTTP body may be; the
 * operation then checks it against the same edge schema as the API and the portal.
 */
async function readReportFile(file: string): Promise<unknown> {
  try {
    const { size } = await stat(file);
    if (size > MAX_JSON_BODY_BYTES) throw new CliError(`${file}: tệp quá lớn / file too large (${formatViNumber(size)} byte, tối đa / max ${formatViNumber(MAX_JSON_BODY_BYTES)})`);
    return JSON.parse((await readFile(file, 'utf8')).normalize('NFC'));
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${file}: không đọc được báo cáo JSON / cannot read the JSON report: ${(err as Error).message}`);
  }
}

/** --until as YYYY-MM-DD or dd/mm/yyyy; left as typed when neither, for the schema to refuse with its reason. */
const day = (s: string | undefined) => (s === undefined ? undefined : (parseViDate(s) ?? s));

const STATE_VI: Record<string, string> = {
  pending: 'chưa đến hạn / chờ báo cáo',
  submitted: 'đã báo cáo đúng hạn',
  'submitted-late': 'đã báo cáo (chậm)',
  exempted: 'được miễn',
  overdue: 'quá hạn',
};

export function registerOperateCommands(program: Command): void {
  const plan = program.commands.find((c) => c.name() === 'plan')!;
  plan
    .command('start')
    .argument('<files...>', 'plan files')
    .option('--json', 'machine-readable output')
    .description('start running plans (idempotent; a changed file amends the running plan)')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const plans = await Promise.all(files.map((f) => loadPlanOrThrow(f)));
      const results = await withOps(loadConfig(), (ops) => Promise.all(plans.map((p) => startPlan(ops, p))));
      if (opts.json) return printJson(results);
      printLines(
        results.map((r) => `${r.workflowId}: ${r.started ? 'đã khởi chạy / started' : r.amended ? 'đã cập nhật phiên bản / amended' : 'đang chạy, không đổi / already running'}`),
      );
    });

  program
    .command('status')
    .argument('<planId>')
    .option('--period <P>', 'period (YYYY-Mmm, YYYY-Qn, YYYY-H1, YYYY-9M, YYYY, YYYY-SK, YYYY-TK, DX-...)')
    .option('--json', 'machine-readable output')
    .description('per agency: state, submitted at, revisions, reminders sent, escalation level')
    .action(async (planId: string, opts: { period?: string; json?: boolean }) => {
      const config = loadConfig();
      const s = await statusWithDeliveries(config, await withOps(config, (ops) => planStatus(ops, planId, opts.period)));
      if (opts.json) return printJson(s);
      printLines([
        `Kế hoạch ${planId} · các kỳ: ${s.periods.join(', ') || '—'}${s.nextCycle ? ` · kỳ tới: ${s.nextCycle.period} (hạn ${viDate(s.nextCycle.dueAt.slice(0, 10))})` : ''}`,
      ]);
      for (const a of s.assumptions) printLines([`  ⚠ NGÀY GIẢ ĐỊNH (${a.obligationId}): ${a.note}`]);
      for (const n of s.calendarNotices) printLines([`  ⚠ LỊCH NGHỈ ƯỚC TÍNH: ${n.message}`]);
      for (const c of s.cycles) {
        printLines(['', `Kỳ ${c.period} · ${c.phase}${c.sent ? ` · đã gửi báo cáo tổng hợp ${c.sent.at}` : c.draft ? ` · dự thảo ${c.draft.at}` : ''}`]);
        if (c.reports)
          printLines([
            `  Tệp báo cáo (${c.reports.source === 'sent' ? 'đã gửi' : 'dự thảo'}): dondoc report ${planId} --period ${c.period} --format docx|xlsx|html · web: ${c.reports.docx}`,
          ]);
        for (const a of [...c.agencies, ...(c.standing ? [c.standing] : [])]) {
          const mails = (a as { deliveries?: NoticeMessage[] }).deliveries;
          const bounced = [...new Set(mails?.flatMap((m) => m.bouncedAddresses) ?? [])];
          const last = mails?.at(-1);
          printLines([
            `  ${a.role === 'standing' ? '★ ' : ''}${a.agencyId.padEnd(40)} ${STATE_VI[a.state] ?? a.state}${a.submittedAt ? ` ${a.submittedAt}` : ''}${a.revisions > 1 ? ` (${a.revisions} lần)` : ''} · nhắc ${a.remindersSent.length} lần${a.escalationLevel ? ` · ${a.escalationLevel}` : ''}${last ? ` · thư gần nhất: ${MESSAGE_STATE_LABEL[last.state]}` : ''}${bounced.length ? ` · bị trả lại: ${bounced.join(', ')}` : ''}`,
          ]);
        }
      }
    });

  program
    .command('link')
    .argument('<planId>')
    .requiredOption('--period <P>')
    .requiredOption('--agency <agencyId>')
    .option('--resend', 'email the link to the agency again')
    .option('--json', 'machine-readable output')
    .description("an agency's personal submission link for a period (to copy, or --resend by email) / đường dẫn nộp báo cáo của cơ quan")
    .action(async (planId: string, opts: { period: string; agency: string; resend?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const links = { publicUrl: config.PUBLIC_URL, linkSecret: config.LINK_SECRET, linkValidityDays: config.LINK_VALIDITY_DAYS };
      const r = await withOps(config, (ops) => agencyLink(ops, links, planId, opts.period, opts.agency, { resend: opts.resend, by: 'cli' }));
      if (opts.json) return printJson(r);
      printLines([r.url, `  hạn nộp / last day: ${viDate(r.lastDay)} · hiệu lực đến / valid until: ${r.expiresAt}${r.resent ? ' · đã gửi lại qua thư / resent by email' : ''}`]);
    });

  program
    .command('submit')
    .argument('<planId>')
    .requiredOption('--period <P>')
    .requiredOption('--agency <agencyId>')
    .requiredOption('--file <report.json>')
    .option('--json', 'machine-readable output')
    .description('submit an agency report (validated before it is recorded)')
    .action(async (planId: string, opts: { period: string; agency: string; file: string; json?: boolean }) => {
      const raw = await readReportFile(opts.file);
      const r = await withOps(loadConfig(), (ops) => submitReport(ops, planId, opts.period, opts.agency, raw));
      if (opts.json) return printJson(r);
      printLines([`Đã ghi nhận báo cáo lần ${r.revision} lúc ${r.submittedAt}${r.late ? ' (chậm hạn)' : ''}.`]);
    });

  program
    .command('extend')
    .argument('<planId>')
    .requiredOption('--period <P>')
    .requiredOption('--agency <agencyId>')
    .option('--until <YYYY-MM-DD>', 'the new last day (approve)')
    .option('--refuse', 'refuse the extension request')
    .requiredOption('--reason <text>')
    .option('--json', 'machine-readable output')
    .description("approve (with --until) or refuse an agency's extension")
    .action(async (planId: string, opts: { period: string; agency: string; until?: string; refuse?: boolean; reason: string; json?: boolean }) => {
      if (!opts.refuse && !opts.until) throw new CliError('hãy cho --until YYYY-MM-DD để chấp thuận, hoặc --refuse để từ chối / give --until YYYY-MM-DD to approve, or --refuse');
      if (opts.refuse && opts.until) throw new CliError('--until và --refuse không đi cùng nhau / --until and --refuse exclude each other');
      const decision = { approved: !opts.refuse, ...(opts.refuse ? {} : { lastDay: day(opts.until) }), reason: opts.reason };
      const r = await withOps(loadConfig(), (ops) => decideExtension(ops, planId, opts.period, opts.agency, decision));
      if (opts.json) return printJson(r);
      printLines([opts.refuse ? 'Đã từ chối gia hạn.' : `Đã gia hạn đến ${viDate(r.lastDay)}.`]);
    });

  program
    .command('exempt')
    .argument('<planId>')
    .requiredOption('--period <P>')
    .requiredOption('--agency <agencyId>')
    .requiredOption('--reason <text>')
    .option('--json', 'machine-readable output')
    .description('release an agency from a period (its reminders stop)')
    .action(async (planId: string, opts: { period: string; agency: string; reason: string; json?: boolean }) => {
      const r = await withOps(loadConfig(), (ops) => exempt(ops, planId, opts.period, opts.agency, opts.reason));
      if (opts.json) return printJson(r);
      printLines([`Đã miễn báo cáo kỳ ${opts.period} cho ${opts.agency}.`]);
    });

  program
    .command('approve')
    .argument('<planId>')
    .requiredOption('--period <P>')
    .option('--by <name>', 'who approves')
    .option('--docx <file>', 'a Word file edited over the draft: sent as the report in place of the generated one')
    .option('--json', 'machine-readable output')
    .description('approve the draft consolidated report: it is sent to the recipients')
    .action(async (planId: string, opts: { period: string; by?: string; docx?: string; json?: boolean }) => {
      const r = await withOps(loadConfig(), async (ops) =>
        approveReport(ops, planId, opts.period, opts.by, undefined, opts.docx ? await editedDocx(ops.plans.store, opts.docx) : undefined),
      );
      if (opts.json) return printJson(r);
      printLines([`Đã gửi báo cáo tổng hợp kỳ ${opts.period} lúc ${r.sent?.at ?? '?'}.`]);
    });

  program
    .command('report-issue')
    .argument('<planId>')
    .requiredOption('--agency <agencyId>')
    .requiredOption('--file <report.json>', 'the report (difficulties, recommendations...); its period is set for it')
    .option('--subject <text>', 'what it is about', 'Phản ánh khó khăn, vướng mắc')
    .option('--json', 'machine-readable output')
    .description('an agency reports of its own accord (e.g. difficulties as they arise): an ad-hoc period is opened for it')
    .action(async (planId: string, opts: { agency: string; file: string; subject: string; json?: boolean }) => {
      const raw = await readReportFile(opts.file);
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
      const r = await withOps(loadConfig(), (ops) => reportAsItArises(ops, planId, opts.agency, raw, today, opts.subject));
      if (opts.json) return printJson(r);
      printLines([`Đã ghi nhận phản ánh (kỳ ${r.period}) lúc ${r.submittedAt}.`]);
    });

  program
    .command('adhoc')
    .argument('<planId>')
    .requiredOption('--agencies <ids>', 'comma-separated agency ids')
    .requiredOption('--until <YYYY-MM-DD>', 'last day')
    .requiredOption('--subject <text>', 'what the report is about')
    .option('--json', 'machine-readable output')
    .description('request an ad-hoc report (báo cáo đột xuất) from chosen agencies')
    .action(async (planId: string, opts: { agencies: string; until: string; subject: string; json?: boolean }) => {
      const r = await withOps(loadConfig(), (ops) =>
        requestAdhoc(ops, planId, {
          agencyIds: opts.agencies
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          lastDay: day(opts.until),
          subject: opts.subject,
        }),
      );
      if (opts.json) return printJson(r);
      printLines([`Đã yêu cầu báo cáo đột xuất: kỳ ${r.period}.`]);
    });
}

/** An edited report given to `approve --docx`: checked by content like an upload, then filed in the content store. */
async function editedDocx(store: ContentStore, path: string) {
  const size = (await stat(path).catch(() => null))?.size;
  if (size === undefined) throw new CliError(`--docx ${path}: không đọc được tệp`);
  const buf = size > MAX_ATTACHMENT_BYTES ? Buffer.alloc(0) : await readFile(path);
  const checked = await checkFile({ filename: basename(path), buf, truncated: size > MAX_ATTACHMENT_BYTES });
  if (typeof checked === 'string') throw new CliError(`--docx: ${checked}`);
  if (checked.contentType !== ATTACHMENT_TYPES.docx) throw new CliError(`--docx: ${checked.name}: chỉ nhận tệp Word (.docx)`);
  await storeFiles(store, [checked]);
  return { sha256: checked.sha256, name: checked.name, size: checked.size };
}
