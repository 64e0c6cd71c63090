/**
 * The consolidated report as an email (HTML and text). The DOCX/XLSX documents are rendered from the
 * same `ConsolidatedReport` elsewhere; numbers come only from the model.
 */
import { viDate } from '../calendar/isoDate.js';
import type { ConsolidatedReport, TargetStatus, Timeliness } from './consolidate.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
export const TARGET_STATUS_VI: Record<TargetStatus, string> = { met: 'Đạt', 'in-progress': 'Đang thực hiện', behind: 'Chưa đạt', 'no-data': 'Chưa có số liệu' };
export const TIMELINESS_VI: Record<Timeliness, string> = { 'on-time': 'Đúng hạn', late: 'Chậm hạn', missing: 'Chưa báo cáo', exempted: 'Được miễn' };
const CMP_VI = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' } as const;
const num = (n: number) => n.toLocaleString('vi-VN');

export function consolidatedText(r: ConsolidatedReport): string {
  const t = r.completeness.totals;
  return [
    `${r.mode === 'draft' ? 'DỰ THẢO ' : ''}BÁO CÁO TỔNG HỢP ${r.periodLabel.toUpperCase()}`,
    `Kết quả thực hiện ${r.documentRef.number ? `Kế hoạch số ${r.documentRef.number}` : 'Kế hoạch'}: ${r.documentRef.title}`,
    '',
    'I. TÌNH HÌNH TRIỂN KHAI',
    `  Kế hoạch đã gửi ${r.dispatch.agencies} cơ quan, đơn vị; ${r.dispatch.tasks} nhiệm vụ; ${r.dispatch.targets} chỉ tiêu.`,
    `  Đã báo cáo: ${t.onTime + t.late}/${t.obliged} (đúng hạn ${t.onTime}, chậm ${t.late}); chưa báo cáo ${t.missing}; được miễn ${t.exempted}. Tỷ lệ đầy đủ ${num(t.completenessRate)}%, đúng hạn ${num(t.timelinessRate)}%.`,
    '',
    'II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ',
    ...r.tasks.filter((x) => x.reports.length).flatMap((x) => [`  ${x.id}. ${x.text}`, ...x.reports.map((p) => `    - ${p.agencyName}: ${p.result}${p.progress !== null ? ` (${p.progress}%)` : ''}`)]),
    '',
    'III. CHỈ TIÊU',
    ...r.targets.map((x) => `  ${x.label} (${CMP_VI[x.comparison]} ${num(x.value)}${x.unit === '%' ? '%' : ` ${x.unit}`}, năm ${x.year}): ${x.value_reported === null ? '—' : num(x.value_reported)} — ${TARGET_STATUS_VI[x.status]}`),
    '',
    'IV. KHÓ KHĂN, VƯỚNG MẮC',
    ...r.difficulties.map((d) => `  - ${d.agencyName}: “${d.text}”`),
    '',
    'V. KIẾN NGHỊ, ĐỀ XUẤT',
    ...r.recommendations.map((d) => `  - ${d.agencyName}: “${d.text}”`),
    '',
    'PHỤ LỤC: TÌNH HÌNH GỬI BÁO CÁO',
    ...r.completeness.rows.map((c) => `  ${c.agencyName}: ${TIMELINESS_VI[c.timeliness]}${c.timeliness === 'late' ? ` ${c.workingDaysLate} ngày làm việc` : ''} (hạn ${viDate(c.lastDay)})`),
    ...(r.assumptions.length ? ['', 'Ghi chú: ' + r.assumptions.join(' ')] : []),
  ].join('\n');
}

export function consolidatedHtml(r: ConsolidatedReport): string {
  const t = r.completeness.totals;
  const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag} style="border:1px solid #999;padding:4px">${c}</${tag}>`).join('')}</tr>`;
  return [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo tổng hợp</title></head><body style="font-family:\'Times New Roman\',serif">',
    `<h1 style="text-align:center;font-size:14pt">${r.mode === 'draft' ? 'DỰ THẢO ' : ''}BÁO CÁO TỔNG HỢP ${esc(r.periodLabel.toUpperCase())}</h1>`,
    `<p style="text-align:center"><em>Kết quả thực hiện ${r.documentRef.number ? `Kế hoạch số ${esc(r.documentRef.number)}` : 'Kế hoạch'}: ${esc(r.documentRef.title)}</em></p>`,
    '<h2 style="font-size:13pt">I. Tình hình triển khai</h2>',
    `<p>Kế hoạch đã gửi ${r.dispatch.agencies} cơ quan, đơn vị. Đã báo cáo ${t.onTime + t.late}/${t.obliged} (đúng hạn ${t.onTime}, chậm ${t.late}); chưa báo cáo ${t.missing}; được miễn ${t.exempted}. Tỷ lệ đầy đủ ${num(t.completenessRate)}%, đúng hạn ${num(t.timelinessRate)}%.</p>`,
    '<h2 style="font-size:13pt">II. Kết quả thực hiện nhiệm vụ</h2>',
    ...r.tasks.filter((x) => x.reports.length).map((x) => `<p><strong>${esc(x.id)}.</strong> ${esc(x.text)}</p><ul>${x.reports.map((p) => `<li>${esc(p.agencyName)}: ${esc(p.result)}${p.progress !== null ? ` (${p.progress}%)` : ''}</li>`).join('')}</ul>`),
    '<h2 style="font-size:13pt">III. Chỉ tiêu</h2>',
    '<table style="border-collapse:collapse">',
    row(['Chỉ tiêu', 'Mục tiêu', 'Năm', 'Số liệu báo cáo', 'Đánh giá'], 'th'),
    ...r.targets.map((x) => row([esc(x.label), `${CMP_VI[x.comparison]} ${num(x.value)} ${esc(x.unit)}`, String(x.year), x.value_reported === null ? '—' : num(x.value_reported), TARGET_STATUS_VI[x.status]])),
    '</table>',
    '<h2 style="font-size:13pt">IV. Khó khăn, vướng mắc</h2><ul>',
    ...r.difficulties.map((d) => `<li><strong>${esc(d.agencyName)}</strong>: “${esc(d.text)}”</li>`),
    '</ul><h2 style="font-size:13pt">V. Kiến nghị, đề xuất</h2><ul>',
    ...r.recommendations.map((d) => `<li><strong>${esc(d.agencyName)}</strong>: “${esc(d.text)}”</li>`),
    '</ul><h2 style="font-size:13pt">Phụ lục: Tình hình gửi báo cáo</h2><table style="border-collapse:collapse">',
    row(['Cơ quan, đơn vị', 'Hạn', 'Ngày gửi', 'Tình trạng'], 'th'),
    ...r.completeness.rows.map((c) => row([esc(c.agencyName) + (c.formerNames.length ? `<br><small>(thay cho ${esc(c.formerNames.join(', '))})</small>` : ''), viDate(c.lastDay), c.submittedAt ? viDate(c.submittedAt.slice(0, 10)) : '—', TIMELINESS_VI[c.timeliness] + (c.timeliness === 'late' ? ` ${c.workingDaysLate} ngày làm việc` : '')])),
    '</table>',
    ...(r.assumptions.length ? [`<p><em>Ghi chú: ${esc(r.assumptions.join(' '))}</em></p>`] : []),
    '</body></html>',
  ].join('\n');
}
