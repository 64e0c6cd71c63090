/**
 * The receipt's attachment: the submission as sent, as a Word document the agency can file (A4, Times New
 * Roman, the Decree 30 margins). Every typed line is its own paragraph: no manual line breaks.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import { assertWellFormedPackage } from '../consolidation/wellFormed.js';
import { viDateTime } from '../reporting/dates.js';
import type { SubmissionCopy } from './submissionCopy.js';

const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const TEXT_MM = 210 - 30 - 15;
const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, size: 26, ...o });
const lines = (s: string) =>
  s
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter(Boolean);
const para = (children: TextRun[], o: { center?: boolean; after?: number; keepNext?: boolean } = {}) =>
  new Paragraph({ alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED, spacing: { after: o.after ?? 80 }, keepNext: o.keepNext, children });
const heading = (text: string) => para([run(text, { bold: true })], { keepNext: true });
const texts = (s: string) => (lines(s).length ? lines(s).map((l) => para([run(l)])) : [para([run('(không ghi)', { italics: true })])]);

function table(widthsMm: number[], header: string[], rows: string[][]): Table {
  const total = widthsMm.reduce((a, b) => a + b, 0);
  const widths = widthsMm.map((w) => (TEXT_MM * w) / total);
  const cell = (text: string, i: number, bold = false) =>
    new TableCell({
      width: { size: twip(widths[i]!), type: WidthType.DXA },
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: (lines(text).length ? lines(text) : ['']).map((l) => new Paragraph({ children: [run(l, { size: 24, bold })] })),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twip(TEXT_MM), type: WidthType.DXA },
    columnWidths: widths.map(twip),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i)) })),
    ],
  });
}

export async function submissionDocx(c: SubmissionCopy, o: { documentRef: string }): Promise<Buffer> {
  const by = [c.submittedBy.name, c.submittedBy.email].filter(Boolean).join(', ');
  const doc = new Document({
    creator: c.agencyName,
    title: `Báo cáo ${c.periodLabel} – ${c.agencyName}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        properties: { page: { size: { width: twip(210), height: twip(297) }, margin: { top: twip(20), bottom: twip(20), left: twip(30), right: twip(15) } } },
        children: [
          para([run(c.agencyName.toLocaleUpperCase('vi'), { bold: true })], { center: true }),
          para([run('BÁO CÁO', { bold: true, size: 28 })], { center: true, after: 0 }),
          para([run(`Kết quả thực hiện ${o.documentRef} – ${c.periodLabel}`, { bold: true })], { center: true }),
          para(
            [run(`Bản đã gửi qua dondoc: lần ${c.revision}, lúc ${viDateTime(c.submittedAt)}${c.late ? ' (chậm hạn)' : ''}${by ? `; người gửi: ${by}` : ''}.`, { italics: true })],
            { center: true, after: 200 },
          ),
          heading('1. Kết quả thực hiện nhiệm vụ'),
          ...(c.tasks.length
            ? [
                table(
                  [14, 46, 22, 14, 74],
                  ['Mục', 'Nhiệm vụ', 'Tình trạng', 'Tiến độ', 'Kết quả'],
                  c.tasks.map((t) => [t.section, t.caption, t.status, t.progress, t.result]),
                ),
              ]
            : [para([run('Không báo cáo nhiệm vụ nào.', { italics: true })])]),
          ...(c.targets.length
            ? [
                heading('2. Chỉ tiêu'),
                table(
                  [80, 40, 50],
                  ['Chỉ tiêu', 'Giá trị báo cáo', 'Ghi chú'],
                  c.targets.map((t) => [t.label, t.value, t.note]),
                ),
              ]
            : []),
          heading(`${c.targets.length ? 3 : 2}. Tình hình chung`),
          ...texts(c.narrative),
          heading(`${c.targets.length ? 4 : 3}. Khó khăn, vướng mắc`),
          ...texts(c.difficulties),
          heading(`${c.targets.length ? 5 : 4}. Kiến nghị, đề xuất`),
          ...texts(c.recommendations),
          ...(c.attachments.length ? [para([run('Tệp đính kèm: ', { bold: true }), run(c.attachments.join(', '))])] : []),
        ],
      },
    ],
  });
  return assertWellFormedPackage(await Packer.toBuffer(doc), 'docx');
}

/** "bao-cao-son-la-37-ct-tw-2024-2026-H1-bao-son-la-lan-2.docx": ASCII, so every mail client keeps it. */
export const submissionFileName = (planId: string, period: string, agencyId: string, revision: number) => `bao-cao-${planId}-${period}-${agencyId}-lan-${revision}.docx`;
