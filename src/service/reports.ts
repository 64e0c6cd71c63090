/**
 * The consolidated report files of a period, for `dondoc report`, `dondoc status` and the web:
 * the files the cycle stored when it sent (or drafted) the report, or, on request, a fresh rendering
 * of what the agencies have submitted so far.
 */
import { vnInstant } from '../calendar/isoDate.js';
import { consolidate, type ConsolidatedReport } from '../consolidation/consolidate.js';
import { CONTENT_TYPES, renderReportAs, reportFileName, type ReportFormat } from '../consolidation/documents.js';
import type { AgencyStatus, SubmissionRecord } from '../reporting/types.js';
import { submissionsQuery } from '../../workflows/agencyReportWorkflow.js';
import { cycleStateQuery, type CycleState, type ReportRef } from '../../workflows/cycleWorkflow.js';
import { cycleWorkflowId, reportWorkflowId } from '../../workflows/ids.js';
import { RejectedError, type Ops } from './operations.js';
import { resolveSubmission } from './submissions.js';

/** sent: the report as sent to the recipients; draft: the draft; live: rebuilt now from the submissions. */
export type ReportSource = 'sent' | 'draft' | 'live';

export interface ReportFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  source: ReportSource;
  /** When the report's data was taken. */
  at: string;
}

const EXT: Record<ReportFormat, string> = { docx: '.docx', xlsx: '.xlsx', html: '.html' };
const storedId = (ref: ReportRef, format: ReportFormat) => (format === 'html' ? ref.htmlId : format === 'docx' ? ref.docxId : ref.xlsxId);

async function cycleState(ops: Ops, planId: string, period: string): Promise<CycleState> {
  try {
    return await ops.client.workflow.getHandle(cycleWorkflowId(planId, period)).query(cycleStateQuery);
  } catch (err) {
    void err;
    throw new RejectedError(`Không có kỳ ${period} của kế hoạch ${planId} / no such period`, [], true);
  }
}

/** The report as the agencies' workflows stand now: their latest submissions and statuses. */
async function liveReport(ops: Ops, state: CycleState, at: string): Promise<ConsolidatedReport> {
  const plan = await ops.plans.get(state.planRef);
  const submissions: Record<string, SubmissionRecord> = {};
  const statuses: Record<string, AgencyStatus> = {};
  for (const status of state.agencies) {
    statuses[status.agencyId] = status;
    const records = await ops.client.workflow.getHandle(reportWorkflowId(plan.id, state.period, status.agencyId)).query(submissionsQuery);
    const last = records.at(-1);
    if (last) submissions[status.agencyId] = await resolveSubmission(ops.plans.store, last);
  }
  return consolidate({ plan, cycle: state.cycle, submissions, statuses, mode: 'draft', at });
}

export async function reportFile(ops: Ops, planId: string, period: string, format: ReportFormat, opts: { source?: ReportSource; now?: () => Date } = {}): Promise<ReportFile> {
  const state = await cycleState(ops, planId, period);
  const wanted = opts.source;
  const ref = wanted === 'live' ? null : wanted === 'draft' ? state.draft : wanted === 'sent' ? state.sent : (state.sent ?? state.draft);
  if (wanted && wanted !== 'live' && !ref)
    throw new RejectedError(
      `Kỳ ${period} của kế hoạch ${planId} chưa có ${wanted === 'sent' ? 'báo cáo tổng hợp đã gửi' : 'dự thảo'} (dùng --source live / ?source=live để xem báo cáo theo số liệu hiện có)`,
      [],
      true,
    );
  const plan = await ops.plans.get(state.planRef);
  const store = ops.plans.store;

  if (ref) {
    const source: ReportSource = ref === state.sent ? 'sent' : 'draft';
    const filename = reportFileName(plan.id, period, format, source === 'draft');
    const id = storedId(ref, format);
    // The stored bytes are what was emailed; reports from before the documents existed are rendered now.
    const bytes =
      id && (await store.has(id, EXT[format]))
        ? await store.get(id, EXT[format])
        : await renderReportAs(plan, JSON.parse((await store.get(ref.reportId, '.report.json')).toString('utf8')) as ConsolidatedReport, format);
    return { filename, contentType: CONTENT_TYPES[format], bytes, source, at: ref.at };
  }
  const at = vnInstant(opts.now?.() ?? new Date());
  const report = await liveReport(ops, state, at);
  return { filename: reportFileName(plan.id, period, format, true), contentType: CONTENT_TYPES[format], bytes: await renderReportAs(plan, report, format), source: 'live', at };
}
