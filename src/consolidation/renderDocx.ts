/**
 * The consolidated report as a Word document in the form Decree 30/2020/NĐ-CP (Appendix I) sets for
 * administrative documents: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman;
 * issuing body and national motto side by side; page numbers centred at the top from page 2; "Nơi nhận"
 * and the signature block side by side at the end; the annex on a page of its own.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Align, Block, ReportOutline } from './outline.js';
import { assertWellFormedPackage } from './wellFormed.js';

/** Sizes in half-points, as Word counts them. */
const pt = (n: number) => n * 2;
const BODY = pt(14);
const TEXT_WIDTH_MM = 210 - 30 - 15;
/** Millimetres to twentieths of a point, rounded as Word does (A4 = 11906 × 16838). */
const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, size: BODY, ...o });

function lines(texts: string[], o: Omit<IRunOptions, 'text'> & { align?: Align } = {}): Paragraph[] {
  const { align = 'center', ...runOptions } = o;
  return texts.map((t) => new Paragraph({ alignment: ALIGN[align], children: [run(t, runOptions)] }));
}

/** A short centred rule under a heading block (Decree 30 draws one under the issuing body and the motto). */
function rule(widthMm: number, columnMm: number): Paragraph {
  const side = Math.max(0, (columnMm - widthMm) / 2);
  return new Paragraph({
    indent: { left: twip(side), right: twip(side) },
    spacing: { after: 60 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

function borderless(columnsMm: number[], cells: Paragraph[][]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twip(columnsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: columnsMm.map(twip),
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: cells.map((children, i) => new TableCell({ width: { size: twip(columnsMm[i]!), type: WidthType.DXA }, children })),
      }),
    ],
  });
}

function letterhead(o: ReportOutline): Table {
  const l = o.letterhead;
  const left = 62;
  const right = TEXT_WIDTH_MM - left + 8;
  return borderless(
    [left, right],
    [
      [...lines([l.issuingBodyParent], { size: pt(13) }), ...lines([l.issuingBody], { size: pt(13), bold: true }), rule(22, left), ...lines([l.numberLine], { size: pt(13) })],
      [
        ...lines(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'], { size: pt(13), bold: true }),
        ...lines(['Độc lập - Tự do - Hạnh phúc'], { size: pt(14), bold: true }),
        rule(58, right),
        ...lines([l.dateLine], { size: pt(14), italics: true }),
      ],
    ],
  );
}

function dataTable(b: Extract<Block, { kind: 'table' }>): Table {
  const total = b.columns.reduce((s, c) => s + c.width, 0);
  const widths = b.columns.map((c) => (TEXT_WIDTH_MM * c.width) / total);
  const cell = (text: string, i: number, o: { bold?: boolean; header?: boolean } = {}) =>
    new TableCell({
      width: { size: twip(widths[i]!), type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [new Paragraph({ alignment: o.header ? AlignmentType.CENTER : ALIGN[b.columns[i]!.align], children: [run(text, { size: pt(12), bold: o.bold })] })],
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: widths.map(twip),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.title, i, { bold: true, header: true })) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i)) })),
      ...(b.totals ? [new TableRow({ cantSplit: true, children: b.totals.map((v, i) => cell(v, i, { bold: true })) })] : []),
    ],
  });
}

/**
 * Body paragraphs: justified, first line indented 1 cm, 6 pt after (Decree 30: at least 6 pt). A text of
 * several lines becomes several paragraphs, never a manual line break: a justified line that ends in a
 * break is stretched across the page by Word and LibreOffice alike.
 */
function body(b: Block, keepWithNext = false): (Paragraph | Table)[] {
  const para = (children: TextRun[], o: { keepNext?: boolean } = {}) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: twip(10) },
      spacing: { after: 120, line: 276 },
      ...(o.keepNext ? { keepNext: true, keepLines: true } : {}),
      children,
    });
  const lines = (text: string) =>
    text
      .split(/\r?\n/u)
      .map((l) => l.trim())
      .filter(Boolean);
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ indent: { firstLine: twip(10) }, spacing: { before: 120, after: 120 }, keepNext: true, keepLines: true, children: [run(b.text, { bold: true })] })];
    case 'subheading':
      return [para([run(b.text, { bold: true })], { keepNext: true })];
    case 'paragraph':
      return lines(b.text).map((line, i, all) => para([run(line, { italics: b.italic })], { keepNext: keepWithNext && i === all.length - 1 }));
    case 'item': {
      const [first = '', ...rest] = lines(b.text);
      const open = b.quoted ? '“' : '';
      const close = (i: number) => (b.quoted && i === rest.length ? '”' : '');
      return [
        // Only the block's last paragraph keeps with what follows: a long chain of kept paragraphs cannot fit a page.
        para([run('- '), run(b.label, { bold: true }), run(': '), run(`${open}${first}${close(0)}`)], { keepNext: keepWithNext && !rest.length }),
        ...rest.map((line, i) => para([run(`${line}${close(i + 1)}`)], { keepNext: keepWithNext && i === rest.length - 1 })),
      ];
    }
    case 'table':
      return [dataTable(b)];
  }
}

/**
 * "Nơi nhận" and the signature side by side in one table row that cannot break across pages (cantSplit),
 * every paragraph in it kept with the next: the block moves to the next page whole, never half.
 */
function signature(o: ReportOutline): Table {
  const l = o.letterhead;
  const s = l.signature;
  const left = 80;
  const keep = { keepNext: true, keepLines: true } as const;
  const centred = (texts: string[], bold: boolean) => texts.map((t) => new Paragraph({ alignment: AlignmentType.CENTER, ...keep, children: [run(t, { bold })] }));
  const widths = [left, TEXT_WIDTH_MM - left];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: widths.map(twip),
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: twip(widths[0]!), type: WidthType.DXA },
            children: [
              new Paragraph({ ...keep, children: [run('Nơi nhận:', { size: pt(12), bold: true, italics: true })] }),
              ...l.copiesTo.map((c) => new Paragraph({ ...keep, children: [run(`- ${c}`, { size: pt(11) })] })),
            ],
          }),
          new TableCell({
            width: { size: twip(widths[1]!), type: WidthType.DXA },
            children: [...centred([...(s.authority ? [s.authority] : []), s.title], true), ...centred(['', '', '', ''], false), ...centred([s.name ?? ''], true)],
          }),
        ],
      }),
    ],
  });
}

export async function reportDocx(o: ReportOutline): Promise<Buffer> {
  const l = o.letterhead;
  const doc = new Document({
    creator: l.issuingBody,
    title: `${o.documentType} ${l.summary}`,
    description: 'Báo cáo tổng hợp do dondoc lập từ báo cáo của các cơ quan, đơn vị',
    styles: { default: { document: { run: { font: 'Times New Roman', size: BODY } } } },
    sections: [
      {
        properties: {
          // Page 1 has no number (Decree 30): a blank first-page header.
          titlePage: true,
          page: {
            size: { width: twip(210), height: twip(297) },
            margin: { top: twip(20), bottom: twip(20), left: twip(30), right: twip(15), header: twip(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: BODY })] })] }),
        },
        children: [
          ...(o.draft ? [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run('DỰ THẢO', { bold: true, size: pt(13) })] })] : []),
          letterhead(o),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360 }, children: [run(o.documentType, { bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l.summary, { bold: true })] }),
          rule(30, TEXT_WIDTH_MM),
          // The last block of the body stays with the signature (Decree 30 practice: never a signature alone).
          ...o.body.flatMap((b, i) => body(b, i === o.body.length - 1)),
          ...o.notes.map((n) => new Paragraph({ spacing: { before: 120 }, keepNext: true, keepLines: true, children: [run(`Ghi chú: ${n}`, { italics: true, size: pt(12) })] })),
          // Kept with the signature: the block never starts a page with nothing of the report above it.
          new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [] }),
          signature(o),
          // The annex starts a page of its own by its title's page-break-before, not by an empty paragraph
          // with a page break (which LibreOffice lays out as a blank page when the signature ends a page).
          new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.CENTER, keepNext: true, children: [run(o.annex.title, { bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, keepNext: true, children: [run(o.annex.subtitle, { bold: true })] }),
          ...o.annex.blocks.flatMap((b) => (b.kind === 'table' ? [...body(b), new Paragraph({ spacing: { after: 120 }, children: [] })] : body(b))),
        ],
      },
    ],
  });
  // Never send a document Word cannot open.
  return assertWellFormedPackage(await Packer.toBuffer(doc), 'docx');
}
