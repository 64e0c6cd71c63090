/** The standing agency officer's morning summary (issue 15.5), Vietnamese, text plus HTML. Pure. */
import { viDate } from '../calendar/isoDate.js';
import { escapeHtml as esc } from '../html/escape.js';
import type { OfficerLine, OfficerSummary } from '../reporting/officerSummary.js';
import type { RenderedMail } from './templates.js';

const FOOTER = 'Hệ thống đôn đốc báo cáo dondoc (thư gửi tự động, vui lòng không trả lời thư này).';

export function officerMorningMail(s: OfficerSummary, greeting: string): RenderedMail {
  const blocks: [string, OfficerLine[]][] = [
    ['Chờ quyết định của cơ quan thường trực', s.decisions],
    ['Không liên lạc được (thư bị trả lại hoặc bị từ chối)', s.unreachable],
    ['Đã quá hạn', s.late],
    ['Sắp đến hạn', s.dueSoon],
  ];
  const shown = blocks.filter(([, lines]) => lines.length > 0);
  const subject = `[Tình hình báo cáo] ${viDate(s.day)} – ${shown.map(([h, l]) => `${h.split(' (')[0]!.toLowerCase()}: ${l.length}`).join(', ')}`;
  const lineText = (l: OfficerLine) => `${l.name} – ${l.documentRef}, ${l.periodLabel}: ${l.detail} (${l.link})`;
  const text = [
    `Kính gửi: ${greeting}`,
    '',
    `Tình hình báo cáo các kế hoạch do cơ quan theo dõi, sáng ngày ${viDate(s.day)}:`,
    '',
    ...shown.flatMap(([h, lines]) => [`${h} (${lines.length}):`, ...lines.map((l) => `  - ${lineText(l)}`), '']),
    '--',
    FOOTER,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>`,
    '<body style="font-family: \'Times New Roman\', serif; font-size: 14pt; line-height: 1.4">',
    `<p>Kính gửi: ${esc(greeting)}</p>`,
    `<p>Tình hình báo cáo các kế hoạch do cơ quan theo dõi, sáng ngày ${viDate(s.day)}:</p>`,
    ...shown.map(
      ([h, lines]) =>
        `<p><strong>${esc(h)} (${lines.length})</strong></p><ul>${lines.map((l) => `<li><a href="${esc(l.link)}">${esc(l.name)}</a> – ${esc(l.documentRef)}, ${esc(l.periodLabel)}: ${esc(l.detail)}</li>`).join('')}</ul>`,
    ),
    `<hr><p style="font-size: 11pt; color: #555">${FOOTER}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: subject.normalize('NFC'), text: text.normalize('NFC'), html: html.normalize('NFC') };
}
