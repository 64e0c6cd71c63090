/**
 * The leader's digest of the day (issue 15.4): one email across plans and periods, one section per plan
 * (the per-plan digest of old, now a section), the most overdue first, each with a link to the plan's
 * grid. Vietnamese, dates dd/mm/yyyy, plain text plus HTML like the other templates. Pure.
 */
import { viDate } from '../calendar/isoDate.js';
import { escapeHtml as esc } from '../html/escape.js';
import type { LeaderDigest } from '../reporting/leaderDigest.js';
import type { RenderedMail } from './templates.js';

const FOOTER = 'Hệ thống đôn đốc báo cáo dondoc (thư gửi tự động, vui lòng không trả lời thư này).';

/** "đã nhắc 3 lần: …" as its own line under the agency. */
const proofText = (proof: string) => proof.charAt(0).toLocaleUpperCase('vi') + proof.slice(1);

const rowText = (r: LeaderDigest['sections'][number]['rows'][number]) =>
  `${r.agencyName} – báo cáo ${r.periodLabel}: hạn ${viDate(r.lastDay)}, chậm ${r.workingDaysLate} ngày làm việc${r.isNew ? ' (mới)' : ''}`;

export function leaderDayMail(d: LeaderDigest): RenderedMail {
  const plans = d.sections.length;
  const subject = `[Tổng hợp chậm báo cáo] ${viDate(d.day)} – ${d.total} cơ quan chưa gửi báo cáo${plans > 1 ? ` – ${plans} kế hoạch` : ` – ${d.sections[0]?.documentRef ?? ''}`}`;
  const intro =
    `Đến ngày ${viDate(d.day)}, ${d.total} lượt cơ quan, đơn vị chưa gửi báo cáo đã quá hạn đến bước báo cáo lãnh đạo` +
    `${plans > 1 ? `, thuộc ${plans} kế hoạch` : ''}${d.newCount && d.newCount < d.total ? `; ${d.newCount} lượt mới từ thư trước` : ''}. ` +
    'Danh sách xếp theo kế hoạch, cơ quan chậm lâu nhất ở đầu. Báo cáo gửi muộn vẫn được tiếp nhận và ghi nhận là chậm hạn.';
  const text = [
    `Kính gửi: ${d.greeting}`,
    '',
    intro,
    '',
    ...d.sections.flatMap((s, n) => [
      `${n + 1}. ${s.documentRef} – ${s.title}`,
      ...s.rows.flatMap((r) => [`  - ${rowText(r)}`, ...(r.proof ? [`    ${proofText(r.proof)}`] : [])]),
      `  Bảng theo dõi: ${s.gridLink}`,
      '',
    ]),
    '--',
    FOOTER,
  ].join('\n');
  const th = 'style="text-align:left; border-bottom:1px solid #999; padding:4px 8px"';
  const td = 'style="padding:4px 8px; border-bottom:1px solid #ddd; vertical-align:top"';
  const html = [
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>`,
    '<body style="font-family: \'Times New Roman\', serif; font-size: 14pt; line-height: 1.4">',
    `<p>Kính gửi: ${esc(d.greeting)}</p>`,
    `<p>${esc(intro)}</p>`,
    ...d.sections.map((s, n) =>
      [
        `<h3 style="font-size:14pt; margin:18px 0 6px">${n + 1}. ${esc(s.documentRef)} – ${esc(s.title)}</h3>`,
        '<table style="border-collapse:collapse; font-size:13pt">',
        `<thead><tr><th ${th}>Cơ quan, đơn vị</th><th ${th}>Kỳ báo cáo</th><th ${th}>Hạn</th><th ${th}>Chậm (ngày làm việc)</th></tr></thead><tbody>`,
        ...s.rows.map(
          (r) =>
            `<tr><td ${td}><a href="${esc(r.link)}">${esc(r.agencyName)}</a>${r.isNew ? ' <strong style="color:#a00">mới</strong>' : ''}${r.proof ? `<br><span style="font-size:11pt; color:#444">${esc(proofText(r.proof))}</span>` : ''}</td><td ${td}>${esc(r.periodLabel)}</td><td ${td}>${viDate(r.lastDay)}</td><td ${td} align="right">${r.workingDaysLate}</td></tr>`,
        ),
        '</tbody></table>',
        `<p style="margin:6px 0 0"><a href="${esc(s.gridLink)}">Mở bảng theo dõi ${esc(s.documentRef)}</a></p>`,
      ].join('\n'),
    ),
    `<hr><p style="font-size: 11pt; color: #555">${FOOTER}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.normalize('NFC'), text: text.normalize('NFC'), html: html.normalize('NFC') };
}
