/**
 * The consolidated report as one HTML page: the preview on the web and the body of the report emails.
 * Laid out like the printed document (letterhead side by side, Times New Roman); styles are inline so
 * mail clients keep them.
 */
import { escapeHtml } from '../html/escape.js';
import type { Block, ReportOutline } from './outline.js';
import { assertCleanHtml } from './wellFormed.js';

const esc = escapeHtml;
const cell = 'border:1px solid #000;padding:3px 5px;vertical-align:top';

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2 style="font-size:14pt;margin:12pt 0 6pt">${esc(b.text)}</h2>`;
    case 'paragraph':
      return `<p style="text-indent:1cm;text-align:justify;margin:0 0 6pt">${(b.italic ? `<em>${esc(b.text)}</em>` : esc(b.text)).replace(/\n/g, '<br>')}</p>`;
    case 'subheading':
      return `<p style="text-indent:1cm;text-align:justify;margin:6pt 0 6pt;font-weight:bold">${esc(b.text)}</p>`;
    case 'item':
      return `<p style="text-indent:1cm;text-align:justify;margin:0 0 6pt">- <strong>${esc(b.label)}</strong>: ${b.quoted ? `“${esc(b.text)}”` : esc(b.text)}</p>`;
    case 'table': {
      const total = b.columns.reduce((s, c) => s + c.width, 0);
      const head = `<tr>${b.columns.map((c) => `<th style="${cell};width:${((100 * c.width) / total).toFixed(1)}%;text-align:center">${esc(c.title)}</th>`).join('')}</tr>`;
      const rows = b.rows.map((r) => `<tr>${r.map((v, i) => `<td style="${cell};text-align:${b.columns[i]!.align}">${esc(v)}</td>`).join('')}</tr>`);
      const totals = b.totals ? [`<tr>${b.totals.map((v, i) => `<td style="${cell};text-align:${b.columns[i]!.align};font-weight:bold">${esc(v)}</td>`).join('')}</tr>`] : [];
      return `<table data-table="${b.id}" style="border-collapse:collapse;width:100%;font-size:12pt;margin:6pt 0">${head}${rows.join('')}${totals.join('')}</table>`;
    }
  }
}

export function reportHtml(o: ReportOutline): string {
  const l = o.letterhead;
  const s = l.signature;
  // No character XML forbids: the page is also a mail body and is compared cell for cell with the DOCX.
  return assertCleanHtml(page(o, l, s), 'html');
}

function page(o: ReportOutline, l: ReportOutline['letterhead'], s: ReportOutline['letterhead']['signature']): string {
  return [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
    `<title>${esc(`${o.draft ? 'Dự thảo – ' : ''}${o.documentType} ${l.summary}`)}</title></head>`,
    '<body style="font-family:\'Times New Roman\',Times,serif;font-size:14pt;max-width:17cm;margin:1cm auto;color:#000;background:#fff">',
    o.draft ? '<p style="text-align:right;font-weight:bold;border:1px solid #000;display:inline-block;float:right;padding:2px 6px">DỰ THẢO</p>' : '',
    '<table style="width:100%;border-collapse:collapse"><tr>',
    `<td style="width:40%;text-align:center;vertical-align:top;font-size:13pt">${esc(l.issuingBodyParent)}<br><strong>${esc(l.issuingBody)}</strong><hr style="width:35%;border:0;border-top:1px solid #000;margin:2px auto 6px"><span>${esc(l.numberLine)}</span></td>`,
    '<td style="width:60%;text-align:center;vertical-align:top;font-size:13pt"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><strong style="font-size:14pt">Độc lập - Tự do - Hạnh phúc</strong><hr style="width:55%;border:0;border-top:1px solid #000;margin:2px auto 6px">',
    `<em>${esc(l.dateLine)}</em></td></tr></table>`,
    `<h1 style="text-align:center;font-size:14pt;margin:18pt 0 0">${o.documentType}</h1>`,
    `<p style="text-align:center;font-weight:bold;margin:0 0 2pt">${esc(l.summary)}</p><hr style="width:25%;border:0;border-top:1px solid #000;margin:0 auto 12pt">`,
    ...o.body.map(block),
    ...(o.notes.length ? [`<p style="font-style:italic;font-size:12pt">Ghi chú: ${esc(o.notes.join(' '))}</p>`] : []),
    '<table style="width:100%;border-collapse:collapse;margin-top:12pt"><tr>',
    `<td style="width:50%;vertical-align:top;font-size:11pt"><strong><em style="font-size:12pt">Nơi nhận:</em></strong><br>${l.copiesTo.map((c) => `- ${esc(c)}`).join('<br>')}</td>`,
    `<td style="width:50%;vertical-align:top;text-align:center"><strong>${s.authority ? `${esc(s.authority)}<br>` : ''}${esc(s.title)}</strong><br><br><br><br><strong>${esc(s.name ?? '')}</strong></td>`,
    '</tr></table>',
    `<h2 style="text-align:center;font-size:14pt;margin-top:24pt;page-break-before:always">${esc(o.annex.title)}</h2>`,
    `<p style="text-align:center;font-weight:bold">${esc(o.annex.subtitle)}</p>`,
    ...o.annex.blocks.map(block),
    '</body></html>',
  ].join('\n');
}
