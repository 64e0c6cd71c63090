/**
 * The directory table (table.ts) as files: CSV through fast-csv (the parser exceljs itself uses; UTF-8
 * with a BOM so Excel opens Vietnamese text correctly, comma or semicolon separated on import) and XLSX
 * through exceljs (the library of the report annex). Every cell is read and written as text: a phone
 * number keeps its leading zero, a day stays dd/mm/yyyy.
 */
import ExcelJS from 'exceljs';
import { parseString, writeToString } from 'fast-csv';
import { COLUMNS } from './table.js';

export const SHEET = 'Danh bạ cơ quan';

export async function toCsv(rows: string[][]): Promise<Buffer> {
  return Buffer.from(`\uFEFF${await writeToString(rows, { alwaysWriteHeaders: false, quoteColumns: false, rowDelimiter: '\r\n' })}\r\n`, 'utf8');
}

/** Rows of a CSV file; the separator is the header line's (Excel in a Vietnamese locale writes ";"). */
export async function fromCsv(buf: Buffer): Promise<string[][]> {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { delimiter, ignoreEmpty: true, strictColumnHandling: false, discardUnmappedColumns: false })
      .on('error', (err: Error) => reject(new Error(`Tệp CSV không đọc được: ${err.message}`)))
      .on('data', (r: string[]) => rows.push(r))
      .on('end', () => resolve(rows));
  });
}

export async function toXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dondoc';
  const ws = wb.addWorksheet(SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = COLUMNS.map((c) => ({
    width: c === 'Tên' || c === 'Chức năng kế thừa' || c === 'Căn cứ' ? 40 : c === 'Mã cơ quan' || c === 'Cơ quan kế thừa' || c === 'Thư điện tử' ? 32 : 16,
    style: { numFmt: '@' },
  }));
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A cell as the officer sees it: text, a number as written, a date as dd/mm/yyyy, a link's or formula's shown text. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const d = v; // exceljs gives a day at UTC midnight
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Rows of the workbook's first sheet (or the one named SHEET). */
export async function fromXlsx(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new Error(`Tệp XLSX không đọc được: ${(err as Error).message}`);
  }
  const ws = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(Array.from({ length: width }, (_, c) => cellText(row.getCell(c + 1).value)));
  }
  return rows;
}
