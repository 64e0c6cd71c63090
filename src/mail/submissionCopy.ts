/**
 * A submission as it was sent, for the receipt: each task's status, progress and result, the targets'
 * values, the narrative, difficulties and recommendations, the attached files, who sent it. One model;
 * the receipt's HTML and text and the attached DOCX (submissionDocx.ts) render it. Pure.
 */
import { taskCaption } from '../consolidation/consolidate.js';
import { num, TASK_STATUS_VI, withUnit } from '../consolidation/labels.js';
import { escapeHtml } from '../html/escape.js';
import type { Plan } from '../plan/schema.js';
import { viDateTime } from '../reporting/dates.js';
import type { SubmissionPayload } from '../reporting/types.js';

export interface SubmissionCopy {
  agencyName: string;
  periodLabel: string;
  revision: number;
  submittedAt: string;
  late: boolean;
  submittedBy: { name: string | null; email: string | null };
  tasks: { section: string; caption: string; status: string; progress: string; result: string }[];
  targets: { label: string; value: string; note: string }[];
  narrative: string;
  difficulties: string;
  recommendations: string;
  attachments: string[];
}

export function submissionCopy(
  plan: Plan,
  s: { agencyName: string; periodLabel: string; revision: number; submittedAt: string; late: boolean; payload: SubmissionPayload },
): SubmissionCopy {
  const p = s.payload;
  return {
    agencyName: s.agencyName,
    periodLabel: s.periodLabel,
    revision: s.revision,
    submittedAt: s.submittedAt,
    late: s.late,
    submittedBy: { name: p.submittedBy?.name?.trim() || null, email: p.submittedBy?.email?.trim() || null },
    tasks: p.tasks.map((r) => {
      const task = plan.tasks.find((t) => t.id === r.taskId);
      return {
        section: task?.section ?? r.taskId,
        caption: task ? taskCaption(task) : r.taskId,
        status: TASK_STATUS_VI[r.status],
        progress: r.progress === undefined ? '' : `${num(r.progress)}%`,
        result: r.result.trim(),
      };
    }),
    targets: p.targets.map((v) => {
      const t = plan.targets.find((x) => x.id === v.targetId);
      return { label: t?.label ?? v.targetId, value: t ? withUnit(v.value, t.unit) : num(v.value), note: v.note?.trim() ?? '' };
    }),
    narrative: p.narrative.trim(),
    difficulties: p.difficulties.trim(),
    recommendations: p.recommendations.trim(),
    attachments: p.attachments.map((a) => a.name),
  };
}

const NONE = '(không ghi)';
const esc = escapeHtml;
/** Line breaks the reporter typed survive in HTML. */
const multiline = (s: string) => (s ? esc(s).replace(/\r?\n/g, '<br>') : `<em>${NONE}</em>`);

export function submissionCopyText(c: SubmissionCopy): string[] {
  return [
    `BẢN BÁO CÁO ĐÃ GỬI (lần ${c.revision}, ${viDateTime(c.submittedAt)}${c.late ? ', chậm hạn' : ''})`,
    ...(c.submittedBy.name || c.submittedBy.email ? [`Người gửi: ${[c.submittedBy.name, c.submittedBy.email].filter(Boolean).join(', ')}`] : []),
    '',
    'Kết quả thực hiện nhiệm vụ:',
    ...(c.tasks.length ? c.tasks.map((t) => `  - ${t.section} ${t.caption}: ${t.status}${t.progress ? ` (${t.progress})` : ''}. ${t.result}`) : ['  (không báo cáo nhiệm vụ nào)']),
    ...(c.targets.length ? ['', 'Chỉ tiêu:', ...c.targets.map((t) => `  - ${t.label}: ${t.value}${t.note ? ` (${t.note})` : ''}`)] : []),
    '',
    `Tình hình chung: ${c.narrative || NONE}`,
    `Khó khăn, vướng mắc: ${c.difficulties || NONE}`,
    `Kiến nghị, đề xuất: ${c.recommendations || NONE}`,
    ...(c.attachments.length ? [`Tệp đính kèm: ${c.attachments.join(', ')}`] : []),
  ];
}

const th = 'border:1px solid #999;padding:4px 6px;background:#eef2f7;text-align:left;font-weight:bold';
const td = 'border:1px solid #999;padding:4px 6px;vertical-align:top';

export function submissionCopyHtml(c: SubmissionCopy): string {
  return [
    `<h2 style="font-size:14pt;margin:16pt 0 6pt">Bản báo cáo đã gửi (lần ${c.revision}, ${esc(viDateTime(c.submittedAt))}${c.late ? ', chậm hạn' : ''})</h2>`,
    ...(c.submittedBy.name || c.submittedBy.email ? [`<p>Người gửi: ${esc([c.submittedBy.name, c.submittedBy.email].filter(Boolean).join(', '))}</p>`] : []),
    '<p><strong>Kết quả thực hiện nhiệm vụ</strong></p>',
    c.tasks.length
      ? `<table data-table="tasks" style="border-collapse:collapse;width:100%;font-size:12pt"><tr><th style="${th};width:34%">Nhiệm vụ</th><th style="${th};width:15%">Tình trạng</th><th style="${th};width:9%">Tiến độ</th><th style="${th}">Kết quả</th></tr>${c.tasks
          .map(
            (t) =>
              `<tr><td style="${td}"><strong>${esc(t.section)}</strong> ${esc(t.caption)}</td><td style="${td}">${esc(t.status)}</td><td style="${td};text-align:right">${esc(t.progress)}</td><td style="${td}">${multiline(t.result)}</td></tr>`,
          )
          .join('')}</table>`
      : '<p><em>Không báo cáo nhiệm vụ nào.</em></p>',
    ...(c.targets.length
      ? [
          '<p><strong>Chỉ tiêu</strong></p>',
          `<table data-table="targets" style="border-collapse:collapse;width:100%;font-size:12pt"><tr><th style="${th}">Chỉ tiêu</th><th style="${th}">Giá trị báo cáo</th><th style="${th}">Ghi chú</th></tr>${c.targets
            .map((t) => `<tr><td style="${td}">${esc(t.label)}</td><td style="${td};text-align:right">${esc(t.value)}</td><td style="${td}">${esc(t.note)}</td></tr>`)
            .join('')}</table>`,
        ]
      : []),
    `<p><strong>Tình hình chung</strong><br>${multiline(c.narrative)}</p>`,
    `<p><strong>Khó khăn, vướng mắc</strong><br>${multiline(c.difficulties)}</p>`,
    `<p><strong>Kiến nghị, đề xuất</strong><br>${multiline(c.recommendations)}</p>`,
    ...(c.attachments.length ? [`<p><strong>Tệp đính kèm</strong>: ${esc(c.attachments.join(', '))}</p>`] : []),
  ].join('\n');
}
