/**
 * One consolidated report, every form it takes: the DOCX to sign and send, the XLSX annex, the HTML
 * preview and the text of the email. All are rendered from one `ConsolidatedReport`.
 */
import type { Plan } from '../plan/schema.js';
import type { ConsolidatedReport } from './consolidate.js';
import { letterheadOf } from './letterhead.js';
import { reportOutline } from './outline.js';
import { reportDocx } from './renderDocx.js';
import { reportHtml } from './renderHtml.js';
import { reportText } from './renderText.js';
import { reportXlsx } from './renderXlsx.js';

export const REPORT_FORMATS = ['docx', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export interface ReportFiles {
  docx: Buffer;
  xlsx: Buffer;
  html: string;
  text: string;
}

export async function renderReport(plan: Plan, report: ConsolidatedReport): Promise<ReportFiles> {
  const outline = reportOutline(report, letterheadOf(plan, report));
  const [docx, xlsx] = await Promise.all([reportDocx(outline), reportXlsx(report)]);
  return { docx, xlsx, html: reportHtml(outline), text: reportText(outline) };
}

export async function renderReportAs(plan: Plan, report: ConsolidatedReport, format: ReportFormat): Promise<Buffer> {
  const outline = () => reportOutline(report, letterheadOf(plan, report));
  switch (format) {
    case 'docx':
      return reportDocx(outline());
    case 'xlsx':
      return reportXlsx(report);
    case 'html':
      return Buffer.from(reportHtml(outline()), 'utf8');
  }
}

/** "bao-cao-tong-hop-son-la-37-ct-tw-2024-2026.docx": ASCII, so every mail client keeps the name. */
export const reportFileName = (planId: string, period: string, format: ReportFormat, draft = false) => `${draft ? 'du-thao-' : ''}bao-cao-tong-hop-${planId}-${period}.${format}`;
